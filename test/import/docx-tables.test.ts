/**
 * The Perjanjian Kinerja as officers have it: a Word document whose table
 * has "No | Sasaran Strategis | Indikator Kinerja | Target", the column
 * numbers, and Sasaran cells merged over their indicators (as in the seed
 * perjanjian-kinerja-dinsos-prov-gorontalo-2024.txt), built with the docx
 * library the way Word writes it; read by the import and through the bot.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { describe, expect, it } from "vitest";
import { readDocxTables } from "../../src/import/docx-tables.js";
import { planImport } from "../../src/import/plan.js";
import { readSpreadsheet } from "../../src/import/spreadsheet.js";
import { agency } from "../support/agency.js";
import { ADMIN, harness, plain, registerAgency } from "../support/bot-harness.js";

const cell = (text: string, options: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ ...options, children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)] })) });

/** The PK document: a title paragraph, the table, and a signature paragraph after it. */
async function perjanjianKinerja(): Promise<Uint8Array> {
  const table = new Table({
    rows: [
      new TableRow({ children: ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"].map((t) => cell(t)) }),
      new TableRow({ children: ["(1)", "(2)", "(3)", "(4)"].map((t) => cell(t)) }),
      new TableRow({ children: [cell("1"), cell("Meningkatnya Penanganan Penyandang Masalah\nKesejahteraan Sosial (PMKS)", { rowSpan: 2 }), cell("Persentase PMKS yang tertangani"), cell("100%")] }),
      new TableRow({ children: [cell("2"), cell("Persentase PSKS yang aktif & berperan"), cell("85 %")] }),
      new TableRow({ children: [cell("3"), cell("Meningkatnya Kualitas Tata Kelola"), cell("Nilai SAKIP <Dinas>"), cell("B")] }),
      new TableRow({ children: [cell("Jumlah anggaran: Rp 12.500.000.000", { columnSpan: 4 })] }),
    ],
  });
  const doc = new Document({ sections: [{ children: [new Paragraph("PERJANJIAN KINERJA TAHUN 2024"), table, new Paragraph("Gorontalo, 2 Januari 2024")] }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("the tables of a Word document", () => {
  it("reads the Perjanjian Kinerja's table: merged Sasaran cells empty below their first row, a cell over four columns followed by empty ones", async () => {
    const sheets = readDocxTables(await perjanjianKinerja());
    expect(sheets).toEqual([
      {
        name: "Tabel 1",
        rows: [
          ["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
          ["(1)", "(2)", "(3)", "(4)"],
          ["1", "Meningkatnya Penanganan Penyandang Masalah Kesejahteraan Sosial (PMKS)", "Persentase PMKS yang tertangani", "100%"],
          ["2", null, "Persentase PSKS yang aktif & berperan", "85 %"],
          ["3", "Meningkatnya Kualitas Tata Kelola", "Nilai SAKIP <Dinas>", "B"],
          ["Jumlah anggaran: Rp 12.500.000.000", null, null, null],
        ],
      },
    ]);
    expect(readDocxTables(new TextEncoder().encode("bukan zip"))).toBeUndefined();
  });

  it("plans the import from it as from the same table in a workbook", async () => {
    const read = await readSpreadsheet(await perjanjianKinerja(), "PK Dinsos 2024.docx");
    if (!read.ok) throw new Error(read.reason);
    const plan = planImport(agency(), read.sheets);
    expect(plan.pk.map((r) => [r.row, r.objective, r.name, r.unit, r.target, r.kind, r.gradeTable])).toEqual([
      [3, "Meningkatnya Penanganan Penyandang Masalah Kesejahteraan Sosial (PMKS)", "Persentase PMKS yang tertangani", "%", "100%", undefined, undefined],
      [4, "Meningkatnya Penanganan Penyandang Masalah Kesejahteraan Sosial (PMKS)", "Persentase PSKS yang aktif & berperan", "%", "85 %", undefined, undefined],
      // A predikat target makes a predikat indicator; "SAKIP" in its name says which table.
      [5, "Meningkatnya Kualitas Tata Kelola", "Nilai SAKIP <Dinas>", "predikat", "B", "grade", "lheAkip"],
    ]);
    // The column numbers are not data; the total row, without sasaran, indicator or figure, is passed over.
    expect(plan.problems).toEqual([]);
  });

  it("reads a report's Tabel 3.2: codes and names under one Indikator header spanning both, a unit from Presentase", async () => {
    // Kabupaten Kotawaringin Timur's LKjIP 2024 (seeds): "INDIKATOR KINERJA" spans the codes' and the names' columns,
    // and the table has no Satuan column.
    const table = new Table({
      rows: [
        new TableRow({ children: [cell("NO"), cell("TUJUAN/ SASARAN"), cell("INDIKATOR KINERJA", { columnSpan: 2 }), cell("TARGET"), cell("REALISASI"), cell("CAPAIAN"), cell("KATEGORI")] }),
        new TableRow({ children: [cell("1"), cell("Peningkatan Pelayanan Kepada PPKS", { rowSpan: 2 }), cell("1.1"), cell("Presentase PSKS yang diberdayakan"), cell("97.5"), cell("98.24"), cell("100.76"), cell("Sangat Tinggi")] }),
        new TableRow({ children: [cell(""), cell("1.2"), cell("Jumlah KPM graduasi"), cell("25"), cell("20"), cell("80"), cell("Tinggi")] }),
        // The total row: passed over; a target whose indicator is missing: not.
        new TableRow({ children: [cell(""), cell("JUMLAH"), cell(""), cell(""), cell(""), cell(""), cell("102,44"), cell("")] }),
        new TableRow({ children: [cell(""), cell(""), cell(""), cell(""), cell("90"), cell(""), cell(""), cell("")] }),
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [table] }] })));
    const read = await readSpreadsheet(bytes, "LKjIP 2024.docx");
    if (!read.ok) throw new Error(read.reason);
    const plan = planImport(agency(), read.sheets);
    expect(plan.pk.map((r) => [r.row, r.objective, r.name, r.unit, r.target, r.actual])).toEqual([
      [2, "Peningkatan Pelayanan Kepada PPKS", "Presentase PSKS yang diberdayakan", "%", "97.5", "98.24"],
    ]);
    // "Jumlah …" says no unit: the row asks for a Satuan column, as before.
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [3, "Satuan", expect.stringContaining("Satuan")],
      [5, "INDIKATOR KINERJA", "wajib diisi"],
      [5, "TUJUAN/ SASARAN", "wajib diisi"],
      [5, "Satuan", expect.stringContaining("Satuan")],
    ]);
    // CAPAIAN is compared with the capaian computed (98,24 / 97,5 = 100,76%: it agrees), not passed over.
    expect(plan.ignoredColumns).toEqual([{ sheet: "Tabel 1", columns: ["KATEGORI"] }]);
    expect(plan.writtenCapaian).toEqual([{ sheet: "Tabel 1", row: 2, objective: "Peningkatan Pelayanan Kepada PPKS", name: "Presentase PSKS yang diberdayakan", text: "100.76" }]);
  });

  it("through the bot: the document sent as it is gets the preview, and Simpan stores its indicators", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    h.telegram.files.set("pk-docx", await perjanjianKinerja());
    const preview = plain(await h.driver.sendDocument(ADMIN, "pk-docx", "PK Dinsos 2024.docx", 9000));
    expect(preview).toContain('Pratinjau impor "PK Dinsos 2024.docx" (tahun 2024):');
    expect(preview).toContain("• Perjanjian Kinerja: 3 baris benar — 2 sasaran baru, 3 indikator baru");
    expect(preview).toContain("\n• Indikator baru berjenis predikat LHE AKIP: Nilai SAKIP <Dinas>.\n");
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toContain("2 sasaran baru, 3 indikator baru");
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives.map((o) => [o.name, o.indicators.map((i) => [i.name, i.unit, i.kind, i.gradeTable, i.years["2024"]?.target])])).toEqual([
      ["Meningkatnya Penanganan Penyandang Masalah Kesejahteraan Sosial (PMKS)", [["Persentase PMKS yang tertangani", "%", "value", undefined, "100"], ["Persentase PSKS yang aktif & berperan", "%", "value", undefined, "85"]]],
      ["Meningkatnya Kualitas Tata Kelola", [["Nilai SAKIP <Dinas>", "predikat", "grade", "lheAkip", { letter: "B" }]]],
    ]);
    expect(h.errors).toEqual([]);
  });
});
