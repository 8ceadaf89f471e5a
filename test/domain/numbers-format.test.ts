import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { formatDecimal, formatMoney, formatPercent, formatPlain, formatPoints, formatRatio } from "../../src/domain/numbers/format.js";
import { parseNumber } from "../../src/domain/numbers/parse.js";

const d = (v: string) => new Decimal(v);

describe("Indonesian formatting", () => {
  it("groups thousands with dots and uses a decimal comma", () => {
    expect(formatDecimal(d("1373500000"), 0)).toBe("1.373.500.000");
    expect(formatDecimal(d("1373500000.5"), 2)).toBe("1.373.500.000,50");
    expect(formatPercent(d("86.11"), 2)).toBe("86,11%");
    expect(formatPercent(d("107.638888888"), 2)).toBe("107,64%");
    expect(formatPercent(d("100"), 2)).toBe("100,00%");
    expect(formatPercent(d("107.638888888"), 0)).toBe("108%");
    expect(formatPercent(d("107.65"), 1)).toBe("107,7%");
  });

  it("rounds half-up at presentation and never prints a negative zero or a float tail", () => {
    expect(formatDecimal(d("2.345"), 2)).toBe("2,35");
    expect(formatDecimal(d("-2.345"), 2)).toBe("-2,35");
    expect(formatDecimal(d("-0.001"), 2)).toBe("0,00");
    expect(formatDecimal(d("98.24000000001"), 2)).toBe("98,24");
    expect(formatDecimal(new Decimal(0.1).plus(0.2), 2)).toBe("0,30");
  });

  it("writes Rupiah in both styles", () => {
    expect(formatMoney(d("1373500000"))).toBe("Rp1.373.500.000");
    expect(formatMoney(d("1373500000"), "rp-dash")).toBe("Rp 1.373.500.000,-");
    expect(formatMoney(d("1373500000.5"))).toBe("Rp1.373.500.000,50");
    expect(formatMoney(d("1373500000.5"), "rp-dash")).toBe("Rp 1.373.500.000,50");
    expect(formatMoney(d("0"))).toBe("Rp0");
  });

  it("writes efficiency ratios without % and points with 'poin'", () => {
    expect(formatRatio(d("1.125009"))).toBe("1,13");
    expect(formatPoints(d("6.11"), 2)).toBe("6,11 poin");
    expect(formatPlain(d("86.1"))).toBe("86,1");
    expect(formatPlain(d("100"))).toBe("100");
  });
});

/** A random decimal with up to `places` decimals below `max`. */
const decimalArb = (places: number, maxInteger: bigint) =>
  fc
    .tuple(fc.bigInt({ min: 0n, max: maxInteger }), fc.integer({ min: 0, max: 10 ** places - 1 }), fc.boolean())
    .map(([i, f, neg]) => {
      const text = places === 0 ? i.toString() : `${i}.${String(f).padStart(places, "0")}`;
      const v = new Decimal(text);
      return neg ? v.negated() : v;
    });

describe("parse ∘ format round trip (property)", () => {
  it("percentages with 1–2 decimals, any size", () => {
    fc.assert(
      fc.property(decimalArb(2, 10n ** 12n), fc.integer({ min: 1, max: 2 }), (v, places) => {
        const printed = formatPercent(v, places);
        const back = parseNumber(printed, { kind: "percent" });
        expect(back.ok && back.value.equals(v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("percentages printed without decimals round-trip below 1000", () => {
    fc.assert(
      fc.property(decimalArb(0, 999n), (v) => {
        const back = parseNumber(formatPercent(v, 0), { kind: "percent" });
        expect(back.ok && back.value.equals(v)).toBe(true);
      }),
    );
  });

  it("Rupiah amounts in both styles, with and without sen", () => {
    fc.assert(
      fc.property(decimalArb(2, 10n ** 14n), fc.constantFrom("rp" as const, "rp-dash" as const), (v, style) => {
        const amount = v.abs();
        const back = parseNumber(formatMoney(amount, style), { kind: "money" });
        expect(back.ok && back.value.equals(amount)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("counts with thousands separators", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (n) => {
        const back = parseNumber(formatDecimal(new Decimal(n.toString()), 0), { kind: "count" });
        expect(back.ok && back.value.toFixed()).toBe(n.toString());
      }),
      { numRuns: 2000 },
    );
  });

  it("generic decimals printed with two decimals are never ambiguous", () => {
    fc.assert(
      fc.property(decimalArb(2, 10n ** 12n), (v) => {
        const back = parseNumber(formatDecimal(v, 2), { kind: "decimal" });
        expect(back.ok && back.value.equals(v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
