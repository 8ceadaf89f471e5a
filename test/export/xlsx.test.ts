/**
 * The Excel export read back with exceljs: one sheet of indicator figures,
 * one of sasaran averages and one per drafted table; every number a typed
 * number equal to the calculation core's value, shown with the agency's
 * decimals; texts as texts.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import type { Table } from "../../src/domain/draft/document.js";
import { flatHeaders } from "../../src/domain/draft/render/layout.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { exportXlsx } from "../../src/export/index.js";
import { variants } from "../support/variants.js";

const demo = (): AgencyFile => {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
};

async function load(data: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(data) as never);
  return book;
}

const rowValues = (sheet: ExcelJS.Worksheet, n: number, columns: number) => Array.from({ length: columns }, (_, i) => sheet.getRow(n).getCell(i + 1).value);

function checkTableSheet(book: ExcelJS.Workbook, t: Table): void {
  const sheet = book.getWorksheet(`Tabel ${t.number}`)!;
  expect(sheet, `sheet of table ${t.number}`).toBeDefined();
  expect(sheet.getCell("A1").value).toBe(`Tabel ${t.number} ${t.caption}`);
  expect(rowValues(sheet, 2, t.columns.length)).toEqual(flatHeaders(t.columns));
  t.rows.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      const got = sheet.getRow(r + 3).getCell(c + 1);
      const where = `table ${t.number} row ${r + 1} column ${c + 1}`;
      if (cell.value) {
        expect(typeof got.value, where).toBe("number");
        expect(got.value, where).toBe(Number(cell.value.number));
        expect(got.numFmt, where).toBeTruthy();
      } else expect(got.value, where).toBe(cell.text === "" ? null : cell.text);
    });
  });
  expect(sheet.getRow(t.rows.length + 4).getCell(1).value).toBe(t.source);
}

describe("Excel export", () => {
  it("has the indicator figures of the Dumai demo as typed numbers", async () => {
    const file = demo();
    const result = computeAgency(file);
    const exported = await exportXlsx(file);
    expect(exported.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-data.xlsx");
    const book = await load(exported.data);
    const tables = draftChapter(file, result).sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === "table"));
    expect(book.worksheets.map((w) => w.name)).toEqual(["Data Indikator", "Anggaran", "Rata-rata Sasaran", ...tables.map((t) => `Tabel ${t.number}`)]);

    const sheet = book.getWorksheet("Data Indikator")!;
    expect(rowValues(sheet, 1, 11)).toEqual(["Kode", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas", "Jenis", "Target 2024", "Realisasi 2024", "Pembilang 2024", "Penyebut 2024", "Capaian 2024 (%)"]);
    expect(sheet.getRow(1).getCell(32).value).toBe("Tingkat Efisiensi (rasio)");
    expect(sheet.rowCount).toBe(1 + result.indicators.length);
    const ind21 = result.indicators.find((r) => r.indicator.code === "2.1")!;
    const rowNumber = 2 + result.indicators.indexOf(ind21);
    const row = sheet.getRow(rowNumber);
    const achievement = ind21.current.achievement;
    if (achievement.status !== "ok") throw new Error("2.1 has an achievement");
    expect(rowValues(sheet, rowNumber, 12)).toEqual([
      "2.1",
      "Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan",
      "Persentase Kelurahan Cepat Berkembang",
      "%",
      "positif",
      "rasio",
      80,
      Number(ind21.current.values.actual!.toString()),
      // Its numerator and denominator (31 of 36 kelurahan), which /impor reads back as the ratio.
      31,
      36,
      Number(achievement.value.toString()),
      "Sangat Tinggi",
    ]);
    expect(row.getCell(8).value).toBeCloseTo(86.1111, 4);
    expect(row.getCell(11).value).toBeCloseTo(107.638888, 5);
    expect(row.getCell(11).numFmt).toBe('0.00"%"');
    // A value indicator has no numerator or denominator.
    expect(rowValues(sheet, 2, 10).slice(8)).toEqual([null, null]);
    // Budget and absorption of indicator 2.1 (from its linked budget lines).
    const budget = ind21.budget;
    expect(row.getCell(29).value).toBe(Number(budget.budget!.toString()));
    expect(row.getCell(30).value).toBe(Number(budget.spent!.toString()));
    expect(typeof row.getCell(31).value).toBe("number");
    expect(row.getCell(32).value).toBe(Number((ind21.efficiency as { value: { toString(): string } }).value.toString()));
    expect(row.getCell(32).numFmt).toBe("0.00");
    expect(row.getCell(29).numFmt).toBe("#,##0");
    // The national figure of 1.1 whole (value, year, kind, source), so that the workbook sent back keeps it.
    expect(rowValues(sheet, 1, 28).slice(24)).toEqual(["Standar/Realisasi Nasional", "Tahun Data Nasional", "Jenis Data Nasional", "Sumber Data Nasional"]);
    expect(rowValues(sheet, 2, 28).slice(24)).toEqual([83.38, 2023, "realisasi", "Kemendagri, realisasi SPM nasional"]);
    for (let r = 2; r <= sheet.rowCount; r++) for (const c of [7, 11, 29, 30, 31]) expect(["number", "object"]).toContain(typeof sheet.getRow(r).getCell(c).value);

    // What describes 2.1 beyond its figures: the labels of its numerator and denominator (it has no definition yet).
    expect(rowValues(sheet, 1, 41).slice(36)).toEqual(["Definisi/Formula", "Sumber Data", "Penanggung Jawab", "Label Pembilang", "Label Penyebut"]);
    expect(rowValues(sheet, rowNumber, 41).slice(36)).toEqual([null, null, null, "jumlah kelurahan cepat berkembang", "jumlah kelurahan"]);

    // The budget lines as /impor reads a budget sheet, in the document's order, each with the names of the lines above it.
    const lines = book.getWorksheet("Anggaran")!;
    expect(rowValues(lines, 1, 14)).toEqual(["Kode", "Program", "Kegiatan", "Sub Kegiatan", "Pagu (Rp)", "Realisasi (Rp)", "Serapan (%)", "Indikator", "Sumber Dana", "Keluaran", "Satuan Keluaran", "Target Keluaran", "Realisasi Keluaran", "Catatan"]);
    expect(lines.rowCount).toBe(1 + file.budgetLines.length);
    const program = "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA";
    // A kegiatan with a pagu of its own and a realisasi summed from its sub kegiatan (as the report shows it).
    expect(rowValues(lines, 3, 14)).toEqual([null, program, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", null, 18900000, 10612458, lines.getRow(3).getCell(7).value, null, null, null, null, null, null, null]);
    expect(lines.getRow(3).getCell(7).value).toBeCloseTo(56.150571, 5);
    expect(rowValues(lines, 4, 4)).toEqual([null, program, "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", "Penyusunan Dokumen Perencanaan Perangkat Daerah"]);
    // The program of 2.1: the indicator it supports by its Kode, its funding source and output indicator.
    const p8 = 2 + file.budgetLines.findIndex((l) => l.id === "P8");
    expect(rowValues(lines, p8, 14).slice(0, 13)).toEqual([null, "PROGRAM ADMINISTRASI PEMERINTAHAN DESA", null, null, 270000000, 176163687, lines.getRow(p8).getCell(7).value, "2.1", "APBD", "Capaian Program Administrasi Pemerintahan Desa", "%", 100, 100]);
    expect(lines.getRow(p8).getCell(7).value).toBeCloseTo(65.245810, 5);
    expect([lines.getRow(p8).getCell(5).numFmt, lines.getRow(p8).getCell(7).numFmt]).toEqual(["#,##0", '0.00"%"']);
    expect(lines.getRow(p8).getCell(14).value).toBe(file.budgetLines.find((l) => l.id === "P8")!.note);

    const objectives = book.getWorksheet("Rata-rata Sasaran")!;
    expect(rowValues(objectives, 3, 9)).toEqual(["2", "Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan", 2, Number(result.objectives[1]!.average.value!.toString()), "Sangat Tinggi", 1, 1, 0, 0]);
    expect(objectives.getRow(3).getCell(4).value).toBeCloseTo(103.819444, 5);

    for (const t of tables) checkTableSheet(book, t);
  });

  it("keeps every drafted table of the variants (grades, ranges, negative polarity, budget hierarchy)", async () => {
    const file = variants();
    const result = computeAgency(file);
    const book = await load((await exportXlsx(file)).data);
    const tables = draftChapter(file, result).sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === "table"));
    for (const t of tables) checkTableSheet(book, t);
    const sheet = book.getWorksheet("Data Indikator")!;
    expect(sheet.rowCount).toBe(1 + result.indicators.length);
    // Grade indicators carry their grade as text as the report writes it ("A (84,24)"), not a number, and their
    // table in the Jenis column, which /impor reads for a new indicator.
    const grades = result.indicators.filter((r) => r.indicator.kind === "grade");
    expect(grades.length).toBeGreaterThan(0);
    const cells = (g: (typeof grades)[number]) => [6, 7, 8].map((c) => sheet.getRow(result.indicators.indexOf(g) + 2).getCell(c).value);
    expect(grades.map(cells)).toEqual([
      ["predikat LHE AKIP", "A (81,50)", "80,15"],
      ["predikat IKM", "B", "A"],
    ]);
  });
});
