/**
 * Pembilang and Penyebut columns: a ratio's numerator and denominator, read as its realisasi "31/36"; a new
 * indicator with them is a ratio, at the scale its Realisasi cell shows (100 unless it shows another).
 */
import { describe, expect, it } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { pkLayout } from "../../src/import/pk-columns.js";
import { ratioScaleOf } from "../../src/import/ratio-cells.js";
import { agency } from "../support/agency.js";
import { csvSheets } from "../support/spreadsheets.js";

const S = "Meningkatnya Pelayanan";

describe("Pembilang and Penyebut", () => {
  it("are columns of each year, as Target and Realisasi", () => {
    const layout = pkLayout(["Sasaran", "Indikator", "Pembilang 2024", "Penyebut 2024", "Pembilang 2023", "Penyebut", "Pembilang 2025"], agency().agency);
    expect(layout.figures).toEqual([
      { field: "numerator", year: 2024, column: 2 },
      { field: "denominator", year: 2024, column: 3 },
      { field: "numerator", year: 2023, column: 4 },
    ]);
    // "Penyebut" without a year is the reporting year's, which "Penyebut 2024" gave already.
    expect(layout.ignored).toEqual(["Penyebut"]);
    expect(layout.later).toEqual(["Pembilang 2025"]);
  });

  it("finds the scale at which a realisasi is its numerator / denominator, as far as it is written", () => {
    expect(ratioScaleOf("86,11", "31", "36", "percent", ["100"])).toBe("100");
    expect(ratioScaleOf("86,111111", "31", "36", "percent", ["100"])).toBe("100");
    expect(ratioScaleOf("86,12", "31", "36", "percent", ["100"])).toBeUndefined();
    expect(ratioScaleOf("861,1", "31", "36", "decimal", ["100", "1", "1000"])).toBe("1000");
    expect(ratioScaleOf("0,86", "31", "36", "decimal", ["100", "1", "1000"])).toBe("1");
    expect(ratioScaleOf("x", "31", "36", "percent", ["100"])).toBeUndefined();
  });

  it("make a new ratio indicator (no Jenis column needed), at the scale its Realisasi shows", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        "Sasaran;Indikator;Satuan;Target;Realisasi;Pembilang;Penyebut;Pembilang 2023;Penyebut 2023",
        `${S};Persentase desa aktif;%;80;;31;36;30;36`,
        `${S};Angka kematian per 1.000;per mil;5;2,5;3;1200;;`,
        `${S};Jumlah KPM;KPM;25;27;;;;`,
      ]),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.pk.map((r) => [r.name, r.kind, r.ratioScale, r.actual, r.history])).toEqual([
      ["Persentase desa aktif", "ratio", undefined, "31/36", [{ year: 2023, actual: "30/36" }]],
      ["Angka kematian per 1.000", "ratio", "1000", "3/1200", undefined],
      ["Jumlah KPM", undefined, undefined, "27", undefined],
    ]);
    const file = agency();
    applyPlan(file, plan);
    expect(AgencyFileSchema.safeParse(file).success).toBe(true);
    const [, desa, deaths] = file.objectives.flatMap((o) => o.indicators);
    expect([desa!.kind, desa!.ratioScale, desa!.years]).toEqual(["ratio", "100", { "2023": { numerator: "30", denominator: "36" }, "2024": { target: "80", numerator: "31", denominator: "36" } }]);
    expect([deaths!.kind, deaths!.ratioScale, deaths!.years["2024"]]).toEqual(["ratio", "1000", { target: "5", numerator: "3", denominator: "1200" }]);
    // 3 of 1,200 per mille is 2,5, the realisasi the sheet wrote.
    const result = computeAgency(file);
    expect(result.indicators.find((r) => r.indicator.name === "Angka kematian per 1.000")!.current.values.actual!.toFixed()).toBe("2.5");
  });

  it("refuse a realisasi another than the ratio, a numerator alone, a zero denominator, a ratio of a predikat", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        "Sasaran;Indikator;Satuan;Jenis;Target;Realisasi;Pembilang;Penyebut",
        `${S};Persentase desa aktif;%;;80;90;31;36`,
        `${S};Persentase kelurahan aktif;%;;80;;31;`,
        `${S};Persentase RT aktif;%;;80;;31;0`,
        `${S};Nilai SAKIP;predikat;predikat LHE AKIP;BB;;31;36`,
      ]),
    );
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Realisasi", "realisasi 90 tidak sama dengan Pembilang 31 dibagi Penyebut 36; samakan, atau kosongkan kolom Realisasi (dihitung dari Pembilang dan Penyebut)"],
      [3, "Pembilang", "isi Pembilang dan Penyebut keduanya (misalnya 31 dan 36), atau kosongkan keduanya"],
      [4, "Penyebut", 'Penyebut tidak boleh nol ("31/0"). Contoh: 56/57.'],
      [5, "Pembilang", "Pembilang dan Penyebut hanya untuk indikator rasio, padahal indikator ini berjenis predikat LHE AKIP; kosongkan keduanya dan tulis realisasinya di kolom Realisasi"],
    ]);
    expect(plan.pk).toEqual([]);
    // A new indicator's years at two scales: the first year read sets it (the reporting year's, then earlier ones).
    const twoScales = planImport(agency(), await csvSheets(["Sasaran;Indikator;Satuan;Realisasi 2024;Pembilang 2024;Penyebut 2024;Realisasi 2023;Pembilang 2023;Penyebut 2023", `${S};Angka X;per mil;2,5;3;1200;0,25;3;1200`]));
    expect(twoScales.problems.map((p) => [p.column, p.message])).toEqual([
      ["Realisasi 2023", "realisasi 0,25 tidak sama dengan Pembilang 3 dibagi Penyebut 1200; samakan, atau kosongkan kolom Realisasi (dihitung dari Pembilang dan Penyebut)"],
    ]);
  });
});
