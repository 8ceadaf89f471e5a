import { describe, expect, it } from "vitest";
import { produce } from "immer";
import { missingQuestions } from "../../src/app/entry/missing.js";
import { encodeKey } from "../../src/app/entry/keys.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { variants } from "../support/variants.js";

const keys = (file: AgencyFile) => missingQuestions(file).map(encodeKey);
const edit = (file: AgencyFile, f: (d: AgencyFile) => void) => deepFreeze(produce(file, (d) => void f(d as AgencyFile)));

describe("missingQuestions on stored (frozen) versions", () => {
  it("follows every version through the indexes it reuses, exactly as a scan of an unfrozen copy does", () => {
    const v1 = deepFreeze(variants());
    expect(keys(v1)).toEqual(keys(structuredClone(v1)));
    expect(keys(v1)).toContain("line:P2:budget"); // P2 (no budget yet) is linked to BELUM
    // An answer on an indicator: new objectives, the same budget lines (and their index).
    const v2 = edit(v1, (d) => void (d.objectives[0]!.indicators[0]!.name = "Nama baru"));
    expect(v2.budgetLines).toBe(v1.budgetLines);
    expect(keys(v2)).toEqual(keys(structuredClone(v2)));
    // Unlinking the line: new budget lines; BELUM is now asked for its own budget instead of P2's.
    const v3 = edit(v2, (d) => void (d.budgetLines.find((l) => l.id === "P2")!.indicatorIds = []));
    expect(v3.objectives).toBe(v2.objectives);
    expect(keys(v3)).toEqual(keys(structuredClone(v3)));
    expect(keys(v3)).not.toContain("line:P2:budget");
    expect(keys(v3).some((k) => k === "budget:BELUM:budget")).toBe(true);
    // The older version still answers as before.
    expect(keys(v2)).toContain("line:P2:budget");
  });
});
