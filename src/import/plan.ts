/**
 * Turns the sheets of an imported file into a plan: the Perjanjian Kinerja
 * rows (sasaran, indikator, satuan, target, and optionally realisasi, pagu,
 * realisasi anggaran) and the budget rows (program / kegiatan / sub kegiatan),
 * every cell checked, every problem reported with its sheet, row and column.
 * Nothing is stored here; `applyPlan` changes a draft of the agency data.
 */
import { say } from "../messages/catalog.js";
import { Decimal } from "../domain/decimal.js";
import { formatCount } from "../domain/numbers/format.js";
import { numberErrorMessage } from "../domain/numbers/messages.js";
import { parseNumber } from "../domain/numbers/parse.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import type { Indicator } from "../domain/schema/indicator.js";
import { isNone, parseAnswer } from "../app/entry/answers.js";
import { idAllocator, renumber } from "../app/ids.js";
import { findOrAddIndicator, newValueIndicator, sameName } from "../app/by-name.js";
import type { CellValue, Sheet } from "./spreadsheet.js";
import { BudgetLineIndex, type LinePath } from "./budget-rows.js";
import { wordingFile } from "../domain/draft/templates.js";
import { headerLetters, isColumnNumbers, isGradeTarget, pkColumn, unitInTarget, type PkColumn } from "./pk-cells.js";

export interface PkRow {
  row: number;
  objective: string;
  name: string;
  unit: string;
  target?: string;
  actual?: string;
  budget?: string;
  spent?: string;
}

export interface BudgetRow {
  row: number;
  program: string;
  activity?: string;
  subActivity?: string;
  budget?: string;
  spent?: string;
  /** Indicator codes or names, comma separated. */
  indicators?: string[];
  note?: string;
}

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
  /** Sheets of a workbook /ekspor xlsx made that are computed from the data (its BAB III tables, the sasaran's averages): not read. */
  computedSheets?: string[];
}

/**
 * The sheets of a workbook /ekspor xlsx made that are computed from the agency's data (Tabel 3.1 … 3.8, the
 * sasaran's averages): read as tables, their rows repeat or misread the data sheet's (a wall of problems for the
 * bot's own file). Undefined for any other workbook.
 */
function computedSheets(sheets: readonly Sheet[]): string[] | undefined {
  const names = wordingFile<{ lembar: { indikator: string; sasaran: string } }>("tabel").lembar;
  const table = /^Tabel 3\.\d+$/;
  if (!sheets.some((s) => s.name === names.indikator) || !sheets.some((s) => table.test(s.name))) return undefined;
  return sheets.filter((s) => s.name === names.sasaran || table.test(s.name)).map((s) => s.name);
}

const norm = headerLetters;

type Field = PkColumn | "program" | "activity" | "subActivity" | "indicators" | "note";

function fieldOf(header: string, kind: "pk" | "budget"): Field | undefined {
  if (kind === "pk") return pkColumn(header);
  const h = norm(header);
  if (h.startsWith("subkegiatan")) return "subActivity";
  if (h.startsWith("kegiatan")) return "activity";
  if (h.startsWith("program")) return "program";
  if (h === "pagu" || h.startsWith("paguanggaran") || h === "anggaran" || h.startsWith("alokasi")) return "budget";
  if (h.startsWith("realisasi")) return "spent";
  if (h.startsWith("indikator")) return "indicators";
  if (h === "catatan" || h === "keterangan" || h === "alasan") return "note";
  return undefined;
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

function text(v: CellValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "object") return v.date;
  return String(v).replace(/\s+/g, " ").trim() || undefined;
}

export function sheetKind(sheet: Sheet): "pk" | "budget" | undefined {
  if (findHeader(sheet, "pk")) return "pk";
  if (findHeader(sheet, "budget")) return "budget";
  return undefined;
}

/** A typed Excel number as the officer would type it (decimal comma, no exponent), for the answer parser. */
function typedNumber(v: number): string {
  return new Decimal(v).toDecimalPlaces(6).toFixed().replace(".", ",");
}

function moneyCell(v: CellValue): { ok: true; value: string } | { ok: false; message: string } {
  if (v !== null && typeof v === "object") return { ok: false, message: say("impor.tanggal", { isi: v.date, contoh: "1.373.500.000" }) };
  const r = parseNumber(typeof v === "number" ? typedNumber(v) : String(v), { kind: "money" });
  return r.ok ? { ok: true, value: r.value.toFixed() } : { ok: false, message: numberErrorMessage(r.error, "money") };
}

function findExisting(file: AgencyFile, objective: string, name: string): Indicator | undefined {
  return file.objectives.find((o) => sameName(o.name, objective))?.indicators.find((i) => sameName(i.name, name));
}

/** A file holding only one scratch indicator with this unit: targets and realisations of new indicators are checked on it. */
function probeFile(file: AgencyFile, unit: string): AgencyFile {
  const indicator = newValueIndicator(PROBE_ID, "cek", unit);
  return { ...file, objectives: [{ id: "cek-impor", name: "cek", indicators: [indicator] }] };
}
const PROBE_ID = "cek-impor-i";

/** Check a target or realisation the way /isi would: on the stored indicator, or on a new one with this unit. */
export function answerProblem(file: AgencyFile, existing: Indicator | undefined, unit: string, q: "target" | "actual", value: string): string | undefined {
  const parsed = existing
    ? parseAnswer(file, { q, indicatorId: existing.id, year: file.agency.reportingYear }, value)
    : parseAnswer(probeFile(file, unit), { q, indicatorId: PROBE_ID, year: file.agency.reportingYear }, value);
  return parsed.ok ? undefined : parsed.message;
}

function cellText(v: CellValue): string | undefined {
  return typeof v === "number" ? typedNumber(v) : text(v);
}

/** A figure's cell (target, realisasi, pagu): "-", "tidak ada" and the like are how tables write "no figure", read as an empty cell. */
function figureCell(v: CellValue): CellValue {
  return typeof v === "string" && isNone(v) ? null : v;
}

export function planImport(file: AgencyFile, sheets: Sheet[]): ImportPlan {
  const plan: ImportPlan = { pk: [], budget: [], problems: [], ignoredColumns: [] };
  const indicatorByRef = new Map<string, string>();
  for (const o of file.objectives) for (const i of o.indicators) {
    if (i.code) indicatorByRef.set(i.code, i.id);
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
  const computed = computedSheets(sheets);
  if (computed) plan.computedSheets = computed;
  const kinds = sheets.filter((sheet) => !computed?.includes(sheet.name)).map((sheet) => ({ sheet, kind: sheetKind(sheet) }));
  const ordered = [...kinds.filter((k) => k.kind === "pk"), ...kinds.filter((k) => k.kind === "budget")];
  const seenPk = new Map<string, number>();
  const seenBudget = new Map<string, number>();
  for (const { sheet, kind } of ordered) {
    if (!kind) continue;
    if (kind === "budget" && !refsReady) resolveRefs();
    const header = findHeader(sheet, kind)!;
    const headerCells = sheet.rows[header.index]!;
    const ignored = headerCells.map((c, i) => (header.fields[i] === undefined && text(c) ? text(c)! : undefined)).filter((c): c is string => c !== undefined && norm(c) !== "no");
    if (ignored.length > 0) plan.ignoredColumns.push({ sheet: sheet.name, columns: ignored });
    const col = (f: Field) => header.fields.indexOf(f);
    // Only the unit is reported without its column (a table without one).
    const label = (f: Field) => text(headerCells[col(f)] ?? null) ?? (f === "unit" ? say("tempel.kolom.unit") : f);
    /** The sasaran of the row above, for a row whose Sasaran cell is empty (merged in the document, or left blank below its first indicator). */
    let previousObjective: string | undefined;
    for (let r = header.index + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r]!;
      if (cells.every((c) => c === null)) continue;
      // The row numbering the columns under the header, as the Perjanjian Kinerja's table has it: not data.
      if (isColumnNumbers(cells.map((c) => (c === null ? "" : typeof c === "object" ? "-" : String(c))))) continue;
      const get = (f: Field) => (col(f) >= 0 ? (cells[col(f)] ?? null) : null);
      const problems: Problem[] = [];
      const problem = (f: Field, message: string) => problems.push({ sheet: sheet.name, row: r + 1, column: label(f), message });
      const required = (f: Field, max: number) => {
        const v = text(get(f));
        if (!v) problem(f, say("impor.wajib"));
        else if (v.length > max) problem(f, say("impor.terlalu_panjang", { maks: formatCount(max) }));
        return v ?? "";
      };
      /** Pagu and realisasi anggaran (either sheet): money as typed, or a problem in its column. */
      const readMoney = (row: { budget?: string; spent?: string }) => {
        for (const f of ["budget", "spent"] as const) {
          const v = figureCell(get(f));
          if (v === null) continue;
          const n = moneyCell(v);
          if (n.ok) row[f] = n.value;
          else problem(f, n.message);
        }
      };
      if (kind === "pk") {
        const name = required("name", 500);
        const objective = text(get("objective")) === undefined && name && previousObjective ? previousObjective : required("objective", 500);
        if (objective) previousObjective = objective;
        const existing = objective && name ? findExisting(file, objective, name) : undefined;
        // Without a Satuan (no column, or an empty cell): a target written with % gives it, or the stored indicator's.
        const target = cellText(figureCell(get("target")));
        let unit = text(get("unit")) === undefined ? (unitInTarget(target) ?? existing?.unit ?? "") : required("unit", 40);
        if (unit === "") {
          if (col("unit") >= 0) unit = required("unit", 40);
          else if (!isGradeTarget(target)) problem("unit", say("impor.tanpa_satuan"));
        }
        const row: PkRow = { row: r + 1, objective, name, unit };
        if (existing && row.unit && !sameName(existing.unit, row.unit)) problem("unit", say("impor.satuan_berbeda", { satuan: existing.unit }));
        if (row.objective && row.name) {
          const key = `${row.objective}\u0000${row.name}`.toLowerCase();
          const first = seenPk.get(key);
          if (first !== undefined) problem("name", say("impor.baris_ganda", { baris: first }));
          else seenPk.set(key, r + 1);
        }
        for (const q of ["target", "actual"] as const) {
          const cell = figureCell(get(q));
          if (cell !== null && typeof cell === "object") {
            problem(q, say("impor.tanggal", { isi: cell.date, contoh: "86,11" }));
            continue;
          }
          const v = cellText(cell);
          if (v === undefined) continue;
          if (isGradeTarget(v) && existing?.kind !== "grade") {
            problem(q, say("impor.predikat", { isi: v }));
            continue;
          }
          if (!row.unit) continue;
          if (v.length > 60) problem(q, say("impor.terlalu_panjang", { maks: 60 }));
          else {
            const p = answerProblem(file, existing, row.unit, q, v);
            if (p) problem(q, p);
            else row[q] = v;
          }
        }
        readMoney(row);
        if (problems.length > 0) plan.problems.push(...problems);
        else plan.pk.push(row);
      } else {
        const program = text(get("program"));
        const activity = text(get("activity"));
        const subActivity = text(get("subActivity"));
        if (!program) problem("program", say(activity || subActivity ? "impor.tanpa_program" : "impor.wajib"));
        if (subActivity && !activity) problem("subActivity", say("impor.tanpa_kegiatan"));
        for (const [f, v] of [["program", program], ["activity", activity], ["subActivity", subActivity]] as const) {
          if (v && v.length > 500) problem(f, say("impor.terlalu_panjang", { maks: 500 }));
        }
        if (program) {
          const key = [program, activity ?? "", subActivity ?? ""].join("\u0000").toLowerCase();
          const first = seenBudget.get(key);
          if (first !== undefined) problem(subActivity ? "subActivity" : activity ? "activity" : "program", say("impor.baris_ganda", { baris: first }));
          else seenBudget.set(key, r + 1);
        }
        const row: BudgetRow = { row: r + 1, program: program ?? "" };
        if (activity) row.activity = activity;
        if (subActivity) row.subActivity = subActivity;
        readMoney(row);
        const refCell = get("indicators");
        if (refCell !== null) {
          const ids: string[] = [];
          // A single code typed as a number (1.1) arrives as a number; a list is text separated by commas or semicolons.
          const refs = typeof refCell === "number" ? [new Decimal(refCell).toFixed()] : (text(refCell) ?? "").split(/[,;]/);
          for (const ref of refs.map((x) => x.trim()).filter(Boolean)) {
            const id = indicatorByRef.get(ref) ?? indicatorByRef.get(ref.toLowerCase());
            if (id) ids.push(id);
            else problem("indicators", say("impor.indikator_tidak_dikenal", { nama: ref.slice(0, 100) }));
          }
          if (ids.length > 50) problem("indicators", say("impor.terlalu_banyak_indikator", { maks: 50 }));
          row.indicators = ids;
        }
        const note = text(get("note"));
        if (note) {
          if (note.length > 1000) problem("note", say("impor.terlalu_panjang", { maks: formatCount(1000) }));
          else row.note = note;
        }
        if (problems.length > 0) plan.problems.push(...problems);
        else plan.budget.push(row);
      }
    }
  }
  plan.problems.sort((a, b) => sheets.findIndex((s) => s.name === a.sheet) - sheets.findIndex((s) => s.name === b.sheet) || a.row - b.row);
  return plan;
}

export interface ApplyCounts {
  sasaran: number;
  indikator: number;
  diperbarui: number;
  anggaran: number;
}

export interface ApplyResult {
  counts: ApplyCounts;
  /** Rows that no longer fit the data (it changed between preview and save), as messages. */
  problems: string[];
}

/** Apply a plan to a draft of the agency data (the caller validates and stores it, or drops it when there are problems). */
export function applyPlan(d: AgencyFile, plan: Pick<ImportPlan, "pk" | "budget">): ApplyResult {
  const counts: ApplyCounts = { sasaran: 0, indikator: 0, diperbarui: 0, anggaran: 0 };
  const problems: string[] = [];
  const year = d.agency.reportingYear;
  const newId = idAllocator(d);
  const byName = new Map<string, string>();
  for (const row of plan.pk) {
    const { indicator: ind, newObjective, newIndicator } = findOrAddIndicator(d, row.objective, row.name, row.unit, newId);
    if (newObjective) counts.sasaran++;
    if (newIndicator) counts.indikator++;
    else {
      counts.diperbarui++;
      if (!sameName(ind.unit, row.unit)) problems.push(say("impor.berubah", { baris: row.row, pesan: say("impor.satuan_berbeda", { satuan: ind.unit }) }));
    }
    byName.set(row.name.toLowerCase(), ind.id);
    for (const q of ["target", "actual"] as const) {
      const value = row[q];
      if (value === undefined) continue;
      const parsed = parseAnswer(d, { q, indicatorId: ind.id, year }, value);
      if (parsed.ok) parsed.apply(d);
      else problems.push(say("impor.berubah", { baris: row.row, pesan: parsed.message }));
    }
    if (row.budget !== undefined) (ind.budget ??= {}).budget = row.budget;
    if (row.spent !== undefined) (ind.budget ??= {}).spent = row.spent;
  }
  const lines = plan.budget.length > 0 ? new BudgetLineIndex(d, newId) : undefined;
  // Built once the Perjanjian Kinerja rows are in: a budget row may name an indicator they added.
  const known = plan.budget.length > 0 ? new Set(d.objectives.flatMap((o) => o.indicators.map((i) => i.id))) : new Set<string>();
  for (const row of plan.budget) {
    const path: LinePath = [["program", row.program]];
    if (row.activity) path.push(["activity", row.activity]);
    if (row.subActivity) path.push(["subActivity", row.subActivity]);
    const { line: target, added } = lines!.lineAt(path);
    counts.anggaran += added;
    if (row.budget !== undefined) target.budget = row.budget;
    if (row.spent !== undefined) target.spent = row.spent;
    if (row.note !== undefined) target.note = row.note;
    for (const ref of row.indicators ?? []) {
      const id = byName.get(ref.toLowerCase()) ?? ref;
      if (!known.has(id)) problems.push(say("impor.berubah", { baris: row.row, pesan: say("impor.indikator_tidak_dikenal", { nama: ref }) }));
      else if (!target.indicatorIds.includes(id)) target.indicatorIds.push(id);
    }
  }
  lines?.finish();
  renumber(d);
  return { counts, problems };
}
