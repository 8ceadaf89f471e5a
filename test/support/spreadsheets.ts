/** Spreadsheets for import tests, built with exceljs the way officers' files look. */
import ExcelJS from "exceljs";
import { readSpreadsheet, type Sheet } from "../../src/import/spreadsheet.js";

/** A cell: a plain value, a number with a format, or any value exceljs writes (formulas, errors, links) with an optional format. */
export type CellInput = string | number | boolean | Date | null | { value: number; numFmt: string } | { raw: ExcelJS.CellValue; numFmt?: string };

export interface SheetInput {
  name: string;
  rows: CellInput[][];
}

export async function xlsx(sheets: SheetInput[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    s.rows.forEach((cells, r) => {
      cells.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getRow(r + 1).getCell(c + 1);
        if (typeof v === "object" && !(v instanceof Date) && "raw" in v) {
          cell.value = v.raw;
          if (v.numFmt) cell.numFmt = v.numFmt;
        } else if (typeof v === "object" && !(v instanceof Date)) {
          cell.value = v.value;
          cell.numFmt = v.numFmt;
        } else cell.value = v;
      });
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

export const PK_HEADER = ["No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Pagu", "Realisasi Anggaran"];
export const BUDGET_HEADER = ["Program", "Kegiatan", "Sub Kegiatan", "Pagu", "Realisasi", "Indikator", "Catatan"];

export const utf8 = (text: string) => new TextEncoder().encode(text);

/** The sheets of a test's own file, which must be readable. */
export async function sheetsOf(bytes: Uint8Array, name: string): Promise<Sheet[]> {
  const read = await readSpreadsheet(bytes, name);
  if (!read.ok) throw new Error(`${name} not read: ${read.reason}`);
  return read.sheets;
}

/** The sheet of a CSV file of these lines (or this text). */
export const csvSheets = (lines: string | readonly string[]): Promise<Sheet[]> => sheetsOf(utf8(typeof lines === "string" ? lines : lines.join("\n")), "pk.csv");
