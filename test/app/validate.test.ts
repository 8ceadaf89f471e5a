/**
 * Validating edits: only the touched indicator or budget line is checked
 * again when nothing structural changed, invalid edits are still refused with
 * the full schema's messages, and the result shares every unchanged part with
 * the stored version.
 */
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { share, validateEdit } from "../../src/app/validate.js";
import { formatIssues } from "../../src/domain/schema/issues.js";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";
import type { Indicator } from "../../src/domain/schema/indicator.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { variants } from "../support/variants.js";

const stored = (): AgencyFile => deepFreeze(variants());
const edit = (file: AgencyFile, f: (d: AgencyFile) => void) => produce(file, (d) => void f(d as AgencyFile));

describe("share", () => {
  it("keeps every equal subtree of the old version and returns the old object when nothing changed", () => {
    const before = { a: { b: [1, 2], c: "x" }, list: [{ id: "p", v: 1 }, { id: "q", v: 2 }] };
    expect(share(before, structuredClone(before))).toBe(before);
    const after = share(before, { a: { b: [1, 2], c: "y" }, list: [{ id: "q", v: 2 }, { id: "p", v: 1 }] });
    expect(after).toEqual({ a: { b: [1, 2], c: "y" }, list: [{ id: "q", v: 2 }, { id: "p", v: 1 }] });
    expect(after.a.b).toBe(before.a.b);
    expect(after.list[0]).toBe(before.list[1]); // matched by id, not by position
  });
});

describe("validateEdit", () => {
  it("re-checks only the edited indicator and shares the rest", () => {
    const before = stored();
    const target = before.objectives[0]!.indicators[0]!;
    const next = edit(before, (d) => {
      d.objectives[0]!.indicators[0]!.years["2024"] = { ...d.objectives[0]!.indicators[0]!.years["2024"], actual: "99.5" };
    });
    const r = validateEdit(before, next);
    if (!r.ok) throw new Error("valid edit refused");
    expect(r.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("99.5");
    expect(r.data.objectives[0]!.indicators[0]).not.toBe(target);
    expect(r.data.objectives[0]!.indicators[1]).toBe(before.objectives[0]!.indicators[1]);
    expect(r.data.objectives[1]).toBe(before.objectives[1]);
    expect(r.data.budgetLines).toBe(before.budgetLines);
    expect(r.data.profile).toBe(before.profile);
  });

  it("refuses an invalid value with the full schema's message and path", () => {
    const before = stored();
    const next = edit(before, (d) => {
      d.objectives[0]!.indicators[0]!.years["2024"] = { actual: "sembilan" };
    });
    const r = validateEdit(before, next);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const messages = formatIssues(r.error, next);
    expect(messages.join("\n")).toContain("sembilan");
    expect(r.error.issues[0]!.path.slice(0, 3)).toEqual(["objectives", 0, "indicators"]);
  });

  it("checks a budget line alone, but links and structure with the whole agency", () => {
    const before = stored();
    const lineIndex = before.budgetLines.findIndex((l) => l.level === "activity");
    const line = before.budgetLines[lineIndex]!;
    const cheaper = validateEdit(before, edit(before, (d) => void (d.budgetLines[lineIndex]!.spent = "1000")));
    if (!cheaper.ok) throw new Error("valid edit refused");
    expect(cheaper.data.budgetLines[lineIndex]!.spent).toBe("1000");
    expect(cheaper.data.budgetLines.filter((l) => l.id !== line.id).every((l, i) => l === before.budgetLines.filter((x) => x.id !== line.id)[i])).toBe(true);
    expect(cheaper.data.objectives).toBe(before.objectives);

    // A link to an indicator that does not exist is caught by the agency-level rules.
    const dangling = validateEdit(before, edit(before, (d) => void d.budgetLines[lineIndex]!.indicatorIds.push("TIDAK-ADA")));
    expect(dangling.ok).toBe(false);
    // A new indicator goes through the full schema and unchanged sasaran are still shared.
    const added = validateEdit(
      before,
      edit(before, (d) => void d.objectives[0]!.indicators.push({ id: "BARU", name: "Indikator baru", unit: "%", polarity: "positive", kind: "value", ratioScale: "100", years: {} } as never)),
    );
    if (!added.ok) throw new Error("valid edit refused");
    expect(added.data.objectives[0]!.indicators.at(-1)!.id).toBe("BARU");
    expect(added.data.objectives[1]).toBe(before.objectives[1]);
  });

  it("checks several items of one edit: indicators in two sasaran and a budget line, the rest shared", () => {
    const before = stored();
    const lineIndex = before.budgetLines.findIndex((l) => l.level === "activity");
    const both = (actual: string) =>
      edit(before, (d) => {
        d.objectives[0]!.indicators[1]!.name = "Nama diubah";
        d.objectives[1]!.indicators[0]!.years["2024"] = { ...d.objectives[1]!.indicators[0]!.years["2024"], actual };
        d.budgetLines[lineIndex]!.spent = "1000";
      });
    const next = both("77.5");
    const r = validateEdit(before, next);
    const full = AgencyFileSchema.safeParse(next);
    if (!r.ok || !full.success) throw new Error("valid edit refused");
    expect(JSON.stringify(r.data)).toBe(JSON.stringify(full.data));
    expect(r.data.objectives[0]!.indicators[1]!.name).toBe("Nama diubah");
    expect(r.data.objectives[1]!.indicators[0]!.years["2024"]!.actual).toBe("77.5");
    expect(r.data.budgetLines[lineIndex]!.spent).toBe("1000");
    expect(r.data.objectives[0]!.indicators[0]).toBe(before.objectives[0]!.indicators[0]);
    expect(r.data.objectives[1]!.indicators[1]).toBe(before.objectives[1]!.indicators[1]);
    expect(before.objectives.length).toBeGreaterThan(2);
    r.data.objectives.slice(2).forEach((o, i) => expect(o).toBe(before.objectives[i + 2]));
    r.data.budgetLines.forEach((l, i) => (i === lineIndex ? expect(l).not.toBe(before.budgetLines[i]) : expect(l).toBe(before.budgetLines[i])));
    // One invalid item refuses the whole edit, with the full schema's path.
    const bad = validateEdit(before, both("tujuh"));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues[0]!.path.slice(0, 4)).toEqual(["objectives", 1, "indicators", 0]);
  });

  it("checks an edited indicator field by field with the rules across its fields: the same verdict and data as the full schema", () => {
    const before = stored();
    const place = (id: string): [number, number] => {
      for (const [o, objective] of before.objectives.entries()) {
        const i = objective.indicators.findIndex((x) => x.id === id);
        if (i >= 0) return [o, i];
      }
      throw new Error(`no indicator ${id}`);
    };
    const on = (id: string, f: (ind: Indicator & Record<string, unknown>) => void) =>
      edit(before, (d) => {
        const [o, i] = place(id);
        f(d.objectives[o]!.indicators[i]! as Indicator & Record<string, unknown>);
      });
    const cases: [string, AgencyFile, boolean][] = [
      // Valid: answers of every kind, new and removed fields.
      ["realisasi", on("LEBIH", (x) => void (x.years["2024"]!.actual = "90.5")), true],
      ["target of a new year", on("LEBIH", (x) => void (x.years["2025"] = { target: "85" })), true],
      ["a year removed", on("LEBIH", (x) => void delete x.years["2023"]), true],
      ["factors", on("BELUM", (x) => void (x.factors = { supporting: ["Dukungan anggaran"], inhibiting: ["Data terlambat"] })), true],
      ["no national figure yet", on("TEPAT", (x) => void (x.national = null)), true],
      ["national figure removed", on("LEBIH", (x) => void delete x.national), true],
      ["Renstra final target", on("TEPAT", (x) => void (x.strategicPlan = { finalTarget: { min: "90", max: "100" } })), true],
      ["direct budget", on("TEPAT", (x) => void (x.budget = { budget: "1000000", spent: "900000" })), true],
      ["numerator and denominator", on("RASIO", (x) => void (x.years["2024"] = { target: "80", numerator: "45", denominator: "50" })), true],
      ["grade realisasi", on("NILAI", (x) => void (x.years["2024"] = { ...x.years["2024"], actual: { letter: "A" } })), true],
      ["name and definition", on("NOL", (x) => void Object.assign(x, { name: "Nama baru", definition: "Definisi baru" })), true],
      // Invalid by a field's own schema.
      ["realisasi not a number", on("LEBIH", (x) => void (x.years["2024"]!.actual = "sembilan")), false],
      ["empty name", on("LEBIH", (x) => void (x.name = "")), false],
      ["unknown field", on("LEBIH", (x) => void (x.extra = "x")), false],
      // Invalid only by the rules across fields.
      ["grade realisasi on a value indicator", on("LEBIH", (x) => void (x.years["2024"]!.actual = { letter: "A" } as never)), false],
      ["numerator on a value indicator", on("LEBIH", (x) => void (x.years["2024"]!.numerator = "5")), false],
      ["range the wrong way round", on("LEBIH", (x) => void (x.years["2024"]!.target = { min: "90", max: "80" })), false],
      ["grade kind without a table", on("LEBIH", (x) => void (x.kind = "grade")), false],
      ["grade table on a value indicator", on("LEBIH", (x) => void (x.gradeTable = "ikm")), false],
      ["negative grade indicator", on("NILAI", (x) => void (x.polarity = "negative")), false],
      ["letter not in the grade table", on("NILAI", (x) => void (x.years["2024"] = { ...x.years["2024"], actual: { letter: "Q" } })), false],
      ["grade final target on a value indicator", on("TEPAT", (x) => void (x.strategicPlan = { finalTarget: { letter: "A" } })), false],
      ["realisasi beside numerator and denominator", on("RASIO", (x) => void (x.years["2024"] = { numerator: "4", denominator: "5", actual: "80" })), false],
      ["denominator zero", on("RASIO", (x) => void (x.years["2024"] = { numerator: "4", denominator: "0" })), false],
      ["ratio scale zero", on("RASIO", (x) => void (x.ratioScale = "0")), false],
    ];
    for (const [name, next, valid] of cases) {
      const full = AgencyFileSchema.safeParse(next);
      const r = validateEdit(before, next);
      expect([name, r.ok], name).toEqual([name, valid]);
      expect([name, full.success], name).toEqual([name, valid]);
      if (r.ok && full.success) expect([name, JSON.stringify(r.data)]).toEqual([name, JSON.stringify(full.data)]);
      if (!r.ok && !full.success) expect([name, r.error.issues]).toEqual([name, full.error.issues]);
    }
  });
});
