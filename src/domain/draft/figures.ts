/**
 * The printed form of each indicator figure (target, realisasi, capaian,
 * category …) for a year. Tables and paragraphs both call these, so the same
 * figure always reads the same.
 */
import type { IndicatorResult, YearResult } from "../calc/agency.js";
import type { DraftContext } from "./context.js";
import type { Cell } from "./document.js";
import { cell, numberCell, type Ink } from "./ink.js";

export interface YearFigures {
  target: Cell | undefined;
  actual: Cell | undefined;
  achievement: Cell | undefined;
  category: Cell | undefined;
}

/** Source key of an indicator figure, e.g. "IKU1.capaian.2024". */
export const key = (id: string, what: string, year?: number) => (year === undefined ? `${id}.${what}` : `${id}.${what}.${year}`);

export function yearFigures(ctx: DraftContext, indicator: IndicatorResult, y: YearResult, prefix = ""): YearFigures {
  const { format } = ctx;
  const id = `${indicator.id}${prefix}`;
  const unit = indicator.indicator.unit;
  const v = y.values;
  const year = v.year;

  let target: Cell | undefined;
  if (v.gradeTarget) target = cell(format.grade(v.gradeTarget), key(id, "target", year));
  else if (v.target) {
    const text = format.target(v.target, unit);
    target = v.target.kind === "point" ? numberCell(text, key(id, "target", year), v.target.value, "number") : cell(text, key(id, "target", year));
  }

  let actual: Cell | undefined;
  if (v.gradeActual) actual = cell(format.grade(v.gradeActual), key(id, "realisasi", year));
  else if (v.actual !== undefined) {
    const text = v.ratio ? format.computedMeasure(v.actual, unit) : format.measure(v.actual, unit);
    actual = numberCell(text, key(id, "realisasi", year), v.actual, "number");
  }

  let achievement: Cell | undefined;
  const a = y.achievement;
  if (a.status === "ok") achievement = numberCell(format.percent(a.value), key(id, "capaian", year), a.value, "percent");
  else if (a.status === "ordinal") {
    achievement = cell(ctx.word(a.comparison === "below" ? "sel.predikat_belum" : "sel.predikat_tercapai"), key(id, "capaian", year));
  }
  const category = y.category === undefined ? undefined : cell(y.category, key(id, "kategori", year));
  return { target, actual, achievement, category };
}

/** Cell text for a figure that may be missing: "-" when the year has no data at all, else "belum diisi". */
export function orMissing(ctx: DraftContext, c: Cell | undefined, y: YearResult, notComputable = false): Cell {
  if (c) return c;
  if (notComputable) return cell(ctx.word("sel.tidak_dapat_dihitung"));
  return cell(ctx.word(y.values.present ? "sel.belum_diisi" : "sel.kosong"));
}

/** Record a figure cell into a paragraph's ink and return its text. */
export function use(ink: Ink, c: Cell | undefined): string | undefined {
  if (!c) return undefined;
  return c.source ? ink.value(c.source, c.text) : ink.text(c.text);
}
