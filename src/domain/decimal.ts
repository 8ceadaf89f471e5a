/**
 * The one Decimal constructor used for every figure in the assistant.
 *
 * Precision 40 significant digits is far beyond anything a report prints
 * (Rupiah amounts up to hundreds of trillions with sen, percentages with
 * two decimals), so intermediate results are exact for all practical
 * purposes. Rounding half-up is applied only when a value is presented.
 */
import { Decimal as DecimalJs } from "decimal.js";

export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);

/** Round half-up to `decimals` places: the value as it will be printed. */
export function presented(value: Decimal, decimals: number): Decimal {
  const rounded = value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
  // Never carry a negative zero into a comparison or a printout.
  return rounded.isZero() ? ZERO : rounded;
}

/** Parse a canonical decimal string ("86.11", "-5", "1373500000"). */
export function dec(value: string | number | Decimal): Decimal {
  return new Decimal(value);
}

/** Arithmetic mean; undefined for an empty list. */
export function mean(values: readonly Decimal[]): Decimal | undefined {
  if (values.length === 0) return undefined;
  return values.reduce((sum, v) => sum.plus(v), ZERO).dividedBy(values.length);
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce((total, v) => total.plus(v), ZERO);
}

/** A plain decimal string without exponent, trailing zeros trimmed, at most `maxDecimals` places. */
export function toPlainString(value: Decimal, maxDecimals = 10): string {
  const rounded = presented(value, maxDecimals);
  return rounded.toFixed();
}
