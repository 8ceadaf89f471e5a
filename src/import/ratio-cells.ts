/**
 * A ratio's numerator and denominator in a sheet's Pembilang and Penyebut columns (the bot's own workbook has them
 * beside each year's Realisasi): read as the realisasi "31/36", which /isi takes for a ratio indicator. When the
 * Realisasi cell is filled too, it must be that ratio as far as it is written (86,11 or 86,111111 for 31 of 36, at
 * the indicator's scale, 100 for a percentage); for a new indicator, the scale it is at is the indicator's.
 */
import { Decimal } from "../domain/decimal.js";
import { parseNumber, parseRatio } from "../domain/numbers/parse.js";
import type { NumberKind } from "../domain/numbers/parse.js";

/** The scales a new ratio indicator's realisasi is tried at, the usual first (a percentage). */
export const NEW_RATIO_SCALES = ["100", "1", "1000", "10000", "100000", "10"] as const;

/**
 * The first of `scales` at which numerator / denominator × scale is `actual` as far as it is written; undefined
 * when none is (or a cell is not a number: its own check reports it).
 */
export function ratioScaleOf(actual: string, numerator: string, denominator: string, kind: NumberKind, scales: readonly string[]): string | undefined {
  const typed = parseNumber(actual, { kind, integer: false });
  const ratio = parseRatio(`${numerator}/${denominator}`);
  if (!typed.ok || !ratio.ok) return undefined;
  const decimals = typed.value.decimalPlaces();
  return scales.find((scale) => ratio.value.numerator.dividedBy(ratio.value.denominator).times(new Decimal(scale)).toDecimalPlaces(decimals).equals(typed.value));
}
