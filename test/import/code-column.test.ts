/**
 * Codes and names under one Indikator header (src/import/code-column.ts): in a workbook whose header cell is merged
 * over both columns, and the rules themselves.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { pastedNameHeader, spannedNameHeader } from "../../src/import/code-column.js";
import { planImport } from "../../src/import/plan.js";
import { readSpreadsheet } from "../../src/import/spreadsheet.js";
import { agency } from "../support/agency.js";

describe("codes and names under one Indikator header", () => {
  it("reads a workbook whose INDIKATOR KINERJA cell is merged over the codes and the names (ExcelJS repeats it)", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("IKU 2024");
    sheet.addRow(["NO", "TUJUAN/ SASARAN", "INDIKATOR KINERJA", null, "TARGET", "REALISASI"]);
    sheet.mergeCells("C1:D1");
    sheet.addRow([1, "Peningkatan Pelayanan Kepada PPKS", "1.1", "Presentase PSKS yang diberdayakan", 97.5, 98.24]);
    sheet.addRow([null, null, "1.2", "Presentase Warga Migran Yang dipulangkan", 90, 84.66]);
    sheet.mergeCells("B2:B3");
    const read = await readSpreadsheet(new Uint8Array(await book.xlsx.writeBuffer()), "LKjIP 2024.xlsx");
    if (!read.ok) throw new Error(read.reason);
    expect(read.sheets[0]!.rows[0]).toEqual(["NO", "TUJUAN/ SASARAN", "INDIKATOR KINERJA", "INDIKATOR KINERJA", "TARGET", "REALISASI"]);
    const plan = planImport(agency(), read.sheets);
    expect(plan.problems).toEqual([]);
    expect(plan.pk.map((r) => [r.row, r.objective, r.name, r.unit, r.target, r.actual])).toEqual([
      [2, "Peningkatan Pelayanan Kepada PPKS", "Presentase PSKS yang diberdayakan", "%", "97,5", "98,24"],
      [3, "Peningkatan Pelayanan Kepada PPKS", "Presentase Warga Migran Yang dipulangkan", "%", "90", "84,66"],
    ]);
  });

  it("moves the header only when every filled cell under it is a code with a name after it", () => {
    const headers = ["No", "Sasaran", "Indikator", "", "Target"];
    const rows = [
      ["1", "S", "1.1", "Persentase A", "90"],
      ["", "", "1.2.", "Persentase B", "80"],
      ["", "", "", "", ""],
    ];
    expect(spannedNameHeader(headers, 2, rows)).toEqual(["No", "Sasaran", "", "Indikator", "Target"]);
    expect(spannedNameHeader(["No", "Sasaran", "Indikator", "Indikator", "Target"], 2, rows)).toEqual(["No", "Sasaran", "", "Indikator", "Target"]);
    // A header of its own beside it, a name under the header, a code without a name after it: as read.
    expect(spannedNameHeader(["No", "Sasaran", "Indikator", "Satuan", "Target"], 2, rows)).toBeUndefined();
    expect(spannedNameHeader(headers, 2, [...rows, ["", "", "Persentase C", "", "70"]])).toBeUndefined();
    expect(spannedNameHeader(headers, 2, [["1", "S", "1.1", "90", "80"]])).toBeUndefined();
    expect(spannedNameHeader(headers, 2, [["", "", "", "", ""]])).toBeUndefined();
    // Pasted: the rows a cell longer than the header.
    expect(pastedNameHeader(["No", "Sasaran", "Indikator", "Target"], 2, rows.map((r) => r.slice(0, 5)))).toEqual(["No", "Sasaran", "", "Indikator", "Target"]);
    expect(pastedNameHeader(["No", "Sasaran", "Indikator", "Target", "Realisasi"], 2, rows)).toBeUndefined();
  });
});
