import { describe, expect, it } from "vitest";
import { parseNumber, parseRatio, type NumberKind } from "../../src/domain/numbers/parse.js";
import { numberErrorMessage } from "../../src/domain/numbers/messages.js";

const value = (input: string, kind: NumberKind) => {
  const r = parseNumber(input, { kind });
  if (!r.ok) throw new Error(`${input} (${kind}) failed: ${r.error.code}`);
  return r.value.toFixed();
};
const errorOf = (input: string, kind: NumberKind) => {
  const r = parseNumber(input, { kind });
  if (r.ok) throw new Error(`${input} (${kind}) unexpectedly parsed as ${r.value.toFixed()}`);
  return r.error;
};

describe("parseNumber: what officers type", () => {
  it.each([
    ["86,11", "percent", "86.11"],
    ["86.11", "percent", "86.11"],
    ["86,11%", "percent", "86.11"],
    ["86,11 %", "percent", "86.11"],
    ["100", "percent", "100"],
    ["0,5", "percent", "0.5"],
    ["1.373.500.000", "money", "1373500000"],
    ["1.373.500.000,00", "money", "1373500000"],
    ["Rp 1.373.500.000,-", "money", "1373500000"],
    ["Rp1.373.500.000", "money", "1373500000"],
    ["Rp. 1.373.500.000,00", "money", "1373500000"],
    ["Rp 1,37 M", "money", "1370000000"],
    ["1,37 miliar", "money", "1370000000"],
    ["1,37 milyar", "money", "1370000000"],
    ["250 jt", "money", "250000000"],
    ["250 juta", "money", "250000000"],
    ["2,5 T", "money", "2500000000000"],
    ["75 rb", "money", "75000"],
    ["1,373,500,000.00", "money", "1373500000"],
    ["1.373", "count", "1373"],
    ["1,373", "count", "1373"],
    ["382", "count", "382"],
    ["1.373.500", "decimal", "1373500"],
    ["1.373,5", "decimal", "1373.5"],
    ["0,125", "decimal", "0.125"],
    ["1234,567", "decimal", "1234.567"],
    ["-5,5", "decimal", "-5.5"],
    ["\u2212 5,5", "decimal", "-5.5"],
    ["８６,１１", "percent", "86.11"],
    ["  86,11\u00a0", "percent", "86.11"],
  ] as const)("%s as %s → %s", (input, kind, expected) => {
    expect(value(input, kind)).toBe(expected);
  });

  it("resolves 1.373 by the field's kind: thousands for counts and money, a decimal for a percentage", () => {
    expect(value("1.373", "count")).toBe("1373");
    expect(value("1.373", "money")).toBe("1373");
    expect(value("1.373", "percent")).toBe("1.373");
    expect(value("1,373", "percent")).toBe("1.373");
  });

  it("reports 1.373 as ambiguous where the kind cannot decide, with both readings", () => {
    const error = errorOf("1.373", "decimal");
    expect(error.code).toBe("ambiguous");
    expect(numberErrorMessage(error, "decimal")).toBe(
      '"1.373" bisa berarti 1373 (ribuan) atau 1,373 (desimal). Tulis tanpa titik ribuan (1373) atau dengan koma desimal (1,373).',
    );
    expect(errorOf("1,373", "decimal").code).toBe("ambiguous");
  });

  it.each([
    ["", "percent", "empty"],
    ["   ", "percent", "empty"],
    ["abc", "percent", "not_a_number"],
    ["86,11,5", "percent", "bad_grouping"],
    ["1.37.500", "money", "bad_grouping"],
    ["12..5", "percent", "not_a_number"],
    ["5.", "percent", "not_a_number"],
    ["-5", "count", "negative"],
    ["-Rp 5", "money", "negative"],
    ["1,5", "count", "not_integer"],
    ["86,11%", "money", "percent_not_allowed"],
    ["86%", "count", "percent_not_allowed"],
    ["Rp 5", "percent", "money_not_allowed"],
    ["5 jt", "count", "multiplier_not_allowed"],
    ["1,333333333333 M", "money", "too_many_decimals"],
    ["99999999999999999999", "money", "too_large"],
    ["1.000.000 T", "money", "too_large"],
    ["1".repeat(80), "count", "too_long"],
    ["<b>5</b>", "percent", "not_a_number"],
    ["{\"a\":1}", "percent", "not_a_number"],
    ["5e3", "percent", "not_a_number"],
    ["0x10", "count", "not_a_number"],
  ] as const)("rejects %j as %s with %s", (input, kind, code) => {
    expect(errorOf(input, kind).code).toBe(code);
  });

  it("gives an example of what is accepted in every error message", () => {
    expect(numberErrorMessage(errorOf("abc", "percent"), "percent")).toBe(
      '"abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.',
    );
    expect(numberErrorMessage(errorOf("1,5", "count"), "count")).toBe('Isian ini harus bilangan bulat ("1,5"), misalnya 1.373.');
    expect(numberErrorMessage(errorOf("", "money"), "money")).toBe(
      "Isian masih kosong. Ketik sebuah angka, misalnya 1.373.500.000 atau 1,37 M.",
    );
  });
});

describe("parseRatio", () => {
  it("reads numerator and denominator", () => {
    for (const input of ["56/57", "56 / 57", "56 dari 57", "56:57"]) {
      const r = parseRatio(input);
      expect(r.ok && [r.value.numerator.toFixed(), r.value.denominator.toFixed()]).toEqual(["56", "57"]);
    }
    const big = parseRatio("1.373/2.000");
    expect(big.ok && big.value.numerator.toFixed()).toBe("1373");
  });

  it("rejects a zero denominator and things that are not a ratio", () => {
    const zero = parseRatio("5/0");
    expect(!zero.ok && zero.error.code).toBe("denominator_zero");
    const text = parseRatio("56");
    expect(!text.ok && text.error.code).toBe("not_a_ratio");
    const bad = parseRatio("a/b");
    expect(!bad.ok && bad.error.code).toBe("not_a_number");
  });
});
