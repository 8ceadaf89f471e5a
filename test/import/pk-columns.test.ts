/**
 * Which column of a Perjanjian Kinerja sheet holds which year's figure (pk-columns.ts), and what a sheet that is
 * not the bot's own gives: a next year's target read as nothing, earlier years, a national standard without its
 * kind or source, factors.
 */
import { describe, expect, it } from "vitest";
import { pkLayout } from "../../src/import/pk-columns.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { unitInName } from "../../src/import/pk-cells.js";
import { moveToNextYear } from "../../src/app/new-year.js";
import { agency } from "../support/agency.js";
import { csvSheets } from "../support/spreadsheets.js";

const AGENCY = { reportingYear: 2024, strategicPlan: { startYear: 2021, endYear: 2026 } };

describe("pkLayout", () => {
  it("gives each target and realisasi column its year, the reporting year's when it names none", () => {
    const layout = pkLayout(
      ["No", "Sasaran", "Indikator", "Satuan", "Target (2023)", "Realisasi TA 2023", "Target", "Realisasi 2024", "Target Tahun 2025", "Target Akhir Renstra", "Target Renstra 2025", "Target 2024", "Capaian 2024", "Realisasi 2013", "Realisasi 2014"],
      AGENCY,
    );
    expect(layout.figures).toEqual([
      { field: "target", year: 2023, column: 4 },
      { field: "actual", year: 2023, column: 5 },
      { field: "target", year: 2024, column: 6 },
      { field: "actual", year: 2024, column: 7 },
      { field: "actual", year: 2014, column: 14 },
    ]);
    expect(layout.single).toEqual({ objective: 1, name: 2, unit: 3, final: 9 });
    // Next year's target waits for /tahun; the Renstra's target of 2025 is that year's in the Renstra (which /tahun
    // takes); a second 2024 target, a computed achievement and a year more than ten years back are not read.
    expect(layout.later).toEqual(["Target Tahun 2025"]);
    expect(layout.plan).toEqual([{ year: 2025, column: 10 }]);
    expect(layout.ignored).toEqual(["Target 2024", "Capaian 2024", "Realisasi 2013"]);
  });

  it("tells the Renstra's final target from the year's, and passes over a quarter's figures", () => {
    const layout = pkLayout(["Sasaran", "Indikator", "Target TW I 2024", "Realisasi s.d. Triwulan IV", "Target Akhir Tahun 2024", "Realisasi Semester I", "Target Akhir", "Realisasi 2024"], AGENCY);
    expect(layout.figures).toEqual([
      { field: "target", year: 2024, column: 4 },
      { field: "actual", year: 2024, column: 7 },
    ]);
    expect(layout.single).toEqual({ objective: 0, name: 1, final: 6 });
    expect(layout.ignored).toEqual(["Target TW I 2024", "Realisasi s.d. Triwulan IV", "Realisasi Semester I"]);
  });

  it("knows the national figure's columns, the factors and the budget apart from Target and Realisasi", () => {
    const layout = pkLayout(
      ["Sasaran Strategis", "Indikator Kinerja", "Realisasi Nasional", "Tahun Data Nasional", "Jenis Data Nasional", "Sumber Data Nasional", "Faktor Pendukung", "Faktor Penghambat", "Upaya/Tindak Lanjut", "Pagu Anggaran", "Realisasi Anggaran (Rp)"],
      AGENCY,
    );
    expect(layout).toEqual({
      single: { objective: 0, name: 1, national: 2, nationalYear: 3, nationalKind: 4, nationalSource: 5, supporting: 6, inhibiting: 7, followUp: 8, budget: 9, spent: 10 },
      figures: [],
      ignored: [],
      later: [],
      plan: [],
    });
  });
});

describe("the Renstra's targets of each year", () => {
  it("are read by their year, the last one as the final target; /tahun takes the next year's", () => {
    const file = agency();
    const header = "Sasaran;Indikator;Satuan;Target Renstra 2022;Target Renstra 2025;Target Renstra 2026;Target Renstra 2027\n";
    const rows = [
      "Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;90;98,5 %;100;110",
      "Meningkatnya Kesejahteraan Sosial;Jumlah KPM graduasi;KPM;;30-35;40;",
      "Meningkatnya Kesejahteraan Sosial;Indeks Kepuasan Masyarakat;predikat;;BB;;",
    ];
    return csvSheets(header + rows.join("\n")).then((sheets) => {
      const plan = planImport(file, sheets);
      // 2027 is after the Renstra 2021–2026: not read.
      expect(plan.ignoredColumns).toEqual([{ sheet: "CSV", columns: ["Target Renstra 2027"] }]);
      expect(plan.problems).toEqual([]);
      // A predikat among them tells a new indicator's kind, as a target does (BB: LHE AKIP).
      expect(plan.pk.map((r) => [r.name, r.final, r.plan, r.gradeTable])).toEqual([
        ["Persentase PSKS yang aktif", "100", [{ year: 2022, target: "90" }, { year: 2025, target: "98,5 %" }], undefined],
        ["Jumlah KPM graduasi", "40", [{ year: 2025, target: "30-35" }], undefined],
        ["Indeks Kepuasan Masyarakat", undefined, [{ year: 2025, target: "BB" }], "lheAkip"],
      ]);
      const d = structuredClone(file);
      expect(applyPlan(d, plan).problems).toEqual([]);
      const [psks, kpm] = d.objectives[0]!.indicators;
      expect(psks!.strategicPlan).toEqual({ finalTarget: "100", byYear: { "2022": "90", "2025": "98.5" } });
      expect(kpm!.strategicPlan).toEqual({ finalTarget: "40", byYear: { "2025": { min: "30", max: "35" } } });
      // The next year begins with the Renstra's targets of 2025.
      moveToNextYear(d);
      expect([psks!.years["2025"]?.target, kpm!.years["2025"]?.target]).toEqual(["98.5", { min: "30", max: "35" }]);
      expect(d.objectives[0]!.indicators[2]!.strategicPlan).toEqual({ byYear: { "2025": { letter: "BB" } } });
    });
  });

  it("tells a Renstra's period from a year, and a final target from a year's", () => {
    const layout = (header: string) => pkLayout(["Sasaran", "Indikator", header], AGENCY);
    expect(layout("Target Renstra 2021-2026")).toMatchObject({ single: { final: 2 }, plan: [], ignored: [] });
    expect(layout("Target Akhir Renstra (2026)")).toMatchObject({ single: { final: 2 }, plan: [], ignored: [] });
    expect(layout("Target Renstra 2025")).toMatchObject({ single: {}, plan: [{ year: 2025, column: 2 }], ignored: [] });
    // A period ending in another year, or "akhir" of a year that is not the last: not read.
    expect(layout("Target Renstra 2019-2024")).toMatchObject({ single: {}, plan: [], ignored: ["Target Renstra 2019-2024"] });
    expect(layout("Target Akhir Renstra 2025")).toMatchObject({ single: {}, plan: [], ignored: ["Target Akhir Renstra 2025"] });
  });

  it("refuses a Renstra target the indicator does not take, in its column", async () => {
    const plan = planImport(agency(), await csvSheets("Sasaran;Indikator;Satuan;Target Renstra 2025\nMeningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;BB\n"));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Target Renstra 2025", '"BB" berupa predikat, padahal indikator ini tersimpan berjenis rasio. Bila memang berupa predikat, ubah jenisnya menjadi Predikat/huruf di /atur, lalu kirim berkasnya lagi; bila tidak, tulis angkanya, misalnya 86,11'],
    ]);
    expect(plan.pk).toEqual([]);
  });
});

describe("a Perjanjian Kinerja sheet of several years", () => {
  it("reads next year's target as nothing and says so, and earlier years as history", async () => {
    const file = agency();
    const plan = planImport(file, await csvSheets("Sasaran;Indikator;Satuan;Realisasi 2023;Target 2025\nMeningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;98,5;99\n"));
    expect(plan.problems).toEqual([]);
    expect(plan.laterColumns).toEqual([{ sheet: "CSV", columns: ["Target 2025"] }]);
    expect(plan.pk).toEqual([{ row: 2, objective: "Meningkatnya Kesejahteraan Sosial", name: "Persentase PSKS yang aktif", unit: "%", history: [{ year: 2023, actual: "98,5" }] }]);
    const d = structuredClone(file);
    applyPlan(d, plan);
    // 2024's target stays 97,5 (the file's 99 is 2025's); 2023's realisasi is the file's.
    expect(d.objectives[0]!.indicators[0]!.years).toEqual({ "2023": { target: "95", actual: "98.5" }, "2024": { target: "97.5", numerator: "56", denominator: "57" } });
  });

  it("keeps what a sheet does not say of the national figure, and takes the kind from a header that says it", async () => {
    const file = agency();
    file.objectives[0]!.indicators[0]!.national = { value: "90", year: 2023, kind: "realisasi", source: "BPS" };
    const header = "Sasaran;Indikator;Satuan;Standar Nasional;Tahun Data Nasional;Faktor Penghambat\n";
    const row = (value: string, year: string, factors: string, name = "Persentase PSKS yang aktif") => `Meningkatnya Kesejahteraan Sosial;${name};%;${value};${year};${factors}\n`;

    // The same year: its source stays; the header says it is a standard.
    let d = structuredClone(file);
    applyPlan(d, planImport(file, await csvSheets(header + row("100", "2023", "tidak ada"))));
    expect(d.objectives[0]!.indicators[0]!.national).toEqual({ value: "100", year: 2023, kind: "standar", source: "BPS" });
    expect(d.objectives[0]!.indicators[0]!.factors).toEqual({ inhibiting: [] });

    // Another year: the source was the other year's, and is dropped.
    d = structuredClone(file);
    applyPlan(d, planImport(file, await csvSheets(header + row("100", "2024", "\"Data terlambat; SDM kurang\""))));
    expect(d.objectives[0]!.indicators[0]!.national).toEqual({ value: "100", year: 2024, kind: "standar" });
    expect(d.objectives[0]!.indicators[0]!.factors).toEqual({ inhibiting: ["Data terlambat", "SDM kurang"] });

    // A figure without its year, a year that is none, a year after the reporting year: problems in their columns.
    const plan = planImport(file, await csvSheets(header + row("100", "", "") + row("100", "2023/2024", "", "Indikator baru") + row("100", "2025", "", "Indikator lain")));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Tahun Data Nasional", "tahun data nasionalnya tidak ada; isi kolom Tahun Data Nasional dengan tahun empat angka, misalnya 2023"],
      [3, "Tahun Data Nasional", '"2023/2024" bukan tahun; isi kolom Tahun Data Nasional dengan tahun empat angka, misalnya 2023'],
      [4, "Standar Nasional", 'Tahun data nasional "2025" tidak masuk akal; gunakan tahun empat angka, misalnya 2023.'],
    ]);
  });

  it("reads a Polaritas column: positif or negatif (or e-SAKIP's Minimize), not for a predikat, and says what else it takes", async () => {
    const file = agency();
    const plan = planImport(
      file,
      await csvSheets("Sasaran;Indikator;Satuan;Polaritas\nMeningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;Negatif\nS2;Angka kemiskinan;%;Minimize\nS2;Jumlah PMKS;orang;-\nS2;Jumlah LKS;lembaga;Stabilize\n"),
    );
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [5, "Polaritas", '"stabilize" bukan polaritas; tulis positif (makin tinggi makin baik) atau negatif (makin rendah makin baik)'],
    ]);
    expect(plan.pk.map((r) => [r.name, r.polarity])).toEqual([
      ["Persentase PSKS yang aktif", "negative"],
      ["Angka kemiskinan", "negative"],
      ["Jumlah PMKS", undefined],
    ]);
    const d = structuredClone(file);
    applyPlan(d, plan);
    expect(d.objectives.flatMap((o) => o.indicators.map((i) => [i.name, i.polarity]))).toEqual([
      ["Persentase PSKS yang aktif", "negative"],
      ["Angka kemiskinan", "negative"],
      ["Jumlah PMKS", "positive"],
    ]);

    const graded = agency();
    Object.assign(graded.objectives[0]!.indicators[0]!, { kind: "grade", gradeTable: "ikm", years: {} });
    const refused = planImport(graded, await csvSheets("Sasaran;Indikator;Satuan;Polaritas\nMeningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;negatif\n"));
    expect(refused.problems.map((p) => p.message)).toEqual(["indikator ini berupa predikat, yang selalu berpolaritas positif (predikat lebih tinggi lebih baik); tulis positif atau kosongkan"]);
  });
});

describe("the unit an indicator's name gives", () => {
  it("is % for a percentage however reports spell it, and nothing for other names", () => {
    const names = ["Persentase PSKS aktif", "Presentase PSKS yang diberdayakan", "PROSENTASE lansia", "Persentase(%) penyandang disabilitas", "Persentase (%) PKK aktif"];
    expect(names.map(unitInName)).toEqual(["%", "%", "%", "%", "%"]);
    expect(["Jumlah KPM graduasi", "Indeks Kepuasan Masyarakat", "Persentasenya", "Rasio persentase", ""].map(unitInName)).toEqual(Array(5).fill(undefined));
  });
});
