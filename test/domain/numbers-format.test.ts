import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, presented } from "../../src/domain/decimal.js";
import { formatCount, formatDecimal, formatMoney, formatPercent, formatPlain, formatPoints, formatRatio } from "../../src/domain/numbers/format.js";
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

  it("writes counts in messages with a dot between thousands, and refuses anything but a whole number", () => {
    expect([0, 7, 999, 1000, 4096, 13000, 1234567, -2500].map(formatCount)).toEqual(["0", "7", "999", "1.000", "4.096", "13.000", "1.234.567", "-2.500"]);
    expect(() => formatCount(2.5)).toThrow(/not a whole number/);
    expect(() => formatCount(Number.NaN)).toThrow(/not a whole number/);
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

/**
 * The formatter rounds once, with decimal.js's `toFixed`, and works on the
 * digits. What it must print is defined here the plain way: round with
 * `presented` (half-up, no negative zero), then print the rounded value.
 */
const reference = {
  decimal(value: Decimal, decimals: number): string {
    const fixed = presented(value, decimals).toFixed(decimals);
    const negative = fixed.startsWith("-");
    const [intPart = "0", fraction] = (negative ? fixed.slice(1) : fixed).split(".");
    const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    const body = fraction ? `${grouped},${fraction}` : grouped;
    return negative ? `-${body}` : body;
  },
  money(value: Decimal, style: "rp" | "rp-dash"): string {
    const hasSen = !presented(value, 2).isInteger();
    const amount = reference.decimal(value, hasSen ? 2 : 0);
    const negative = amount.startsWith("-");
    const digits = negative ? amount.slice(1) : amount;
    const sign = negative ? "-" : "";
    return style === "rp-dash" ? `${sign}Rp ${digits}${hasSen ? "" : ",-"}` : `${sign}Rp${digits}`;
  },
  plain(value: Decimal, maxDecimals: number): string {
    const rounded = presented(value, maxDecimals);
    return reference.decimal(rounded, rounded.decimalPlaces());
  },
};

describe("formatting prints the value rounded once, half-up (against the plain definition)", () => {
  const edges = ["0", "-0", "-0.001", "-0.005", "0.005", "-0.0049999", "9.995", "-9.995", "999.995", "999999.9951", "-999999.995", "0.00001", "1000", "-1000.5", "123456789012345678901234.56789"];
  it("at the edges: carries into a new group, values that round to zero, long numbers", () => {
    for (const text of edges) {
      for (const decimals of [0, 1, 2, 4]) {
        expect(formatDecimal(d(text), decimals), `${text} ${decimals}`).toBe(reference.decimal(d(text), decimals));
        expect(formatPlain(d(text), decimals), `${text} ${decimals}`).toBe(reference.plain(d(text), decimals));
      }
      for (const style of ["rp", "rp-dash"] as const) expect(formatMoney(d(text), style), `${text} ${style}`).toBe(reference.money(d(text), style));
    }
    expect(formatDecimal(d("999.995"), 2)).toBe("1.000,00");
    expect(formatMoney(d("-0.004"))).toBe("Rp0");
    expect(formatMoney(d("-1234.996"), "rp-dash")).toBe("-Rp 1.235,-");
    expect(formatPlain(d("-0.00001"), 4)).toBe("0");
    expect(formatPlain(d("86.10"), 2)).toBe("86,1");
  });

  it("for any value", () => {
    fc.assert(
      fc.property(decimalArb(6, 10n ** 15n), fc.integer({ min: 0, max: 4 }), fc.constantFrom("rp" as const, "rp-dash" as const), (v, decimals, style) => {
        expect(formatDecimal(v, decimals)).toBe(reference.decimal(v, decimals));
        expect(formatPlain(v, decimals)).toBe(reference.plain(v, decimals));
        expect(formatMoney(v, style)).toBe(reference.money(v, style));
      }),
      { numRuns: 5000 },
    );
  });
});
