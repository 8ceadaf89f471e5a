/**
 * Indonesian number format: thousands ".", decimals "," — `86,11%`,
 * `Rp1.373.500.000`. Every value is rounded half-up here, at presentation,
 * and nowhere else. Years are never formatted with separators: print them
 * with `String(year)`.
 */
import { Decimal } from "../decimal.js";

export type MoneyStyle = "rp" | "rp-dash";

/** `1373500000` → `1.373.500.000` (digits only). */
function group(integerDigits: string): string {
  const head = integerDigits.length % 3 || 3;
  let out = integerDigits.slice(0, head);
  for (let i = head; i < integerDigits.length; i += 3) out += `.${integerDigits.slice(i, i + 3)}`;
  return out;
}

/**
 * `value` rounded half-up to `decimals` places, as digits: the sign (never
 * for a value that rounds to zero), the integer digits and the fraction
 * digits. One rounding, read from decimal.js's `toFixed`: drafting formats
 * thousands of figures, and this is the same as rounding with `presented`
 * and printing the result (test/domain/numbers-format.test.ts checks it).
 */
function roundedDigits(value: Decimal, decimals: number): { negative: boolean; integer: string; fraction: string } {
  const fixed = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const signed = fixed.charCodeAt(0) === 45; // "-"
  const unsigned = signed ? fixed.slice(1) : fixed;
  const dot = unsigned.indexOf(".");
  const integer = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? "" : unsigned.slice(dot + 1);
  // A negative value that rounds to zero prints as zero, never "-0,00".
  return { negative: signed && /[1-9]/.test(unsigned), integer, fraction };
}

function print(digits: { negative: boolean; integer: string; fraction: string }): string {
  const body = digits.fraction ? `${group(digits.integer)},${digits.fraction}` : group(digits.integer);
  return digits.negative ? `-${body}` : body;
}

/** `1373500000.5` → `1.373.500.000,50` (with decimals = 2). */
export function formatDecimal(value: Decimal, decimals: number): string {
  return print(roundedDigits(value, decimals));
}

/** `86.11` → `86,11%`. */
export function formatPercent(value: Decimal, decimals: number): string {
  return `${formatDecimal(value, decimals)}%`;
}

/** A difference in percentage points: `6,11 poin`. */
export function formatPoints(value: Decimal, decimals: number): string {
  return `${formatDecimal(value, decimals)} poin`;
}

/** An efficiency ratio (capaian ÷ serapan): a plain number, never with `%`. */
export function formatRatio(value: Decimal, decimals = 2): string {
  return formatDecimal(value, decimals);
}

/**
 * Rupiah. Sen are shown only when the amount has them.
 *  - `rp`:      `Rp1.373.500.000`
 *  - `rp-dash`: `Rp 1.373.500.000,-`
 */
export function formatMoney(value: Decimal, style: MoneyStyle = "rp"): string {
  const digits = roundedDigits(value, 2);
  const hasSen = digits.fraction !== "00";
  // Without sen the amount rounded to 2 places is a whole number: the same as rounding it to 0 places.
  const body = print({ negative: false, integer: digits.integer, fraction: hasSen ? digits.fraction : "" });
  const sign = digits.negative ? "-" : "";
  if (style === "rp-dash") return `${sign}Rp ${body}${hasSen ? "" : ",-"}`;
  return `${sign}Rp${body}`;
}

/**
 * A whole count as Indonesian writes it, for messages: `13000` → `13.000`,
 * `4096` → `4.096`. Not for years, codes or row numbers ("baris 1234" names
 * a row, it does not count anything).
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new Error(`formatCount: not a whole number: ${n}`);
  return `${n < 0 ? "-" : ""}${group(String(Math.abs(n)))}`;
}

/** A size in megabytes with one decimal, as the bot's messages give file sizes ("40,0 MB"). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;
}

/** A plain number as people write it: no trailing zeros beyond what the value has, max `decimals`. */
export function formatPlain(value: Decimal, maxDecimals = 2): string {
  const digits = roundedDigits(value, maxDecimals);
  // The trailing zeros of the rounded value are not printed (`86,10` → `86,1`, `100,00` → `100`).
  return print({ ...digits, fraction: digits.fraction.replace(/0+$/, "") });
}
