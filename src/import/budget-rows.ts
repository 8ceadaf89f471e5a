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
import type { AgencyFile } from "../domain/schema/agency.js";
import type { BudgetLevel, BudgetLine } from "../domain/schema/budget.js";
import { nameKey } from "../app/by-name.js";

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
  private added = 0;

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

  private insert(line: BudgetLine): void {
    const i = this.lines.push(line) - 1;
    this.next.push(-1);
    this.byName.set(key(line.level, line.parentId, line.name), line);
    this.parentOf.set(line.id, line.parentId);
    this.familyEnd.set(line.id, i);
    this.added++;
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
    if (this.added === 0) return;
    const ordered: BudgetLine[] = [];
    for (let i = this.head; i >= 0; i = this.next[i]!) ordered.push(this.lines[i]!);
    this.d.budgetLines = ordered;
  }
}
