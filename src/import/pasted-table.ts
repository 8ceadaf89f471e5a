/**
 * Reading a Perjanjian Kinerja table pasted as text (/tempel): one indicator
 * per line, cells separated by "|" (typed) or by tabs (copied from a Word or
 * Excel table). What such copies hold, besides "Sasaran | Indikator | Satuan |
 * Target":
 *
 * - a header row naming the columns in any order, often with "No" first and
 *   without a Satuan column ("No | Sasaran Strategis | Indikator Kinerja |
 *   Target", the Perjanjian Kinerja's own layout), and a row numbering the
 *   columns ("(1) (2) (3) (4)");
 * - a row number in the first cell ("1.", "2");
 * - an empty Sasaran cell under the first indicator of a sasaran (the cell is
 *   merged in the document): the sasaran of the row above;
 * - the unit written in the target ("100%") when there is no Satuan column;
 * - a report's tables (Tabel 3.2, 3.4) have the reporting year's Realisasi and the Renstra's final target too, and
 *   often the indicators' codes in a column of their own under the Indikator header (see code-column.ts).
 *
 * Rows come out with their problems as message keys (prompts/atur.json,
 * `tempel.*`); the caller, who knows the agency's indicators, settles a
 * missing unit and checks the targets.
 */
import { isNone } from "../app/entry/answers.js";
import { say } from "../messages/catalog.js";
import { normalizeInput } from "../domain/numbers/normalize.js";
import { pastedNameHeader } from "./code-column.js";
import type { Sheet } from "./spreadsheet.js";
import { headerLetters, headerYear, headerYears, isCapaianHeader, isColumnNumbers, isNoIndicatorRow, isNumberCell, pkColumn, unitInTarget, type PkColumn } from "./pk-cells.js";

export interface PastedRow {
  /** The line's number among the non-empty lines pasted (1-based), as the preview names it. */
  line: number;
  objective: string;
  name: string;
  /** As given, or "%" from a target written with it; empty when neither (the caller may know the indicator's). */
  unit: string;
  target?: string;
  /** From a Realisasi column (a report's table has one), the reporting year's as the Target column. */
  actual?: string;
  /** From a Target Akhir Renstra column (a report's Tabel 3.4: "Target Akhir 2026"). */
  final?: string;
  /**
   * The reporting year's capaian as the table writes it ("100.76", "107,6%"): not stored (a capaian is always
   * computed), but compared with the one computed, since reports' own arithmetic is often wrong.
   */
  capaian?: string;
}

export interface PastedProblem {
  line: number;
  /** A key under `tempel.` and its values. */
  key: string;
  params: Record<string, string | number>;
}

export interface PastedTable {
  /** Non-empty lines pasted. */
  lines: number;
  /** Whether the table has a Satuan column (false: a header without one). */
  unitColumn: boolean;
  /** Whether a header row ("Sasaran | Indikator | …") was found. */
  header: boolean;
  rows: PastedRow[];
  problems: PastedProblem[];
  /** Header cells of columns that are not read (other than "No"). */
  ignoredColumns: string[];
  /** Of those, the Target columns of a year after the reporting year (the officer changes year first). */
  laterColumns: string[];
}

/** Most lines read at once. */
export const MAX_PASTED_LINES = 200;

type Required = "objective" | "name" | "unit";
const REQUIRED: Required[] = ["objective", "name", "unit"];
/** A column's name in the messages ("Sasaran", "Indikator", "Satuan"). */
const columnName = (c: Required) => say(`tempel.kolom.${c}`);
const LIMITS: Record<Required, number> = { objective: 500, name: 500, unit: 40 };
/** The columns /tempel reads; a header's other columns are reported as ignored. */
const READ: ReadonlySet<PkColumn | undefined> = new Set(["objective", "name", "unit", "target", "actual", "final"]);

/** The cells of one line: "|"-separated (outer borders dropped) or tab-separated (empty cells kept: merged ones). */
function cellsOf(line: string): string[] {
  if (line.includes("|")) {
    const cells = line.split("|").map((c) => normalizeInput(c));
    if (cells[0] === "" && cells.length > 1) cells.shift();
    if (cells.length > 1 && cells[cells.length - 1] === "") cells.pop();
    return cells;
  }
  const cells = line.split("\t").map((c) => normalizeInput(c));
  while (cells.length > 1 && cells[cells.length - 1] === "") cells.pop();
  return cells;
}

/** The pasted lines as a sheet, for the import's reading of a table /tempel does not read itself (a budget table). */
export function pastedSheet(input: string, name: string): Sheet {
  return { name, rows: linesOf(input).map((line) => cellsOf(line).map((c) => (c === "" ? null : c))) };
}

/** The non-empty lines pasted. */
const linesOf = (input: string) => input.split(/\r?\n/).filter((l) => l.trim() !== "");

interface Header {
  columns: (PkColumn | undefined)[];
  /** The reporting year's Capaian column, read only to compare with the capaian computed (see PastedRow.capaian). */
  capaian: number;
  ignored: string[];
  later: string[];
}

/**
 * Header cells of the sasaran and indicator columns as tables write them ("Sasaran Strategis", "No. Sasaran",
 * "Indikator Kinerja Utama", "IKU"): tighter than the spreadsheet import's prefixes, since a pasted row's
 * first cells are names that may start with the same words ("Sasaran A | Indikator satu | % | 100").
 */
const OBJECTIVE_HEADER = /^(no)?(sasaran|tujuansasaran)(strategis|kinerja|program)?$/;
const NAME_HEADER = /^(indikator(kinerja)?(utama|sasaran|program)?(iku)?|iku)$/;

/** A header cell of that form, without digits ("Sasaran 1" is a sasaran's name). */
const isHeader = (pattern: RegExp, cell: string) => !/\d/.test(cell) && pattern.test(headerLetters(cell));

/**
 * A header row: its columns by field, when it names at least the sasaran and the indicator. The target and the
 * realisasi read are the reporting year's: a column naming another year ("Target 2025" while the agency reports on
 * 2024, "Realisasi 2023"), or a second one, is not read (and listed as ignored). The Renstra's final target is read
 * from a column naming no year or the Renstra's last (`endYear`), as "Target Akhir 2026" in a Renstra to 2026.
 */
function headerOf(cells: string[], reportingYear: number | undefined, endYear?: number): Header | undefined {
  if (!cells.some((c) => isHeader(OBJECTIVE_HEADER, c)) || !cells.some((c) => isHeader(NAME_HEADER, c))) return undefined;
  const read = new Set<PkColumn>();
  const later: string[] = [];
  const columns = cells.map((c): PkColumn | undefined => {
    const column = isHeader(OBJECTIVE_HEADER, c) ? "objective" : pkColumn(c);
    if (column === "final") {
      const last = headerYears(c).at(-1);
      if (read.has(column) || (last !== undefined && endYear !== undefined && last !== endYear)) return undefined;
      read.add(column);
      return column;
    }
    if (column !== "target" && column !== "actual") return column;
    const year = headerYear(c);
    if (year !== undefined && reportingYear !== undefined && year > reportingYear) later.push(c);
    if (read.has(column) || (year !== undefined && reportingYear !== undefined && year !== reportingYear)) return undefined;
    read.add(column);
    return column;
  });
  const capaian = cells.findIndex((c, i) => columns[i] === undefined && isCapaianHeader(c, reportingYear));
  const ignored = cells.filter((c, i) => !READ.has(columns[i]) && i !== capaian && c !== "" && !/^(no\.?|nomor)$/i.test(c));
  return { columns, capaian, ignored, later };
}

/** Lines before the header that may be a title ("PERJANJIAN KINERJA TAHUN 2024"). */
const HEADER_WITHIN = 3;

/**
 * The rows of a pasted table; `reportingYear`: the agency's, whose Target and Realisasi columns are read, and
 * `endYear` its Renstra's last, whose final target is (see headerOf).
 */
export function readPastedTable(input: string, reportingYear?: number, endYear?: number): PastedTable {
  const lines = linesOf(input);
  const table: PastedTable = { lines: lines.length, unitColumn: true, header: false, rows: [], problems: [], ignoredColumns: [], laterColumns: [] };
  let header: Header | undefined;
  /** Without a header: whether the first cell of each row is its number (decided on the first row read). */
  let numbered: boolean | undefined;
  let previousObjective = "";
  const cellRows = lines.map(cellsOf);
  cellRows.forEach((cells, k) => {
    const line = k + 1;
    const problem = (key: string, params: Record<string, string | number> = {}) => void table.problems.push({ line, key, params });
    if (header === undefined && table.rows.length === 0 && k < HEADER_WITHIN) {
      let found = headerOf(cells, reportingYear, endYear);
      // "INDIKATOR KINERJA" over the codes and the names, copied as one cell (see code-column.ts).
      const spanned = found && pastedNameHeader(cells, found.columns.indexOf("name"), cellRows.slice(k + 1).filter((c) => !isColumnNumbers(c)));
      if (spanned) found = headerOf(spanned, reportingYear, endYear);
      if (found) {
        header = found;
        table.header = true;
        table.ignoredColumns = found.ignored;
        table.laterColumns = found.later;
        table.unitColumn = found.columns.includes("unit");
        table.problems = []; // the lines above were a title
        return;
      }
    }
    // The row numbering the columns: "(1) (2) (3) (4)".
    if (isColumnNumbers(cells)) return;

    const value: Record<Required, string> = { objective: "", name: "", unit: "" };
    let target: string | undefined;
    let actual: string | undefined;
    let final: string | undefined;
    let capaian: string | undefined;
    if (header) {
      if (cells.length > header.columns.length) return problem("kolom_lebih_judul", { jumlah: cells.length, judul: header.columns.length });
      const at = (column: PkColumn) => cells[header!.columns.indexOf(column)] ?? "";
      for (const c of REQUIRED) value[c] = at(c);
      target = at("target");
      actual = at("actual");
      final = at("final");
      if (header.capaian >= 0) capaian = cells[header.capaian] || undefined;
    } else {
      numbered ??= cells.length >= 4 && isNumberCell(cells[0]!);
      const row = numbered ? cells.slice(1) : cells;
      if (row.length < 3) return problem("kolom_kurang", { jumlah: row.length });
      if (row.length > 4) return problem("kolom_lebih", { jumlah: row.length });
      [value.objective, value.name, value.unit] = [row[0]!, row[1]!, row[2]!];
      target = row[3];
    }
    // An empty target, or one written as "-" or "tidak ada" (no figure), is none.
    if (!target || isNone(target)) target = undefined;
    if (!actual || isNone(actual)) actual = undefined;
    if (!final || isNone(final)) final = undefined;
    if (value.name === "" && target === undefined && actual === undefined && final === undefined && isNoIndicatorRow(value.objective)) return;
    // A merged Sasaran cell is empty below its first row.
    if (value.objective === "" && value.name !== "") value.objective = previousObjective;
    if (value.objective !== "") previousObjective = value.objective;
    if (value.unit === "") value.unit = unitInTarget(target) ?? "";
    const empty = (["objective", "name"] as const).find((c) => value[c] === "");
    if (empty) return problem("kosong_kolom", { kolom: columnName(empty) });
    const long = REQUIRED.find((c) => value[c].length > LIMITS[c]);
    if (long) return problem("terlalu_panjang", { kolom: columnName(long) });
    table.rows.push({ line, ...value, ...(target === undefined ? {} : { target }), ...(actual === undefined ? {} : { actual }), ...(final === undefined ? {} : { final }), ...(capaian === undefined ? {} : { capaian }) });
  });
  return table;
}
