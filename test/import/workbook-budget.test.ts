/**
 * The workbook's Anggaran sheet and the data sheet's descriptions (Definisi/Formula, Sumber Data, Penanggung
 * Jawab, a ratio's labels), sent back to /impor: copied into another registration, the budget lines come with
 * their codes, links, funding source, output indicator and note, and every pagu summed from lines stays a sum;
 * edited, exactly the cells edited are stored; wrong cells are refused with their column and an example.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { exportXlsx } from "../../src/export/index.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { sheetsOf, xlsx } from "../support/spreadsheets.js";
import { dumai, editedWorkbook, randomAgencies } from "../support/workbook-edit.js";
import { benchAgency } from "../../bench/generate.js";
import { largeAgencyParts } from "../../bench/large-agency.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import { readSpreadsheet } from "../../src/import/spreadsheet.js";
import { MAX_ROWS } from "../../src/import/limits.js";

const workbookSheets = (bytes: Uint8Array) => sheetsOf(bytes, "data.xlsx");

/** A registration of the same agency without any data: where a workbook is copied to. */
const emptyCopy = (file: AgencyFile): AgencyFile => ({ ...structuredClone(file), objectives: [], budgetLines: [] });

/**
 * Each budget line as the report shows it, without its id: its path of names, its pagu and realisasi (its own, or
 * its sub-lines' sum: a copied line has as its own the figure the sheet shows), texts and the names of the
 * indicators it supports.
 */
function linesOf(file: AgencyFile): unknown[] {
  const byId = new Map(file.budgetLines.map((l) => [l.id, l]));
  const shown = computeAgency(file).budget.byId;
  const names = new Map(file.objectives.flatMap((o) => o.indicators.map((i) => [i.id, i.name])));
  const path = (id: string | undefined): string[] => (id === undefined ? [] : [...path(byId.get(id)!.parentId), byId.get(id)!.name]);
  return file.budgetLines.map((l) => [
    l.level,
    path(l.id),
    l.code,
    shown.get(l.id)!.budget?.toFixed(),
    shown.get(l.id)!.spent?.toFixed(),
    l.note,
    l.fundingSource,
    l.output,
    l.indicatorIds.map((id) => names.get(id)).sort(),
  ]);
}

/** Each indicator's pagu and realisasi anggaran as computed, and where they come from (its own figures or its lines'). */
const budgetsOf = (file: AgencyFile) => computeAgency(file).indicators.map((r) => [r.indicator.name, r.budget.source, r.budget.budget?.toFixed(), r.budget.spent?.toFixed()]);

const descriptionsOf = (file: AgencyFile) =>
  file.objectives.flatMap((o) => o.indicators.map((i) => [i.name, i.definition, i.dataSource, i.responsibleUnit, i.numeratorLabel, i.denominatorLabel]));

/** Codes, funding sources and descriptions the random agencies do not have, some with a line break in them. */
function described(file: AgencyFile): AgencyFile {
  file.budgetLines.forEach((l, k) => {
    if (k % 2 === 0) l.code = `1.06.${String(k + 1).padStart(2, "0")}`;
    if (l.level === "program") l.fundingSource = k % 3 === 0 ? "DAK" : "APBD";
  });
  file.objectives.forEach((o, k) =>
    o.indicators.forEach((i, j) => {
      if ((k + j) % 2 === 0) i.definition = `Jumlah yang terlayani\ndibagi jumlah sasaran ${k + 1}.${j + 1} × 100%`;
      if ((k + j) % 3 === 0) i.dataSource = "Bidang Rehabilitasi Sosial";
      if (j === 0) i.responsibleUnit = "Kepala Bidang Pemberdayaan";
    }),
  );
  return file;
}

describe("the workbook's Anggaran sheet and descriptions", () => {
  it("sent back unchanged with a definition written on two lines changes nothing: the lines and the texts are 'the same'", async () => {
    const files = randomAgencies(30, 20261209).map(described);
    let lines = 0;
    for (const file of files) {
      const plan = planImport(file, await workbookSheets((await exportXlsx(file)).data));
      expect(plan.problems).toEqual([]);
      const copy = structuredClone(file);
      const { counts } = applyPlan(copy, plan);
      expect([counts.anggaran, counts.anggaranSama, counts.anggaranDiperbarui, counts.diperbarui]).toEqual([0, file.budgetLines.length, 0, 0]);
      expect(copy).toEqual(file);
      lines += file.budgetLines.length;
    }
    expect(lines).toBeGreaterThan(100);
  });

  it("copies random agencies' budget lines and descriptions into a new registration: the same lines, links and pagu of every indicator", async () => {
    const files = randomAgencies(40, 20261210).map(described);
    const seen = { lines: 0, fromLines: 0, direct: 0, outputs: 0 };
    for (const file of files) {
      const empty = emptyCopy(file);
      const plan = planImport(empty, await workbookSheets((await exportXlsx(file)).data));
      expect(plan.problems).toEqual([]);
      const applied = applyPlan(empty, plan);
      expect(applied.problems).toEqual([]);
      expect(applied.counts.anggaran).toBe(file.budgetLines.length);
      expect(AgencyFileSchema.safeParse(empty).success).toBe(true);
      expect(linesOf(empty)).toEqual(linesOf(file));
      expect(budgetsOf(empty)).toEqual(budgetsOf(file));
      // A pagu the lines sum to stays their sum; one of the indicator's own stays its own.
      expect(empty.objectives.flatMap((o) => o.indicators.map((i) => i.budget))).toEqual(file.objectives.flatMap((o) => o.indicators.map((i) => i.budget)));
      // A definition's line break is a space once read from a cell, as /atur keeps it.
      const spaced = descriptionsOf(file).map((d) => d.map((t) => t?.replace(/\n/g, " ")));
      expect(descriptionsOf(empty)).toEqual(spaced);
      seen.lines += file.budgetLines.length;
      seen.outputs += file.budgetLines.filter((l) => l.output).length;
      for (const [, source] of budgetsOf(file)) if (source === "lines") seen.fromLines++;
      else if (source === "direct") seen.direct++;
    }
    expect(Math.min(seen.fromLines, seen.direct, seen.outputs)).toBeGreaterThan(5);
    expect(seen.lines).toBeGreaterThan(150);
  });

  it("copies the Dumai report's 89 budget lines: 2.1's program, its funding source and output, and 2.1's pagu their sum", async () => {
    const file = dumai();
    const empty = emptyCopy(file);
    const plan = planImport(empty, await workbookSheets((await exportXlsx(file)).data));
    expect(plan.problems).toEqual([]);
    expect(plan.budget.find((r) => r.program === "PROGRAM ADMINISTRASI PEMERINTAHAN DESA" && r.activity === undefined)).toEqual({
      row: 78,
      program: "PROGRAM ADMINISTRASI PEMERINTAHAN DESA",
      budget: "270000000",
      spent: "176163687",
      indicators: ["Persentase Kelurahan Cepat Berkembang"],
      note: file.budgetLines.find((l) => l.id === "P8")!.note,
      fundingSource: "APBD",
      output: { indicator: "Capaian Program Administrasi Pemerintahan Desa", unit: "%", target: "100", actual: "100" },
    });
    expect(applyPlan(empty, plan).counts).toEqual({ sasaran: 3, indikator: 4, diperbarui: 0, sama: 0, anggaran: 89, anggaranSama: 0, anggaranDiperbarui: 0 });
    expect(linesOf(empty)).toEqual(linesOf(file));
    expect(budgetsOf(empty)).toEqual(budgetsOf(file));
    const i21 = empty.objectives[1]!.indicators[0]!;
    expect([i21.budget, i21.numeratorLabel, i21.denominatorLabel]).toEqual([undefined, "jumlah kelurahan cepat berkembang", "jumlah kelurahan"]);
    // The drafted report of the copy is the Dumai report's: its program table and 2.1's paragraph use all of it.
    expect(budgetsOf(empty).find(([name]) => name === i21.name)).toEqual([i21.name, "lines", "270000000", "176163687"]);
  });

  it("stores a sub kegiatan's realisasi edited in the Anggaran sheet: the kegiatan above stays its sum, and so does an indicator's pagu", async () => {
    const file = dumai();
    const bytes = await editedWorkbook(file, (set) => set("Penyusunan Dokumen Perencanaan Perangkat Daerah", "Realisasi (Rp)", 2_000_000), "Anggaran");
    const plan = planImport(file, await workbookSheets(bytes));
    expect(plan.problems).toEqual([]);
    const copy = structuredClone(file);
    expect(applyPlan(copy, plan).counts).toEqual({ sasaran: 0, indikator: 0, diperbarui: 0, sama: 4, anggaran: 0, anggaranSama: 88, anggaranDiperbarui: 1 });
    const line = (id: string) => copy.budgetLines.find((l) => l.id === id)!;
    expect(line("P1.K1.S1")).toEqual({ ...file.budgetLines.find((l) => l.id === "P1.K1.S1")!, spent: "2000000" });
    // P1.K1's realisasi, shown as 10.612.458 (its sub kegiatan's sum), is still that sum: 537 more now.
    expect(line("P1.K1").spent).toBeUndefined();
    expect(computeAgency(copy).budget.byId.get("P1.K1")!.spent!.toFixed()).toBe("10612995");
    expect({ ...copy, budgetLines: [] }).toEqual({ ...file, budgetLines: [] });

    // 2.1's realisasi anggaran is its program's: edited there, 2.1's cell (still the old sum) does not pin it.
    const program = await editedWorkbook(file, (set) => set("PROGRAM ADMINISTRASI PEMERINTAHAN DESA", "Realisasi (Rp)", 180_000_000), "Anggaran");
    const again = structuredClone(file);
    applyPlan(again, planImport(file, await workbookSheets(program)));
    expect(again.objectives[1]!.indicators[0]!.budget).toBeUndefined();
    expect(budgetsOf(again).find(([name]) => name === "Persentase Kelurahan Cepat Berkembang")).toEqual(["Persentase Kelurahan Cepat Berkembang", "lines", "270000000", "180000000"]);
  });

  it("stores a definition, a data source and a funding source edited in the workbook, each as /atur would", async () => {
    const file = dumai();
    const data = await editedWorkbook(file, (set) => {
      set("1.1", "Definisi/Formula", "Jumlah PMKS yang terpenuhi kebutuhan dasarnya\ndibagi jumlah PMKS × 100%");
      set("3.1", "Sumber Data", "  Bidang Perlindungan dan Jaminan Sosial ");
    });
    const plan = planImport(file, await workbookSheets(data));
    expect(plan.problems).toEqual([]);
    const copy = structuredClone(file);
    expect(applyPlan(copy, plan).counts).toMatchObject({ diperbarui: 2, sama: 2, anggaranSama: 89 });
    expect(copy.objectives[0]!.indicators[0]!.definition).toBe("Jumlah PMKS yang terpenuhi kebutuhan dasarnya dibagi jumlah PMKS × 100%");
    expect(copy.objectives[2]!.indicators[0]!.dataSource).toBe("Bidang Perlindungan dan Jaminan Sosial");

    const funding = await editedWorkbook(file, (set) => set("PROGRAM PENANGANAN BENCANA", "Sumber Dana", "APBD Perubahan"), "Anggaran");
    const edited = structuredClone(file);
    expect(applyPlan(edited, planImport(file, await workbookSheets(funding))).counts).toMatchObject({ anggaranSama: 88, anggaranDiperbarui: 1 });
    expect(edited.budgetLines.find((l) => l.id === "P6")!.fundingSource).toBe("APBD Perubahan");

    // An output's target emptied and its realisasi edited: the target stays, as every emptied cell keeps what is stored.
    const output = await editedWorkbook(
      file,
      (set) => {
        set("PROGRAM ADMINISTRASI PEMERINTAHAN DESA", "Target Keluaran", null);
        set("PROGRAM ADMINISTRASI PEMERINTAHAN DESA", "Realisasi Keluaran", 95);
      },
      "Anggaran",
    );
    const outputs = structuredClone(file);
    applyPlan(outputs, planImport(file, await workbookSheets(output)));
    expect(outputs.budgetLines.find((l) => l.id === "P8")!.output).toEqual({ indicator: "Capaian Program Administrasi Pemerintahan Desa", unit: "%", target: "100", actual: "95" });
  });

  it("refuses labels on an indicator that is not a ratio, and an output indicator without its name, its unit or a figure", async () => {
    const file = dumai();
    const labels = await editedWorkbook(file, (set) => set("1.1", "Label Pembilang", "jumlah PMKS terlayani"));
    expect(planImport(file, await workbookSheets(labels)).problems).toEqual([
      {
        sheet: "Data Indikator",
        row: 2,
        column: "Label Pembilang",
        message: "label pembilang dan penyebut hanya untuk indikator rasio, padahal indikator ini berjenis nilai biasa; kosongkan kolom ini",
      },
    ]);
    const outputs = await editedWorkbook(
      file,
      (set) => {
        set("Penyediaan Gaji dan Tunjangan ASN", "Keluaran", "Jumlah ASN yang digaji");
        set("Administrasi Barang Milik Daerah pada Perangkat Daerah", "Satuan Keluaran", "unit");
        set("PROGRAM PENANGANAN BENCANA", "Target Keluaran", "seratus");
      },
      "Anggaran",
    );
    const plan = planImport(file, await workbookSheets(outputs));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [12, "Satuan Keluaran", "tulis juga satuan indikator keluarannya di kolom Satuan Keluaran, misalnya orang atau %"],
      [15, "Keluaran", "tulis juga nama indikator keluarannya di kolom Keluaran, misalnya Jumlah PSKS yang dilatih"],
      [67, "Target Keluaran", plan.problems[2]!.message],
    ]);
    expect(plan.problems[2]!.message).toMatch(/^"seratus" .*86,11/);
    // The other rows are kept: 86 lines.
    expect(plan.budget.length).toBe(86);
  });

  it("reads a budget sheet's Kode as this file's indicator of that Kode, before another one stored under it", async () => {
    const file = dumai();
    // A registration whose 1.1 is another indicator: the workbook's 1.1 is added as 2.1.
    const other: AgencyFile = {
      ...emptyCopy(file),
      objectives: [{ id: "S-LAIN", code: "1", name: "Sasaran lain", indicators: [{ id: "LAIN", code: "1.1", name: "Indikator lain", unit: "%", polarity: "positive", kind: "value", ratioScale: "100", years: {} }] }],
    };
    const plan = planImport(other, await workbookSheets((await exportXlsx(file)).data));
    expect(plan.problems).toEqual([]);
    applyPlan(other, plan);
    expect(other.budgetLines.filter((l) => l.indicatorIds.includes("LAIN"))).toEqual([]);
    const renamedCodes = new Map(other.objectives.flatMap((o) => o.indicators.map((i) => [i.id, i.code])));
    const p2 = other.budgetLines.find((l) => l.name === "PROGRAM PEMBERDAYAAN SOSIAL")!;
    expect(p2.indicatorIds.map((id) => renamedCodes.get(id))).toEqual(["2.1"]);

    // A row of this file refused: a budget row naming its Kode says so, rather than linking another indicator.
    const broken = await editedWorkbook(file, (set) => set("3.1", "Target 2024", "banyak"));
    const refused = planImport(emptyCopy(file), await workbookSheets(broken));
    expect(refused.problems.filter((p) => p.sheet === "Anggaran").map((p) => [p.row, p.column, p.message])).toEqual([
      [67, "Indikator", 'indikator 3.1 (Persentase korban bencana alam dan sosial yang terpenuhi kebutuhan dasarnya pada saat dan setelah tanggap darurat bencana daerah kab/kota (INDIKATOR SPM)) tidak ikut disimpan karena barisnya bermasalah (lembar "Data Indikator" baris 5); perbaiki baris itu, lalu kirim berkasnya lagi'],
    ]);
  });

  it("reads an officer's Perjanjian Kinerja with Formula, Sumber Data and Penanggung Jawab columns; one budget figure keeps the other from the lines", async () => {
    const file = dumai();
    const bytes = await xlsx([
      {
        name: "PK",
        rows: [
          ["Sasaran", "Indikator", "Satuan", "Formula", "Sumber Data", "Penanggung Jawab", "Realisasi Anggaran"],
          ["Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan", "Persentase Kelurahan Cepat Berkembang", "%", "Kelurahan cepat berkembang dibagi seluruh kelurahan × 100%", "Profil Kelurahan", "Bidang PMD", 180_000_000],
          ["Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan", "Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif", "%", "-", null, null, null],
        ],
      },
    ]);
    const plan = planImport(file, await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.problems).toEqual([]);
    expect(plan.ignoredColumns).toEqual([]);
    const copy = structuredClone(file);
    applyPlan(copy, plan);
    const i21 = copy.objectives[1]!.indicators[0]!;
    expect([i21.definition, i21.dataSource, i21.responsibleUnit]).toEqual(["Kelurahan cepat berkembang dibagi seluruh kelurahan × 100%", "Profil Kelurahan", "Bidang PMD"]);
    // Its pagu was its program's: given only a realisasi anggaran of its own, it keeps that pagu beside it.
    expect(i21.budget).toEqual({ budget: "270000000", spent: "180000000" });
    // "-" is no definition: 2.2 is as it was.
    expect(copy.objectives[1]!.indicators[1]).toEqual(file.objectives[1]!.indicators[1]);
  });

  it("reads back the workbook of an agency of 100 indicators and 600 budget lines: its computed sheets are not rows the file may hold", async () => {
    const parsed = parseAgency({ ...benchAgency(7), ...largeAgencyParts(10, 600) });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const file = parsed.file;
    const bytes = (await exportXlsx(file)).data;
    const read = await readSpreadsheet(bytes, "data.xlsx");
    if (!read.ok) throw new Error(read.reason);
    // Its BAB III tables hold more rows than a file may (one per indicator, and per budget line): named, not read.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as never);
    expect(book.worksheets.reduce((n, w) => n + w.rowCount, 0)).toBeGreaterThan(MAX_ROWS);
    expect(read.sheets.map((s) => [s.name, s.rows.length])).toEqual(book.worksheets.map((w) => [w.name, w.name === "Data Indikator" || w.name === "Anggaran" ? w.rowCount : 0]));
    const plan = planImport(file, read.sheets);
    expect(plan.problems).toEqual([]);
    expect([plan.pk.length, plan.budget.length]).toEqual([100, 600]);
    const copy = structuredClone(file);
    applyPlan(copy, plan);
    expect(copy).toEqual(file);
  });
});
