/**
 * An edit stores frozen data: immer does not freeze the edit's draft (it
 * would only do it twice), so the stored document's own freeze must cover
 * every object the edit made, and the audit entry records the change.
 */
import { describe, expect, it } from "vitest";
import { editAgency } from "../../src/app/edits.js";
import { seedDemo } from "../../src/local/demo.js";
import { ADMIN, harness } from "../support/bot-harness.js";

describe("editAgency", () => {
  it("stores the edited data frozen throughout, shares what it did not change, and records each change", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const [id] = await h.repo.agencies.list();
    const before = (await h.repo.agencies.read(id!))!;
    const line = before.data.budgetLines[1]!;
    const objective = before.data.objectives[0]!;
    const indicator = objective.indicators[0]!;
    const { changes } = await editAgency(h.services, id!, { userId: ADMIN.id, name: "Sari" }, "editor", (d) => {
      d.budgetLines[1]!.spent = "12345";
      d.objectives[0]!.indicators[0]!.years["2031"] = { target: "77" };
    });
    expect(changes.map((c) => [c.field, c.old, c.new])).toEqual([
      [`objectives/${objective.id}/indicators/${indicator.id}/years/2031`, undefined, { target: "77" }],
      [`budgetLines/${line.id}/spent`, line.spent, "12345"],
    ]);
    const after = (await h.repo.agencies.read(id!))!;
    const ind = after.data.objectives[0]!.indicators[0]!;
    for (const value of [after, after.data, after.data.objectives, after.data.objectives[0], ind, ind.years, ind.years["2031"], after.data.budgetLines, after.data.budgetLines[1], after.audit, after.audit.at(-1)]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
    expect(() => {
      (ind.years["2031"] as { target: string }).target = "1";
    }).toThrow(TypeError);
    expect(ind.years["2031"]).toEqual({ target: "77" });
    expect(after.data.budgetLines[1]!.spent).toBe("12345");
    // What the edit did not touch is the stored object itself.
    expect(after.data.objectives[1]).toBe(before.data.objectives[1]);
    expect(after.data.budgetLines[0]).toBe(before.data.budgetLines[0]);
    expect(after.data.profile).toBe(before.data.profile);
  });
});
