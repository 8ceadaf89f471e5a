/** Audit labels name the field and the indicator or budget line, found by index in a stored file and by a scan in a draft. */
import { describe, expect, it } from "vitest";
import { describeField } from "../../src/app/describe.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { variants } from "../support/variants.js";

describe("describeField", () => {
  it("gives the same labels for a stored (indexed) file and a draft", () => {
    const draft = variants();
    const stored = deepFreeze(structuredClone(draft));
    const o = draft.objectives[1]!;
    const line = draft.budgetLines[2]!;
    const cases: [string, string][] = [
      [`objectives/${o.id}/indicators/${o.indicators[0]!.id}/years/2024/actual`, "Realisasi 2024 — 2.1 Angka kemiskinan"],
      // The indicator is not under that sasaran: named by its id.
      [`objectives/${draft.objectives[0]!.id}/indicators/${o.indicators[0]!.id}/name`, `nama — ${o.indicators[0]!.id}`],
      [`budgetLines/${line.id}/spent`, `Realisasi anggaran — ${line.name}`],
      ["budgetLines/TIDAK-ADA/spent", "Realisasi anggaran — TIDAK-ADA"],
    ];
    expect(line.name).toBe("Pengelolaan Data Fakir Miskin");
    for (const [field, label] of cases) {
      expect([field, describeField(stored, field)]).toEqual([field, label]);
      expect([field, describeField(draft, field)]).toEqual([field, label]);
    }
  });
});
