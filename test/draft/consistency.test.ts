/**
 * Consistency of the drafted chapter: every figure a paragraph prints is the
 * same text as in the matching table cell and equals the calculation core's
 * value; no paragraph prints a number that is not a recorded figure, a year,
 * a count or wording from the templates; and nothing prints NaN, undefined,
 * Infinity, null, {{ or a binary-float tail. Checked on the Dumai demo and on
 * generated agencies.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAgency, type AgencyResult } from "../../src/domain/calc/agency.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import type { Chapter, Paragraph, Table } from "../../src/domain/draft/document.js";
import { Format } from "../../src/domain/draft/ink.js";
import { TEMPLATES_DIR } from "../../src/domain/draft/templates.js";
import { efficiencyDecimals } from "../../src/domain/calc/efficiency.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { paragraphsOf, tables } from "../support/draft.js";
import { agencyArb } from "../support/random-agency.js";

/** Digit runs that appear literally in the templates and wording files (e.g. "100" in "× 100%"). */
function templateDigits(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else for (const m of readFileSync(full, "utf8").matchAll(/\d+/g)) found.add(m[0]);
    }
  };
  walk(TEMPLATES_DIR);
  return found;
}
const LITERALS = templateDigits();

const FORBIDDEN = /NaN|undefined|Infinity|\bnull\b|\{\{|\}\}|\[object Object\]|\d[.,]\d{7,}/;

/** Expected printed value of a source key, straight from the calculation core. */
function expectedText(key: string, result: AgencyResult, format: Format): string | undefined {
  const percent = (d: { status: string; value?: unknown }) => (d.status === "ok" ? format.percent(d.value as never) : undefined);
  let m = /^([^.]+)\.capaian\.(\d{4})$/.exec(key);
  if (m) {
    const r = result.indicatorById.get(m[1]!);
    const y = Number(m[2]);
    const year = y === result.year ? r?.current : r?.history.find((h) => h.values.year === y);
    if (year?.achievement.status === "ok") return format.percent(year.achievement.value);
    return undefined;
  }
  m = /^([^.]+)\.(serapan|efisiensi|rata|kategori)$/.exec(key);
  if (m) {
    const r = result.indicatorById.get(m[1]!);
    const o = result.objectives.find((x) => x.id === m![1]);
    if (m[2] === "serapan" && r) return percent(r.budget.absorption);
    if (m[2] === "efisiensi" && r && r.efficiency.status === "ok") {
      const e = r.efficiency;
      if (e.method === "rasio") return format.ratio(e.value);
      if (e.method === "penghematan") return format.percent(e.value);
      return undefined; // signed points: checked through the table
    }
    if (m[2] === "rata") return o?.average.value ? format.percent(o.average.value) : m[1] === "instansi" && result.average.value ? format.percent(result.average.value) : undefined;
    if (m[2] === "kategori") return o?.average.category ?? (m[1] === "instansi" ? result.average.category : undefined);
  }
  m = /^anggaran\.total\.(pagu|realisasi|serapan|sisa)$/.exec(key);
  if (m) {
    const t = result.budget.total;
    if (m[1] === "pagu") return t.budget && format.money(t.budget);
    if (m[1] === "realisasi") return t.spent && format.money(t.spent);
    if (m[1] === "sisa") return t.remaining && format.money(t.remaining);
    return percent(t.absorption);
  }
  m = /^([^.]+)\.renstra\.kemajuan$/.exec(key);
  if (m) {
    const p = result.indicatorById.get(m[1]!)?.strategicPlan;
    return p?.status === "ok" ? format.percent(p.progress) : undefined;
  }
  return undefined;
}

function allTexts(chapter: Chapter): string[] {
  return chapter.sections.flatMap((s) => [
    s.title,
    ...s.blocks.flatMap((b) => {
      if (b.type === "table") return [b.caption, b.source, b.note ?? "", ...b.columns.map((c) => `${c.group ?? ""} ${c.header}`), ...b.rows.flatMap((r) => r.cells.map((c) => c.text))];
      if (b.type === "list") return b.items.map((i) => i.text);
      return [b.text];
    }),
  ]);
}

function checkChapter(file: AgencyFile): void {
  const result = computeAgency(file);
  const chapter = draftChapter(file, result);
  const format = new Format({ decimals: file.profile.decimals, moneyStyle: file.profile.moneyStyle });
  const allTables: Table[] = tables(chapter);
  const cells = allTables.flatMap((t) => t.rows.flatMap((r) => r.cells));

  for (const text of allTexts(chapter)) expect(text, text).not.toMatch(FORBIDDEN);

  // Every table cell with a source shows the core's value.
  for (const c of cells) {
    if (!c.source) continue;
    const expected = expectedText(c.source, result, format);
    if (expected !== undefined) expect(c.text.startsWith(expected), `${c.source}: ${c.text} vs ${expected}`).toBe(true);
  }

  const paragraphs: Paragraph[] = chapter.sections.flatMap((s) => paragraphsOf(s.blocks));
  for (const p of paragraphs) {
    for (const part of p.parts) {
      expect(p.text, `part "${part.text}" missing`).toContain(part.text);
      if (part.kind !== "value" || !part.source) continue;
      const matching = cells.filter((c) => c.source === part.source || c.parts?.some((x) => x.source === part.source));
      expect(matching.length, `no table cell for ${part.source} ("${part.text}") in: ${p.text}`).toBeGreaterThan(0);
      for (const c of matching) {
        const extra = c.parts?.find((x) => x.source === part.source);
        if (extra) expect(extra.text).toBe(part.text);
        else expect(c.text, `${part.source}`).toContain(part.text);
      }
      const expected = expectedText(part.source, result, format);
      if (expected !== undefined) expect(part.text).toBe(expected);
    }
    // Numbers not accounted for by a recorded part must be template wording ("100" in "× 100%").
    let rest = p.text;
    for (const part of [...p.parts].sort((a, b) => b.text.length - a.text.length)) rest = rest.split(part.text).join(" ");
    for (const m of rest.matchAll(/\d+/g)) expect(LITERALS.has(m[0]), `stray number "${m[0]}" in: ${p.text}`).toBe(true);
    // No stray space before punctuation left by an empty template section.
    expect(p.text, p.text).not.toMatch(/ [.,;:](\s|$)/);
  }

  // Efficiency cells carry the declared method's decimals.
  for (const r of result.indicators) {
    if (r.efficiency.status !== "ok") continue;
    const cell = cells.find((c) => c.source === `${r.id}.efisiensi`)!;
    const decimals = efficiencyDecimals(r.efficiency.method, file.profile.decimals);
    if (decimals > 0) expect(cell.text).toMatch(new RegExp(`,\\d{${decimals}}(%| poin)?$`));
  }
}

describe("drafted numbers are consistent with the tables and the core", () => {
  it("on the Dumai demo", () => {
    const demo = parseAgency(JSON.parse(readFileSync(new URL("../../data/demo/dumai-2024.json", import.meta.url), "utf8")));
    if (!demo.ok) throw new Error(demo.errors.join("\n"));
    checkChapter(demo.file);
  });

  it("on generated agencies (random indicators, polarities, missing fields, profiles)", () => {
    fc.assert(
      fc.property(agencyArb, (input) => {
        const parsed = parseAgency(input);
        if (!parsed.ok) throw new Error(`generator produced an invalid file:\n${parsed.errors.join("\n")}`);
        checkChapter(parsed.file);
      }),
      { numRuns: 150 },
    );
  });
});
