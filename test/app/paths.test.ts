/**
 * The differences between two versions of an agency's data, addressed by id
 * paths: what the audit trail records for every edit.
 */
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { diffAgency } from "../../src/app/paths.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";

/** A small stored (frozen) file: the walk only needs its shape, not a valid agency. */
const stored = (): AgencyFile =>
  deepFreeze({
    agency: { id: "a", name: "Dinas" },
    objectives: [
      {
        id: "S1",
        name: "Sasaran",
        indicators: [
          { id: "I1", name: "Satu", years: { "2024": { target: "80" } } },
          { id: "I2", name: "Dua", years: {} },
          { id: "I3", name: "Tiga", years: {} },
        ],
      },
    ],
    budgetLines: [
      { id: "P1", name: "Program", spent: "5" },
      { id: "P2", name: "Kegiatan" },
    ],
  } as unknown as AgencyFile);
const edit = (file: AgencyFile, f: (d: AgencyFile) => void) => produce(file, (d) => void f(d as AgencyFile));
const ind = (d: AgencyFile, i: number) => d.objectives[0]!.indicators[i]! as unknown as Record<string, unknown> & { years: Record<string, Record<string, unknown>> };

describe("diffAgency", () => {
  it("reports each changed, added and removed value by its id path, in the order of the keys", () => {
    const before = stored();
    const after = edit(before, (d) => {
      ind(d, 0).name = "Satu baru";
      ind(d, 0).years["2024"]!.actual = "86.11";
      ind(d, 0).national = null;
      ind(d, 1).factors = { supporting: ["Dukungan"] };
      delete (d.budgetLines[0] as unknown as Record<string, unknown>).spent;
    });
    expect(diffAgency(before, after)).toEqual([
      { field: "objectives/S1/indicators/I1/name", old: "Satu", new: "Satu baru" },
      { field: "objectives/S1/indicators/I1/years/2024/actual", old: undefined, new: "86.11" },
      { field: "objectives/S1/indicators/I1/national", old: undefined, new: null },
      { field: "objectives/S1/indicators/I2/factors", old: undefined, new: { supporting: ["Dukungan"] } },
      { field: "budgetLines/P1/spent", old: "5", new: undefined },
    ]);
    expect(diffAgency(before, before)).toEqual([]);
    // An equal value in a new object is no difference.
    expect(diffAgency(before, edit(before, (d) => void (ind(d, 0).years["2024"] = { target: "80" })))).toEqual([]);
  });

  it("copies the objects it reports, so the record does not share the data", () => {
    const before = stored();
    const after = edit(before, (d) => void (ind(d, 2).factors = { supporting: ["A"], inhibiting: ["B"] }));
    const [d] = diffAgency(before, after);
    expect(d!.new).toEqual({ supporting: ["A"], inhibiting: ["B"] });
    expect(d!.new).not.toBe(ind(after, 2).factors);
    expect(Object.isFrozen(d!.new)).toBe(false);
  });

  it("reports items added, removed and reordered in lists with ids", () => {
    const before = stored();
    const after = edit(before, (d) => {
      const list = d.objectives[0]!.indicators;
      [list[0], list[2]] = [list[2]!, list[0]!];
      d.budgetLines.splice(1, 1);
      d.budgetLines.push({ id: "P3", name: "Baru" } as never);
    });
    expect(diffAgency(before, after)).toEqual([
      { field: "objectives/S1/indicators", old: ["I1", "I2", "I3"], new: ["I3", "I2", "I1"] },
      { field: "budgetLines/P2", old: { id: "P2", name: "Kegiatan" }, new: undefined },
      { field: "budgetLines/P3", old: undefined, new: { id: "P3", name: "Baru" } },
    ]);
  });
});
