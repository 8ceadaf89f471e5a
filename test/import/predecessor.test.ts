/**
 * The IKU an indicator replaced ("IKU lama") in the workbook and in /impor: written beside the indicator (its name,
 * unit, target and realisasi of the two years before), read back as /isi reads the indicator's figures, edited
 * cell by cell, made for an indicator that has none only with its name.
 */
import { describe, expect, it } from "vitest";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { exportXlsx } from "../../src/export/index.js";
import { applyPlan, planImport } from "../../src/import/plan.js";
import { pkColumn } from "../../src/import/pk-cells.js";
import { sheetsOf } from "../support/spreadsheets.js";
import { dumai, editedWorkbook } from "../support/workbook-edit.js";

const workbookSheets = (bytes: Uint8Array) => sheetsOf(bytes, "data.xlsx");
const OLD_21 = "Persentase pengentasan desa/kelurahan tertinggal (kurang berkembang)";

describe("the IKU replaced (IKU lama)", () => {
  it("names its columns apart from the indicator's own", () => {
    expect(["IKU Lama", "Indikator Lama", "Satuan IKU Lama", "Target IKU Lama 2023", "Realisasi IKU Lama (2022)", "Indikator Kinerja", "Satuan", "Target 2023"].map(pkColumn)).toEqual([
      "predecessorName",
      "predecessorName",
      "predecessorUnit",
      "predecessorTarget",
      "predecessorActual",
      "name",
      "unit",
      "target",
    ]);
  });

  it("is written beside the indicator: Dumai's 2.1 replaced an IKU of 2022 and 2023", async () => {
    const sheets = await workbookSheets((await exportXlsx(dumai())).data);
    const [header, , row21] = sheets[0]!.rows;
    expect(header!.slice(41, 47)).toEqual(["IKU Lama", "Satuan IKU Lama", "Target IKU Lama 2023", "Realisasi IKU Lama 2023", "Target IKU Lama 2022", "Realisasi IKU Lama 2022"]);
    expect(row21!.slice(41, 47)).toEqual([OLD_21, "%", 42, 75, 47, 73]);
  });

  it("edited in the workbook: exactly the cells edited are stored, its notes kept", async () => {
    const file = dumai();
    const bytes = await editedWorkbook(file, (set) => {
      set("2.1", "Realisasi IKU Lama 2023", 76.5);
      set("2.2", "IKU Lama", "Persentase LPM berprestasi");
    });
    const plan = planImport(file, await workbookSheets(bytes));
    expect(plan.problems).toEqual([]);
    const copy = structuredClone(file);
    expect(applyPlan(copy, plan).counts).toMatchObject({ diperbarui: 2, sama: 2 });
    const [was21, is21] = [file.objectives[1]!.indicators[0]!.predecessor!, copy.objectives[1]!.indicators[0]!.predecessor!];
    expect(is21).toEqual({ ...was21, years: { ...was21.years, "2023": { target: "42", actual: "76.5", note: "6 dari 8" } } });
    expect(copy.objectives[1]!.indicators[1]!.predecessor).toEqual({ ...file.objectives[1]!.indicators[1]!.predecessor!, name: "Persentase LPM berprestasi" });
  });

  it("refuses a figure its kind does not take, and figures of an IKU replaced without its name", async () => {
    const file = dumai();
    const bytes = await editedWorkbook(file, (set) => {
      set("2.1", "Target IKU Lama 2022", "B");
      set("1.1", "Realisasi IKU Lama 2023", 90);
    });
    const plan = planImport(file, await workbookSheets(bytes));
    expect(plan.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, "Realisasi IKU Lama 2023", "tulis juga nama IKU lama yang digantikan indikator ini di kolom IKU Lama"],
      [3, "Target IKU Lama 2022", plan.problems[1]!.message],
    ]);
    expect(plan.problems[1]!.message).toMatch(/^"B" /);
  });

  it("made from an officer's sheet for an indicator that had none, a ratio's realisasi as 19/26", async () => {
    const file = dumai();
    const plain: AgencyFile = structuredClone(file);
    delete plain.objectives[1]!.indicators[0]!.predecessor;
    const plan = planImport(plain, [
      {
        name: "PK",
        rows: [
          ["Sasaran", "Indikator", "Satuan", "IKU Lama", "Target IKU Lama 2022", "Realisasi IKU Lama 2022"],
          ["Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan", "Persentase Kelurahan Cepat Berkembang", "%", OLD_21, 47, "19/26"],
        ],
      },
    ]);
    expect(plan.problems).toEqual([]);
    applyPlan(plain, plan);
    // No unit column: the predecessor has none of its own (the indicator's is used to read its figures).
    expect(plain.objectives[1]!.indicators[0]!.predecessor).toEqual({ name: OLD_21, years: { "2022": { target: "47", numerator: "19", denominator: "26" } } });
  });
});
