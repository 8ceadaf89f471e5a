/**
 * Which column of a Perjanjian Kinerja sheet holds what, for the agency it is imported into: the names, the
 * reporting year's target and realisasi, earlier years' ("Target 2023", "Realisasi 2022": history), the Renstra's
 * final target and its targets of other years ("Target Renstra 2025"), the national figure, budget and factors. A
 * Target or Realisasi column without a year is the reporting year's. The bot's own workbook (/ekspor xlsx) has every
 * one of them; a Perjanjian Kinerja often has "Target 2025" while the agency still reports on 2024, which is read as
 * nothing rather than as 2024's target.
 */
import type { AgencyFile } from "../domain/schema/agency.js";
import { headerLetters, headerYear, headerYears, pkColumn, type PkColumn } from "./pk-cells.js";
import { HISTORY_YEARS } from "./limits.js";

/** The fields a sheet has a column of for each year: target, realisasi, a ratio's numerator and denominator, and the replaced IKU's target and realisasi. */
export type YearField = "target" | "actual" | "numerator" | "denominator" | "predecessorTarget" | "predecessorActual";
const YEAR_FIELDS: readonly PkColumn[] = ["target", "actual", "numerator", "denominator", "predecessorTarget", "predecessorActual"];
const isYearField = (f: PkColumn): f is YearField => YEAR_FIELDS.includes(f);

/** A field with one column a sheet: everything but the yearly ones. */
export type SingleField = Exclude<PkColumn, YearField>;


export interface FigureColumn {
  field: YearField;
  year: number;
  column: number;
}

export interface PkLayout {
  /** The column of each field a sheet holds once (the first, when a header repeats one). */
  single: Partial<Record<SingleField, number>>;
  /** Target, realisasi, numerator and denominator columns, one per field and year: the reporting year's and earlier ones. */
  figures: FigureColumn[];
  /** Header cells not read: not known, a second column for the same figure, a year out of range. */
  ignored: string[];
  /** Yearly columns of a year after the reporting year (not read: the officer changes year first). */
  later: string[];
  /** The Renstra's targets of its other years ("Target Renstra 2025" in a Renstra ending in 2026), which /tahun takes. */
  plan: { year: number; column: number }[];
}

/** The layout of a header row (its cells as text; empty for an empty cell). */
export function pkLayout(headers: readonly string[], agency: Pick<AgencyFile["agency"], "reportingYear" | "strategicPlan">): PkLayout {
  const layout: PkLayout = { single: {}, figures: [], ignored: [], later: [], plan: [] };
  const year = agency.reportingYear;
  headers.forEach((header, column) => {
    const field = pkColumn(header);
    const named = headerYear(header);
    if (field === undefined) {
      if (header !== "" && !/^(no\.?|nomor)$/i.test(header.trim())) layout.ignored.push(header);
      return;
    }
    if (isYearField(field)) {
      const at = named ?? year;
      if (at > year) layout.later.push(header);
      else if (at < year - HISTORY_YEARS || layout.figures.some((f) => f.field === field && f.year === at)) layout.ignored.push(header);
      else layout.figures.push({ field, year: at, column });
      return;
    }
    // "Target Renstra 2025" in a Renstra ending in 2026 is that year's Renstra target, not the final one; a year
    // outside the Renstra, or a second column of one year, is not read. A header naming the period ("Target Renstra
    // 2021-2026") is the final target's when the period ends in the Renstra's last year; another period, or "akhir"
    // of a year that is not the last, is not read (which year is meant is not clear).
    const { startYear, endYear } = agency.strategicPlan;
    const years = headerYears(header);
    const last = years.at(-1);
    if (field === "final" && last !== undefined && last !== endYear) {
      if (years.length > 1 || headerLetters(header).includes("akhir") || last < startYear || last > endYear || layout.plan.some((p) => p.year === last)) layout.ignored.push(header);
      else layout.plan.push({ year: last, column });
    } else if (layout.single[field] !== undefined) layout.ignored.push(header);
    else layout.single[field] = column;
  });
  return layout;
}
