/**
 * Reading and checking imported spreadsheets: good .xlsx and .csv files in
 * Indonesian and US number formats, broken rows with their exact problems
 * (sheet, row, column, what is wrong), wrong cell types, extra columns, empty
 * sheets, files that are not spreadsheets, and what applying a plan changes.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";
import { applyPlan, planImport, type ImportPlan } from "../../src/import/plan.js";
import { MAX_ROWS, MAX_XLSX_UNPACKED_BYTES } from "../../src/import/limits.js";
import { readSpreadsheet } from "../../src/import/spreadsheet.js";
import { importTemplate } from "../../src/import/template.js";
import { agency } from "../support/agency.js";
import { BUDGET_HEADER, PK_HEADER, csvSheets, sheetsOf, utf8, xlsx } from "../support/spreadsheets.js";
import { scalesByHundred } from "../../src/import/spreadsheet.js";
import { quoteEscapedPercent } from "../../src/import/exceljs-formats.js";

const where = (plan: ImportPlan) => plan.problems.map((p) => `${p.sheet}!${p.row}:${p.column}`);

describe("import: good files", () => {
  it("reads a workbook with typed numbers, percent cells, ranges and Rupiah texts, and applies it", async () => {
    const bytes = await xlsx([
      {
        name: "Perjanjian Kinerja",
        rows: [
          PK_HEADER,
          [1, "Meningkatnya Kesejahteraan Sosial", "Persentase PSKS yang aktif", "%", 97.5, { value: 0.9825, numFmt: "0.00%" }, 1373500000, 1220878592],
          [2, "Meningkatnya Pemberdayaan Sosial", "Jumlah KPM graduasi", "KPM", 25, 27, null, null],
          [3, "Meningkatnya Pemberdayaan Sosial", "Persentase PKH tepat sasaran", "%", "80-90", "85,5", "Rp 250 jt", "Rp 200.000.000"],
        ],
      },
      {
        name: "Anggaran",
        rows: [
          BUDGET_HEADER,
          ["Program Rehabilitasi Sosial", null, null, 1373500000, 1220878592, 1.1, null],
          ["Program Rehabilitasi Sosial", "Rehabilitasi Sosial Dasar di Luar Panti", null, 700000000, 650000000, null, null],
          ["Program Rehabilitasi Sosial", "Rehabilitasi Sosial Dasar di Luar Panti", "Penyediaan Permakanan", 603500000, 536924356, "Jumlah KPM graduasi; 1.1", "tunda bayar"],
        ],
      },
    ]);
    const file = agency();
    const plan = planImport(file, await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.problems).toEqual([]);
    expect(plan.ignoredColumns).toEqual([]);
    expect(plan.pk).toEqual([
      { row: 2, objective: "Meningkatnya Kesejahteraan Sosial", name: "Persentase PSKS yang aktif", unit: "%", target: "97,5", actual: "98,25", budget: "1373500000", spent: "1220878592" },
      { row: 3, objective: "Meningkatnya Pemberdayaan Sosial", name: "Jumlah KPM graduasi", unit: "KPM", target: "25", actual: "27" },
      { row: 4, objective: "Meningkatnya Pemberdayaan Sosial", name: "Persentase PKH tepat sasaran", unit: "%", target: "80-90", actual: "85,5", budget: "250000000", spent: "200000000" },
    ]);
    expect(plan.budget).toEqual([
      { row: 2, program: "Program Rehabilitasi Sosial", budget: "1373500000", spent: "1220878592", indicators: ["I1"] },
      { row: 3, program: "Program Rehabilitasi Sosial", activity: "Rehabilitasi Sosial Dasar di Luar Panti", budget: "700000000", spent: "650000000" },
      {
        row: 4,
        program: "Program Rehabilitasi Sosial",
        activity: "Rehabilitasi Sosial Dasar di Luar Panti",
        subActivity: "Penyediaan Permakanan",
        budget: "603500000",
        spent: "536924356",
        indicators: ["Jumlah KPM graduasi", "I1"],
        note: "tunda bayar",
      },
    ]);

    const d = structuredClone(file) as AgencyFile;
    const applied = applyPlan(d, plan);
    // I1's row changes nothing of I1 itself: its pagu and realisasi anggaran are those of the program line the budget
    // sheet links it to, so they stay that line's (below), not figures of its own.
    expect(applied).toEqual({ counts: { sasaran: 1, indikator: 2, diperbarui: 0, sama: 1, anggaran: 3, anggaranSama: 0, anggaranDiperbarui: 0 }, problems: [] });
    const stored = AgencyFileSchema.parse(d);
    const i1 = stored.objectives[0]!.indicators[0]!;
    // I1 is the ratio 56 of 57 (98,245…): the realisasi 98,25 is that ratio as far as it is written, so the
    // numerator and denominator stay (the target was 97,5 already).
    expect(file.objectives[0]!.indicators[0]!.years["2024"]).toEqual({ target: "97.5", numerator: "56", denominator: "57" });
    expect(i1.years["2024"]).toEqual({ target: "97.5", numerator: "56", denominator: "57" });
    expect(i1.budget).toBeUndefined();
    expect(stored.objectives[1]).toMatchObject({ id: "S2", name: "Meningkatnya Pemberdayaan Sosial" });
    expect(stored.objectives[1]!.indicators.map((i) => [i.id, i.name, i.unit, i.polarity, i.kind, i.years["2024"]])).toEqual([
      ["I2", "Jumlah KPM graduasi", "KPM", "positive", "value", { target: "25", actual: "27" }],
      ["I3", "Persentase PKH tepat sasaran", "%", "positive", "value", { target: { min: "80", max: "90" }, actual: "85.5" }],
    ]);
    expect(stored.budgetLines.map((l) => [l.id, l.level, l.parentId, l.budget, l.spent, l.indicatorIds, l.note])).toEqual([
      ["P1", "program", undefined, "1373500000", "1220878592", ["I1"], undefined],
      ["K1", "activity", "P1", "700000000", "650000000", [], undefined],
      ["SK1", "subActivity", "K1", "603500000", "536924356", ["I2", "I1"], "tunda bayar"],
    ]);
    const result = computeAgency(stored);
    const budgetOf = (id: string) => result.indicators.find((r) => r.indicator.id === id)!.budget;
    expect([budgetOf("I1").source, budgetOf("I1").budget?.toFixed(), budgetOf("I1").spent?.toFixed()]).toEqual(["lines", "1373500000", "1220878592"]);
    const i3 = result.indicators.find((r) => r.indicator.id === "I3")!;
    expect(i3.current.achievement).toMatchObject({ status: "ok" });
    expect((i3.current.achievement as { value: { toString(): string } }).value.toString()).toBe("100");
  });

  it("reads formulas by the value Excel saved with them, formatted like any other cell; errors and unsaved values are refused by name", async () => {
    const bytes = await xlsx([
      {
        name: "PK",
        rows: [
          PK_HEADER,
          // Realisasi computed as =E/F in a percentage cell: 0,9825 shows as 98,25%, and is 98,25.
          [1, "Sasaran A", "Persentase PSKS yang aktif", "%", { raw: { formula: "50+47.5", result: 97.5 } }, { raw: { formula: "56/57", result: 0.9825 }, numFmt: "0.00%" }, { raw: { formula: "SUM(J2:K2)", result: 1373500000 } }, null],
          [2, "Sasaran A", { raw: { text: "Jumlah KPM graduasi", hyperlink: "https://example.org" } }, "KPM", 25, { raw: { formula: "J3/K3", result: { error: "#DIV/0!" } } }, null, null],
          [3, "Sasaran A", "Persentase PKH tepat sasaran", "%", 90, { raw: { formula: "E4/D4" } }, null, null],
        ],
      },
    ]);
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.pk).toEqual([{ row: 2, objective: "Sasaran A", name: "Persentase PSKS yang aktif", unit: "%", target: "97,5", actual: "98,25", budget: "1373500000" }]);
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, "Realisasi", '"#DIV/0!" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 1.373.'],
      [4, "Realisasi", '"=E4/D4" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.'],
    ]);
  });

  it("reads the same figures from an Indonesian CSV (semicolons, 1.373.500.000,00) and a US CSV (commas, 1,373,500,000.00)", async () => {
    const id = [
      "Sasaran;Indikator;Satuan;Target;Realisasi;Pagu;Realisasi Anggaran",
      'Meningkatnya Pemberdayaan Sosial;"Jumlah KPM graduasi; tahap 2";KPM;25;27;1.373.500.000,00;1.220.878.592,50',
      "Meningkatnya Pemberdayaan Sosial;Persentase PKH tepat sasaran;%;97,5;98,25%;;",
    ].join("\r\n");
    const us = [
      "Sasaran,Indikator,Satuan,Target,Realisasi,Pagu,Realisasi Anggaran",
      'Meningkatnya Pemberdayaan Sosial,"Jumlah KPM graduasi; tahap 2",KPM,25,27,"1,373,500,000.00","1,220,878,592.50"',
      "Meningkatnya Pemberdayaan Sosial,Persentase PKH tepat sasaran,%,97.5,98.25%,,",
    ].join("\n");
    const expected = [
      { row: 2, objective: "Meningkatnya Pemberdayaan Sosial", name: "Jumlah KPM graduasi; tahap 2", unit: "KPM", target: "25", actual: "27", budget: "1373500000", spent: "1220878592.5" },
      { row: 3, objective: "Meningkatnya Pemberdayaan Sosial", name: "Persentase PKH tepat sasaran", unit: "%" },
    ];
    const planId = planImport(agency(), await sheetsOf(utf8(`\uFEFF${id}`), "pk.csv"));
    const planUs = planImport(agency(), await sheetsOf(utf8(us), "pk.csv"));
    expect(planId.problems).toEqual([]);
    expect(planUs.problems).toEqual([]);
    expect(planId.pk).toEqual([expected[0], { ...expected[1], target: "97,5", actual: "98,25%" }]);
    expect(planUs.pk).toEqual([expected[0], { ...expected[1], target: "97.5", actual: "98.25%" }]);
    // Applied, both give the same stored values.
    const a = structuredClone(agency()) as AgencyFile;
    const b = structuredClone(agency()) as AgencyFile;
    applyPlan(a, planId);
    applyPlan(b, planUs);
    expect(a).toEqual(b);
    expect(a.objectives[1]!.indicators[1]!.years["2024"]).toEqual({ target: "97.5", actual: "98.25" });
  });

  it("reads the Perjanjian Kinerja's own layout: no Satuan column (a % target gives it), blank Sasaran cells below the first, a predikat target", async () => {
    // ../shared/seeds/perjanjian-kinerja-dinsos-prov-gorontalo-2024.txt, saved as CSV: merged Sasaran cells come out empty.
    const csv = [
      "No;Sasaran Strategis;Indikator Kinerja;Target",
      "1.;Meningkatnya Kualitas Urusan Penunjang Pemerintahan OPD;Indeks Kepuasan Masyarakat;В",
      "2.;Meningkatnya Perlindungan Sosial Bagi Masyarakat;Persentase warga yang mendapatkan perlindungan sosial;100%",
      "3.;;Persentase PMKS yang tertangani;97,5%",
      "4.;;Jumlah KPM graduasi;25",
    ].join("\n");
    const plan = planImport(agency(), await sheetsOf(utf8(csv), "pk.csv"));
    expect(plan.pk).toEqual([
      // A predikat target (a Cyrillic В here) makes a predikat indicator: B is in both tables, its name says IKM.
      { row: 2, objective: "Meningkatnya Kualitas Urusan Penunjang Pemerintahan OPD", name: "Indeks Kepuasan Masyarakat", unit: "predikat", target: "В", kind: "grade", gradeTable: "ikm" },
      { row: 3, objective: "Meningkatnya Perlindungan Sosial Bagi Masyarakat", name: "Persentase warga yang mendapatkan perlindungan sosial", unit: "%", target: "100%" },
      { row: 4, objective: "Meningkatnya Perlindungan Sosial Bagi Masyarakat", name: "Persentase PMKS yang tertangani", unit: "%", target: "97,5%" },
    ]);
    expect(plan.problems).toEqual([
      { sheet: "CSV", row: 5, column: "Satuan", message: "tidak ada kolom Satuan dan targetnya tidak ditulis dengan %; tambahkan kolom Satuan (misalnya %, orang, KPM)" },
    ]);
    const applied = structuredClone(agency()) as AgencyFile;
    applyPlan(applied, plan);
    const ikm = applied.objectives.find((o) => o.name === "Meningkatnya Kualitas Urusan Penunjang Pemerintahan OPD")!.indicators[0]!;
    expect([ikm.kind, ikm.gradeTable, ikm.unit, ikm.years["2024"]]).toEqual(["grade", "ikm", "predikat", { target: { letter: "B" } }]);
    expect(AgencyFileSchema.safeParse(applied).success).toBe(true);
    // A stored indicator keeps its unit when the file gives none.
    const stored = planImport(agency(), await sheetsOf(utf8("No;Sasaran Strategis;Indikator Kinerja;Target\n1;Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;97,5\n"), "x.csv"));
    expect(stored.problems).toEqual([]);
    expect(stored.pk).toEqual([{ row: 2, objective: "Meningkatnya Kesejahteraan Sosial", name: "Persentase PSKS yang aktif", unit: "%", target: "97,5" }]);
    // A blank Sasaran cell on the first row has no sasaran above it.
    const first = planImport(agency(), await sheetsOf(utf8("Sasaran;Indikator;Satuan;Target\n;Indikator A;%;80\n"), "x.csv"));
    expect(first.problems).toEqual([{ sheet: "CSV", row: 2, column: "Sasaran", message: "wajib diisi" }]);
  });

  it("reads a figure written \"-\" or \"tidak ada\" as an empty cell: the row is kept, nothing stored for that figure", async () => {
    const csv = [
      "Sasaran;Indikator;Satuan;Target;Realisasi;Pagu;Realisasi Anggaran",
      "Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;-;tidak ada;–;Rp -",
      "Meningkatnya Pemberdayaan Sosial;Jumlah KPM graduasi;KPM;tidak ada;27;-;nihil",
    ].join("\n");
    const plan = planImport(agency(), await sheetsOf(utf8(csv), "pk.csv"));
    // "–" (Word's en dash) is a dash too; "Rp -" is not how a table writes "none": a problem, and its row is left out.
    expect(plan.problems.map((p) => `${p.row}:${p.column}`)).toEqual(["2:Realisasi Anggaran"]);
    expect(plan.pk).toEqual([{ row: 3, objective: "Meningkatnya Pemberdayaan Sosial", name: "Jumlah KPM graduasi", unit: "KPM", actual: "27" }]);
    const applied = structuredClone(agency()) as AgencyFile;
    applyPlan(applied, plan);
    expect(applied.objectives[1]!.indicators[0]!.years).toEqual({ "2024": { actual: "27" } });
  });

  it("finds the header below title rows and reports the spreadsheet's own row numbers", async () => {
    const bytes = await xlsx([
      { name: "PK 2024", rows: [["PERJANJIAN KINERJA TAHUN 2024"], ["DINAS SOSIAL KABUPATEN CONTOH"], [], PK_HEADER, [1, "Sasaran A", "Indikator A", "%", 80], [2, "Sasaran A", null, "%", 80]] },
    ]);
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.pk.map((r) => r.row)).toEqual([5]);
    expect(plan.problems).toEqual([{ sheet: "PK 2024", row: 6, column: "Indikator", message: "wajib diisi" }]);
  });

  it("reads Excel's \"Unicode Text\" (UTF-16, tab-separated .txt) like a CSV file", async () => {
    const text = [PK_HEADER.slice(0, 5).join("\t"), ["1", "Sasaran A", "Persentase PSKS aktif", "%", "97,5"].join("\t")].join("\r\n");
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.txt"));
    expect(plan.problems).toEqual([]);
    expect(plan.pk).toEqual([{ row: 2, objective: "Sasaran A", name: "Persentase PSKS aktif", unit: "%", target: "97,5" }]);
  });

  it("reads a CSV file saved in Windows' code page (Excel's \"CSV (Comma delimited)\"): its dashes and quotes stay what they were", async () => {
    // "Persentase “PSKS” aktif – tahap 2" in Windows-1252: “ ” – are the single bytes 0x93, 0x94 and 0x96.
    const line = (text: string) => [...text].map((c) => ({ "“": 0x93, "”": 0x94, "–": 0x96 })[c] ?? c.charCodeAt(0));
    const bytes = new Uint8Array([...line("Sasaran;Indikator;Satuan;Target\r\nSasaran A;Persentase “PSKS” aktif – tahap 2;%;97,5\r\n")]);
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.csv"));
    expect(plan.pk.map((r) => r.name)).toEqual(["Persentase “PSKS” aktif – tahap 2"]);
  });

  it("skips the row numbering the columns, but reports a row of figures without its names", async () => {
    const bytes = await xlsx([{ name: "PK", rows: [PK_HEADER, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"], [1, "Sasaran A", "Indikator A", "%", 80, 75, null, null], [null, null, null, null, 90, 85, null, null]] }]);
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.pk.map((r) => r.row)).toEqual([3]);
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [4, "Indikator", "wajib diisi"],
      [4, "Sasaran", "wajib diisi"],
      [4, "Satuan", "wajib diisi"],
    ]);
  });

  it("finds a CSV file's delimiter below title lines that have none, or a comma of their own", async () => {
    const rows = (d: string, title: string) =>
      [title, "", PK_HEADER.slice(0, 5).join(d), ["1", "Sasaran A", '"Indikator A; tahap 2, desa"', "%", "80"].join(d), ["2", "Sasaran A", "Indikator B", "KPM", "25"].join(d)].join("\r\n");
    for (const [d, title] of [["\t", "PERJANJIAN KINERJA TAHUN 2024"], [",", "PERJANJIAN KINERJA TAHUN 2024"], [";", "Dinas Sosial, Kabupaten Contoh, 2024"], ["\t", "Dinas Sosial, Kabupaten Contoh; 2024"]]) {
      const plan = planImport(agency(), await sheetsOf(utf8(rows(d!, title!)), "pk.csv"));
      expect(plan.problems).toEqual([]);
      expect(plan.pk.map((r) => [r.row, r.objective, r.name, r.unit, r.target])).toEqual([
        [4, "Sasaran A", "Indikator A; tahap 2, desa", "%", "80"],
        [5, "Sasaran A", "Indikator B", "KPM", "25"],
      ]);
    }
  });

  it("reads the downloadable template as a valid import (its example rows)", async () => {
    const plan = planImport(agency(), await sheetsOf(await importTemplate(), "templat.xlsx"));
    expect(plan.problems).toEqual([]);
    expect(plan.pk.map((r) => [r.name, r.target, r.actual])).toEqual([
      ["Persentase PSKS yang aktif", "97,5", "98,25"],
      ["Jumlah KPM graduasi", "25", undefined],
    ]);
    expect(plan.budget.map((r) => [r.program, r.activity, r.subActivity, r.budget, r.spent])).toEqual([
      ["Program Rehabilitasi Sosial", undefined, undefined, "1373500000", "1220878592"],
      ["Program Rehabilitasi Sosial", "Rehabilitasi Sosial Dasar di Luar Panti", "Penyediaan Permakanan", "603500000", "536924356"],
    ]);
  });
});

describe("import: problems per row", () => {
  it("lists every broken row with its sheet, row, column and an Indonesian message; good rows still pass", async () => {
    const bytes = await xlsx([
      {
        name: "PK",
        rows: [
          [...PK_HEADER, "Keterangan"],
          [1, "Sasaran A", "Indikator baik", "%", 80, 85, null, null, "diverifikasi"],
          [2, "Sasaran A", null, "%", 80],
          [3, "Sasaran A", "Ind B", "%", "abc"],
          [4, "Sasaran A", "Ind C", "%", "90-80"],
          [5, "Sasaran A", "Ind D", "%", 80, null, -5],
          [6, "Sasaran A", "Ind E", "orang", new Date(Date.UTC(2024, 0, 5))],
          [7, "Sasaran A", "Ind F", "%", true],
          [8, "Sasaran A", "Ind G", "%", 80],
          [9, "Sasaran A", "Ind G", "%", 85],
          [10, "Meningkatnya Kesejahteraan Sosial", "Persentase PSKS yang aktif", "orang", 90],
          [11, "Sasaran A", "Ind H", "", 80],
        ],
      },
      {
        name: "Anggaran",
        rows: [
          BUDGET_HEADER,
          [null, "Kegiatan X", null, 100],
          ["Program Y", null, "Sub Z", 100],
          ["Program Y", null, null, "seratus"],
          ["Program Y", "Keg", null, 100, 50, "9.9"],
          ["Program Y", "Keg", null, 100, 50],
        ],
      },
    ]);
    const plan = planImport(agency(), await sheetsOf(bytes, "rusak.xlsx"));
    expect(plan.pk.map((r) => r.row)).toEqual([2, 9]);
    expect(plan.budget.map((r) => r.row)).toEqual([]);
    expect(where(plan)).toEqual([
      "PK!3:Indikator",
      "PK!4:Target",
      "PK!5:Target",
      "PK!6:Pagu",
      "PK!7:Target",
      "PK!8:Target",
      "PK!10:Indikator",
      "PK!11:Satuan",
      "PK!12:Satuan",
      "Anggaran!2:Program",
      "Anggaran!3:Sub Kegiatan",
      "Anggaran!4:Pagu",
      "Anggaran!5:Indikator",
      "Anggaran!6:Kegiatan",
    ]);
    const message = (sheet: string, row: number) => plan.problems.find((p) => p.sheet === sheet && p.row === row)!.message;
    expect(message("PK", 3)).toBe("wajib diisi");
    expect(message("PK", 4)).toBe('"abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.');
    expect(message("PK", 5)).toBe("Batas bawah rentang (90) lebih besar dari batas atasnya (80). Contoh: 80-90.");
    expect(message("PK", 6)).toBe('Nilai tidak boleh negatif ("-5"). Contoh yang benar: 1.373.500.000 atau 1,37 M.');
    expect(message("PK", 7)).toBe("berisi tanggal (2024-01-05), bukan angka. Ubah format selnya menjadi angka, misalnya 86,11");
    expect(message("PK", 8)).toBe('"true" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.');
    expect(message("PK", 10)).toBe("sama dengan baris 9 (setiap baris harus berbeda)");
    expect(message("PK", 11)).toBe('satuan berbeda dengan yang tersimpan ("%"); samakan satuannya, atau ubah indikatornya lewat /atur bila memang berubah');
    expect(message("Anggaran", 2)).toBe("kegiatan atau sub kegiatan tanpa program di atasnya");
    expect(message("Anggaran", 3)).toBe("sub kegiatan tanpa kegiatan di atasnya");
    expect(message("Anggaran", 4)).toBe('"seratus" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 1.373.500.000 atau 1,37 M.');
    expect(message("Anggaran", 5)).toBe('indikator "9.9" tidak ditemukan (tulis kode seperti 1.1 atau nama indikator persis)');
    expect(message("Anggaran", 6)).toBe("sama dengan baris 5 (setiap baris harus berbeda)");
    // Extra columns are named, not imported.
    expect(plan.ignoredColumns).toEqual([{ sheet: "PK", columns: ["Keterangan"] }]);
  });

  it("refuses texts that are too long for the data", async () => {
    const plan = planImport(agency(), await sheetsOf(utf8(`Sasaran;Indikator;Satuan;Target\n${"S".repeat(501)};Ind;%;80\nSasaran;Ind;${"u".repeat(41)};80\n`), "x.csv"));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Sasaran", "terlalu panjang (paling banyak 500 karakter)"],
      [3, "Satuan", "terlalu panjang (paling banyak 40 karakter)"],
    ]);
  });

  it("refuses an amount in a percentage's column and a figure alone as a factor, as /isi does", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        "Sasaran;Indikator;Satuan;Target;Realisasi;Faktor Pendukung",
        "Sasaran A;Persentase PKH tepat sasaran;%;90;1.373.500.000;Data DTKS mutakhir",
        "Sasaran A;Persentase PKH graduasi;%;90;85;80",
        'Sasaran A;Persentase PKH aktif;%;1000;85;"Data DTKS mutakhir\n80 pendamping aktif"',
      ]),
    );
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Realisasi", "1.373.500.000 tidak masuk akal untuk indikator bersatuan persen: lebih dari 1.000%. Tulis persentasenya, misalnya 86,11; pagu dan realisasi anggaran punya tempatnya sendiri."],
      [3, "Faktor Pendukung", 'Butir ke-1 ("80") hanya berisi angka atau predikat, bukan uraian faktor. Tulis faktornya sebagai kalimat, misalnya: Koordinasi dengan TKSK berjalan baik.'],
    ]);
    expect(plan.pk.map((r) => [r.row, r.target, r.factors])).toEqual([[4, "1000", { supporting: "Data DTKS mutakhir\n80 pendamping aktif" }]]);
  });

  it("says the data changed when a plan no longer fits at save time", async () => {
    const plan = planImport(agency(), await sheetsOf(utf8("Sasaran;Indikator;Satuan;Target\nMeningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;80-90\n"), "x.csv"));
    expect(plan.problems).toEqual([]);
    const changed = structuredClone(agency()) as AgencyFile;
    changed.objectives[0]!.indicators[0]!.unit = "orang";
    expect(applyPlan(changed, plan).problems).toEqual(['Baris 2: satuan berbeda dengan yang tersimpan ("orang"); samakan satuannya, atau ubah indikatornya lewat /atur bila memang berubah']);
  });
});

describe("import: files that cannot be read", () => {
  it("reports empty workbooks, empty CSV files and header-only sheets", async () => {
    expect(await readSpreadsheet(await xlsx([{ name: "Sheet1", rows: [] }]), "kosong.xlsx")).toEqual({ ok: false, reason: "empty" });
    expect(await readSpreadsheet(utf8(""), "kosong.csv")).toEqual({ ok: false, reason: "empty" });
    expect(await readSpreadsheet(utf8(";;\n;;\n"), "kosong.csv")).toEqual({ ok: false, reason: "empty" });
    const headerOnly = planImport(agency(), await sheetsOf(await xlsx([{ name: "PK", rows: [PK_HEADER] }]), "x.xlsx"));
    expect(headerOnly).toEqual({ pk: [], budget: [], problems: [], ignoredColumns: [], renamed: [], kindDiffers: [], laterColumns: [], writtenCapaian: [] });
  });

  it("recognises files that are not spreadsheets, whatever their name says", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    expect(await readSpreadsheet(png, "data.xlsx")).toEqual({ ok: false, reason: "not_spreadsheet" });
    expect(await readSpreadsheet(png, "data.csv")).toEqual({ ok: false, reason: "not_spreadsheet" });
    expect(await readSpreadsheet(utf8("%PDF-1.4"), "laporan.pdf")).toEqual({ ok: false, reason: "not_spreadsheet" });
    const zip = new JSZip();
    zip.file("word/document.xml", "<w:document/>");
    expect(await readSpreadsheet(await zip.generateAsync({ type: "uint8array" }), "bab3.xlsx")).toEqual({ ok: false, reason: "not_spreadsheet" });
  });

  it("refuses files with more rows than a Perjanjian Kinerja can have", async () => {
    const rows = ["Sasaran;Indikator;Satuan;Target", ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `S;Indikator ${i};%;80`)];
    expect(await readSpreadsheet(utf8(rows.join("\n")), "besar.csv")).toEqual({ ok: false, reason: "too_many_rows" });
  });

  it("refuses a small .xlsx that would unpack to more than the limit, before loading it", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", "<Types/>");
    zip.file("xl/worksheets/sheet1.xml", new Uint8Array(MAX_XLSX_UNPACKED_BYTES)); // zeros: compresses to a few kilobytes
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.length).toBeLessThan(200_000);
    expect(await readSpreadsheet(bomb, "pk.xlsx")).toEqual({ ok: false, reason: "too_large" });
  });
});

describe("percentage cells", () => {
  it("a % in the number format scales the value by 100 only when Excel does: not in quotes, after a backslash or in brackets", async () => {
    expect(["0%", "0.00%", '0.00%;[Red]-0.00%', "#,##0.0%"].map(scalesByHundred)).toEqual([true, true, true, true]);
    expect(['0.00"%"', "0\\%", '0" %"', "[$%-421]0.00", "#,##0.####", ""].map(scalesByHundred)).toEqual([false, false, false, false, false, false]);
    // An officer's sheet that types 80 and shows it as 80% with a literal sign: read as 80, not 8.000.
    const bytes = await xlsx([
      {
        name: "PK",
        rows: [
          ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi"],
          ["Sasaran A", "Persentase PSKS aktif", "%", { value: 80, numFmt: '0"%"' }, { value: 86.11, numFmt: "0.00\\%" }],
          ["Sasaran A", "Persentase PKH tepat sasaran", "%", { value: 0.8, numFmt: "0%" }, { value: 0.8611, numFmt: "0.00%" }],
        ],
      },
    ]);
    const plan = planImport(agency(), await sheetsOf(bytes, "pk.xlsx"));
    expect(plan.problems).toEqual([]);
    // 0.00\% (the sign escaped, which ExcelJS alone would lose) as typed, as 0"%" is.
    expect(plan.pk.map((r) => [r.target, r.actual])).toEqual([
      ["80", "86,11"],
      ["80", "86,11"],
    ]);
    expect(["0.00\\%", "0\\% \\%", "0\\\\%", '0.00"%"', "0%"].map(quoteEscapedPercent)).toEqual(['0.00"%"', '0"%" "%"', "0\\\\%", '0.00"%"', "0%"]);
  });
});
