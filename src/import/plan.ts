/**
 * Turns the sheets of an imported file into a plan: the Perjanjian Kinerja
 * rows (sasaran, indikator, satuan, target, and optionally realisasi, pagu,
 * realisasi anggaran) and the budget rows (program / kegiatan / sub kegiatan),
 * every cell checked, every problem reported with its sheet, row and column.
 * Nothing is stored here; `applyPlan` changes a draft of the agency data.
 */
import { isDeepStrictEqual } from "node:util";
import { say } from "../messages/catalog.js";
import { formatCount } from "../domain/numbers/format.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import type { Indicator, YearValues } from "../domain/schema/indicator.js";
import { resolveYear } from "../domain/calc/values.js";
import { rollUpBudget, type BudgetRollUp } from "../domain/calc/absorption.js";
import { applyIndicatorBudget, keepLineSums } from "./indicator-budget.js";
import { applyPredecessor, type PredecessorRow } from "./predecessor.js";
import { parseAnswer, readTarget, unitKind } from "../app/entry/answers.js";
import { idAllocator, renumber } from "../app/ids.js";
import { findByNames, findOrAddIndicator, nameKey, newValueIndicator, sameName } from "../app/by-name.js";
import type { CellValue, DateCell, Sheet } from "./spreadsheet.js";
import { spannedNameHeader } from "./code-column.js";
import { cellText, factorText, figureCell, readMoney, text } from "./cells.js";
import { budgetColumn, readBudgetRow, type BudgetField, type BudgetRow } from "./budget-sheet.js";
import { pkLayout, type SingleField, type YearField } from "./pk-columns.js";
import { NEW_RATIO_SCALES, ratioScaleOf } from "./ratio-cells.js";
import { MAX_FACTOR_CELL } from "./limits.js";
import { FACTOR_KINDS, type FactorKind } from "../app/entry/keys.js";
import { applyBudgetRows } from "./budget-rows.js";
import { computedSheetNames } from "./computed-sheets.js";
import { DESCRIPTION_FIELDS, headerLetters, isCapaianHeader, isColumnNumbers, isGradeTarget, isNoIndicatorRow, isTotal, pkColumn, unitInName, unitInTarget, type DescriptionField, type PkColumn } from "./pk-cells.js";
import { normalizeInput } from "../domain/numbers/normalize.js";
import { polarityWord } from "../domain/polarity-word.js";
import { kindName, newIndicatorKind, readKindCell, storedKind, type KindCell } from "./indicator-kind.js";
import type { GradeTableId } from "../domain/calc/grade.js";

export interface PkRow {
  row: number;
  objective: string;
  name: string;
  unit: string;
  /** The reporting year's target and realisasi, as typed. */
  target?: string;
  actual?: string;
  budget?: string;
  spent?: string;
  /** From a Polaritas column ("positif", "negatif"). */
  polarity?: "positive" | "negative";
  /** Earlier years' target and realisasi ("Target 2023", "Realisasi 2023"). */
  history?: { year: number; target?: string; actual?: string }[];
  /** Target akhir Renstra, as typed. */
  final?: string;
  /** The Renstra's targets of other years ("Target Renstra 2025"), as typed. */
  plan?: { year: number; target: string }[];
  /** The national figure as typed, its year, and its kind when the column's header says it; null: "tidak ada" (none available yet). */
  national?: { value: string; year: number; kind?: "standar" | "realisasi"; source?: string } | null;
  /** Faktor pendukung, penghambat, tindak lanjut: a cell's text as typed (items split as /isi splits them). */
  factors?: Partial<Record<FactorKind, string>>;
  /** A new indicator that is not a plain value: a ratio, or a predikat with its table (see indicator-kind.ts). */
  kind?: "ratio" | "grade";
  gradeTable?: GradeTableId;
  /** A new ratio indicator's scale, when its Realisasi shows it (its Pembilang / Penyebut × 100, or per mille …). */
  ratioScale?: string;
  /** Definisi/formula, sumber data, penanggung jawab, a ratio's labels: each cell's text (spaces as /atur keeps them). */
  texts?: Partial<Record<DescriptionField, string>>;
  /** The IKU this indicator replaced ("IKU Lama" columns): see predecessor.ts. */
  predecessor?: PredecessorRow;
}

export type { BudgetRow };

export interface Problem {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

export interface ImportPlan {
  pk: PkRow[];
  budget: BudgetRow[];
  problems: Problem[];
  ignoredColumns: { sheet: string; columns: string[] }[];
  /**
   * Rows whose Kode is an indicator stored under another name (renamed in the workbook, or a typo): saved as a new
   * indicator beside it, which the officer is told of; or, when it is in the same sasaran (`rename`: the first row
   * naming it), renamed if the officer chooses to (`applyPlan`'s renames).
   */
  renamed: { sheet: string; row: number; code: string; objective: string; stored: string; name: string; id: string; rename: boolean }[];
  /** Rows whose Jenis cell differs from the stored indicator's kind: read as the stored kind, which /atur changes. */
  kindDiffers: { sheet: string; row: number; name: string; stored: KindCell; written: string }[];
  /** Target or realisasi columns of a year after the agency's reporting year, by sheet: not read. */
  laterColumns: { sheet: string; columns: string[] }[];
  /** Sheets of a workbook /ekspor xlsx made that are computed from the data (its BAB III tables, the sasaran's averages): not read. */
  computedSheets?: string[];
  /** The reporting year's capaian written beside rows read (a Capaian column): not stored, compared with the one computed. */
  writtenCapaian: { sheet: string; row: number; objective: string; name: string; text: string }[];
}

const norm = headerLetters;

type Field = PkColumn | BudgetField;

function fieldOf(header: string, kind: "pk" | "budget"): Field | undefined {
  return kind === "pk" ? pkColumn(header) : budgetColumn(header);
}

const REQUIRED: Record<"pk" | "budget", Field[]> = { pk: ["objective", "name"], budget: ["program"] };

function findHeader(sheet: Sheet, kind: "pk" | "budget"): { index: number; fields: (Field | undefined)[] } | undefined {
  for (let i = 0; i < Math.min(10, sheet.rows.length); i++) {
    const cells = sheet.rows[i]!;
    const fields = cells.map((c) => (typeof c === "string" ? fieldOf(c, kind) : undefined));
    if (REQUIRED[kind].every((f) => fields.includes(f))) return { index: i, fields };
  }
  return undefined;
}

/** The sheet with its Indikator header over the names when it spans their codes too (see code-column.ts). */
function withNamesAfterCodes(sheet: Sheet): Sheet {
  const header = findHeader(sheet, "pk")!;
  const asText = (cells: CellValue[]) => cells.map((c) => text(c) ?? "");
  const moved = spannedNameHeader(asText(sheet.rows[header.index]!), header.fields.indexOf("name"), sheet.rows.slice(header.index + 1).map(asText));
  return moved ? { ...sheet, rows: sheet.rows.map((cells, i) => (i === header.index ? moved : cells)) } : sheet;
}

export function sheetKind(sheet: Sheet): "pk" | "budget" | undefined {
  if (findHeader(sheet, "pk")) return "pk";
  if (findHeader(sheet, "budget")) return "budget";
  return undefined;
}


/** A file holding only one scratch indicator with this unit and kind: targets and realisations of new indicators are checked on it. */
function probeFile(file: AgencyFile, unit: string, kind: KindCell): AgencyFile {
  const indicator: Indicator = { ...newValueIndicator(PROBE_ID, "cek", unit), kind: kind.kind };
  if (kind.gradeTable) indicator.gradeTable = kind.gradeTable;
  return { ...file, objectives: [{ id: "cek-impor", name: "cek", indicators: [indicator] }] };
}
const PROBE_ID = "cek-impor-i";

/** An answer an imported cell gives, as /isi asks it (without the indicator). */
export type CellAnswer = { q: "target" | "actual"; year: number } | { q: "final" | "national" } | { q: "factors"; which: FactorKind };

/** Check a cell's answer the way /isi would: on the stored indicator, or on a new one with this unit and kind (a plain value unless given). */
export function answerProblem(file: AgencyFile, existing: Indicator | undefined, unit: string, answer: CellAnswer, value: string, kind: KindCell = { kind: "value" }): string | undefined {
  const parsed = existing
    ? parseAnswer(file, { ...answer, indicatorId: existing.id }, value)
    : parseAnswer(probeFile(file, unit, kind), { ...answer, indicatorId: PROBE_ID }, value);
  return parsed.ok ? undefined : parsed.message;
}

/** Whether every answer a row gives is one the stored indicator `ind` takes (its unit as well): the row may be applied to it. */
function fitsOn(file: AgencyFile, ind: Indicator, row: PkRow): boolean {
  if (!sameName(ind.unit, row.unit) || (row.ratioScale !== undefined && row.ratioScale !== ind.ratioScale)) return false;
  const answers: [CellAnswer, string | undefined][] = [
    ...[{ year: file.agency.reportingYear, target: row.target, actual: row.actual }, ...(row.history ?? [])].flatMap((y): [CellAnswer, string | undefined][] => [
      [{ q: "target", year: y.year }, y.target],
      [{ q: "actual", year: y.year }, y.actual],
    ]),
    [{ q: "final" }, row.final],
    ...(row.plan ?? []).map((p): [CellAnswer, string] => [{ q: "target", year: p.year }, p.target]),
    [{ q: "national" }, row.national ? `${row.national.value} ${row.national.year}` : undefined],
  ];
  return answers.every(([answer, value]) => value === undefined || answerProblem(file, ind, ind.unit, answer, value) === undefined);
}

const NATIONAL_KINDS = ["standar", "realisasi"] as const;
/** The longest text of each description field, as the indicator's schema and /atur take it. */
const DESCRIPTION_LIMITS: Record<DescriptionField, number> = { definition: 2000, dataSource: 300, responsibleUnit: 200, numeratorLabel: 300, denominatorLabel: 300 };
/** A national figure's cell saying none is available yet, as /isi takes it ("-" is an empty cell, as for any figure). */
const NO_NATIONAL = /^(tidak ada|tdk ada|belum ada|tidak tersedia|belum tersedia|nihil)$/i;

/** What a national figure's header says it is: "Standar Nasional", "Realisasi Nasional"; undefined for both or neither. */
function nationalKind(header: string): "standar" | "realisasi" | undefined {
  const h = norm(header);
  const standard = h.includes("standar") || h.includes("spm");
  const actual = h.includes("realisasi") || h.includes("capaian");
  return standard === actual ? undefined : standard ? "standar" : "realisasi";
}

export function planImport(file: AgencyFile, sheets: Sheet[]): ImportPlan {
  const reportingYear = file.agency.reportingYear;
  const plan: ImportPlan = { pk: [], budget: [], problems: [], ignoredColumns: [], renamed: [], kindDiffers: [], laterColumns: [], writtenCapaian: [] };
  const indicatorByRef = new Map<string, string>();
  /**
   * The indicators the file's own Kode column names (the bot's workbook, whose budget sheet refers to them): a code
   * in a budget row is this file's row of that Kode before it is any stored indicator's (another registration's 1.1
   * may be another indicator). `id`: the stored indicator the row is; `saved`: the row has no problem.
   */
  const fileCodes = new Map<string, { sheet: string; row: number; name: string; id: string | undefined; saved: boolean }>();
  const byCode = new Map<string, { indicator: Indicator; objective: string }>();
  for (const o of file.objectives) for (const i of o.indicators) {
    if (i.code) indicatorByRef.set(i.code, i.id);
    if (i.code) byCode.set(i.code, { indicator: i, objective: o.name });
    indicatorByRef.set(i.name.toLowerCase(), i.id);
  }
  // Perjanjian Kinerja sheets first, so budget rows can name indicators that are new in this file.
  let refsReady = false;
  const resolveRefs = () => {
    // Codes as they will be after the import (new indicators numbered after the existing ones):
    // an existing indicator is referred to by id, a new one by its name (its id is given at save time).
    const scratch = structuredClone(file) as AgencyFile;
    applyPlan(scratch, { pk: plan.pk, budget: [] });
    const existing = new Set(file.objectives.flatMap((o) => o.indicators.map((i) => i.id)));
    for (const o of scratch.objectives) for (const i of o.indicators) {
      const ref = existing.has(i.id) ? i.id : i.name;
      if (i.code && !indicatorByRef.has(i.code)) indicatorByRef.set(i.code, ref); // codes typed as they are now win
      if (!indicatorByRef.has(i.name.toLowerCase())) indicatorByRef.set(i.name.toLowerCase(), ref);
    }
    refsReady = true;
  };
  const computed = computedSheetNames(sheets.map((s) => s.name));
  if (computed) plan.computedSheets = computed;
  const kinds = sheets.filter((sheet) => !computed?.includes(sheet.name)).map((sheet) => ({ sheet, kind: sheetKind(sheet) }));
  const ordered = [...kinds.filter((k) => k.kind === "pk"), ...kinds.filter((k) => k.kind === "budget")];
  const seenPk = new Map<string, number>();
  const seenBudget = new Map<string, number>();
  for (const { sheet: asRead, kind } of ordered) {
    if (!kind) continue;
    const sheet = kind === "pk" ? withNamesAfterCodes(asRead) : asRead;
    if (kind === "budget" && !refsReady) resolveRefs();
    const header = findHeader(sheet, kind)!;
    const headers = sheet.rows[header.index]!.map((c) => text(c) ?? "");
    const layout = kind === "pk" ? pkLayout(headers, file.agency) : undefined;
    // A Jenis column none of whose cells is an indicator's kind holds something else ("IKU", "IKD"): not read.
    const kindColumn = layout?.single.kind;
    if (layout && kindColumn !== undefined && !sheet.rows.slice(header.index + 1).some((cells) => readKindCell(text(cells[kindColumn] ?? null) ?? "") !== undefined)) {
      layout.ignored.push(headers[kindColumn]!);
      delete layout.single.kind;
    }
    // The reporting year's Capaian column, compared with the capaian computed rather than passed over.
    const capaianColumn = layout ? headers.findIndex((h, i) => header.fields[i] === undefined && isCapaianHeader(h, reportingYear)) : -1;
    const ignored = (layout?.ignored ?? headers.filter((c, i) => header.fields[i] === undefined && c !== "" && norm(c) !== "no")).filter((c) => capaianColumn < 0 || c !== headers[capaianColumn]);
    if (ignored.length > 0) plan.ignoredColumns.push({ sheet: sheet.name, columns: ignored });
    if (layout && layout.later.length > 0) plan.laterColumns.push({ sheet: sheet.name, columns: layout.later });
    /** A field's column (-1: none); a Perjanjian Kinerja's Target and Realisasi: the reporting year's. */
    const col = (f: Field): number => {
      if (!layout) return header.fields.indexOf(f);
      if (f === "target" || f === "actual") return layout.figures.find((c) => c.field === f && c.year === reportingYear)?.column ?? -1;
      return layout.single[f as SingleField] ?? -1;
    };
    // Only the unit is reported without its column (a table without one).
    const label = (f: Field) => headers[col(f)] || (f === "unit" ? say("tempel.kolom.unit") : f);
    /** The sasaran of the row above, for a row whose Sasaran cell is empty (merged in the document, or left blank below its first indicator). */
    let previousObjective: string | undefined;
    for (let r = header.index + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]!;
      if (cells.every((c) => c === null)) continue;
      // The row numbering the columns under the header, as the Perjanjian Kinerja's table has it: not data.
      if (isColumnNumbers(cells.map((c) => (c === null ? "" : typeof c === "object" ? "-" : String(c))))) continue;
      const get = (f: Field) => (col(f) >= 0 ? (cells[col(f)] ?? null) : null);
      // Another column's cells beside merged Sasaran and Indikator cells (a PK's Program and Anggaran), or a total row.
      const figureless = () => layout!.figures.every((c) => cellText(figureCell(cells[c.column] ?? null)) === undefined);
      if (kind === "pk" && text(get("name")) === undefined && isNoIndicatorRow(text(get("objective"))) && figureless()) continue;
      // A budget table's total ("J U M L A H" in its No column): no line.
      if (kind === "budget" && (["program", "activity", "subActivity"] as const).every((f) => text(get(f)) === undefined) && cells.some((c) => typeof c === "string" && isTotal(c))) continue;
      const problems: Problem[] = [];
      const problem = (f: Field, message: string) => problems.push({ sheet: sheet.name, row: r + 1, column: label(f), message });
      const required = (f: Field, max: number) => {
        const v = text(get(f));
        if (!v) problem(f, say("impor.wajib"));
        else if (v.length > max) problem(f, say("impor.terlalu_panjang", { maks: formatCount(max) }));
        return v ?? "";
      };
      if (kind === "pk") {
        const name = required("name", 500);
        const objective = text(get("objective")) === undefined && name && previousObjective ? previousObjective : required("objective", 500);
        if (objective) previousObjective = objective;
        const existing = objective && name ? findByNames(file, objective, name) : undefined;
        // The kind: the stored indicator's (a Jenis cell saying otherwise is pointed out); for a new one, the Jenis
        // cell's, or a predikat's when the figures are (undefined: its table is not known, a problem).
        const kindText = text(figureCell(get("kind")));
        const kindCell = kindText === undefined ? undefined : readKindCell(kindText);
        if (kindText !== undefined && !kindCell) problem("kind", say("impor.jenis", { isi: kindText.slice(0, 40) }));
        const figureColumns = [...layout!.figures.map((c) => c.column), ...(col("final") >= 0 ? [col("final")] : []), ...layout!.plan.map((p) => p.column)];
        const figureTexts = figureColumns.map((c) => cellText(figureCell(cells[c] ?? null)));
        const fractions = layout!.figures.some((c) => (c.field === "numerator" || c.field === "denominator") && cellText(figureCell(cells[c.column] ?? null)) !== undefined);
        const kind: KindCell | undefined = existing ? storedKind(existing) : newIndicatorKind(kindCell, name, figureTexts.filter((v) => v !== undefined), fractions);
        // (A Jenis cell not read is its own problem: no second one for the table.)
        if (!kind && (kindText === undefined || kindCell)) {
          const gradeColumn = figureColumns[figureTexts.findIndex(isGradeTarget)];
          problems.push({ sheet: sheet.name, row: r + 1, column: col("kind") >= 0 ? headers[col("kind")]! : headers[gradeColumn ?? figureColumns[0]!]!, message: say("impor.predikat_tabel") });
        }
        // Without a Satuan (no column, or an empty cell): a target written with % gives it, or the stored indicator's; a predikat's is "predikat".
        const target = cellText(figureCell(get("target")));
        // (A predikat row whose table is not known gets it too: one problem for that row, not a second for its unit.)
        const graded = kind ? kind.kind === "grade" : figureTexts.some(isGradeTarget);
        let unit = text(get("unit")) === undefined ? (unitInTarget(target) ?? existing?.unit ?? (graded ? say("impor.satuan_predikat") : (unitInName(name) ?? ""))) : required("unit", 40);
        if (unit === "") {
          if (col("unit") >= 0) unit = required("unit", 40);
          else if (!isGradeTarget(target)) problem("unit", say("impor.tanpa_satuan"));
        }
        const row: PkRow = { row: r + 1, objective, name, unit };
        if (!existing && kind && kind.kind !== "value") {
          row.kind = kind.kind;
          if (kind.gradeTable) row.gradeTable = kind.gradeTable;
        }
        if (existing && row.unit && !sameName(existing.unit, row.unit)) problem("unit", say("impor.satuan_berbeda", { satuan: existing.unit }));
        if (row.objective && row.name) {
          const key = `${nameKey(row.objective)}\u0000${nameKey(row.name)}`;
          const first = seenPk.get(key);
          if (first !== undefined) problem("name", say("impor.baris_ganda", { baris: first }));
          else seenPk.set(key, r + 1);
        }
        // "-" or "tidak ada", as for a figure: no polarity given.
        const polarity = text(figureCell(get("polarity")))?.toLowerCase();
        if (polarity !== undefined) {
          const value = polarityWord(polarity);
          if (!value) problem("polarity", say("impor.polaritas", { isi: polarity.slice(0, 40) }));
          else if (value === "negative" && kind?.kind === "grade") problem("polarity", say("impor.polaritas_predikat"));
          else row.polarity = value;
        }
        /** A target, realisasi or final target in its column, checked as /isi checks it: the value, or undefined. */
        const figure = (column: number, answer: CellAnswer): string | undefined => {
          const at = (message: string) => void problems.push({ sheet: sheet.name, row: r + 1, column: headers[column]!, message });
          const cell = figureCell(cells[column] ?? null);
          if (cell !== null && typeof cell === "object") return at(say("impor.tanggal", { isi: cell.date, contoh: "86,11" }));
          const v = cellText(cell);
          if (v === undefined) return undefined;
          if (!kind) return undefined;
          if (isGradeTarget(v) && kind.kind !== "grade") return at(say("impor.predikat", { isi: v, baru: !existing, jenis: kindName(kind) }));
          if (!row.unit) return undefined;
          if (v.length > 60) return at(say("impor.terlalu_panjang", { maks: 60 }));
          const p = answerProblem(file, existing, row.unit, answer, v, kind);
          return p ? at(p) : v;
        };
        /**
         * A year's Pembilang and Penyebut cells as the realisasi "31/36" (see ratio-cells.ts), checked as /isi checks
         * it, and against the Realisasi cell when that is filled too; undefined when they are empty (or a problem).
         */
        let newScale: string | undefined;
        const fractionCells = (year: number, numeratorColumn: number | undefined, denominatorColumn: number | undefined, kind: KindCell, actual: { column: number; text: string } | undefined): string | undefined => {
          const read = (column: number | undefined) => (column === undefined ? undefined : cellText(figureCell(cells[column] ?? null)));
          const [numerator, denominator] = [read(numeratorColumn), read(denominatorColumn)];
          if (numerator === undefined && denominator === undefined) return undefined;
          const at = (column: number, message: string) => void problems.push({ sheet: sheet.name, row: r + 1, column: headers[column]!, message });
          const given = (numerator !== undefined ? numeratorColumn : denominatorColumn)!;
          if (numerator === undefined || denominator === undefined) return at(given, say("impor.pecahan_separuh"));
          if (kind.kind !== "ratio") return at(given, say("impor.pecahan_bukan_rasio", { jenis: kindName(kind) }));
          const fraction = `${numerator}/${denominator}`;
          const p = answerProblem(file, existing, row.unit, { q: "actual", year }, fraction, kind);
          // "Penyebut tidak boleh nol" in the Penyebut column; any other problem in the Pembilang's.
          if (p) return at(/^[0.,\s]+$/.test(denominator) ? denominatorColumn! : given, p);
          if (actual === undefined) return fraction;
          // A new indicator's scale is the one its first such year shows; every other year must be at it too.
          const scales = existing ? [existing.ratioScale] : newScale ? [newScale] : NEW_RATIO_SCALES;
          const scale = ratioScaleOf(actual.text, numerator, denominator, unitKind(row.unit), scales);
          if (scale === undefined) return at(actual.column, say("impor.pecahan_beda", { realisasi: actual.text, pembilang: numerator, penyebut: denominator }));
          if (!existing) newScale = row.ratioScale = scale;
          return fraction;
        };
        for (const year of new Set(layout!.figures.map((c) => c.year))) {
          const columnOf = (field: YearField) => layout!.figures.find((c) => c.field === field && c.year === year)?.column;
          const store = (field: "target" | "actual", v: string) => {
            if (year === reportingYear) row[field] = v;
            else {
              const history = (row.history ??= []);
              const entry = history.find((h) => h.year === year) ?? history[history.push({ year }) - 1]!;
              entry[field] = v;
            }
          };
          const [targetColumn, actualColumn] = [columnOf("target"), columnOf("actual")];
          const target = targetColumn === undefined ? undefined : figure(targetColumn, { q: "target", year });
          if (target !== undefined) store("target", target);
          const actual = actualColumn === undefined ? undefined : figure(actualColumn, { q: "actual", year });
          const fraction = kind && row.unit ? fractionCells(year, columnOf("numerator"), columnOf("denominator"), kind, actual === undefined ? undefined : { column: actualColumn!, text: actual }) : undefined;
          if (fraction !== undefined) store("actual", fraction);
          else if (actual !== undefined) store("actual", actual);
        }
        if (col("final") >= 0) {
          const v = figure(col("final"), { q: "final" });
          if (v !== undefined) row.final = v;
        }
        for (const { year, column } of layout!.plan) {
          const v = figure(column, { q: "target", year });
          if (v !== undefined) (row.plan ??= []).push({ year, target: v });
        }
        // The national figure: its value and its year, both needed (the year from its own column).
        const national = figureCell(get("national"));
        if (NO_NATIONAL.test(normalizeInput(text(get("national")) ?? "").replace(/\.$/, ""))) row.national = null;
        else if (national !== null && row.unit) {
          const year = cellText(figureCell(get("nationalYear")));
          const value = typeof national === "object" ? undefined : cellText(national)?.replace(/\s+/g, "");
          if (value === undefined) problem("national", say("impor.tanggal", { isi: (national as DateCell).date, contoh: "83,38" }));
          else if (year === undefined || !/^\d{4}$/.test(year)) problem(col("nationalYear") >= 0 ? "nationalYear" : "national", year === undefined ? say("impor.nasional_tanpa_tahun") : say("impor.nasional_bukan_tahun", { isi: year }));
          else {
            const p = answerProblem(file, existing, row.unit, { q: "national" }, `${value} ${year}`, kind);
            const nationalCell = text(get("nationalKind"))?.toLowerCase();
            const which = nationalCell === undefined ? nationalKind(headers[col("national")]!) : NATIONAL_KINDS.find((k) => k === nationalCell);
            const source = text(get("nationalSource"));
            if (p) problem("national", p);
            else if (which === undefined && nationalCell !== undefined) problem("nationalKind", say("impor.nasional_jenis", { isi: nationalCell }));
            else if (source !== undefined && source.length > 200) problem("nationalSource", say("impor.terlalu_panjang", { maks: 200 }));
            else row.national = { value, year: Number(year), ...(which ? { kind: which } : {}), ...(source ? { source } : {}) };
          }
        }
        for (const which of FACTOR_KINDS) {
          const v = factorText(get(which));
          if (v === undefined) continue;
          if (v.length > MAX_FACTOR_CELL) problem(which, say("impor.terlalu_panjang", { maks: formatCount(MAX_FACTOR_CELL) }));
          else if (row.unit) {
            const p = answerProblem(file, existing, row.unit, { q: "factors", which }, v, kind);
            if (p) problem(which, p);
            else (row.factors ??= {})[which] = v;
          }
        }
        for (const field of DESCRIPTION_FIELDS) {
          const cell = text(figureCell(get(field)));
          if (cell === undefined) continue;
          const v = normalizeInput(cell);
          if (v.length > DESCRIPTION_LIMITS[field]) problem(field, say("impor.terlalu_panjang", { maks: formatCount(DESCRIPTION_LIMITS[field]) }));
          else if ((field === "numeratorLabel" || field === "denominatorLabel") && kind && kind.kind !== "ratio") problem(field, say("impor.label_bukan_rasio", { jenis: kindName(kind) }));
          else if (v !== "") (row.texts ??= {})[field] = v;
        }
        // The IKU this one replaced: its name (the stored one's when the cell is empty), unit and figures.
        const oldFigures = layout!.figures.filter((c) => c.field === "predecessorTarget" || c.field === "predecessorActual");
        const [oldName, oldUnit] = [text(figureCell(get("predecessorName"))), text(figureCell(get("predecessorUnit")))];
        const oldGiven = oldFigures.filter((c) => cellText(figureCell(cells[c.column] ?? null)) !== undefined);
        if ((oldName !== undefined || oldUnit !== undefined || oldGiven.length > 0) && kind && row.unit) {
          const at = (column: number, message: string) => void problems.push({ sheet: sheet.name, row: r + 1, column: headers[column]!, message });
          const old: PredecessorRow = { years: [] };
          if (oldName === undefined && !existing?.predecessor) at(oldGiven[0]?.column ?? col("predecessorUnit"), say("impor.iku_lama_tanpa_nama"));
          else if (oldName !== undefined && oldName.length > 500) problem("predecessorName", say("impor.terlalu_panjang", { maks: 500 }));
          else if (oldName !== undefined) old.name = normalizeInput(oldName);
          if (oldUnit !== undefined && oldUnit.length > 40) problem("predecessorUnit", say("impor.terlalu_panjang", { maks: 40 }));
          else if (oldUnit !== undefined) old.unit = normalizeInput(oldUnit);
          for (const c of oldGiven) {
            const v = cellText(figureCell(cells[c.column] ?? null))!;
            const q = c.field === "predecessorTarget" ? "target" : "actual";
            const p = v.length > 60 ? say("impor.terlalu_panjang", { maks: 60 }) : answerProblem(file, undefined, old.unit ?? existing?.predecessor?.unit ?? row.unit, { q, year: c.year }, v, kind);
            if (p) at(c.column, p);
            else {
              const entry = old.years.find((y) => y.year === c.year) ?? old.years[old.years.push({ year: c.year }) - 1]!;
              entry[q] = v;
            }
          }
          row.predecessor = old;
        }
        readMoney(row, get, problem);
        if (problems.length > 0) plan.problems.push(...problems);
        else {
          plan.pk.push(row);
          const capaian = capaianColumn >= 0 ? cellText(figureCell(cells[capaianColumn] ?? null)) : undefined;
          if (capaian !== undefined) plan.writtenCapaian.push({ sheet: sheet.name, row: r + 1, objective: row.objective, name: row.name, text: capaian });
        }
        const code = text(get("code"));
        if (code !== undefined && row.objective && row.name && !fileCodes.has(code)) {
          fileCodes.set(code, { sheet: sheet.name, row: r + 1, name: row.name, id: existing?.id, saved: problems.length === 0 });
        }
        const coded = code === undefined ? undefined : byCode.get(code);
        if (problems.length === 0 && !existing && coded && !sameName(coded.indicator.name, row.name)) {
          const { indicator, objective: inObjective } = coded;
          // Offered when the row fits the stored indicator as well: its sasaran, unit, kind and every figure.
          const rename =
            sameName(inObjective, row.objective) &&
            !plan.renamed.some((x) => x.rename && x.id === indicator.id) &&
            (kindCell === undefined || (kindCell.kind === indicator.kind && (kindCell.gradeTable ?? indicator.gradeTable) === indicator.gradeTable)) &&
            fitsOn(file, indicator, row);
          plan.renamed.push({ sheet: sheet.name, row: r + 1, code: code!, objective: row.objective, stored: indicator.name, name: row.name, id: indicator.id, rename });
        }
        if (problems.length === 0 && existing && kindCell && (kindCell.kind !== existing.kind || (kindCell.gradeTable !== undefined && kindCell.gradeTable !== existing.gradeTable))) {
          plan.kindDiffers.push({ sheet: sheet.name, row: r + 1, name: existing.name, stored: storedKind(existing), written: kindText! });
        }
      } else {
        const row = readBudgetRow(r + 1, get, problem, seenBudget, (ref) => {
          const inFile = fileCodes.get(ref);
          const id = inFile ? (inFile.id ?? (inFile.saved ? inFile.name : undefined)) : (indicatorByRef.get(ref) ?? indicatorByRef.get(ref.toLowerCase()));
          if (id) return { id };
          if (inFile) return { message: say("impor.indikator_baris_bermasalah", { kode: ref, nama: inFile.name, lembar: inFile.sheet, baris: inFile.row }) };
          return { message: say("impor.indikator_tidak_dikenal", { nama: ref.slice(0, 100) }) };
        });
        if (problems.length > 0) plan.problems.push(...problems);
        else plan.budget.push(row);
      }
    }
  }
  // A rename whose old name another row names as well (names swapped in the sheet): not offered, as that row is
  // the stored indicator's.
  for (const x of plan.renamed) if (x.rename && plan.pk.some((p) => sameName(p.name, x.stored) && sameName(p.objective, x.objective))) x.rename = false;
  plan.problems.sort((a, b) => sheets.findIndex((s) => s.name === a.sheet) - sheets.findIndex((s) => s.name === b.sheet) || a.row - b.row);
  return plan;
}

/** A stored indicator renamed by an import row that names it by its Kode: `from` is its name at the preview. */
export interface Rename {
  row: number;
  id: string;
  from: string;
  to: string;
}

/** The renames a plan offers (see `ImportPlan.renamed`). */
export const renamesOf = (plan: Pick<ImportPlan, "renamed">): Rename[] => plan.renamed.filter((r) => r.rename).map((r) => ({ row: r.row, id: r.id, from: r.stored, to: r.name }));

export interface ApplyCounts {
  sasaran: number;
  indikator: number;
  /** Indicators already stored whose data the rows changed. */
  diperbarui: number;
  /** Indicators already stored whose rows hold what is stored (the bot's own workbook sent back). */
  sama: number;
  /** Budget lines added; budget lines already stored whose rows hold what is stored. */
  anggaran: number;
  anggaranSama: number;
  /** Budget lines already stored whose rows changed them. */
  anggaranDiperbarui: number;
}

export interface ApplyResult {
  counts: ApplyCounts;
  /** Rows that no longer fit the data (it changed between preview and save), as messages. */
  problems: string[];
}

/**
 * A realisasi typed over a ratio's numerator and denominator that is the ratio itself, as far as it is written
 * ("86,11" or the workbook's "86,111111" for 31 of 36): the numerator and denominator are kept, not replaced by
 * a rounded figure.
 */
function isStoredRatio(ind: Indicator, stored: YearValues | undefined, actual: string | undefined): boolean {
  if (ind.kind !== "ratio" || stored?.numerator === undefined || stored.denominator === undefined || actual === undefined) return false;
  const ratio = resolveYear(ind, 0, stored).actual;
  return ratio !== undefined && ratio.toDecimalPlaces(actual.split(".")[1]?.length ?? 0).equals(actual);
}

/** A figure of a table's row: a year's target or realisasi, or the Renstra's final target. */
export type FigureKey = { q: "target" | "actual"; year: number } | { q: "final" };

/**
 * A figure answered as /isi would; a realisasi that is the indicator's stored ratio as far as it is written keeps
 * the numerator and denominator (see isStoredRatio). The answer's problem when it is not taken.
 */
export function answerFigure(d: AgencyFile, ind: Indicator, key: FigureKey, value: string): string | undefined {
  const year = key.q === "final" ? undefined : String(key.year);
  const stored = year === undefined ? undefined : ind.years[year] && { ...ind.years[year] };
  const parsed = parseAnswer(d, { ...key, indicatorId: ind.id }, value);
  if (!parsed.ok) return parsed.message;
  parsed.apply(d);
  const now = year === undefined ? undefined : ind.years[year];
  if (key.q === "actual" && now && isStoredRatio(ind, stored, now.actual as string | undefined)) {
    delete now.actual;
    [now.numerator, now.denominator] = [stored!.numerator, stored!.denominator];
  }
  return undefined;
}

/**
 * Apply a plan to a draft of the agency data (the caller validates and stores it, or drops it when there are
 * problems); `renames` first, when the officer chose them: each indicator then takes its row's figures.
 */
export function applyPlan(d: AgencyFile, plan: Pick<ImportPlan, "pk" | "budget">, renames: readonly Rename[] = []): ApplyResult {
  const counts: ApplyCounts = { sasaran: 0, indikator: 0, diperbarui: 0, sama: 0, anggaran: 0, anggaranSama: 0, anggaranDiperbarui: 0 };
  const problems: string[] = [];
  const renamed = new Set<string>();
  for (const r of renames) {
    const objective = d.objectives.find((o) => o.indicators.some((i) => i.id === r.id));
    const ind = objective?.indicators.find((i) => i.id === r.id);
    // Renamed or deleted since the preview, or its new name taken meanwhile: not renamed, and the import not stored.
    if (!ind || !sameName(ind.name, r.from) || objective!.indicators.some((i) => i.id !== r.id && sameName(i.name, r.to))) {
      problems.push(say("impor.berubah", { baris: r.row, pesan: say("impor.ganti_nama_berubah", { nama: r.from }) }));
      continue;
    }
    ind.name = r.to;
    renamed.add(r.id);
  }
  const year = d.agency.reportingYear;
  const newId = idAllocator(d);
  const byName = new Map<string, string>();
  // The budget lines as they are before the rows: an indicator's pagu from its lines, as the workbook shows it.
  let rollUp: BudgetRollUp | undefined;
  /** Indicators whose pagu the rows gave as a figure of their own, where it was their lines' sum or none. */
  const fromRows: { ind: Indicator; row: PkRow }[] = [];
  /** Indicators already stored, as they were before their row. */
  const updated: { ind: Indicator; before: unknown }[] = [];
  for (const row of plan.pk) {
    const { indicator: ind, newObjective, newIndicator } = findOrAddIndicator(d, row.objective, row.name, row.unit, newId);
    if (newObjective) counts.sasaran++;
    if (newIndicator) counts.indikator++;
    else if (!sameName(ind.unit, row.unit)) problems.push(say("impor.berubah", { baris: row.row, pesan: say("impor.satuan_berbeda", { satuan: ind.unit }) }));
    // A snapshot by JSON: the indicator may be an edit's draft (a proxy), which structuredClone cannot copy.
    const before: unknown = newIndicator ? undefined : JSON.parse(JSON.stringify(ind));
    byName.set(row.name.toLowerCase(), ind.id);
    // A new indicator takes the row's kind (a plain value by default); a stored one keeps its own (/atur changes it).
    if (newIndicator && row.kind) {
      ind.kind = row.kind;
      if (row.gradeTable) ind.gradeTable = row.gradeTable;
      if (row.ratioScale) ind.ratioScale = row.ratioScale;
    }
    // A predikat is always positive.
    if (row.polarity && ind.kind !== "grade") ind.polarity = row.polarity;
    /** Apply one cell's answer as /isi would; false (and a problem) when the data no longer takes it. */
    const answer = (key: CellAnswer, value: string): boolean => {
      const parsed = parseAnswer(d, { ...key, indicatorId: ind.id }, value);
      if (parsed.ok) parsed.apply(d);
      else problems.push(say("impor.berubah", { baris: row.row, pesan: parsed.message }));
      return parsed.ok;
    };
    for (const figures of [{ year, target: row.target, actual: row.actual }, ...(row.history ?? [])]) {
      for (const q of ["target", "actual"] as const) {
        const value = figures[q];
        if (value === undefined) continue;
        const message = answerFigure(d, ind, { q, year: figures.year }, value);
        if (message !== undefined) problems.push(say("impor.berubah", { baris: row.row, pesan: message }));
      }
    }
    if (row.final !== undefined) answer({ q: "final" }, row.final);
    for (const { year: planYear, target } of row.plan ?? []) {
      const t = readTarget(ind, target);
      if (t.ok) ((ind.strategicPlan ??= {}).byYear ??= {})[String(planYear)] = t.value;
      else problems.push(say("impor.berubah", { baris: row.row, pesan: t.message }));
    }
    if (row.national === null) answer({ q: "national" }, "tidak ada");
    else if (row.national) {
      const stored = ind.national ? { ...ind.national } : undefined;
      const now = answer({ q: "national" }, `${row.national.value} ${row.national.year}`) ? ind.national : undefined;
      // What the sheet does not say is kept: standard or realisasi, and the source of the same year's figure.
      if (now) {
        now.kind = row.national.kind ?? stored?.kind ?? "realisasi";
        const source = row.national.source ?? (stored?.year === now.year ? stored.source : undefined);
        if (source === undefined) delete now.source;
        else now.source = source;
      }
    }
    for (const which of FACTOR_KINDS) {
      const items = row.factors?.[which];
      if (items !== undefined) answer({ q: "factors", which }, items);
    }
    for (const field of DESCRIPTION_FIELDS) {
      const value = row.texts?.[field];
      // A stored text the cell shows as it is (its line breaks written as spaces) is kept as it is.
      const was = ind[field];
      if (value !== undefined && (was === undefined || normalizeInput(was) !== value)) ind[field] = value;
    }
    if (row.predecessor) for (const message of applyPredecessor(d, ind, row.predecessor)) problems.push(say("impor.berubah", { baris: row.row, pesan: message }));
    if (applyIndicatorBudget(ind, row, newIndicator, () => (rollUp ??= rollUpBudget(d.budgetLines)))) fromRows.push({ ind, row });
    if (before !== undefined) updated.push({ ind, before });
  }
  if (plan.budget.length > 0) {
    const applied = applyBudgetRows(d, plan.budget, newId, (ref) => byName.get(ref.toLowerCase()) ?? ref, (rollUp ??= rollUpBudget(d.budgetLines)));
    counts.anggaran = applied.added;
    counts.anggaranSama = applied.same;
    counts.anggaranDiperbarui = applied.updated;
    problems.push(...applied.problems);
  }
  // A pagu the rows gave that the lines now sum to (the workbook copied with its budget sheet): stays their sum.
  if (fromRows.length > 0 && plan.budget.length > 0) keepLineSums(fromRows, rollUpBudget(d.budgetLines));
  for (const { ind, before } of updated) {
    if (renamed.has(ind.id)) counts.diperbarui++;
    else if (isDeepStrictEqual(JSON.parse(JSON.stringify(ind)), before)) counts.sama++;
    else counts.diperbarui++;
  }
  renumber(d);
  return { counts, problems };
}
