/**
 * A row whose Kode is a stored indicator of another name: a rename is offered only when the row fits that
 * indicator (same sasaran, unit, kind, every figure), once per indicator; applied, the indicator is renamed and
 * takes the row's figures; a rename that no longer fits the data is refused.
 */
import { describe, expect, it } from "vitest";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { applyPlan, planImport, renamesOf } from "../../src/import/plan.js";
import { agency } from "../support/agency.js";
import { csvSheets } from "../support/spreadsheets.js";

const HEADER = "Kode;Sasaran;Indikator;Satuan;Target;Realisasi";
const S = "Meningkatnya Kesejahteraan Sosial";

describe("a renamed indicator found by its Kode", () => {
  it("is offered as a rename when the row fits it, and applied: same indicator, new name, the row's figures", async () => {
    const plan = planImport(agency(), await csvSheets([HEADER, `1.1;${S};Persentase PSKS aktif;%;97,5;98,25`]));
    expect(plan.problems).toEqual([]);
    expect(plan.renamed).toEqual([{ sheet: "CSV", row: 2, code: "1.1", objective: S, stored: "Persentase PSKS yang aktif", name: "Persentase PSKS aktif", id: "I1", rename: true }]);
    const renames = renamesOf(plan);
    expect(renames).toEqual([{ row: 2, id: "I1", from: "Persentase PSKS yang aktif", to: "Persentase PSKS aktif" }]);
    const file = agency();
    expect(applyPlan(file, plan, renames)).toEqual({ counts: { sasaran: 0, indikator: 0, diperbarui: 1, sama: 0, anggaran: 0, anggaranSama: 0, anggaranDiperbarui: 0 }, problems: [] });
    expect(file.objectives[0]!.indicators).toEqual([{ ...agency().objectives[0]!.indicators[0]!, name: "Persentase PSKS aktif" }]);
    // Without the renames, the same plan adds a new indicator beside the stored one.
    const plain = agency();
    expect(applyPlan(plain, plan).counts).toEqual({ sasaran: 0, indikator: 1, diperbarui: 0, sama: 0, anggaran: 0, anggaranSama: 0, anggaranDiperbarui: 0 });
    expect(plain.objectives[0]!.indicators.map((i) => i.name)).toEqual(["Persentase PSKS yang aktif", "Persentase PSKS aktif"]);
  });

  it("is only a warning when the row does not fit the stored indicator, or a second row names it", async () => {
    const plan = planImport(
      agency(),
      await csvSheets([
        HEADER,
        // Another sasaran; another unit; then a fitting row, then a second one for the same code.
        "1.1;Meningkatnya Pemberdayaan Sosial;Persentase PSKS aktif;%;97,5;",
        `1.1;${S};Jumlah PSKS aktif;lembaga;97,5;`,
        `1.1;${S};Persentase PSKS berperan;%;;`,
        `1.1;${S};Persentase PSKS yang aktif berperan;%;97,5;`,
      ]),
    );
    expect(plan.renamed.map((r) => [r.row, r.rename])).toEqual([
      [2, false],
      [3, false],
      [4, true],
      [5, false],
    ]);
    // Another kind in the Jenis column.
    const grade = planImport(agency(), await csvSheets(["Kode;Sasaran;Indikator;Satuan;Jenis;Target", `1.1;${S};Persentase PSKS aktif;%;predikat LHE AKIP;BB`]));
    expect(grade.renamed.map((r) => r.rename)).toEqual([false]);
    // A figure the stored indicator does not take: A (95,00) is IKM's A (the new row's table), not LHE AKIP's (above 80 up to 90).
    const sakip = agency();
    sakip.objectives[0]!.indicators.push({ id: "I2", code: "1.2", name: "Nilai SAKIP", unit: "predikat", polarity: "positive", kind: "grade", gradeTable: "lheAkip", ratioScale: "100", years: {} });
    const rows = async (target: string) => planImport(sakip, await csvSheets([HEADER, `1.2;${S};Nilai SAKIP Dinas;predikat;${target};`])).renamed.map((r) => r.rename);
    expect(await rows("A (95,00)")).toEqual([false]);
    expect(await rows("A (85,00)")).toEqual([true]);
    // Names swapped: the old name is another row's, which updates the stored indicator.
    const two = agency();
    two.objectives[0]!.indicators.push({ ...two.objectives[0]!.indicators[0]!, id: "I3", code: "1.3", name: "Persentase PSKS berperan" });
    const swapped = planImport(two, await csvSheets([HEADER, `1.1;${S};Persentase PSKS aktif;%;97,5;`, `1.3;${S};Persentase PSKS yang aktif;%;97,5;`]));
    expect(swapped.problems).toEqual([]);
    expect(swapped.renamed.map((r) => [r.row, r.rename])).toEqual([[2, false]]);
    const alone = planImport(two, await csvSheets([HEADER, `1.1;${S};Persentase PSKS aktif;%;97,5;`]));
    expect(alone.renamed.map((r) => [r.row, r.rename])).toEqual([[2, true]]);
    // A ratio at another scale than the stored one's: 3 of 1.200 written 2,5 is per mille, the stored ratio is a percentage.
    const scaled = planImport(agency(), await csvSheets(["Kode;Sasaran;Indikator;Satuan;Realisasi;Pembilang;Penyebut", `1.1;${S};Persentase PSKS aktif;%;2,5;3;1200`, `1.1;${S};Persentase PSKS aktif lagi;%;0,25;3;1200`]));
    expect(scaled.problems).toEqual([]);
    expect(scaled.renamed.map((r) => [r.row, r.rename])).toEqual([
      [2, false],
      [3, true],
    ]);
  });

  it("refuses a rename the data no longer takes: renamed or deleted since the preview, or its new name taken", async () => {
    const plan = planImport(agency(), await csvSheets([HEADER, `1.1;${S};Persentase PSKS aktif;%;97,5;`]));
    const renames = renamesOf(plan);
    const refused = "Baris 2: indikator \"Persentase PSKS yang aktif\" sudah diubah atau dihapus sejak pratinjau, atau nama barunya sudah dipakai, jadi namanya tidak diganti";
    const changed = (edit: (f: AgencyFile) => void) => {
      const f = agency();
      edit(f);
      return applyPlan(f, plan, renames).problems;
    };
    expect(changed((f) => (f.objectives[0]!.indicators[0]!.name = "Persentase PSKS aktif berperan"))).toEqual([refused]);
    expect(changed((f) => (f.objectives[0]!.indicators = []))).toEqual([refused]);
    expect(changed((f) => f.objectives[0]!.indicators.push({ ...f.objectives[0]!.indicators[0]!, id: "I9", code: "1.2", name: "Persentase PSKS aktif" }))).toContain(refused);
    expect(changed(() => undefined)).toEqual([]);
  });
});
