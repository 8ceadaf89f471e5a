/**
 * Reading what officers send: .xlsx (exceljs), .csv / .txt (comma, semicolon
 * or tab separated, quoted fields; UTF-8, or UTF-16 as Excel's "Unicode Text"),
 * or the tables of a Word document (.docx: the Perjanjian Kinerja itself). Cells come out as numbers (typed Excel
 * numbers, percent-formatted cells already × 100) or trimmed text.
 */
import ExcelJS from "exceljs";
import { decodeText, isUtf16 } from "./decode-text.js";
import { readDocxTables } from "./docx-tables.js";
import { MAX_COLUMNS, MAX_ROWS, MAX_XLSX_UNPACKED_BYTES } from "./limits.js";
import { zipUncompressedSize } from "./zip-size.js";
import { computedSheetNames } from "./computed-sheets.js";
import { keepEscapedPercent } from "./exceljs-formats.js";

/** A cell Excel holds as a date (kept apart so a date typed where a number belongs gets its own message). */
export interface DateCell {
  date: string;
}

export type CellValue = number | string | DateCell | null;

export interface Sheet {
  name: string;
  /** Rows as in the file; `rows[i]` is spreadsheet row i + 1. */
  rows: CellValue[][];
}

export type SpreadsheetRead = { ok: true; sheets: Sheet[] } | { ok: false; reason: "not_spreadsheet" | "empty" | "too_many_rows" | "too_large" };


function excelCell(cell: ExcelJS.Cell): CellValue {
  return excelValue(cell.value, scalesByHundred(cell.numFmt ?? ""));
}

/**
 * Whether a number format shows a cell's value times 100 with a % (`0.00%`: 0,9825 shows as 98,25%). A % in
 * quotes or after a backslash is only a sign written after the figure (`0.00"%"`, `0\%`: 98,25 shows as 98,25%),
 * as the bot's own workbook and many officers' sheets write percentages; so is a % within brackets ([Red]).
 * (ExcelJS would read `0.00\%` as `0.00%`: exceljs-formats.ts keeps it a sign.)
 */
export function scalesByHundred(format: string): boolean {
  return /%/.test(format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, ""));
}

/** A cell's value as the import reads it; `percent`: the cell is formatted as a percentage (0,9825 shows as 98,25%). */
function excelValue(v: ExcelJS.CellValue | undefined, percent: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return percent ? Number((v * 100).toPrecision(15)) : v;
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (typeof v === "boolean") return String(v);
  if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
  if (typeof v === "object") {
    // A formula (=E5/D5) gives the value Excel computed and saved with it, formatted like any other; one saved
    // without it (by a program that does not compute) is shown as written, and is then refused as not a number.
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
      return f.result === undefined ? `=${f.formula ?? f.sharedFormula ?? ""}` : excelValue(f.result, percent);
    }
    if ("error" in v) return String(v.error); // #DIV/0!, #N/A …
    if ("richText" in v) return v.richText.map((t) => t.text).join("").trim() || null;
    if ("text" in v) return excelValue(v.text as ExcelJS.CellValue, false); // a hyperlink: its text (plain or rich)
  }
  return String(v).trim() || null;
}

async function readXlsx(bytes: Uint8Array): Promise<SpreadsheetRead> {
  if ((zipUncompressedSize(bytes) ?? 0) > MAX_XLSX_UNPACKED_BYTES) return { ok: false, reason: "too_large" };
  keepEscapedPercent();
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    return { ok: false, reason: "not_spreadsheet" };
  }
  const sheets: Sheet[] = [];
  let total = 0;
  // The bot's own workbook: its computed sheets are not read (see computed-sheets.ts), only named.
  const computed = computedSheetNames(book.worksheets.map((ws) => ws.name)) ?? [];
  for (const ws of book.worksheets) {
    if (computed.includes(ws.name)) {
      sheets.push({ name: ws.name, rows: [] });
      continue;
    }
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: CellValue[] = [];
      for (let c = 1; c <= Math.min(row.cellCount, MAX_COLUMNS); c++) cells.push(excelCell(row.getCell(c)));
      rows[number - 1] = cells;
    });
    total += rows.length;
    sheets.push({ name: ws.name, rows: Array.from({ length: rows.length }, (_, i) => rows[i] ?? []) });
  }
  if (total > MAX_ROWS) return { ok: false, reason: "too_many_rows" };
  if (book.worksheets.length === 0) return { ok: false, reason: "not_spreadsheet" }; // a zip that is not a workbook (e.g. a renamed .docx)
  if (sheets.every((s) => s.rows.every((r) => r.every((c) => c === null)))) return { ok: false, reason: "empty" };
  return { ok: true, sheets };
}

const DELIMITERS = [";", "\t", ","] as const;
/** Lines looked at to choose the delimiter: enough to pass a title and a blank line or two above the header. */
const DELIMITER_SAMPLE_LINES = 20;

/**
 * The delimiter found most often outside quoted cells in the file's first lines (";" on a tie). Not the first line
 * alone: a title above the table ("PERJANJIAN KINERJA TAHUN 2024") may have none, or a comma of its own.
 */
function csvDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < DELIMITER_SAMPLE_LINES; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted; // a doubled quote inside a quoted cell toggles twice
    else if (quoted) continue;
    else if (ch === "\n") lines++;
    else if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return DELIMITERS.map((d) => [d, counts.get(d)!] as const).sort((a, b) => b[1] - a[1])[0]![0];
}

/** A Word document's tables as sheets (the Perjanjian Kinerja as it is written); see docx-tables.ts. */
function readDocx(bytes: Uint8Array): SpreadsheetRead {
  if ((zipUncompressedSize(bytes) ?? 0) > MAX_XLSX_UNPACKED_BYTES) return { ok: false, reason: "too_large" };
  const sheets = readDocxTables(bytes);
  if (!sheets) return { ok: false, reason: "not_spreadsheet" };
  if (sheets.reduce((n, s) => n + s.rows.length, 0) > MAX_ROWS) return { ok: false, reason: "too_many_rows" };
  if (sheets.every((s) => s.rows.every((r) => r.every((c) => c === null)))) return { ok: false, reason: "empty" };
  return { ok: true, sheets };
}

/** Split CSV text with quotes ("a;b";"c""d") using the delimiter found most in its first lines. */
export function parseCsv(text: string): CellValue[][] {
  const clean = text.replace(/^\uFEFF/, "");
  const delimiter = csvDelimiter(clean);
  const rows: CellValue[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (quoted) {
      if (ch === '"' && clean[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && clean[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row.map((f) => (f.trim() === "" ? null : f.trim())));
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row.map((f) => (f.trim() === "" ? null : f.trim())));
  }
  return rows;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) control++;
  return control === 0;
}

export async function readSpreadsheet(bytes: Uint8Array, filename: string): Promise<SpreadsheetRead> {
  const lower = filename.toLowerCase();
  if (lower.endsWith(".xlsx")) return readXlsx(bytes);
  if (lower.endsWith(".docx")) return readDocx(bytes);
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) {
    if (!isUtf16(bytes) && !looksLikeText(bytes)) return { ok: false, reason: "not_spreadsheet" };
    const rows = parseCsv(decodeText(bytes));
    if (rows.length > MAX_ROWS) return { ok: false, reason: "too_many_rows" };
    if (rows.every((r) => r.every((c) => c === null))) return { ok: false, reason: "empty" };
    return { ok: true, sheets: [{ name: "CSV", rows }] };
  }
  return { ok: false, reason: "not_spreadsheet" };
}
