import { describe, expect, it } from "vitest";
import { produce } from "immer";
import { findIndicator, isFilled, linePlace, missingQuestions, nextMissing } from "../../src/app/entry/missing.js";
import { parseAnswer } from "../../src/app/entry/answers.js";
import { encodeKey, type QuestionKey } from "../../src/app/entry/keys.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { agency } from "../support/agency.js";
import { variants, variantsInput } from "../support/variants.js";

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
    // The first question and the count (no line shared, nothing skipped: counted per indicator) agree with the list.
    for (const v of [v1, v2, v3, structuredClone(v3)]) {
      const all = missingQuestions(v);
      expect(nextMissing(v)).toEqual({ next: all[0], count: all.length });
    }
  });

  it("asks a line linked to several indicators once, under the first, and nextMissing agrees with the list", () => {
    // P2 linked to BELUM and ISI (in that order), P3 to NEG only; a draft (unfrozen) is scanned instead of indexed.
    const v1 = deepFreeze(produce(variants(), (d) => void (d.budgetLines.find((l) => l.id === "P2")!.indicatorIds = ["BELUM", "ISI"])));
    const all = keys(v1);
    expect(all).toEqual(keys(structuredClone(v1)));
    expect(all.filter((k) => k === "line:P2:budget")).toHaveLength(1);
    const firstOfIsi = all.findIndex((k) => k.split(":")[1] === "ISI");
    expect(firstOfIsi).toBeGreaterThan(-1);
    expect(all.indexOf("line:P2:budget")).toBeLessThan(firstOfIsi); // under BELUM, which comes before ISI
    for (const file of [v1, structuredClone(v1)]) {
      const skipped = new Set(all.slice(0, 3));
      const rest = missingQuestions(file, skipped);
      expect(rest.map(encodeKey)).toEqual(all.slice(3));
      const { next, count } = nextMissing(file, skipped);
      expect(next && encodeKey(next)).toBe(all[3]);
      expect(count).toBe(all.length - 3);
    }
    const none = new Set(all);
    expect(nextMissing(v1, none)).toEqual({ next: undefined, count: 0 });
  });

  it("reads an answered budget line from the new version, and places lines afresh when they move", () => {
    const v1 = deepFreeze(variants());
    const p2 = { q: "line", lineId: "P2", field: "budget" } as const;
    expect(keys(v1)).toContain("line:P2:budget");
    // An answer on P2: a new budget-line array whose lines keep their ids and links (the places are reused).
    const v2 = edit(v1, (d) => void (d.budgetLines.find((l) => l.id === "P2")!.budget = "1000"));
    expect(v2.budgetLines).not.toBe(v1.budgetLines);
    expect(v2.budgetLines[0]!.indicatorIds).toBe(v1.budgetLines[0]!.indicatorIds);
    expect(isFilled(v2, p2)).toBe(true);
    expect(isFilled(v1, p2)).toBe(false);
    expect(keys(v2)).toEqual(keys(structuredClone(v2)));
    expect(keys(v2)).not.toContain("line:P2:budget");
    // The first line stays, the next two swap places: the earlier places no longer fit.
    const v3 = edit(v2, (d) => void d.budgetLines.splice(1, 2, d.budgetLines[2]!, d.budgetLines[1]!));
    expect(v3.budgetLines[0]).toBe(v2.budgetLines[0]);
    expect(v3.budgetLines.map((l) => l.id).slice(0, 3)).toEqual(["P1", v2.budgetLines[2]!.id, "P2"]);
    for (const [place, line] of v3.budgetLines.entries()) expect(linePlace(v3, line.id)).toBe(place);
    for (const [place, line] of v2.budgetLines.entries()) expect(linePlace(v2, line.id)).toBe(place);
    expect(keys(v3)).toEqual(keys(structuredClone(v3)));
  });
});

/** An answer the question accepts (as an officer would type it). */
function answerTo(file: AgencyFile, key: QuestionKey): string {
  if (key.q === "line" || key.q === "budget") return "1.250.000.000";
  const kind = findIndicator(file, key.indicatorId)?.kind;
  switch (key.q) {
    case "target":
    case "final":
      return kind === "grade" ? "A" : "50";
    case "actual":
      return kind === "grade" ? "B" : kind === "ratio" ? "5/8" : "40";
    case "national":
      return "85 2023";
    case "factors":
      return "Koordinasi yang baik";
  }
}

describe("nextMissing counts each stored indicator's open questions without listing them", () => {
  it("agrees with the full list after every answer of a full pass (value, ratio, grade, range, negative and changed indicators; linked lines)", () => {
    const input = variantsInput();
    // An indicator that replaced an older one (no history of its own is asked), and one with nothing answered yet.
    input.objectives![0]!.indicators!.push(
      { id: "GANTI", code: "1.4", name: "Persentase kelurahan mandiri", unit: "%", years: { "2024": { target: "60" } }, predecessor: { name: "Persentase desa tertinggal", years: { "2023": { target: "40", actual: "45" } } } },
      { id: "KOSONG", code: "1.5", name: "Jumlah PSKS terlatih", unit: "orang", years: {} },
    );
    input.budgetLines!.push({ id: "P4", level: "program", name: "Program Pemberdayaan Sosial", indicatorIds: ["KOSONG"] });
    let file = deepFreeze(agency(input));
    let steps = 0;
    for (;;) {
      const all = missingQuestions(structuredClone(file)); // a draft: listed in full, no memo
      expect(missingQuestions(file)).toEqual(all);
      expect(nextMissing(file)).toEqual({ next: all[0], count: all.length });
      if (all.length === 0) break;
      const key = all[0]!;
      const parsed = parseAnswer(file, key, answerTo(file, key));
      if (!parsed.ok) throw new Error(`${encodeKey(key)}: ${parsed.message}`);
      file = edit(file, parsed.apply);
      steps++;
    }
    expect(steps).toBeGreaterThan(40);
  });
});
