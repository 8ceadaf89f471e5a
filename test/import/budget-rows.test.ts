/**
 * The budget rows of an import (src/import/budget-rows.ts): lines found by
 * name under their parent or added after their parent's family, the ids a
 * new line gets, the counts, exactly as a plain search of the whole list for
 * every row would do (`reference` below: the code before the index), for
 * random agencies whose lines are stored in any order, names repeated and
 * typed in other cases; and the same on an immer draft as on a plain copy.
 * Then the most rows an import allows, through applyPlan, stored in order.
 */
import fc from "fast-check";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import type { BudgetLevel, BudgetLine } from "../../src/domain/schema/budget.js";
import { nextId } from "../../src/app/ids.js";
import { applyPlan, type BudgetRow } from "../../src/import/plan.js";
import { MAX_ROWS } from "../../src/import/limits.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { agency } from "../support/agency.js";

const PREFIX: Record<BudgetLevel, string> = { program: "P", activity: "K", subActivity: "SK" };
const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Every row searching the whole list, and every new line placed after the last line of its parent's family. */
function reference(d: AgencyFile, rows: BudgetRow[]): number {
  let added = 0;
  const below = (line: BudgetLine, ancestor: string) => {
    for (let p = line.parentId; p !== undefined; p = d.budgetLines.find((l) => l.id === p)?.parentId) if (p === ancestor) return true;
    return false;
  };
  for (const row of rows) {
    const path: [BudgetLevel, string][] = [["program", row.program]];
    if (row.activity) path.push(["activity", row.activity]);
    if (row.subActivity) path.push(["subActivity", row.subActivity]);
    let parent: BudgetLine | undefined;
    for (const [level, name] of path) {
      let line = d.budgetLines.find((l) => l.level === level && same(l.name, name) && l.parentId === parent?.id);
      if (!line) {
        line = { id: nextId(d, PREFIX[level]), level, name, indicatorIds: [] } as BudgetLine;
        if (parent) line.parentId = parent.id;
        const after = parent ? d.budgetLines.map((l) => l.id === parent!.id || below(l, parent!.id)).lastIndexOf(true) : -1;
        if (after >= 0) d.budgetLines.splice(after + 1, 0, line);
        else d.budgetLines.push(line);
        added++;
      }
      parent = line;
    }
    if (row.budget !== undefined) parent!.budget = row.budget;
    if (row.spent !== undefined) parent!.spent = row.spent;
    if (row.note !== undefined) parent!.note = row.note;
  }
  return added;
}

const NAMES = ["Alpha", "Beta", "Gamma", "alpha ", "BETA"];

/** An agency whose lines are a random tree stored in a random order (a parent may come after its children). */
const agencies = fc
  .array(fc.record({ parent: fc.nat(), name: fc.constantFrom(...NAMES), place: fc.nat() }), { maxLength: 14 })
  .map((specs) => {
    const lines: BudgetLine[] = [];
    specs.forEach((s, i) => {
      const parents = lines.filter((l) => l.level !== "subActivity");
      const parent = s.parent % 3 === 0 || parents.length === 0 ? undefined : parents[s.parent % parents.length]!;
      const level: BudgetLevel = !parent ? "program" : parent.level === "program" ? "activity" : "subActivity";
      lines.push({ id: `${PREFIX[level]}${i + 1}`, level, name: s.name, indicatorIds: [], ...(parent ? { parentId: parent.id } : {}) } as BudgetLine);
    });
    const shuffled: BudgetLine[] = [];
    lines.forEach((l, i) => shuffled.splice(specs[i]!.place % (shuffled.length + 1), 0, l));
    return agency({ budgetLines: shuffled });
  });

const rows = fc.array(
  fc.record(
    { program: fc.constantFrom(...NAMES), activity: fc.constantFrom(...NAMES), subActivity: fc.constantFrom(...NAMES), depth: fc.integer({ min: 1, max: 3 }), budget: fc.option(fc.constantFrom("100", "2500"), { nil: undefined }), note: fc.option(fc.constant("catatan"), { nil: undefined }) },
    { requiredKeys: ["program", "activity", "subActivity", "depth"] },
  ),
  { maxLength: 20 },
);

function budgetRows(specs: { program: string; activity: string; subActivity: string; depth: number; budget?: string; note?: string }[]): BudgetRow[] {
  return specs.map((s, i) => ({
    row: i + 2,
    program: s.program,
    ...(s.depth >= 2 ? { activity: s.activity } : {}),
    ...(s.depth >= 3 ? { subActivity: s.subActivity } : {}),
    ...(s.budget !== undefined ? { budget: s.budget } : {}),
    ...(s.note !== undefined ? { note: s.note } : {}),
  }));
}

describe("budget rows of an import", () => {
  it("find and add lines, with their ids and places, as a search of the whole list for every row does, on a plain copy and on an immer draft", () => {
    fc.assert(
      fc.property(agencies, rows, (file, specs) => {
        const plan = { pk: [], budget: budgetRows(specs) };
        const expected = structuredClone(file);
        const added = reference(expected, plan.budget);
        const plain = structuredClone(file);
        const applied = applyPlan(plain, plan);
        expect(applied.counts.anggaran).toBe(added);
        expect(applied.problems).toEqual([]);
        expect(plain.budgetLines).toEqual(expected.budgetLines);
        const drafted = produce(deepFreeze(structuredClone(file)), (d) => void applyPlan(d, plan));
        expect(drafted.budgetLines).toEqual(expected.budgetLines);
      }),
      { numRuns: Number(process.env.RUNS ?? 300), seed: Number(process.env.SEED ?? 20261207) },
    );
  });

  it("applies the most rows an import allows, each a new sub kegiatan, on an immer draft: every line stored after its parent's family", () => {
    const specs = Array.from({ length: MAX_ROWS - 1 }, (_, i) => ({ program: `Program ${i % 3}`, activity: `Kegiatan ${i % 7}`, subActivity: `Sub kegiatan ${i}`, budget: String(1000 + i) }));
    const plan = { pk: [], budget: specs.map((s, i) => ({ row: i + 2, ...s })) };
    let counts = { anggaran: 0 };
    const stored = produce(deepFreeze(agency({ budgetLines: [] })), (d) => void (counts = applyPlan(d, plan).counts));
    // 3 programs, 21 kegiatan (each program's kegiatan i % 7 with i % 3 fixed: 7 per program), 1,999 sub kegiatan.
    expect(counts.anggaran).toBe(3 + 21 + MAX_ROWS - 1);
    expect(stored.budgetLines).toHaveLength(3 + 21 + MAX_ROWS - 1);
    const order = stored.budgetLines.map((l) => l.name);
    expect(order.slice(0, 3)).toEqual(["Program 0", "Kegiatan 0", "Sub kegiatan 0"]);
    // Pre-order: each line's parent comes before it, and a family is never interrupted by another program's lines.
    const seen = new Set<string>();
    for (const l of stored.budgetLines) {
      if (l.parentId) expect(seen.has(l.parentId)).toBe(true);
      seen.add(l.id);
    }
    const programs = stored.budgetLines.filter((l) => l.level === "program").map((l) => l.name);
    expect(programs).toEqual(["Program 0", "Program 1", "Program 2"]);
    const sub1998 = stored.budgetLines.find((l) => l.name === "Sub kegiatan 1998")!;
    expect([sub1998.id, sub1998.budget]).toEqual([`SK${MAX_ROWS - 1}`, "2998"]);
  });
});
