/**
 * The import preview's warnings of figures an officer most likely mistyped, which /isi warns of as they are typed:
 * a percentage above 100% (a target of 900 for a percentage). Stored if the officer saves (it may be right); only
 * figures the import changes are named, so a workbook sent back with such a figure already stored says nothing.
 */
import { findByNames } from "../../app/by-name.js";
import { aboveHundred } from "../../app/entry/plausibility.js";
import { currentValue } from "../../app/entry/present.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { PkRow } from "../../import/plan.js";
import { html, label } from "../ui.js";

/** A figure's question: a year's target or realisasi, or the final target. */
type FigureKey = { q: "target" | "actual"; indicatorId: string; year: number } | { q: "final"; indicatorId: string };

/** The most such figures the preview names one by one; the others are counted. */
const SHOWN = 10;

/** "⚠️ Angka persen berikut lebih dari 100% …" and a line per figure, for `after` (the plan applied to a copy of `before`). */
export function aboveHundredLines(before: AgencyFile, after: AgencyFile, rows: readonly PkRow[]): string[] {
  const found: { row: number; name: string; field: string; value: string }[] = [];
  for (const row of rows) {
    const ind = findByNames(after, row.objective, row.name);
    if (!ind) continue;
    const years = [after.agency.reportingYear, ...(row.history ?? []).map((h) => h.year)];
    const keys: FigureKey[] = [
      ...years.flatMap((year) => (["target", "actual"] as const).map((q): FigureKey => ({ q, indicatorId: ind.id, year }))),
      { q: "final", indicatorId: ind.id },
    ];
    for (const key of keys) {
      const value = currentValue(after, key);
      if (value === undefined || value === currentValue(before, key) || !aboveHundred(after, key)) continue;
      const field = key.q === "final" ? label("indikator.medan.final") : label(`indikator.medan.${key.q}`, { tahun: key.year });
      found.push({ row: row.row, name: row.name, field, value });
    }
  }
  if (found.length === 0) return [];
  const lines = [html("impor.lebih_dari_seratus_judul"), ...found.slice(0, SHOWN).map((f) => html("impor.lebih_dari_seratus", { baris: f.row, nama: f.name, medan: f.field, nilai: f.value }))];
  if (found.length > SHOWN) lines.push(html("impor.lebih_dari_seratus_lagi", { jumlah: formatCount(found.length - SHOWN) }));
  return lines;
}
