/** Helpers shared by the renderers: header rows, merged cells, monospace padding. */
import type { Column, Row, Table } from "../document.js";

/** Text of a row's cells with merged repeats blanked (for media without real merged cells). */
export function displayCells(table: Table, rowIndex: number): string[] {
  const row = table.rows[rowIndex]!;
  const previous = rowIndex > 0 ? table.rows[rowIndex - 1] : undefined;
  return row.cells.map((c, i) => {
    const col = table.columns[i];
    if (col?.merge && previous && row.groupKey !== undefined && previous.groupKey === row.groupKey && previous.cells[i]?.text === c.text) return "";
    return c.text;
  });
}

/** Header text per column, with the group prefixed ("Target 2023") when there is one. */
export function flatHeaders(columns: readonly Column[]): string[] {
  return columns.map((c) => (c.group ? `${c.group} ${c.header}` : c.header));
}

export function hasGroups(columns: readonly Column[]): boolean {
  return columns.some((c) => c.group !== undefined);
}

/** Runs of consecutive columns with the same group: [{group, span}]. */
export function groupRuns(columns: readonly Column[]): { group: string | undefined; span: number }[] {
  const runs: { group: string | undefined; span: number }[] = [];
  for (const c of columns) {
    const last = runs[runs.length - 1];
    if (last && last.group !== undefined && last.group === c.group) last.span++;
    else runs.push({ group: c.group, span: 1 });
  }
  return runs;
}

/** Visible width of a string in a monospace font (combining marks take no room). */
export function width(text: string): number {
  return [...text.normalize("NFC")].length;
}

export function pad(text: string, size: number, align: Column["align"]): string {
  const gap = Math.max(0, size - width(text));
  if (align === "right") return " ".repeat(gap) + text;
  if (align === "center") return " ".repeat(Math.floor(gap / 2)) + text + " ".repeat(Math.ceil(gap / 2));
  return text + " ".repeat(gap);
}

/** A table as aligned monospace lines (plain text and Telegram <pre>). */
export function monospaceTable(table: Table, rows: readonly Row[] = table.rows): string[] {
  const headers = flatHeaders(table.columns);
  const body = rows.map((r) => {
    const index = table.rows.indexOf(r);
    return index >= 0 ? displayCells(table, index) : r.cells.map((c) => c.text);
  });
  const widths = headers.map((h, i) => Math.max(width(h), ...body.map((cells) => width(cells[i] ?? ""))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!, table.columns[i]!.align)).join(" | ").trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("-+-");
  return [line(headers), rule, ...body.map((cells) => line(cells))];
}
