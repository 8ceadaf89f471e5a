/**
 * The agency's figures as an Excel workbook (exceljs): one sheet of every
 * indicator with its history and computed figures, one sheet of sasaran
 * averages, and one sheet per drafted table. Numbers are typed as numbers
 * (exact values, shown with the agency's decimals), texts as texts.
 */
import ExcelJS from "exceljs";
import { renderMustache } from "../domain/mustache.js";
import type { AgencyResult, YearResult } from "../domain/calc/agency.js";
import { Decimal } from "../domain/decimal.js";
import { formatGrade, type GradeValue } from "../domain/calc/grade.js";
import { formatDecimal } from "../domain/numbers/format.js";
import type { Cell, Chapter, NumberKind, Table } from "../domain/draft/document.js";
import { wordingFile } from "../domain/draft/templates.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { BUDGET_LEVELS, type BudgetLine } from "../domain/schema/budget.js";
import type { Target, YearValues } from "../domain/schema/indicator.js";
import { flatHeaders } from "../domain/draft/render/layout.js";
import { HISTORY_YEARS } from "../import/limits.js";

type Value = string | number | null;

function numFmt(kind: NumberKind, decimals: number): string {
  const d = decimals > 0 ? `.${"0".repeat(decimals)}` : "";
  switch (kind) {
    case "percent":
      return `0${d}"%"`;
    case "money":
      return "#,##0";
    case "ratio":
      return "0.00";
    case "points":
      return `0${d}`;
    case "number":
      return "#,##0.####";
  }
}

function words(): Record<string, unknown> {
  return wordingFile<Record<string, unknown>>("tabel");
}

function render(text: string, view: object): string {
  return renderMustache(text, view);
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E2F3" } };
    c.border = { top: { style: "thin" }, bottom: { style: "thin" }, left: { style: "thin" }, right: { style: "thin" } };
  });
}

function setValue(target: ExcelJS.Cell, value: Value, kind: NumberKind | undefined, decimals: number): void {
  target.value = value;
  if (typeof value === "number" && kind) target.numFmt = numFmt(kind, decimals);
}

function cellValue(c: Cell): { value: Value; kind?: NumberKind } {
  if (c.value) return { value: Number(c.value.number), kind: c.value.kind };
  return { value: c.text === "" ? null : c.text };
}

/** A drafted table as a sheet: header row(s), rows with typed numbers, caption and source above/below. */
function tableSheet(book: ExcelJS.Workbook, t: Table, decimals: number): void {
  const sheet = book.addWorksheet(`Tabel ${t.number}`);
  sheet.addRow([`Tabel ${t.number} ${t.caption}`]).font = { bold: true };
  const header = sheet.addRow(flatHeaders(t.columns));
  styleHeader(header);
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  for (const row of t.rows) {
    const r = sheet.addRow([]);
    row.cells.forEach((c, i) => {
      const { value, kind } = cellValue(c);
      setValue(r.getCell(i + 1), value, kind, decimals);
    });
    if (row.kind === "total") r.font = { bold: true };
    if (row.italic) r.font = { italic: true };
  }
  sheet.addRow([]);
  sheet.addRow([t.source]).font = { italic: true };
  if (t.note) sheet.addRow([t.note]).font = { italic: true };
  t.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.label || c.merge ? 48 : c.align === "left" ? 22 : 16));
}

const num = (d: Decimal | undefined): number | null => (d === undefined ? null : Number(d.toString()));

/** The factor columns, in the sheet's order: pendukung, penghambat, tindak lanjut. */
const FACTORS = ["supporting", "inhibiting", "followUp"] as const;

/** A predikat as the report writes it: "A (81,50)", "B", or a score alone. */
const gradeCell = (g: GradeValue): string => formatGrade(g, (score) => formatDecimal(score, 2));

/** A target as stored (the Renstra's final one): a number, a range "80–90", or a predikat as the report writes it. */
function targetCell(t: Target | undefined): Value {
  if (t === undefined) return null;
  if (typeof t === "string") return num(new Decimal(t));
  if ("min" in t) return `${t.min}–${t.max}`;
  return gradeCell(t);
}

/** A realisasi as stored: a ratio as its numerator and denominator ("31/36", as /isi takes it), a number, or a predikat. */
function actualCell(v: YearValues | undefined): Value {
  if (v?.numerator !== undefined && v.denominator !== undefined) return `${v.numerator}/${v.denominator}`;
  if (v?.actual === undefined) return null;
  if (typeof v.actual === "string") return num(new Decimal(v.actual));
  return gradeCell(v.actual);
}

/** A year's Target, Realisasi, Pembilang, Penyebut (a ratio's, when given) and Capaian cells. */
function yearCells(y: YearResult | undefined): [Value, Value, Value, Value, Value] {
  if (!y) return [null, null, null, null, null];
  const v = y.values;
  const target = v.gradeTarget ? gradeCell(v.gradeTarget) : v.target?.kind === "point" ? num(v.target.value) : v.target ? `${v.target.min}–${v.target.max}` : null;
  const actual = v.gradeActual ? gradeCell(v.gradeActual) : num(v.actual);
  const achievement = y.achievement.status === "ok" ? num(y.achievement.value) : null;
  return [target, actual, num(v.ratio?.numerator), num(v.ratio?.denominator), achievement];
}

/** The data sheet's columns (0-based) that its loop treats apart: see `kolom_indikator` in templates/tabel.json. */
const NATIONAL_SOURCE_COLUMN = 27;
const EFFICIENCY_COLUMN = 31;
const PREDECESSOR_FIGURES = 43;

/**
 * The budget lines as /impor reads a budget sheet: one row per program, kegiatan and sub kegiatan (with the names of
 * the lines above it), in the document's order, its pagu and realisasi as the report shows them (a parent's summed
 * from its lines when it has none of its own: sent back unchanged, it stays a sum), the indicators it supports by
 * their Kode in the data sheet, its output indicator, funding source and note.
 */
function budgetSheet(book: ExcelJS.Workbook, file: AgencyFile, result: AgencyResult, w: { anggaran: string; kolom_anggaran: string[] }): void {
  const sheet = book.addWorksheet(w.anggaran);
  styleHeader(sheet.addRow(w.kolom_anggaran));
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  const lines = new Map(file.budgetLines.map((l) => [l.id, l]));
  const indicators = new Map(result.indicators.map((r) => [r.indicator.id, r.indicator]));
  const money: (NumberKind | undefined)[] = [undefined, undefined, undefined, undefined, "money", "money", "percent"];
  for (const r of result.budget.lines) {
    const line = lines.get(r.id)!;
    const path: (string | null)[] = [null, null, null];
    for (let at: BudgetLine | undefined = line; at; at = at.parentId === undefined ? undefined : lines.get(at.parentId)) path[BUDGET_LEVELS.indexOf(at.level)] = at.name;
    const output = line.output;
    const values: Value[] = [
      line.code ?? null,
      ...path,
      num(r.budget),
      num(r.spent),
      r.absorption.status === "ok" ? num(r.absorption.value) : null,
      line.indicatorIds.map((id) => indicators.get(id)?.code ?? indicators.get(id)?.name).filter((x) => x !== undefined).join(", ") || null,
      line.fundingSource ?? null,
      output?.indicator ?? null,
      output?.unit ?? null,
      output?.target === undefined ? null : num(new Decimal(output.target)),
      output?.actual === undefined ? null : num(new Decimal(output.actual)),
      line.note ?? null,
    ];
    const row = sheet.addRow([]);
    values.forEach((v, i) => setValue(row.getCell(i + 1), v, money[i] ?? (i === 11 || i === 12 ? "number" : undefined), file.profile.decimals));
  }
  sheet.columns.forEach((c, i) => (c.width = i >= 1 && i <= 3 ? 40 : i === 9 || i === 13 ? 40 : 16));
}

export async function renderXlsx(file: AgencyFile, result: AgencyResult, chapter: Chapter): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Asisten LKjIP";
  book.created = new Date(0);
  const d = file.profile.decimals;
  const w = words().lembar as {
    indikator: string;
    sasaran: string;
    kolom_indikator: string[];
    kolom_renstra_tahunan: string;
    kolom_tahun_lama: string[];
    kolom_sasaran: string[];
    jenis: Record<string, string>;
    polaritas: Record<string, string>;
    nasional: Record<"standar" | "realisasi", string>;
    tidak_ada: string;
    anggaran: string;
    kolom_anggaran: string[];
  };
  const efficiencyLabels = (wordingFile<{ efisiensi: { label: Record<string, string> } }>("kosakata")).efisiensi.label;
  const y = result.year;

  const sheet = book.addWorksheet(w.indikator);
  // The Renstra's targets of its other years any indicator has (which /tahun takes for the next year's), one column
  // each after the others; its last year's is the final target's column.
  const { startYear, endYear } = file.agency.strategicPlan;
  const planYears = [...new Set(result.indicators.flatMap((r) => Object.keys(r.indicator.strategicPlan?.byYear ?? {}).map(Number)))]
    .filter((year) => year >= startYear && year < endYear)
    .sort((a, b) => a - b);
  // The years before the two the sheet has a block for that any indicator has figures of (as far back as /impor
  // reads), newest first, one block each after those: a copy into another registration keeps its history whole.
  const olderYears = [...new Set(result.indicators.flatMap((r) => r.history.map((h) => h.values.year)))]
    .filter((year) => year < y - 2 && year >= y - HISTORY_YEARS)
    .sort((a, b) => b - a);
  styleHeader(
    sheet.addRow([
      ...w.kolom_indikator.map((h) => render(h, { tahun: y, lalu: y - 1, dualalu: y - 2, metode: file.profile.efficiency.method })),
      ...planYears.map((year) => render(w.kolom_renstra_tahunan, { tahun: year })),
      ...olderYears.flatMap((year) => w.kolom_tahun_lama.map((h) => render(h, { tahun: year }))),
    ]),
  );
  sheet.views = [{ state: "frozen", ySplit: 1, xSplit: 3 }];
  const kinds: (NumberKind | undefined)[] = [
    undefined, undefined, undefined, undefined, undefined, undefined,
    "number", "number", "number", "number", "percent", undefined,
    "number", "number", "number", "number", "percent", "number", "number", "number", "number", "percent",
    "number", "percent", "number", undefined, undefined, undefined, "money", "money", "percent",
    file.profile.efficiency.method === "rasio" ? "ratio" : file.profile.efficiency.method === "selisih" ? "points" : "percent",
    // Keterangan, factors, descriptions, the IKU replaced and its unit; then its target and realisasi of two years.
    ...Array<undefined>(11),
    "number", "number", "number", "number",
    ...planYears.map((): NumberKind => "number"),
    ...olderYears.flatMap((): NumberKind[] => ["number", "number", "number", "number", "percent"]),
  ];
  for (const r of result.indicators) {
    const objective = result.objectives.find((o) => o.id === r.objectiveId)!;
    const past = (year: number) => r.history.find((h) => h.values.year === year);
    const e = r.efficiency;
    const f = r.indicator.factors;
    const national = r.indicator.national;
    const old = r.indicator.predecessor;
    const values: Value[] = [
      r.indicator.code ?? "",
      objective.objective.name,
      r.indicator.name,
      r.indicator.unit,
      w.polaritas[r.indicator.polarity]!,
      // A predikat with its table ("predikat IKM"): /impor makes the same indicator of it in another registration.
      w.jenis[r.indicator.gradeTable ?? r.indicator.kind]!,
      ...yearCells(r.current),
      r.current.category ?? null,
      ...yearCells(past(y - 1)),
      ...yearCells(past(y - 2)),
      // As stored, not only when the progress or the comparison can be computed (without a realisasi yet).
      targetCell(r.indicator.strategicPlan?.finalTarget),
      r.strategicPlan.status === "ok" ? num(r.strategicPlan.progress) : null,
      // "tidak ada": the officer said no national figure is available yet (/impor reads it back so).
      national === null ? w.tidak_ada : national ? num(new Decimal(national.value)) : null,
      national ? national.year : null,
      national ? w.nasional[national.kind] : null,
      national?.source ?? null,
      num(r.budget.budget),
      num(r.budget.spent),
      r.budget.absorption.status === "ok" ? num(r.budget.absorption.value) : null,
      e.status === "ok" ? num(e.value) : null,
      e.status === "ok" ? efficiencyLabels[e.label]! : null,
      // An empty list is the officer's "none" (not "not asked yet"): written as they would type it.
      ...FACTORS.map((which) => (f?.[which] === undefined ? null : f[which].length === 0 ? w.tidak_ada : f[which].join("; "))),
      r.indicator.definition ?? null,
      r.indicator.dataSource ?? null,
      r.indicator.responsibleUnit ?? null,
      r.indicator.numeratorLabel ?? null,
      r.indicator.denominatorLabel ?? null,
      // The IKU it replaced ("IKU lama" in the report's tables), with its figures of the two years before.
      old?.name ?? null,
      old?.unit ?? null,
      ...[y - 1, y - 2].flatMap((year) => [targetCell(old?.years[String(year)]?.target), actualCell(old?.years[String(year)])]),
      ...planYears.map((year) => targetCell(r.indicator.strategicPlan?.byYear?.[String(year)])),
      ...olderYears.flatMap((year) => yearCells(past(year))),
    ];
    const row = sheet.addRow([]);
    values.forEach((v, i) => setValue(row.getCell(i + 1), v, kinds[i], i === EFFICIENCY_COLUMN && file.profile.efficiency.method === "rasio" ? 2 : d));
  }
  sheet.columns.forEach((c, i) => (c.width = i === 1 || i === 2 ? 48 : i === NATIONAL_SOURCE_COLUMN || (i > EFFICIENCY_COLUMN + 1 && i < PREDECESSOR_FIGURES) ? 40 : 14));

  budgetSheet(book, file, result, w);

  const objectives = book.addWorksheet(w.sasaran);
  styleHeader(objectives.addRow(w.kolom_sasaran));
  for (const o of result.objectives) {
    const row = objectives.addRow([]);
    const values: Value[] = [o.objective.code ?? "", o.objective.name, o.counts.total, num(o.average.value), o.average.category ?? null, o.counts.above, o.counts.at, o.counts.below, o.counts.notMeasurable];
    values.forEach((v, i) => setValue(row.getCell(i + 1), v, i === 3 ? "percent" : undefined, d));
  }
  objectives.getColumn(2).width = 60;

  for (const s of chapter.sections) for (const b of s.blocks) if (b.type === "table") tableSheet(book, b, d);
  return new Uint8Array(await book.xlsx.writeBuffer());
}
