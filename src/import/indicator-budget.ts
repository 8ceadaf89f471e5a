/**
 * An imported row's pagu and realisasi anggaran on its indicator, whose figures are its own or the sum of the budget
 * lines linked to it, never one of each: a sum the row shows stays a sum (the bot's own workbook shows it), before
 * the import's budget rows and after them.
 */
import type { Indicator } from "../domain/schema/indicator.js";
import { indicatorBudget, type BudgetRollUp, type IndicatorBudget } from "../domain/calc/absorption.js";

/** A row's figures: pagu and realisasi anggaran, as money strings. */
type Figures = { budget?: string; spent?: string };

/** Whether the indicator's lines sum to every budget figure a row gives (the lines decide both figures then). */
function isLinesSum(lines: IndicatorBudget, row: Figures): boolean {
  return lines.source === "lines" && (["budget", "spent"] as const).every((f) => row[f] === undefined || lines[f]?.equals(row[f]) === true);
}

/**
 * A row's pagu and realisasi anggaran applied to its indicator. An indicator whose figures are its budget lines'
 * sum keeps them when the row shows that sum (as the workbook does); otherwise its figures become its own, both of
 * them: the one the row leaves empty taken from the lines, since an indicator's figures are its own or its lines',
 * never one of each. True when the row gave figures of its own to an indicator that had none (new, or summed from
 * its lines): they are the lines' sum again if the import's budget rows make them so.
 */
export function applyIndicatorBudget(ind: Indicator, row: Figures, newIndicator: boolean, rollUp: () => BudgetRollUp): boolean {
  if (row.budget === undefined && row.spent === undefined) return false;
  const direct = ind.budget !== undefined && (ind.budget.budget !== undefined || ind.budget.spent !== undefined);
  if (direct || newIndicator) {
    for (const f of ["budget", "spent"] as const) if (row[f] !== undefined) (ind.budget ??= {})[f] = row[f];
    return !direct;
  }
  const lines = indicatorBudget(ind.id, undefined, rollUp());
  if (isLinesSum(lines, row)) return false;
  const own: NonNullable<Indicator["budget"]> = {};
  for (const f of ["budget", "spent"] as const) {
    const value = row[f] ?? lines[f]?.toFixed();
    if (value !== undefined) own[f] = value;
  }
  ind.budget = own;
  return true;
}

/** After the import's budget rows: each indicator given figures of its own that its lines now sum to is their sum again. */
export function keepLineSums(given: readonly { ind: Indicator; row: Figures }[], after: BudgetRollUp): void {
  for (const { ind, row } of given) if (isLinesSum(indicatorBudget(ind.id, undefined, after), row)) delete ind.budget;
}
