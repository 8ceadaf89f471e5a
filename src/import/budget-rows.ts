/**
 * The budget rows of an import applied to a draft of the agency data: each
 * row's program, kegiatan and sub kegiatan found by name under their parent,
 * or added right after their parent's family (its last line or descendant),
 * so that the document lists them in order.
 *
 * The lines are indexed once for the whole import: finding a line and its
 * parent's family for every row over the whole list made an import of 2,000
 * new lines cubic in the lines (2.5 s on the bot's thread for the preview, and
 * about two minutes for "Simpan", which works on an immer draft).
 */
import { isDeepStrictEqual } from "node:util";
import type { AgencyFile } from "../domain/schema/agency.js";
import type { BudgetLevel, BudgetLine } from "../domain/schema/budget.js";
import type { BudgetRollUp } from "../domain/calc/absorption.js";
import { Decimal } from "../domain/decimal.js";
import { normalizeInput } from "../domain/numbers/normalize.js";
import { say } from "../messages/catalog.js";
import { nameKey } from "../app/by-name.js";
import type { BudgetRow } from "./budget-sheet.js";

export const ID_PREFIX: Record<BudgetLevel, string> = { program: "P", activity: "K", subActivity: "SK" };

/** One program / kegiatan / sub kegiatan path of a row, its names as typed. */
export type LinePath = [BudgetLevel, string][];

const key = (level: BudgetLevel, parentId: string | undefined, name: string) => `${level}\u0000${parentId ?? ""}\u0000${nameKey(name)}`;

export class BudgetLineIndex {
  /** Every line, those added at the end; `next[i]` is the line after `lines[i]` in the document's order (-1: the last). */
  private readonly lines: BudgetLine[];
  private readonly next: number[];
  private head = -1;
  private tail = -1;
  /** A line found by level, parent and name (the first in the document's order, as a search would find it). */
  private readonly byName = new Map<string, BudgetLine>();
  private readonly parentOf = new Map<string, string | undefined>();
  /** Where each line's family (the line and its descendants) ends in the document's order: an index in `lines`. */
  private readonly familyEnd = new Map<string, number>();
  /** The lines added by this import. */
  private readonly addedIds = new Set<string>();

  constructor(
    private readonly d: AgencyFile,
    private readonly newId: (prefix: string) => string,
  ) {
    this.lines = d.budgetLines.slice();
    this.next = this.lines.map((_, i) => (i + 1 < this.lines.length ? i + 1 : -1));
    if (this.lines.length > 0) [this.head, this.tail] = [0, this.lines.length - 1];
    for (const l of this.lines) this.parentOf.set(l.id, l.parentId);
    this.lines.forEach((l, i) => {
      const k = key(l.level, l.parentId, l.name);
      if (!this.byName.has(k)) this.byName.set(k, l);
      this.familyEnd.set(l.id, i);
      for (const a of this.ancestors(l.id)) this.familyEnd.set(a, i);
    });
  }

  /** The parent, grandparent … of a line (the schema's budget tree is at most three deep; a loop ends the walk). */
  private *ancestors(id: string): Generator<string> {
    const seen = new Set([id]);
    for (let p = this.parentOf.get(id); p !== undefined && !seen.has(p); p = this.parentOf.get(p)) {
      seen.add(p);
      yield p;
    }
  }

  /** The line at the end of `path`, each step found under the one before or added; how many were added. */
  lineAt(path: LinePath): { line: BudgetLine; added: number } {
    let parent: BudgetLine | undefined;
    let added = 0;
    for (const [level, name] of path) {
      let line = this.byName.get(key(level, parent?.id, name));
      if (!line) {
        line = { id: this.newId(ID_PREFIX[level]), level, name, indicatorIds: [] } as BudgetLine;
        if (parent) line.parentId = parent.id;
        this.insert(line);
        added++;
      }
      parent = line;
    }
    return { line: parent!, added };
  }

  /** Whether a line is one this import added (a later row naming it gives it its figures: it is new, not updated). */
  isNew(id: string): boolean {
    return this.addedIds.has(id);
  }

  private insert(line: BudgetLine): void {
    const i = this.lines.push(line) - 1;
    this.next.push(-1);
    this.byName.set(key(line.level, line.parentId, line.name), line);
    this.parentOf.set(line.id, line.parentId);
    this.familyEnd.set(line.id, i);
    this.addedIds.add(line.id);
    if (line.parentId === undefined) {
      // A new program goes last.
      if (this.tail < 0) this.head = i;
      else this.next[this.tail] = i;
      this.tail = i;
      return;
    }
    // A child goes right after its parent's family; it ends there now, and so does every ancestor's that ended there.
    const anchor = this.familyEnd.get(line.parentId)!;
    this.next[i] = this.next[anchor]!;
    this.next[anchor] = i;
    if (this.tail === anchor) this.tail = i;
    for (const a of this.ancestors(line.id)) if (this.familyEnd.get(a) === anchor) this.familyEnd.set(a, i);
  }

  /** Put the lines in the draft in the document's order (once, after the last row). */
  finish(): void {
    if (this.addedIds.size === 0) return;
    const ordered: BudgetLine[] = [];
    for (let i = this.head; i >= 0; i = this.next[i]!) ordered.push(this.lines[i]!);
    this.d.budgetLines = ordered;
  }
}

/** A stored text the row shows as it is (its line breaks written as spaces): kept as it is; else the row's. */
const textOf = (stored: string | undefined, row: string): string => (stored !== undefined && normalizeInput(stored) === row ? stored : row);
/** A stored number the row shows ("100" for "100.0"): kept as it is; else the row's. */
const numberOf = (stored: string | undefined, row: string): string => (stored !== undefined && new Decimal(stored).equals(row) ? stored : row);

/**
 * The budget rows of an import applied to a draft: each row's line found (or added) by its path, then given the
 * row's figures, code, funding source, output indicator and note, and linked to the indicators it names (`idOf`: a
 * row's reference as an indicator id). A line whose pagu or realisasi is the sum of its sub-lines (`before`: the
 * lines before the rows) keeps it when the row shows that sum, as the workbook does. Counts the lines added, and
 * those stored whose row changes nothing or something; a reference to an indicator that is not there is a problem.
 */
export function applyBudgetRows(
  d: AgencyFile,
  rows: readonly BudgetRow[],
  newId: (prefix: string) => string,
  idOf: (ref: string) => string,
  before: BudgetRollUp,
): { added: number; same: number; updated: number; problems: string[] } {
  const lines = new BudgetLineIndex(d, newId);
  // Built once the Perjanjian Kinerja rows are in: a budget row may name an indicator they added.
  const known = new Set(d.objectives.flatMap((o) => o.indicators.map((i) => i.id)));
  const result = { added: 0, same: 0, updated: 0, problems: [] as string[] };
  for (const row of rows) {
    const path: LinePath = [["program", row.program]];
    if (row.activity) path.push(["activity", row.activity]);
    if (row.subActivity) path.push(["subActivity", row.subActivity]);
    const { line, added } = lines.lineAt(path);
    result.added += added;
    // A snapshot by JSON: the line may be an edit's draft (a proxy).
    const stored = !lines.isNew(line.id);
    const snapshot: unknown = stored ? JSON.parse(JSON.stringify(line)) : undefined;
    for (const f of ["budget", "spent"] as const) {
      const value = row[f];
      if (value === undefined) continue;
      if (stored && line[f] === undefined && before.byId.get(line.id)?.[f]?.equals(value)) continue;
      line[f] = value;
    }
    if (row.note !== undefined) line.note = textOf(line.note, row.note);
    if (row.code !== undefined) line.code = textOf(line.code, row.code);
    if (row.fundingSource !== undefined) line.fundingSource = textOf(line.fundingSource, row.fundingSource);
    if (row.output) {
      // The same output indicator keeps what the row leaves empty; another one is the row's alone.
      const same = line.output && normalizeInput(line.output.indicator) === row.output.indicator ? line.output : undefined;
      const output: NonNullable<BudgetLine["output"]> = { indicator: textOf(same?.indicator, row.output.indicator), unit: textOf(same?.unit, row.output.unit) };
      for (const f of ["target", "actual"] as const) {
        const value = row.output[f] === undefined ? same?.[f] : numberOf(same?.[f], row.output[f]);
        if (value !== undefined) output[f] = value;
      }
      line.output = output;
    }
    for (const ref of row.indicators ?? []) {
      const id = idOf(ref);
      if (!known.has(id)) result.problems.push(say("impor.berubah", { baris: row.row, pesan: say("impor.indikator_tidak_dikenal", { nama: ref }) }));
      else if (!line.indicatorIds.includes(id)) line.indicatorIds.push(id);
    }
    if (snapshot !== undefined) result[isDeepStrictEqual(JSON.parse(JSON.stringify(line)), snapshot) ? "same" : "updated"]++;
  }
  lines.finish();
  return result;
}
