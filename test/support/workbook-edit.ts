/**
 * For the workbook /ekspor xlsx makes, sent back to /impor: the agencies to send (the Dumai demo, random ones),
 * and the workbook edited as an officer edits it.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import fc from "fast-check";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import { exportXlsx } from "../../src/export/index.js";
import { agencyArb } from "./random-agency.js";

export function dumai(): AgencyFile {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

/** `numRuns` random agencies whose indicators' names are distinct in each sasaran (two of one name are one row to the import, reported as a repeated row). */
export function randomAgencies(numRuns: number, seed: number): AgencyFile[] {
  return fc
    .sample(agencyArb, { numRuns, seed })
    .map((input) => parseAgency(input))
    .flatMap((p) => (p.ok ? [p.file] : []))
    .filter((f) => f.objectives.every((o) => new Set(o.indicators.map((i) => i.name.toLowerCase())).size === o.indicators.length));
}

/** Sets a cell: the row whose Kode (column 1) is `key`, or on the Anggaran sheet the line named `key`; the column by its header. */
export type SetCell = (key: string, header: string, value: ExcelJS.CellValue) => void;

/** The exported workbook with `edit` applied to one of its sheets ("Data Indikator" unless named). */
export async function editedWorkbook(file: AgencyFile, edit: (set: SetCell) => void, sheetName = "Data Indikator"): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from((await exportXlsx(file)).data) as never);
  const sheet = book.getWorksheet(sheetName)!;
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((v) => String(v ?? ""));
  // A budget line's name is the last of its Program, Kegiatan and Sub Kegiatan cells.
  const keyOf = (row: ExcelJS.Row) => (sheetName === "Anggaran" ? [4, 3, 2].map((c) => row.getCell(c).value).find((v) => v !== null && v !== undefined) : row.getCell(1).value);
  edit((key, header, value) => {
    const column = headers.indexOf(header);
    if (column < 0) throw new Error(`no column ${header}`);
    let found = 0;
    for (let r = 2; r <= sheet.rowCount; r++) {
      if (keyOf(sheet.getRow(r)) !== key) continue;
      sheet.getRow(r).getCell(column).value = value;
      found++;
    }
    if (found !== 1) throw new Error(`${found} rows for ${key}`);
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
