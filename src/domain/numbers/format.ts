/**
 * Indonesian number format: thousands ".", decimals "," — `86,11%`,
 * `Rp1.373.500.000`. Every value is rounded half-up here, at presentation,
 * and nowhere else. Years are never formatted with separators: print them
 * with `String(year)`.
 */
import { Decimal, presented } from "../decimal.js";

export type MoneyStyle = "rp" | "rp-dash";

function group(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

/** `1373500000.5` → `1.373.500.000,50` (with decimals = 2). */
export function formatDecimal(value: Decimal, decimals: number): string {
  const fixed = presented(value, decimals).toFixed(decimals);
  const negative = fixed.startsWith("-");
  const [intPart = "0", fraction] = (negative ? fixed.slice(1) : fixed).split(".");
  const body = fraction ? `${group(intPart)},${fraction}` : group(intPart);
  return negative ? `-${body}` : body;
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
  const hasSen = !presented(value, 2).isInteger();
  const amount = formatDecimal(value, hasSen ? 2 : 0);
  const negative = amount.startsWith("-");
  const digits = negative ? amount.slice(1) : amount;
  const sign = negative ? "-" : "";
  if (style === "rp-dash") return `${sign}Rp ${digits}${hasSen ? "" : ",-"}`;
  return `${sign}Rp${digits}`;
}

/** A plain number as people write it: no trailing zeros beyond what the value has, max `decimals`. */
export function formatPlain(value: Decimal, maxDecimals = 2): string {
  const rounded = presented(value, maxDecimals);
  return formatDecimal(rounded, rounded.decimalPlaces());
}
