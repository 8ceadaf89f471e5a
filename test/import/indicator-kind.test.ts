/**
 * The kind of a new indicator in an imported sheet: the Jenis column ("nilai", "rasio", "predikat IKM"), or a
 * predikat figure, with its table from its letters, its scores or its name; a stored indicator keeps its kind.
 */
import { describe, expect, it } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";
import { gradeTableFor, newIndicatorKind, readKindCell } from "../../src/import/indicator-kind.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { agency } from "../support/agency.js";
import { csvSheets } from "../support/spreadsheets.js";

const HEADER = "Sasaran;Indikator;Satuan;Jenis;Target;Realisasi";
const S = "Meningkatnya Tata Kelola";

describe("the Jenis cell", () => {
  it("reads the kinds as the bot's workbook and officers write them", () => {
    expect(readKindCell("nilai")).toEqual({ kind: "value" });
    expect(readKindCell("Nilai biasa")).toEqual({ kind: "value" });
    expect(readKindCell("angka")).toEqual({ kind: "value" });
    expect(readKindCell("Rasio")).toEqual({ kind: "ratio" });
    expect(readKindCell("predikat")).toEqual({ kind: "grade" });
    expect(readKindCell("Predikat/huruf")).toEqual({ kind: "grade" });
    expect(readKindCell("predikat IKM")).toEqual({ kind: "grade", gradeTable: "ikm" });
    expect(readKindCell("Predikat (Mutu Pelayanan)")).toEqual({ kind: "grade", gradeTable: "ikm" });
    expect(readKindCell("predikat LHE AKIP")).toEqual({ kind: "grade", gradeTable: "lheAkip" });
    expect(readKindCell("huruf SAKIP")).toEqual({ kind: "grade", gradeTable: "lheAkip" });
    // Not a kind: what a Perjanjian Kinerja's "Jenis" column may hold instead, or a predikat of no known table.
    for (const other of ["IKU", "IKD", "outcome", "predikat mutu", "persen", ""]) expect(readKindCell(other)).toBeUndefined();
  });

  it("finds a predikat's table from its letters and scores, then from its name", () => {
    expect(gradeTableFor(undefined, "Indikator X", ["AA"])).toBe("lheAkip");
    expect(gradeTableFor(undefined, "Indikator X", ["BB", "B"])).toBe("lheAkip");
    // IKM's A starts at 88,31: an A of 84,24 is LHE AKIP's (A: above 80 up to 90).
    expect(gradeTableFor(undefined, "Indikator X", ["A (84,24)"])).toBe("lheAkip");
    expect(gradeTableFor(undefined, "Indikator X", ["A (95,00)"])).toBe("ikm");
    // B is in both tables: the name decides, or nothing does.
    expect(gradeTableFor(undefined, "Indeks Kepuasan Masyarakat", ["B"])).toBe("ikm");
    expect(gradeTableFor(undefined, "Nilai SAKIP Dinas Sosial", ["B"])).toBe("lheAkip");
    expect(gradeTableFor(undefined, "Indeks Kepuasan Pegawai", ["B"])).toBeUndefined();
    // A name against the letters: the letters win; a stated table always does.
    expect(gradeTableFor(undefined, "Indeks Kepuasan Masyarakat", ["BB"])).toBe("lheAkip");
    expect(gradeTableFor("ikm", "Nilai SAKIP", ["B"])).toBe("ikm");
    // Without a predikat figure, a plain value; with one, a predikat.
    expect(newIndicatorKind(undefined, "Jumlah KPM", ["25"])).toEqual({ kind: "value" });
    expect(newIndicatorKind(undefined, "Nilai SAKIP", ["B", "BB"])).toEqual({ kind: "grade", gradeTable: "lheAkip" });
    expect(newIndicatorKind({ kind: "ratio" }, "Persentase", ["80"])).toEqual({ kind: "ratio" });
  });
});

describe("an imported sheet with a Jenis column", () => {
  it("makes each new indicator of its kind, and stores what each figure says", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        HEADER,
        `${S};Jumlah KPM graduasi;KPM;nilai;25;27`,
        `${S};Persentase desa aktif;%;rasio;80;31/36`,
        `${S};Indeks Kepuasan Masyarakat;;predikat IKM;B;A (90,50)`,
        `${S};Nilai evaluasi kinerja;;predikat;A;AA`,
        `${S};Nilai SAKIP;nilai;Predikat;84,24;BB`,
      ]),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.pk.map((r) => [r.name, r.unit, r.kind, r.gradeTable])).toEqual([
      ["Jumlah KPM graduasi", "KPM", undefined, undefined],
      ["Persentase desa aktif", "%", "ratio", undefined],
      ["Indeks Kepuasan Masyarakat", "predikat", "grade", "ikm"],
      ["Nilai evaluasi kinerja", "predikat", "grade", "lheAkip"],
      ["Nilai SAKIP", "nilai", "grade", "lheAkip"],
    ]);
    const file = agency();
    applyPlan(file, plan);
    expect(AgencyFileSchema.safeParse(file).success).toBe(true);
    const [, kpm, desa, ikm, evaluation, sakip] = file.objectives.flatMap((o) => o.indicators);
    expect([kpm!.kind, kpm!.years["2024"]]).toEqual(["value", { target: "25", actual: "27" }]);
    expect([desa!.kind, desa!.years["2024"]]).toEqual(["ratio", { target: "80", numerator: "31", denominator: "36" }]);
    expect([ikm!.kind, ikm!.gradeTable, ikm!.years["2024"]]).toEqual(["grade", "ikm", { target: { letter: "B" }, actual: { letter: "A", score: "90.5" } }]);
    expect([evaluation!.gradeTable, evaluation!.years["2024"]]).toEqual(["lheAkip", { target: { letter: "A" }, actual: { letter: "AA" } }]);
    expect([sakip!.gradeTable, sakip!.years["2024"]]).toEqual(["lheAkip", { target: { score: "84.24" }, actual: { letter: "BB" } }]);
    // The capaian as /isi's answers would give it: 31 of 36 = 86,11 % of a target of 80.
    const result = computeAgency(file as AgencyFile);
    const desaResult = result.indicators.find((r) => r.indicator.name === "Persentase desa aktif")!;
    expect(desaResult.current.achievement.status === "ok" && desaResult.current.achievement.value.toFixed(2)).toBe("107.64");
  });

  it("asks which table when nothing in the row tells, and names what a Jenis cell may say", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        HEADER,
        `${S};Indeks Kepuasan Pegawai;predikat;predikat;B;A`,
        `${S};Jumlah KPM graduasi;KPM;campuran;25;27`,
        `${S};Jumlah PSKS;lembaga;nilai;B;`,
        `${S};Persentase desa aktif;%;rasio;80;90`,
      ]),
    );
    expect(plan.problems).toEqual([
      {
        sheet: "CSV",
        row: 2,
        column: "Jenis",
        message:
          "tabel predikatnya tidak dapat ditentukan dari isi baris ini; tulis di kolom Jenis predikat IKM (A sampai D, Indeks Kepuasan Masyarakat) atau predikat LHE AKIP (AA sampai D, evaluasi SAKIP)",
      },
      { sheet: "CSV", row: 3, column: "Jenis", message: '"campuran" bukan jenis indikator; tulis nilai, rasio, predikat IKM atau predikat LHE AKIP, atau kosongkan' },
      {
        sheet: "CSV",
        row: 4,
        column: "Target",
        message: '"B" berupa predikat, padahal indikator ini menurut kolom Jenis berjenis nilai biasa. Bila memang berupa predikat, tulis predikat IKM atau predikat LHE AKIP di kolom Jenis; bila tidak, tulis angkanya, misalnya 86,11',
      },
    ]);
    expect(plan.pk.map((r) => r.name)).toEqual(["Persentase desa aktif"]);
  });

  it("keeps a stored indicator's kind: a Jenis cell saying otherwise is pointed out, its figures read as stored", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([HEADER, "Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;nilai;97,5;98,25", "Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;rasio;97,5;98,25"]),
    );
    // The second row repeats the first (a problem); the first is read on the stored ratio indicator.
    expect(plan.pk.map((r) => [r.row, r.kind, r.actual])).toEqual([[2, undefined, "98,25"]]);
    expect(plan.kindDiffers).toEqual([{ sheet: "CSV", row: 2, name: "Persentase PSKS yang aktif", stored: { kind: "ratio" }, written: "nilai" }]);
    const file = agency();
    applyPlan(file, plan);
    // 98,25 is 56 of 57 as far as it is written: the ratio stays.
    expect([file.objectives[0]!.indicators[0]!.kind, file.objectives[0]!.indicators[0]!.years["2024"]]).toEqual(["ratio", { target: "97.5", numerator: "56", denominator: "57" }]);
    // The same kind written: nothing pointed out.
    const same = planImport(agency(), await csvSheets([HEADER, "Meningkatnya Kesejahteraan Sosial;Persentase PSKS yang aktif;%;rasio;97,5;"]));
    expect([same.problems, same.kindDiffers]).toEqual([[], []]);
  });

  it("does not read a Jenis column that holds no kind (IKU, IKD …): no problem, listed as not read", async () => {
    const plan = planImport(agency(), await csvSheets([HEADER, `${S};Jumlah KPM graduasi;KPM;IKU;25;27`, `${S};Jumlah PSKS;lembaga;IKD;10;`]));
    expect(plan.problems).toEqual([]);
    expect(plan.ignoredColumns).toEqual([{ sheet: "CSV", columns: ["Jenis"] }]);
    expect(plan.pk.map((r) => [r.name, r.kind])).toEqual([
      ["Jumlah KPM graduasi", undefined],
      ["Jumlah PSKS", undefined],
    ]);
  });

  it("without a Jenis column, asks for one when a predikat row's table is not known: one problem, not one for its unit too", async () => {
    const plan = planImport(agency(), await csvSheets(["Sasaran;Indikator;Satuan;Target;Realisasi", `${S};Indeks Kepuasan Pegawai;;B;`, `${S};Indeks Kepuasan Masyarakat;;B;`]));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [
        2,
        "Target",
        "tabel predikatnya tidak dapat ditentukan dari isi baris ini; tulis di kolom Jenis predikat IKM (A sampai D, Indeks Kepuasan Masyarakat) atau predikat LHE AKIP (AA sampai D, evaluasi SAKIP)",
      ],
    ]);
    expect(plan.pk.map((r) => [r.name, r.unit, r.kind, r.gradeTable])).toEqual([["Indeks Kepuasan Masyarakat", "predikat", "grade", "ikm"]]);
  });

  it("refuses a polarity negatif for a new predikat indicator", async () => {
    const plan = planImport(agency(), await csvSheets(["Sasaran;Indikator;Satuan;Polaritas;Target", `${S};Nilai SAKIP;predikat;negatif;BB`]));
    expect(plan.problems.map((p) => [p.column, p.message])).toEqual([
      ["Polaritas", "indikator ini berupa predikat, yang selalu berpolaritas positif (predikat lebih tinggi lebih baik); tulis positif atau kosongkan"],
    ]);
  });
});
