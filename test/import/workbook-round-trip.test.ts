/**
 * The workbook /ekspor xlsx makes, sent back to /impor: unchanged, it changes nothing (for any agency, ratios,
 * grades, ranges, history, factors, national figures and budgets from lines included); edited, exactly the
 * cells edited are stored, whichever year or column they are in.
 */
import { describe, expect, it } from "vitest";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { exportXlsx } from "../../src/export/index.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { renderText } from "../../src/domain/draft/render/text.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import { readFileSync } from "node:fs";
import { sheetsOf } from "../support/spreadsheets.js";
import { dumai, editedWorkbook, randomAgencies } from "../support/workbook-edit.js";

/** The sheets of a workbook /ekspor xlsx made (or one edited from it). */
const workbookSheets = (bytes: Uint8Array) => sheetsOf(bytes, "data.xlsx");

describe("the bot's own workbook sent back", () => {
  it("changes nothing for random agencies: every indicator is 'the same', no problem, the data equal", async () => {
    const files = randomAgencies(60, 20261207);
    expect(files.length).toBeGreaterThan(40);
    let ratios = 0;
    let history = 0;
    let renstraYears = 0;
    for (const file of files) {
      const plan = planImport(file, await workbookSheets((await exportXlsx(file)).data));
      expect(plan.problems).toEqual([]);
      const copy = structuredClone(file);
      const applied = applyPlan(copy, plan);
      expect(applied.problems).toEqual([]);
      expect(applied.counts).toEqual({ sasaran: 0, indikator: 0, diperbarui: 0, sama: file.objectives.flatMap((o) => o.indicators).length, anggaran: 0, anggaranSama: file.budgetLines.length, anggaranDiperbarui: 0 });
      expect(copy).toEqual(file);
      ratios += file.objectives.flatMap((o) => o.indicators).filter((i) => i.kind === "ratio" && Object.values(i.years).some((y) => y?.numerator !== undefined)).length;
      history += plan.pk.filter((r) => r.history !== undefined).length;
      renstraYears += plan.pk.filter((r) => r.plan !== undefined).length;
    }
    // The samples hold what the round trip could lose.
    expect(ratios).toBeGreaterThan(10);
    expect(history).toBeGreaterThan(10);
    expect(renstraYears).toBeGreaterThan(5);
  });

  it("keeps the Dumai report's ratios and the budgets summed from its lines", async () => {
    const file = dumai();
    const plan = planImport(file, await workbookSheets((await exportXlsx(file)).data));
    const row21 = plan.pk.find((r) => r.name === "Persentase Kelurahan Cepat Berkembang")!;
    // The workbook shows 2.1's realisasi as its Pembilang and Penyebut (31 of 36) and its pagu from its budget lines …
    expect([row21.actual, row21.budget, row21.spent]).toEqual(["31/36", "270000000", "176163687"]);
    const copy = structuredClone(file);
    applyPlan(copy, plan);
    // … and they stay a ratio and the sum of the lines, not figures of their own.
    const i21 = copy.objectives[1]!.indicators[0]!;
    expect(i21.years["2024"]).toEqual({ target: "80", numerator: "31", denominator: "36" });
    expect(i21.budget).toBeUndefined();
    expect(copy).toEqual(file);
  });

  it("stores exactly the cells edited: an earlier year, factors written on lines, the national source, the final target, a ratio's numerator", async () => {
    const file = dumai();
    const bytes = await editedWorkbook(file, (set) => {
      set("1.1", "Realisasi 2023", 97.5);
      set("1.1", "Faktor Penghambat", "1. Data terpadu terlambat\n2. Anggaran terbatas");
      set("1.1", "Sumber Data Nasional", "Kemensos 2023");
      set("2.2", "Target Akhir Renstra", 95);
      // 32 of 36 kelurahan: the numerator edited, the realisasi (computed from it) emptied.
      set("2.1", "Pembilang 2024", 32);
      set("2.1", "Realisasi 2024", null);
    });
    const plan = planImport(file, await workbookSheets(bytes));
    expect(plan.problems).toEqual([]);
    const copy = structuredClone(file);
    expect(applyPlan(copy, plan).counts).toEqual({ sasaran: 0, indikator: 0, diperbarui: 3, sama: 1, anggaran: 0, anggaranSama: file.budgetLines.length, anggaranDiperbarui: 0 });
    const [i11, i21, i22] = [copy.objectives[0]!.indicators[0]!, copy.objectives[1]!.indicators[0]!, copy.objectives[1]!.indicators[1]!];
    expect(i11.years["2023"]).toEqual({ ...file.objectives[0]!.indicators[0]!.years["2023"], actual: "97.5" });
    expect(i11.factors!.inhibiting).toEqual(["Data terpadu terlambat", "Anggaran terbatas"]);
    expect(i11.national).toEqual({ value: "83.38", year: 2023, kind: "realisasi", source: "Kemensos 2023" });
    expect(i22.strategicPlan!.finalTarget).toBe("95");
    expect(i21.years["2024"]).toEqual({ target: "80", numerator: "32", denominator: "36" });
    // Everything else as it was.
    const restored = structuredClone(copy);
    restored.objectives[0]!.indicators[0] = file.objectives[0]!.indicators[0]!;
    restored.objectives[1]!.indicators[0] = file.objectives[1]!.indicators[0]!;
    restored.objectives[1]!.indicators[1] = file.objectives[1]!.indicators[1]!;
    expect(restored).toEqual(file);
  });

  it("refuses a realisasi that is not its Pembilang / Penyebut, and reads a ratio retyped as a figure when they are emptied", async () => {
    const file = dumai();
    const conflicting = await editedWorkbook(file, (set) => set("2.1", "Realisasi 2024", 90));
    expect(planImport(file, await workbookSheets(conflicting)).problems).toEqual([
      {
        sheet: "Data Indikator",
        row: 3,
        column: "Realisasi 2024",
        message: "realisasi 90 tidak sama dengan Pembilang 31 dibagi Penyebut 36; samakan, atau kosongkan kolom Realisasi (dihitung dari Pembilang dan Penyebut)",
      },
    ]);
    const half = await editedWorkbook(file, (set) => set("2.1", "Penyebut 2024", null));
    expect(planImport(file, await workbookSheets(half)).problems.map((p) => [p.column, p.message])).toEqual([["Pembilang 2024", "isi Pembilang dan Penyebut keduanya (misalnya 31 dan 36), atau kosongkan keduanya"]]);
    // A value indicator's Pembilang and Penyebut.
    const value = await editedWorkbook(file, (set) => {
      set("1.1", "Pembilang 2024", 21);
      set("1.1", "Penyebut 2024", 21);
    });
    expect(planImport(file, await workbookSheets(value)).problems.map((p) => [p.column, p.message])).toEqual([
      ["Pembilang 2024", "Pembilang dan Penyebut hanya untuk indikator rasio, padahal indikator ini berjenis nilai biasa; kosongkan keduanya dan tulis realisasinya di kolom Realisasi"],
    ]);
    // Both emptied and a realisasi typed: a figure over the ratio, as /isi stores it.
    const retyped = await editedWorkbook(file, (set) => {
      set("2.1", "Realisasi 2024", 90);
      set("2.1", "Pembilang 2024", null);
      set("2.1", "Penyebut 2024", null);
    });
    const copy = structuredClone(file);
    applyPlan(copy, planImport(file, await workbookSheets(retyped)));
    expect(copy.objectives[1]!.indicators[0]!.years["2024"]).toEqual({ target: "80", actual: "90" });
  });

  it("copies random agencies into a new registration: every indicator of its kind (ratio, predikat and its table), the same capaian", async () => {
    const files = randomAgencies(40, 20261208);
    const seen = { ratio: 0, ikm: 0, lheAkip: 0 };
    for (const file of files) {
      const empty: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
      const plan = planImport(empty, await workbookSheets((await exportXlsx(file)).data));
      expect(plan.problems).toEqual([]);
      expect(applyPlan(empty, plan).problems).toEqual([]);
      expect(AgencyFileSchema.safeParse(empty).success).toBe(true);
      const [from, to] = [computeAgency(file), computeAgency(empty)];
      const shown = (r: (typeof from.indicators)[number]) => [
        r.indicator.name,
        r.indicator.kind,
        r.indicator.gradeTable,
        r.indicator.polarity,
        r.current.values.gradeTarget,
        r.current.values.gradeActual,
        r.current.achievement.status === "ok" ? r.current.achievement.value.toFixed(file.profile.decimals) : r.current.achievement.status,
        r.current.category,
      ];
      expect(to.indicators.map(shown)).toEqual(from.indicators.map(shown));
      // The Renstra's targets, final and yearly, come along whole (the last year's is the final target's column).
      expect(to.indicators.map((r) => r.indicator.strategicPlan)).toEqual(from.indicators.map((r) => r.indicator.strategicPlan));
      for (const i of file.objectives.flatMap((o) => o.indicators)) {
        if (i.kind === "ratio") seen.ratio++;
        if (i.gradeTable) seen[i.gradeTable]++;
      }
    }
    expect(Math.min(seen.ratio, seen.ikm, seen.lheAkip)).toBeGreaterThan(5);
  });

  it("copies the whole data sheet into a new registration: polarity, history, factors, national figure, final target", async () => {
    const file = dumai();
    file.objectives[1]!.indicators[1]!.polarity = "negative";
    const empty: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
    const plan = planImport(empty, await workbookSheets((await exportXlsx(file)).data));
    expect(plan.problems).toEqual([]);
    applyPlan(empty, plan);
    const [from, to] = [file.objectives[0]!.indicators[0]!, empty.objectives[0]!.indicators[0]!];
    expect(to.years).toEqual(from.years);
    expect(to.factors).toEqual(from.factors);
    expect(to.national).toEqual(from.national);
    expect(to.strategicPlan).toEqual(from.strategicPlan);
    expect(to.budget).toEqual({ budget: "1373500000", spent: "1220878592" });
    expect(empty.objectives.flatMap((o) => o.indicators.map((i) => i.polarity))).toEqual(["positive", "positive", "negative", "positive"]);
  });

  it("copied into a new registration, drafts the same BAB III word for word, the IKU lama rows included", async () => {
    const demo = parseAgency(JSON.parse(readFileSync("data/demo/contoh-lengkap.json", "utf8")));
    if (!demo.ok) throw new Error(demo.errors.join("\n"));
    const files = [dumai(), demo.file, ...randomAgencies(40, 20261211)];
    let explicitNone = 0;
    let predecessors = 0;
    let older = 0;
    for (const file of files) {
      // Not in the workbook: a year entered without any figure.
      for (const i of file.objectives.flatMap((o) => o.indicators)) {
        if (i.predecessor) predecessors++;
        for (const [y, v] of Object.entries(i.years)) if (v && v.target === undefined && v.actual === undefined && v.numerator === undefined) delete i.years[y];
        explicitNone += Object.values(i.factors ?? {}).filter((f) => f.length === 0).length + (i.national === null ? 1 : 0);
        older += Object.keys(i.years).filter((y) => Number(y) < file.agency.reportingYear - 2).length;
      }
      const copy: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
      const plan = planImport(copy, await workbookSheets((await exportXlsx(file)).data));
      expect(plan.problems).toEqual([]);
      applyPlan(copy, plan);
      expect(renderText(draftChapter(copy))).toBe(renderText(draftChapter(file)));
      // Every year's figures, those before the two the draft compares with too (not its quarters or note: only the JSON file has them).
      const figures = ({ quarters: _q, note: _n, ...v }: NonNullable<AgencyFile["objectives"][number]["indicators"][number]["years"][string]>) => v;
      const years = (f: AgencyFile) => f.objectives.flatMap((o) => o.indicators.map((i) => Object.entries(i.years).map(([y, v]) => [y, v && figures(v)])));
      expect(years(copy)).toEqual(years(file));
    }
    // Among them factors and national figures the officer said there are none of ("tidak ada" in the workbook), and
    // indicators that replaced an older IKU.
    expect(explicitNone).toBeGreaterThan(10);
    expect(predecessors).toBeGreaterThan(10);
    expect(older).toBeGreaterThan(10);
  });

  it("writes 'tidak ada' for a factor or national figure the officer said there is none of, and reads it back so; '-' is an empty cell", async () => {
    const file = dumai();
    const i21 = file.objectives[1]!.indicators[0]!;
    i21.national = null;
    i21.factors = { ...i21.factors, inhibiting: [] };
    // A final target without a realisasi yet is written too (its progress cannot be computed).
    delete i21.years["2024"]!.numerator;
    delete i21.years["2024"]!.denominator;
    const sheets = await workbookSheets((await exportXlsx(file)).data);
    const header = sheets[0]!.rows[0]!;
    const row = sheets[0]!.rows[2]!;
    const cell = (name: string) => row[header.indexOf(name)];
    expect([cell("Standar/Realisasi Nasional"), cell("Tahun Data Nasional"), cell("Faktor Penghambat"), cell("Target Akhir Renstra")]).toEqual(["tidak ada", null, "tidak ada", 100]);
    // After the other columns, one per year of the Renstra an indicator has a target of, but its last (the final target's).
    expect(header.slice(47)).toEqual(["Target Renstra 2024", "Target Renstra 2025"]);
    expect(row.slice(47)).toEqual([80, 90]);
    const copy: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
    applyPlan(copy, planImport(copy, sheets));
    const copied = copy.objectives[1]!.indicators[0]!;
    // The Renstra's targets of 2024 and 2025 come along; its last year's (2026) is the final target.
    expect([copied.national, copied.factors!.inhibiting, copied.strategicPlan]).toEqual([null, [], { finalTarget: "100", byYear: { "2024": "80", "2025": "90" } }]);
    // Sent back to its own registration: the same.
    const same = structuredClone(file);
    expect(applyPlan(same, planImport(file, sheets)).counts.diperbarui).toBe(0);
    expect(same).toEqual(file);

    // An officer's own sheet: "tidak ada" is none available yet, "-" no figure given (the stored one stays).
    const officer = [
      ["Sasaran", "Indikator", "Satuan", "Standar Nasional"],
      ["Meningkatnya Penyelenggaraan Kesejahteraan Sosial", file.objectives[0]!.indicators[0]!.name, "%", "-"],
      ["Meningkatnya Penanggulangan Korban Bencana", file.objectives[2]!.indicators[0]!.name, "%", "Tidak ada."],
    ];
    const typed = structuredClone(file);
    const plan = planImport(typed, [{ name: "PK", rows: officer }]);
    expect(plan.problems).toEqual([]);
    applyPlan(typed, plan);
    expect(file.objectives[0]!.indicators[0]!.national).toMatchObject({ value: "83.38", year: 2023 });
    expect([typed.objectives[0]!.indicators[0]!.national, typed.objectives[2]!.indicators[0]!.national]).toEqual([file.objectives[0]!.indicators[0]!.national, null]);
  });

  it("writes the years before the two it has a block for, newest first, as far back as /impor reads, and a copy takes them", async () => {
    const file = dumai();
    const i11 = file.objectives[0]!.indicators[0]!;
    const i21 = file.objectives[1]!.indicators[0]!;
    i11.years["2021"] = { target: "100", actual: "96.5" };
    i11.years["2013"] = { target: "100", actual: "90" }; // eleven years back: beyond what /impor reads
    i21.years["2020"] = { target: "70", numerator: "25", denominator: "36" };
    const sheets = await workbookSheets((await exportXlsx(file)).data);
    const header = sheets[0]!.rows[0]!;
    expect(header.slice(47)).toEqual([
      "Target Renstra 2024", "Target Renstra 2025",
      "Target 2021", "Realisasi 2021", "Pembilang 2021", "Penyebut 2021", "Capaian 2021 (%)",
      "Target 2020", "Realisasi 2020", "Pembilang 2020", "Penyebut 2020", "Capaian 2020 (%)",
    ]);
    // The realisasi and capaian of a ratio as computed (25/36 = 69,44…%, of a target of 70: 99,20…%), with the numerator and denominator.
    expect(sheets[0]!.rows[1]!.slice(49)).toEqual([100, 96.5, null, null, 96.5]);
    expect(sheets[0]!.rows[2]!.slice(49)).toEqual([null, null, null, null, null, 70, 69.44444444444444, 25, 36, 99.2063492063492]);

    const copy: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
    const plan = planImport(copy, sheets);
    expect(plan.problems).toEqual([]);
    applyPlan(copy, plan);
    expect(copy.objectives[0]!.indicators[0]!.years["2021"]).toEqual({ target: "100", actual: "96.5" });
    expect(copy.objectives[0]!.indicators[0]!.years["2013"]).toBeUndefined();
    expect(copy.objectives[1]!.indicators[0]!.years["2020"]).toEqual({ target: "70", numerator: "25", denominator: "36" });
    // Sent back to its own registration: nothing changes.
    const same = structuredClone(file);
    expect(applyPlan(same, planImport(same, sheets)).counts.diperbarui).toBe(0);
    expect(same).toEqual(file);
  });

  it("the widest workbook an agency can have (a Renstra of ten years, ten years of history) is read back whole", async () => {
    const file = dumai();
    file.agency.strategicPlan = { startYear: 2015, endYear: 2025 };
    const i11 = file.objectives[0]!.indicators[0]!;
    const years = Array.from({ length: 10 }, (_, k) => 2015 + k);
    i11.strategicPlan = { finalTarget: "100", byYear: Object.fromEntries(years.map((y) => [String(y), String(90 + (y % 10))])) };
    for (let y = 2014; y <= 2021; y++) i11.years[String(y)] = { target: String(80 + (y % 10)), actual: String(70 + (y % 10)) };
    const sheets = await workbookSheets((await exportXlsx(file)).data);
    expect(sheets[0]!.rows[0]!.length).toBe(47 + 10 + 8 * 5);
    const copy: AgencyFile = { ...structuredClone(file), objectives: [], budgetLines: [] };
    const plan = planImport(copy, sheets);
    expect(plan.problems).toEqual([]);
    // Only what the bot computes is passed over: every year's figures are read.
    expect(plan.ignoredColumns.flatMap((c) => c.columns).filter((h) => !/^(Capaian|Kategori|Tingkat|Serapan|Keterangan)/.test(h))).toEqual([]);
    applyPlan(copy, plan);
    const copied = copy.objectives[0]!.indicators[0]!;
    expect([copied.years, copied.strategicPlan]).toEqual([i11.years, i11.strategicPlan]);
  });
});
