/** /tempel's reading of a pasted Perjanjian Kinerja table (src/import/pasted-table.ts). */
import { describe, expect, it } from "vitest";
import { readPastedTable } from "../../src/import/pasted-table.js";

const rows = (input: string) => readPastedTable(input).rows.map(({ line, objective, name, unit, target }) => [line, objective, name, unit, target]);

describe("readPastedTable", () => {
  it("reads the typed form, with or without outer pipes and target", () => {
    expect(rows("Sasaran A | Indikator satu | % | 97,5\n| Sasaran A | Indikator dua | orang |\n\nSasaran B|Indikator tiga|KPM")).toEqual([
      [1, "Sasaran A", "Indikator satu", "%", "97,5"],
      [2, "Sasaran A", "Indikator dua", "orang", undefined],
      [3, "Sasaran B", "Indikator tiga", "KPM", undefined],
    ]);
  });

  it("reads a target written \"-\" or \"tidak ada\" as none", () => {
    expect(rows("Sasaran A | Indikator satu | % | -\nSasaran A | Indikator dua | orang | tidak ada\nSasaran A | Indikator tiga | KPM | 0")).toEqual([
      [1, "Sasaran A", "Indikator satu", "%", undefined],
      [2, "Sasaran A", "Indikator dua", "orang", undefined],
      [3, "Sasaran A", "Indikator tiga", "KPM", "0"],
    ]);
  });

  it("without a header, drops the row numbers of a numbered table and fills merged Sasaran cells from the row above", () => {
    const numbered = ["1.\tSasaran A\tIndikator satu\t%\t80", "\t\tIndikator dua\torang\t12", "2\tSasaran B\tIndikator tiga\tKPM"].join("\n");
    expect(readPastedTable(numbered).problems).toEqual([]);
    expect(rows(numbered)).toEqual([
      [1, "Sasaran A", "Indikator satu", "%", "80"],
      [2, "Sasaran A", "Indikator dua", "orang", "12"],
      [3, "Sasaran B", "Indikator tiga", "KPM", undefined],
    ]);
    // Unnumbered, a merged cell is the row's first, kept as an empty cell by the tab.
    expect(rows("Sasaran A\tIndikator satu\t%\t80\n\tIndikator dua\t%\t90")).toEqual([
      [1, "Sasaran A", "Indikator satu", "%", "80"],
      [2, "Sasaran A", "Indikator dua", "%", "90"],
    ]);
  });

  it("follows a header's column order, skips the column numbers and the title above it, and names the columns it does not read", () => {
    const table = readPastedTable(
      ["Lampiran Perjanjian Kinerja 2024", "No | Indikator Kinerja Utama (IKU) | Satuan Ukuran | Target 2024 | Sasaran Strategis | Realisasi | Penanggung Jawab", "(1) | (2) | (3) | (4) | (5) | (6) | (7)", "1 | IKM | indeks | 82 | Meningkatnya layanan | 80 | Sekretariat"].join("\n"),
    );
    expect(table.problems).toEqual([]);
    expect(table.ignoredColumns).toEqual(["Penanggung Jawab"]);
    expect(table.rows).toEqual([{ line: 4, objective: "Meningkatnya layanan", name: "IKM", unit: "indeks", target: "82", actual: "80" }]);
    // The reporting year's Realisasi only, as its Target: an earlier year's, or a second column, is not read.
    const years = readPastedTable("Sasaran | Indikator | Satuan | Realisasi 2023 | Realisasi 2024 | Realisasi | Target\nS | I | % | 70 | 80 | 90 | -", 2024);
    expect(years.ignoredColumns).toEqual(["Realisasi 2023", "Realisasi"]);
    expect(years.rows).toEqual([{ line: 2, objective: "S", name: "I", unit: "%", actual: "80" }]);
  });

  it("passes over rows of other columns only (a PK's Program and Anggaran beside merged cells) and the total row", () => {
    // Provinsi Gorontalo's Perjanjian Kinerja 2024 (seeds), its second table as Word copies it: a second header row of
    // quarters, programs listed beside the merged Sasaran, Indikator and Target cells, and the total.
    const table = readPastedTable(
      [
        "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tTarget Kinerja Triwulan\t\t\t\tProgram\tAnggaran",
        "\t\t\t\tTW 1\tTW 2\tTW 3\tTW 4\t\t",
        "1.\tMeningkatnya Kualitas Urusan Penunjang Pemerintahan OPD\tIndeks Kepuasan Masyarakat\tB\t-\t-\t-\tB\tProgram Penunjang Urusan Pemerintahan Daerah\t11.847.398.797",
        "\t\t\t\t\t\t\t\tProgram Pemberdayaan Sosial\t1.731.835.135",
        "2.\tMeningkatnya Perlindungan Sosial Bagi Masyarakat\tPersentase warga yang mendapatkan perlindungan sosial\t100%\t-\t-\t-\t100%\tProgram Rehabilitasi Sosial\t3.222.863.720",
        "\t\t\t\t\t\t\t\tProgram Penanganan Bencana\t1.045.192.140",
        "\tJUMLAH\t\t\t\t\t\t\t\t26.540.518.017",
        // Not passed over: a target without its indicator, a sasaran without one.
        "\t\t\t90",
        "\tMeningkatnya Tata Kelola",
      ].join("\n"),
      2024,
    );
    expect(table.rows.map((r) => [r.line, r.name, r.target])).toEqual([
      [3, "Indeks Kepuasan Masyarakat", "B"],
      [5, "Persentase warga yang mendapatkan perlindungan sosial", "100%"],
    ]);
    expect(table.problems).toEqual([
      { line: 8, key: "kosong_kolom", params: { kolom: "Sasaran" } },
      { line: 9, key: "kosong_kolom", params: { kolom: "Indikator" } },
    ]);
  });

  it("reads a report's Tabel 3.2 copied from Word: codes and names under one Indikator header, a Realisasi column", () => {
    // Kabupaten Kotawaringin Timur's LKjIP 2024, as Word copies it: "INDIKATOR KINERJA" spans the codes and the
    // names, so the header has a cell fewer than the rows (and a tab at its end).
    const pasted = [
      "NO\tTUJUAN/ SASARAN\tINDIKATOR KINERJA\tTARGET\tREALISASI\tCAPAIAN\tKATEGORI\tSUMBER DATA\t",
      "1\tPeningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial\t1.1\tPresentase PSKS yang diberdayakan\t97.5\t98.24\t100.76\tSangat Tinggi\tBidang Pemberdayaan Sosial",
      "\t\t1.2\tPresentase Warga Migran Yang dipulangkan\t90\t84.66\t94.07\tSangat Tinggi\tBidang Perlindungan dan Jaminan Sosial",
      "2\tMeningkatnya Kualitas Capaian Kinerja Perangkat Daerah\t2.1\tPresentase tingkat pemenuhan komponen penunjang\t100\t100\t100\tSangat Tinggi\tSekretariat",
    ].join("\n");
    const table = readPastedTable(pasted, 2024);
    expect(table.problems).toEqual([]);
    // CAPAIAN is read to be compared with the capaian computed, not stored.
    expect(table.ignoredColumns).toEqual(["KATEGORI", "SUMBER DATA"]);
    expect(table.rows.map((r) => [r.line, r.objective, r.name, r.target, r.actual, r.capaian])).toEqual([
      [2, "Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial", "Presentase PSKS yang diberdayakan", "97.5", "98.24", "100.76"],
      [3, "Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial", "Presentase Warga Migran Yang dipulangkan", "90", "84.66", "94.07"],
      [4, "Meningkatnya Kualitas Capaian Kinerja Perangkat Daerah", "Presentase tingkat pemenuhan komponen penunjang", "100", "100", "100"],
    ]);
    // A row one cell longer without a code where the names' header is stays a problem: nothing is guessed.
    const noCodes = pasted.replace("\t1.1\t", "\tx\t");
    expect(readPastedTable(noCodes, 2024).problems.map((p) => p.key)).toEqual(["kolom_lebih_judul", "kolom_lebih_judul", "kolom_lebih_judul"]);
  });

  it("reports each row it cannot read with its line and what is wrong", () => {
    const table = readPastedTable(
      [
        "No\tSasaran\tIndikator\tTarget",
        "1\tSasaran A\tIndikator satu\t100%\textra",
        "2\tSasaran A\tIndikator dua\t25",
        "3\tSasaran A\tIndeks Kepuasan Masyarakat\tA (88,50)",
        "4\tSasaran A\t\t90%",
      ].join("\n"),
    );
    // Without a Satuan column and a % target the unit is left empty: the caller knows whether the indicator exists.
    expect(table.unitColumn).toBe(false);
    expect(table.rows).toEqual([
      { line: 3, objective: "Sasaran A", name: "Indikator dua", unit: "", target: "25" },
      { line: 4, objective: "Sasaran A", name: "Indeks Kepuasan Masyarakat", unit: "", target: "A (88,50)" },
    ]);
    expect(table.problems).toEqual([
      { line: 2, key: "kolom_lebih_judul", params: { jumlah: 5, judul: 4 } },
      { line: 5, key: "kosong_kolom", params: { kolom: "Indikator" } },
    ]);
    expect(readPastedTable("Sasaran A | Indikator satu\nA | B | C | D | E").problems).toEqual([
      { line: 1, key: "kolom_kurang", params: { jumlah: 2 } },
      { line: 2, key: "kolom_lebih", params: { jumlah: 5 } },
    ]);
    expect(readPastedTable(`Sasaran | Indikator | Satuan\nSasaran A | ${"x".repeat(501)} | %`).problems).toEqual([{ line: 2, key: "terlalu_panjang", params: { kolom: "Indikator" } }]);
    // A first row without a sasaran has none to take over.
    expect(readPastedTable("\tIndikator satu\t%\t80").problems).toEqual([{ line: 1, key: "kosong_kolom", params: { kolom: "Sasaran" } }]);
  });

  it("takes a sasaran or indicator that starts with the header's words for data, not for a header", () => {
    expect(rows("Sasaran peningkatan layanan | Indikator kepuasan | % | 90")).toEqual([[1, "Sasaran peningkatan layanan", "Indikator kepuasan", "%", "90"]]);
    expect(rows("Sasaran 1 | Indikator 1 | % | 50\nSasaran 1 | Indikator 2 | % | 51")).toEqual([
      [1, "Sasaran 1", "Indikator 1", "%", "50"],
      [2, "Sasaran 1", "Indikator 2", "%", "51"],
    ]);
    expect(readPastedTable("a\nb\nc\nd").lines).toBe(4);
  });
});

describe("the row numbering the columns", () => {
  it("is passed over when it counts from 1 upwards, with a column left out too; other numbers are data", () => {
    // Kabupaten Kotawaringin Timur's Tabel 3.4 numbers its columns 1 2 3 5 6 7.
    const pasted = ["NO\tTUJUAN / SASARAN\tINDIKATOR KINERJA\tREALISASI KINERJA TAHUN 2024\tTARGET AKHIR 2026\tTINGKAT KEMAJUAN", "1\t2\t3\t5\t6\t7", "1\tS\tPersentase PSKS\t98.24\t91.37\t108%"].join("\n");
    const table = readPastedTable(pasted, 2024, 2026);
    expect(table.problems).toEqual([]);
    expect(table.ignoredColumns).toEqual(["TINGKAT KEMAJUAN"]);
    // The final target of a Renstra to 2026 read too; in a Renstra to 2025 "Target Akhir 2026" is not its final target.
    expect(table.rows).toEqual([{ line: 3, objective: "S", name: "Persentase PSKS", unit: "", actual: "98.24", final: "91.37" }]);
    const other = readPastedTable(pasted, 2024, 2025);
    expect(other.ignoredColumns).toEqual(["TARGET AKHIR 2026", "TINGKAT KEMAJUAN"]);
    expect(other.rows).toEqual([{ line: 3, objective: "S", name: "Persentase PSKS", unit: "", actual: "98.24" }]);
    // Going down, or not from 1: data, reported as such.
    expect(readPastedTable("Sasaran\tIndikator\tSatuan\tTarget\n3\t2\t1\t0", 2024).rows).toHaveLength(1);
    expect(readPastedTable("Sasaran\tIndikator\tSatuan\tTarget\n2\t3\t4\t5", 2024).rows).toHaveLength(1);
  });
});
