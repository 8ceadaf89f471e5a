/**
 * An agency file merged into an agency (a Dinas registered twice brought together): on the Dumai report split in
 * two registrations, the merge gives back the whole report, to the last digit of its BAB III; nothing the agency
 * holds is overwritten, and every answer given differently is reported.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { renderMarkdown } from "../../src/domain/draft/render/markdown.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { mergeAgency } from "../../src/import/merge-agency.js";
import { renumber } from "../../src/app/ids.js";

function demo(): AgencyFile {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

/** The file as the agency validates it after an edit. */
function valid(file: AgencyFile): AgencyFile {
  const parsed = parseAgency(JSON.parse(JSON.stringify(file)));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

const bab3 = (file: AgencyFile) => renderMarkdown(draftChapter(file));

/** The Dumai report as two officers entered it in two registrations: each with part of it. */
function halves(): { kept: AgencyFile; other: AgencyFile } {
  const kept = demo();
  const other = demo();
  // The kept registration: the first two sasaran, without the realisasi of 2024 of the first indicator nor its
  // factors, and only the programs (no kegiatan or sub kegiatan).
  kept.objectives = kept.objectives.slice(0, 2);
  const first = kept.objectives[0]!.indicators[0]!;
  const y2024 = first.years["2024"]!;
  delete y2024.actual;
  delete y2024.numerator;
  delete y2024.denominator;
  delete first.factors;
  const keptIds = new Set(kept.objectives.flatMap((o) => o.indicators.map((i) => i.id)));
  // (Nor the last program, linked to an indicator.)
  const programs = kept.budgetLines.filter((l) => l.level === "program");
  expect(programs.at(-1)!.indicatorIds).toHaveLength(1);
  kept.budgetLines = programs
    .slice(0, -1)
    .map((l) => ({ ...l, indicatorIds: l.indicatorIds.filter((id) => keptIds.has(id)) }));
  // The other: every sasaran (the last first), every budget line, under ids of its own.
  other.objectives = [other.objectives[2]!, other.objectives[0]!, other.objectives[1]!];
  const renamed = new Map<string, string>();
  for (const o of other.objectives) {
    o.id = `X${o.id}`;
    for (const i of o.indicators) renamed.set(i.id, (i.id = `X${i.id}`));
  }
  const lineIds = new Map(other.budgetLines.map((l) => [l.id, `X${l.id}`]));
  other.budgetLines = other.budgetLines.map((l) => ({
    ...l,
    id: lineIds.get(l.id)!,
    ...(l.parentId ? { parentId: lineIds.get(l.parentId)! } : {}),
    indicatorIds: l.indicatorIds.filter((id) => renamed.has(id)).map((id) => renamed.get(id)!),
  }));
  renumber(other);
  return { kept: valid(kept), other: valid(other) };
}

describe("merging an agency file into an agency", () => {
  it("brings the two halves of the Dumai report together: the same BAB III, to the last digit", () => {
    const whole = demo();
    expect(whole.objectives.length).toBe(3);
    const { kept, other } = halves();
    expect(bab3(kept)).not.toBe(bab3(whole));
    const merged = structuredClone(kept);
    const result = mergeAgency(merged, other);
    const sub = whole.budgetLines.filter((l) => l.level !== "program").length + 1;
    // Filled: the realisasi of 2024 and the three lists of factors of the first indicator, and the link of a program to an indicator of the third sasaran.
    expect(result.counts).toEqual({ sasaran: 1, indikator: whole.objectives[2]!.indicators.length, anggaran: sub, diisi: 5 });
    expect(result.differences).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(bab3(valid(merged))).toBe(bab3(whole));
    // Merged again: nothing more to add or fill, nothing different.
    const again = structuredClone(valid(merged));
    expect(mergeAgency(again, other)).toEqual({ counts: { sasaran: 0, indikator: 0, anggaran: 0, diisi: 0 }, differences: [], skipped: [] });
    expect(again).toEqual(valid(merged));
  });

  it("keeps what the agency holds, and reports each answer given differently", () => {
    const { kept, other } = halves();
    const first = other.objectives[1]!.indicators[0]!;
    first.years["2024"]!.target = "85";
    first.factors = { ...first.factors, supporting: ["Dukungan lain"] };
    const keptFirst = kept.objectives[0]!.indicators[0]!;
    const merged = structuredClone(kept);
    const result = mergeAgency(merged, other);
    const base = `objectives/${kept.objectives[0]!.id}/indicators/${keptFirst.id}`;
    expect(result.differences).toEqual([{ field: `${base}/years/2024/target`, kept: keptFirst.years["2024"]!.target, file: "85" }]);
    const after = merged.objectives[0]!.indicators[0]!;
    expect(after.years["2024"]!.target).toEqual(keptFirst.years["2024"]!.target);
    // What the agency lacked is filled: the realisasi of 2024 and the factors (the file's, as it has them).
    expect(after.factors!.supporting).toEqual(["Dukungan lain"]);
    expect(after.years["2024"]!.actual ?? after.years["2024"]!.numerator).toBeDefined();
  });

  it("finds an indicator the file lists under a sasaran of another name, and adds no empty sasaran for it", () => {
    const { kept, other } = halves();
    // The file's first sasaran renamed: its indicator is the agency's 1.1, under "Meningkatnya Penyelenggaraan …".
    other.objectives[1]!.name = "Sasaran dengan nama lain";
    const merged = structuredClone(kept);
    const result = mergeAgency(merged, other);
    expect(result.counts.sasaran).toBe(1); // the third sasaran only
    expect(merged.objectives.map((o) => o.name)).toEqual([...kept.objectives.map((o) => o.name), other.objectives[0]!.name]);
    expect(merged.objectives[0]!.indicators[0]!.years["2024"]!.actual ?? merged.objectives[0]!.indicators[0]!.years["2024"]!.numerator).toBeDefined();
    // A sasaran of the file with no indicator at all is added as it is.
    other.objectives.push({ id: "XS9", name: "Sasaran baru tanpa indikator", indicators: [] });
    const again = structuredClone(kept);
    expect(mergeAgency(again, other).counts.sasaran).toBe(2);
    expect(again.objectives.at(-1)).toMatchObject({ name: "Sasaran baru tanpa indikator", indicators: [] });
  });

  it("does not merge an indicator whose unit or kind differs, and says so", () => {
    const { kept, other } = halves();
    const keptFirst = kept.objectives[0]!.indicators[0]!;
    const field = `objectives/${kept.objectives[0]!.id}/indicators/${keptFirst.id}`;
    // Its unit: counted in people in the file.
    const byUnit = structuredClone(other);
    byUnit.objectives[1]!.indicators[0]!.unit = "orang";
    const merged = structuredClone(kept);
    const result = mergeAgency(merged, byUnit);
    expect(result.skipped).toEqual([{ field, why: "satuan", kept: "%", file: "orang" }]);
    expect(result.differences).toEqual([]);
    expect(merged.objectives[0]!.indicators[0]).toEqual(keptFirst);
    // Its kind: a plain value in the agency, a ratio in the file.
    expect(keptFirst.kind).toBe("value");
    const byKind = structuredClone(other);
    const ratio = byKind.objectives[1]!.indicators[0]!;
    ratio.kind = "ratio";
    for (const y of Object.values(ratio.years)) {
      if (y?.actual === undefined) continue;
      y.numerator = y.actual as string;
      y.denominator = "100";
      delete y.actual;
    }
    const merged2 = structuredClone(kept);
    expect(mergeAgency(merged2, valid(byKind)).skipped).toEqual([{ field, why: "jenis", kept: "value", file: "ratio" }]);
    expect(merged2.objectives[0]!.indicators[0]).toEqual(keptFirst);
  });
});
