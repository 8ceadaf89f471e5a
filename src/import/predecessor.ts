/**
 * The IKU an indicator replaced (its predecessor, the "IKU lama" rows of the report's tables), in an imported sheet:
 * its name, unit, and its target and realisasi by year ("IKU Lama", "Satuan IKU Lama", "Target IKU Lama 2023",
 * "Realisasi IKU Lama 2023"). Each figure is read as /isi reads the indicator's own: of the indicator's kind (a
 * ratio's "31/36", a predikat's letter), in the old IKU's unit.
 */
import type { AgencyFile } from "../domain/schema/agency.js";
import type { Indicator, YearValues } from "../domain/schema/indicator.js";
import { parseAnswer } from "../app/entry/answers.js";
import { newValueIndicator } from "../app/by-name.js";
import { normalizeInput } from "../domain/numbers/normalize.js";

export interface PredecessorRow {
  /** As written; absent: the stored predecessor's (a new one needs a name). */
  name?: string;
  unit?: string;
  years: { year: number; target?: string; actual?: string }[];
}

/** What of the indicator a predecessor's figure is read by: its kind, predikat table and ratio scale. */
type KindOf = Pick<Indicator, "kind" | "gradeTable" | "ratioScale">;

const PROBE_ID = "cek-iku-lama";

/**
 * A figure parsed on a scratch indicator of `kind` in `unit` holding `values`: the year's values after it, or the
 * message. (The import's checks use plan.ts's `answerProblem`, which says the same of a figure without keeping it.)
 */
function parseOn(file: AgencyFile, kind: KindOf, unit: string, q: "target" | "actual", year: number, value: string, values: YearValues | undefined): { ok: true; values: YearValues } | { ok: false; message: string } {
  const indicator: Indicator = { ...newValueIndicator(PROBE_ID, "IKU lama", unit), kind: kind.kind, ratioScale: kind.ratioScale };
  if (kind.gradeTable) indicator.gradeTable = kind.gradeTable;
  if (values) indicator.years[String(year)] = JSON.parse(JSON.stringify(values)) as YearValues;
  const scratch: AgencyFile = { ...file, objectives: [{ id: "cek-iku-lama-s", name: "cek", indicators: [indicator] }] };
  const parsed = parseAnswer(scratch, { q, year, indicatorId: PROBE_ID }, value);
  if (!parsed.ok) return parsed;
  parsed.apply(scratch);
  return { ok: true, values: indicator.years[String(year)]! };
}

/**
 * A row's IKU replaced applied to its indicator: its predecessor made (a name needed) or updated, each figure given
 * stored as /isi would store it on the indicator; a name or unit the sheet shows as stored is kept as stored.
 * Returns the problems (the data changed since the preview so that a figure no longer fits).
 */
export function applyPredecessor(d: AgencyFile, ind: Indicator, row: PredecessorRow): string[] {
  const name = row.name ?? ind.predecessor?.name;
  if (name === undefined) return [];
  const old = (ind.predecessor ??= { name, years: {} });
  if (normalizeInput(old.name) !== name) old.name = name;
  if (row.unit !== undefined && (old.unit === undefined || normalizeInput(old.unit) !== row.unit)) old.unit = row.unit;
  const problems: string[] = [];
  for (const y of row.years) {
    for (const q of ["target", "actual"] as const) {
      const value = y[q];
      if (value === undefined) continue;
      const parsed = parseOn(d, ind, old.unit ?? ind.unit, q, y.year, value, old.years[String(y.year)]);
      if (parsed.ok) old.years[String(y.year)] = parsed.values;
      else problems.push(parsed.message);
    }
  }
  return problems;
}
