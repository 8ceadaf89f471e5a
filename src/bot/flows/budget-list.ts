/**
 * /anggaran's list: program / kegiatan / sub kegiatan with pagu, realisasi and serapan, numbered as in the
 * tree ("2.1.3"), and the rincian of one line (its button). A list longer than BUDGET_MESSAGES_MAX messages
 * is cut at the deepest level that fits, with a button for the rincian of each line cut short; when even the
 * first level does not fit, that level comes in pages.
 */
import { formatFor } from "../../app/entry/present.js";
import type { Format } from "../../domain/draft/ink.js";
import { computeAgency, type AgencyResult } from "../../domain/calc/agency.js";
import { formatCount as count } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { BudgetLine } from "../../domain/schema/budget.js";
import { memo } from "../../domain/memo.js";
import { IDLE } from "../state.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, KeyboardRoom, label, longestPageButtons, MessageCount, pageButtons, pagesOf, pageWithin, splitHtml, text, withKeyboard, type Button, type Out } from "../ui.js";
import { lineTitle } from "./lines.js";

/**
 * The most messages one view of the list takes. Dozens of messages are hard to read on a phone, and Telegram
 * lets a bot send about 30 a second to all its chats together. The Dumai report's 89 lines are 3 messages;
 * the benchmark's 200 lines would be 6, so they are shown down to the kegiatan.
 */
export const BUDGET_MESSAGES_MAX = 5;

/** The lines under each parent (programs under `undefined`), in stored order; each line's number ("2.1.3") and how many lines are below it. */
export interface BudgetTree {
  children: Map<string | undefined, BudgetLine[]>;
  numbers: Map<string, string>;
  below: Map<string, number>;
  byId: Map<string, BudgetLine>;
}

export function budgetTree(file: AgencyFile): BudgetTree {
  const children = new Map<string | undefined, BudgetLine[]>();
  const byId = new Map<string, BudgetLine>();
  for (const l of file.budgetLines) {
    byId.set(l.id, l);
    const siblings = children.get(l.parentId);
    if (siblings) siblings.push(l);
    else children.set(l.parentId, [l]);
  }
  const numbers = new Map<string, string>();
  const below = new Map<string, number>();
  const visit = (parent: string | undefined, prefix: string): number => {
    const lines = children.get(parent) ?? [];
    let n = 0;
    for (let i = 0; i < lines.length; i++) {
      const number = `${prefix}${i + 1}`;
      numbers.set(lines[i]!.id, number);
      const under = visit(lines[i]!.id, `${number}.`);
      below.set(lines[i]!.id, under);
      n += 1 + under;
    }
    return n;
  };
  visit(undefined, "");
  return { children, numbers, below, byId };
}

interface Row {
  line: BudgetLine;
  /** Levels below the view's first. */
  depth: number;
  /** Lines below it that this view does not show (0 when they are shown, or when there are none). */
  hidden: number;
}

/** The view's rows in tree order, at most `depth` levels below its first; made as they are read. */
function* rowsDown(tree: BudgetTree, first: readonly BudgetLine[], depth: number): Generator<Row> {
  const stack: Array<{ line: BudgetLine; depth: number }> = first.map((line) => ({ line, depth: 0 })).reverse();
  while (stack.length > 0) {
    const { line, depth: d } = stack.pop()!;
    const kids = tree.children.get(line.id) ?? [];
    yield { line, depth: d, hidden: d === depth ? (tree.below.get(line.id) ?? 0) : 0 };
    if (d < depth) for (let k = kids.length - 1; k >= 0; k--) stack.push({ line: kids[k]!, depth: d + 1 });
  }
}

function deepest(tree: BudgetTree, first: readonly BudgetLine[]): number {
  let most = -1;
  for (const row of rowsDown(tree, first, Number.POSITIVE_INFINITY)) most = Math.max(most, row.depth);
  return most;
}

interface View {
  file: AgencyFile;
  result: AgencyResult;
  format: Format;
  tree: BudgetTree;
  /** The line whose rincian this is; undefined for the whole list. */
  root: BudgetLine | undefined;
  head: string[];
  tail: string[];
  canEdit: boolean;
}

function rowHtml(v: View, line: BudgetLine, indent: number, hidden: number): string {
  const f = v.format;
  const r = v.result.budget.byId.get(line.id)!;
  const inds = line.indicatorIds.map((id) => v.result.indicatorById.get(id)?.indicator.code ?? id);
  return html("anggaran.baris", {
    indent: "  ".repeat(indent),
    nomor: v.tree.numbers.get(line.id),
    nama: lineTitle(line),
    pagu: r.budget ? f.money(r.budget) : label("anggaran.belum"),
    realisasi: r.spent ? f.money(r.spent) : label("anggaran.belum"),
    serapan: r.absorption.status === "ok" ? f.percent(r.absorption.value) : "",
    indikator: inds.join(", "),
    rincian: hidden > 0 ? count(hidden) : "",
  });
}

/** The rows of the view below its root line (indented one more), or the whole list's. */
const shownRow = (v: View, row: Row): string => rowHtml(v, row.line, row.depth + (v.root ? 1 : 0), row.hidden);

const detailButton = (v: View, line: BudgetLine): Button => button(label("anggaran.tombol_rincian", { nomor: v.tree.numbers.get(line.id) }), `agr:${line.id}`);
const editButton = (v: View, line: BudgetLine): Button => button(label("anggaran.tombol_baris", { nomor: v.tree.numbers.get(line.id) }), `line:${line.id}`);

/** The buttons of a view whatever its rows: a new program (the whole list) or the line whose rincian this is and back to the list. */
function fixedButtons(v: View): Button[] {
  if (v.root) return [...(v.canEdit ? [editButton(v, v.root)] : []), button(label("anggaran.tombol_daftar"), "line:list")];
  return v.canEdit ? [button(label("anggaran.tombol_program"), "line:new:program")] : [];
}

/** The buttons of a row: its rincian when this view cuts them short, and to edit it when it is of the view's first level (a program, or a line right under the one whose rincian this is). */
function rowButtons(v: View, row: Row): Button[] {
  const out = row.hidden > 0 ? [detailButton(v, row.line)] : [];
  if (v.canEdit && row.depth === 0) out.push(editButton(v, row.line));
  return out;
}

/** The keyboard of a view showing `rows`: `nav`, the rincian buttons, then the buttons that edit. */
function keyboard(v: View, rows: readonly Row[], nav: Button[] = []): Button[][] {
  const details = rows.filter((r) => r.hidden > 0).map((r) => detailButton(v, r.line));
  const edits = v.canEdit ? rows.filter((r) => r.depth === 0).map((r) => editButton(v, r.line)) : [];
  return [nav, ...grid(details, 4), fixedButtons(v), ...grid(edits, 4)].filter((row) => row.length > 0);
}

/** The messages of `lines`, then `note` if any, the last one with `keys`. */
function messages(lines: readonly string[], keys: Button[][], note?: string): Out[] {
  const texts = splitHtml(lines.join("\n"));
  if (note !== undefined) texts.push(note);
  return withKeyboard(texts, keys);
}

/**
 * The rows down to `depth` with the head and tail, if they fit in BUDGET_MESSAGES_MAX messages and their
 * buttons in one keyboard; stops reading rows as soon as they do not.
 */
function fitting(v: View, first: readonly BudgetLine[], depth: number): { rows: Row[]; lines: string[] } | undefined {
  const counted = new MessageCount();
  for (const line of v.head) counted.add(line);
  const room = new KeyboardRoom(fixedButtons(v));
  const rows: Row[] = [];
  const lines = [...v.head];
  for (const row of rowsDown(v.tree, first, depth)) {
    const line = shownRow(v, row);
    if (counted.add(line).messages > BUDGET_MESSAGES_MAX || !room.add(rowButtons(v, row))) return undefined;
    rows.push(row);
    lines.push(line);
  }
  for (const line of v.tail) if (counted.add(line).messages > BUDGET_MESSAGES_MAX) return undefined;
  return { rows, lines: [...lines, ...v.tail] };
}

function render(v: View, page: number): Out[] {
  const first = v.root ? (v.tree.children.get(v.root.id) ?? []) : (v.tree.children.get(undefined) ?? []);
  const most = deepest(v.tree, first);
  const whole = fitting(v, first, most);
  if (whole) return messages(whole.lines, keyboard(v, whole.rows));

  const objek = v.root ? label("anggaran.objek_rincian", { nomor: v.tree.numbers.get(v.root.id), nama: lineTitle(v.root) }) : label("anggaran.objek_daftar");
  const lines = v.root ? (v.tree.below.get(v.root.id) ?? 0) : v.file.budgetLines.length;
  const about = { objek, baris: count(lines), maks: BUDGET_MESSAGES_MAX };
  // Cut at the deepest level that fits, with a button for each line cut short.
  for (let depth = most - 1; depth >= 0; depth--) {
    const cut = fitting(v, first, depth);
    if (!cut) continue;
    const level = label(`tingkat.${cut.rows.find((r) => r.hidden > 0)!.line.level}`).toLowerCase();
    return messages(cut.lines, keyboard(v, cut.rows), html("anggaran.terpotong", { ...about, tingkat: level }));
  }
  // Even the first level does not fit: it comes in pages.
  const pages = paginate(v, first);
  const p = pageWithin(page, pages.length);
  const shown = pages[p]!;
  const nav = pageButtons(p, pages.length, pageData(v));
  const note = html("anggaran.halaman", { ...about, halaman: count(p + 1), dari: count(pages.length), rincian: shown.some((r) => r.hidden > 0) });
  return messages([...v.head, ...shown.map((r) => shownRow(v, r)), ...v.tail], keyboard(v, shown, nav), note);
}

/** The data of the button to page `page` (counted from 0) of the view. */
const pageData = (v: View) => (page: number) => `agr:${v.root?.id ?? "-"}:${page}`;

/** The pages made of a stored (frozen) agency file, by view: paging through 4,998 lines writes them all once, not once a page. */
const PAGES = new WeakMap<AgencyFile, Map<string, Row[][]>>();

/** The view's first level in pages, each in at most BUDGET_MESSAGES_MAX messages with the head and tail, its buttons in one keyboard. */
function paginate(v: View, first: readonly BudgetLine[]): Row[][] {
  const made = memo(PAGES, v.file, () => new Map<string, Row[][]>());
  const key = `${v.root?.id ?? "-"}:${v.canEdit}`;
  let pages = made.get(key);
  if (!pages) {
    const fixed = [...fixedButtons(v), ...longestPageButtons(pageData(v))];
    pages = pagesOf(rowsDown(v.tree, first, 0), { head: v.head, tail: v.tail, fixed, maxMessages: BUDGET_MESSAGES_MAX, line: (row) => shownRow(v, row), buttons: (row) => rowButtons(v, row) });
    made.set(key, pages);
  }
  return pages;
}

function totalLines(file: AgencyFile, result: AgencyResult): string[] {
  const f = formatFor(file);
  const t = result.budget.total;
  if (!t.budget) return [];
  return ["", html("anggaran.jumlah", { pagu: f.money(t.budget), realisasi: t.spent ? f.money(t.spent) : label("anggaran.belum"), serapan: t.absorption.status === "ok" ? f.percent(t.absorption.value) : "" })];
}

/** The whole list (/anggaran), or its page `page` when even the programs do not fit. */
export function budgetOverview(file: AgencyFile, canEdit: boolean, page = 0): Out[] {
  const result = computeAgency(file);
  const tree = budgetTree(file);
  const head = [html("anggaran.kepala", { instansi: file.agency.name, tahun: file.agency.reportingYear })];
  if (file.budgetLines.length === 0) head.push(html("anggaran.kosong"));
  return render({ file, result, format: formatFor(file), tree, root: undefined, head, tail: totalLines(file, result), canEdit }, page);
}

export async function budgetMenu(turn: Turn): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  return outcome(budgetOverview(doc.data, role !== "viewer"), IDLE);
}

/** A button of a list too long to send whole: the rincian of one line, or a page of the whole list (`-`). */
export async function budgetDetail(turn: Turn, lineId: string, page: number): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  const file = doc.data;
  const canEdit = role !== "viewer";
  if (lineId === "-") return outcome(budgetOverview(file, canEdit, page));
  const tree = budgetTree(file);
  const root = tree.byId.get(lineId);
  if (!root) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const result = computeAgency(file);
  const view: View = { file, result, format: formatFor(file), tree, root, head: [], tail: [], canEdit };
  view.head.push(html("anggaran.kepala_rincian", { nomor: tree.numbers.get(root.id), nama: lineTitle(root), instansi: file.agency.name, tahun: file.agency.reportingYear }), rowHtml(view, root, 0, 0));
  return outcome(render(view, page));
}
