/**
 * Parser for the numbers officers type: `86,11`, `86.11`, `1.373.500.000`,
 * `1.373.500.000,00`, `Rp 1,37 M`, `1,37 miliar`, `250 jt`, `86,11%`.
 *
 * A separator followed by exactly three digits ("1.373") can mean a
 * thousands group or a decimal part. The field's kind decides:
 *  - count and money: thousands (1.373 orang, Rp1.373);
 *  - percent: decimal (1,373%), because 1.373% as "one thousand" is not a
 *    plausible percentage;
 *  - decimal (indices, scores, /cek): reported as ambiguous, never guessed.
 */
import { Decimal } from "../decimal.js";
import { normalizeInput } from "./normalize.js";

export type NumberKind = "percent" | "count" | "money" | "decimal";

export type NumberErrorCode =
  | "empty"
  | "too_long"
  | "not_a_number"
  | "ambiguous"
  | "bad_grouping"
  | "negative"
  | "not_integer"
  | "too_many_decimals"
  | "too_large"
  | "percent_not_allowed"
  | "money_not_allowed"
  | "multiplier_not_allowed"
  | "denominator_zero"
  | "not_a_ratio";

export interface NumberError {
  code: NumberErrorCode;
  /** What the user typed (normalised), for the message. */
  input: string;
  /** Extra values for the message, already formatted for people. */
  params?: Record<string, string>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: NumberError };

export interface ParseOptions {
  kind: NumberKind;
  /** Allow a leading minus sign. Default: false for count and money, true otherwise. */
  allowNegative?: boolean;
  /** Require an integer. Default: true for count, false otherwise. */
  integer?: boolean;
  /** Most decimal places accepted. Default: 2 for money, 6 otherwise. */
  maxDecimals?: number;
}

const MAX_INPUT_LENGTH = 60;
/** Up to (but excluding) one thousand trillion: the range terbilang and reports use. */
const MAX_ABS = new Decimal("1e15");

const MULTIPLIERS: ReadonlyArray<[RegExp, string, string]> = [
  [/^(.*?)\s*(triliun|t)\.?$/, "1e12", "triliun"],
  [/^(.*?)\s*(miliar|milyar|m)\.?$/, "1e9", "miliar"],
  [/^(.*?)\s*(juta|jt)\.?$/, "1e6", "juta"],
  [/^(.*?)\s*(ribu|rb)\.?$/, "1e3", "ribu"],
];

function fail<T>(code: NumberErrorCode, input: string, params?: Record<string, string>): Parsed<T> {
  return params ? { ok: false, error: { code, input, params } } : { ok: false, error: { code, input } };
}

/** Thousands groups: first 1–3 digits without a leading zero (unless it is "0"), then groups of 3. */
function validGroups(groups: string[]): boolean {
  const [first, ...rest] = groups;
  if (first === undefined || !/^\d{1,3}$/.test(first)) return false;
  if (first.length > 1 && first.startsWith("0")) return false;
  if (first === "0" && rest.length > 0) return false;
  return rest.every((g) => /^\d{3}$/.test(g));
}

interface Digits {
  integer: string;
  fraction: string;
}

/**
 * Split a run of digits and separators into integer and fraction digits,
 * or explain why it cannot be read.
 */
function splitDigits(body: string, kind: NumberKind, hasMultiplier: boolean, original: string): Parsed<Digits> {
  if (!/^\d[\d.,]*$/.test(body) || /[.,]$/.test(body) || /[.,]{2}/.test(body)) {
    return fail("not_a_number", original);
  }
  const dots = (body.match(/\./g) ?? []).length;
  const commas = (body.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return { ok: true, value: { integer: body, fraction: "" } };

  if (dots > 0 && commas > 0) {
    // The last separator is the decimal mark; the other one groups thousands.
    const decimalMark = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
    const groupMark = decimalMark === "." ? "," : ".";
    const [intPart, fraction, ...extra] = body.split(decimalMark);
    if (extra.length > 0 || intPart === undefined || fraction === undefined) return fail("bad_grouping", original);
    if (!validGroups(intPart.split(groupMark))) return fail("bad_grouping", original);
    return { ok: true, value: { integer: intPart.split(groupMark).join(""), fraction } };
  }

  const mark = dots > 0 ? "." : ",";
  const parts = body.split(mark);
  if (parts.length > 2) {
    // Several identical separators can only group thousands.
    if (!validGroups(parts)) return fail("bad_grouping", original);
    return { ok: true, value: { integer: parts.join(""), fraction: "" } };
  }
  const [intPart = "", fraction = ""] = parts;
  const asDecimal = { ok: true as const, value: { integer: intPart, fraction } };
  if (fraction.length !== 3 || hasMultiplier) return asDecimal;
  const thousandsReading = validGroups(parts);
  if (!thousandsReading) return asDecimal; // "0,125" or "1234,567": only a decimal reading exists
  switch (kind) {
    case "count":
    case "money":
      return { ok: true, value: { integer: intPart + fraction, fraction: "" } };
    case "percent":
      return asDecimal;
    case "decimal":
      return fail("ambiguous", original, {
        sebagaiRibuan: `${intPart}${fraction}`,
        sebagaiDesimal: `${intPart},${fraction}`,
      });
  }
}

/** Parse one number typed by a person, for a field of the given kind. */
export function parseNumber(input: string, options: ParseOptions): Parsed<Decimal> {
  const { kind } = options;
  const allowNegative = options.allowNegative ?? (kind === "percent" || kind === "decimal");
  const integer = options.integer ?? kind === "count";
  const maxDecimals = options.maxDecimals ?? (kind === "money" ? 2 : 6);

  const text = normalizeInput(input);
  if (text === "") return fail("empty", "");
  if (text.length > MAX_INPUT_LENGTH) return fail("too_long", `${text.slice(0, 20)}…`);
  let s = text.toLowerCase();

  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s.startsWith("-");
    s = s.slice(1).trim();
  }

  const money = /^(rp\.?|idr)\s*/.exec(s);
  if (money) {
    if (kind !== "money") return fail("money_not_allowed", text);
    s = s.slice(money[0].length);
  }
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1).trim();
  }

  const percent = /\s*(%|persen)$/.exec(s);
  if (percent) {
    if (kind === "money" || kind === "count") return fail("percent_not_allowed", text);
    s = s.slice(0, percent.index);
  }

  if (kind === "money") s = s.replace(/\s*[.,]-$/, "");

  let multiplier: Decimal | undefined;
  for (const [pattern, factor] of MULTIPLIERS) {
    const m = pattern.exec(s);
    if (m && m[1] !== undefined && /\d$/.test(m[1])) {
      if (kind !== "money") return fail("multiplier_not_allowed", text);
      multiplier = new Decimal(factor);
      s = m[1];
      break;
    }
  }

  const digits = splitDigits(s.trim(), kind, multiplier !== undefined, text);
  if (!digits.ok) return digits;
  const { integer: intDigits, fraction } = digits.value;
  if (intDigits.replace(/^0+/, "").length > 16) return fail("too_large", text);

  let value = new Decimal(fraction ? `${intDigits}.${fraction}` : intDigits);
  if (multiplier) value = value.times(multiplier);
  if (negative && !value.isZero()) {
    if (!allowNegative) return fail("negative", text);
    value = value.negated();
  }
  if (value.abs().greaterThanOrEqualTo(MAX_ABS)) return fail("too_large", text);
  if (integer && !value.isInteger()) return fail("not_integer", text);
  if (value.decimalPlaces() > maxDecimals) {
    return fail("too_many_decimals", text, { maks: String(maxDecimals) });
  }
  return { ok: true, value };
}

export interface RatioValue {
  numerator: Decimal;
  denominator: Decimal;
}

/** `56/57`, `56 / 57` or `56 dari 57`: a numerator and a non-zero denominator. */
export function parseRatio(input: string): Parsed<RatioValue> {
  const text = normalizeInput(input);
  if (text === "") return fail("empty", "");
  if (text.length > MAX_INPUT_LENGTH) return fail("too_long", `${text.slice(0, 20)}…`);
  const m = /^(.+?)\s*(?:\/|:|\bdari\b)\s*(.+)$/i.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return fail("not_a_ratio", text);
  const side = { kind: "count" as const, integer: false };
  const numerator = parseNumber(m[1], side);
  if (!numerator.ok) return numerator;
  const denominator = parseNumber(m[2], side);
  if (!denominator.ok) return denominator;
  if (denominator.value.isZero()) return fail("denominator_zero", text);
  return { ok: true, value: { numerator: numerator.value, denominator: denominator.value } };
}
