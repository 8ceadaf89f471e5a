/**
 * The tables of the Word export, written as WordprocessingML text. A BAB III
 * holds thousands of cells; built as docx objects and serialised by the
 * package, they took two thirds of an export's main thread (and most of its
 * garbage). The text is the one the docx package writes for the same table
 * (byte for byte when this replaced it), with elements in the order the
 * OOXML schema requires (checked by test/export/docx.test.ts). docx.ts leaves
 * a place for each table in docx's document (docx-slots.ts), where it is
 * written in after docx has compiled the rest.
 */
import type { Column, Table } from "../domain/draft/document.js";
import { groupRuns, hasGroups } from "../domain/draft/render/layout.js";
import { escapeXml } from "./xml.js";

/** The page in twips, and its margins on every side. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1440; // 2.54 cm
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const LANDSCAPE_WIDTH = A4.height - 2 * MARGIN;
/** Tables with more columns than this get a landscape page of their own. */
const WIDE = 9;

/** Twips per character of Arial at `size` half-points (digits are 0.56 em, "%" 0.89 em: 0.62 on average), and a cell's left+right padding. */
const charTwips = (size: number) => size * 10 * 0.62;
const CELL_PADDING = 2 * 108 + 30;

/** Whether a UTF-16 code unit is white space as /\s/ defines it (white space and line terminators). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The length of the longest run of non-space characters (the longest part `split(/\s+/)` would give, without its arrays: a table has thousands of cells). */
export function longestWord(text: string): number {
  let longest = 0;
  let run = 0;
  for (let k = 0; k < text.length; k++) {
    if (isSpace(text.charCodeAt(k))) run = 0;
    else if (++run > longest) longest = run;
  }
  return longest;
}

/**
 * Column widths (twips) from the content, as a browser lays out an automatic
 * table: every column first gets its minimum (its longest word, so numbers
 * such as "100,00%" and words such as "Penyelenggaraan" never break), then the
 * remaining width is shared in proportion to how much more each column would
 * need to show its longest cell on one line (long names capped: they wrap).
 */
function widths(t: Table, contentWidth: number, size: number): number[] {
  const ch = charTwips(size);
  const columns = t.columns.map((c, i) => {
    let longest = 0;
    let word = 0;
    for (const r of t.rows) {
      const text = r.cells[i]?.text ?? "";
      longest = Math.max(longest, text.length);
      word = Math.max(word, longestWord(text));
    }
    const min = Math.max(longestWord(c.header) * 1.1, word + 1) * ch + CELL_PADDING; // header cells are bold
    const cap = c.label ? 90 : c.merge ? 40 : 24;
    const desired = Math.max(min, (Math.min(longest, cap) + 1) * ch + CELL_PADDING);
    return { min, desired };
  });
  const minTotal = columns.reduce((a, c) => a + c.min, 0);
  if (minTotal >= contentWidth) return columns.map((c) => Math.floor((c.min * contentWidth) / minTotal));
  const desiredTotal = columns.reduce((a, c) => a + c.desired, 0);
  if (desiredTotal <= contentWidth) return columns.map((c) => Math.floor((c.desired * contentWidth) / desiredTotal));
  const extra = contentWidth - minTotal;
  return columns.map((c) => Math.floor(c.min + ((c.desired - c.min) * extra) / (desiredTotal - minTotal)));
}

/** Table text: the paragraph style carries size and spacing; the run carries only what differs (bold, italics). */
function cellParagraph(text: string, align: Column["align"], style: string, bold = false, italics = false, indent = 0): string {
  const rPr = bold || italics ? `<w:rPr>${bold ? "<w:b/><w:bCs/>" : ""}${italics ? "<w:i/><w:iCs/>" : ""}</w:rPr>` : "";
  return (
    `<w:p><w:pPr><w:pStyle w:val="${style}"/>${indent > 0 ? `<w:ind w:left="${indent * 200}"/>` : ""}${align !== "left" ? `<w:jc w:val="${align}"/>` : ""}</w:pPr>` +
    `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
  );
}

const BORDER = 'w:val="single" w:color="808080" w:sz="4"';
/** Borders once for the whole table rather than on every cell (a Word file with 3,000 cells stays small and quick to open). */
const TABLE_BORDERS = `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;

type Merge = "restart" | "continue";

/** A header cell: bold, centred, shaded, with its width. */
function headerCell(text: string, width: number, style: string, options: { span?: number; merge?: Merge } = {}): string {
  const span = options.span !== undefined ? `<w:gridSpan w:val="${options.span}"/>` : "";
  const merge = options.merge ? `<w:vMerge w:val="${options.merge}"/>` : "";
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span}${merge}<w:shd w:fill="D9E2F3"/><w:vAlign w:val="center"/></w:tcPr>${cellParagraph(text, "center", style, true)}</w:tc>`;
}

/** The header rows: one, or with column groups two (group names over their columns; ungrouped columns merged down). */
function headerRows(t: Table, colWidths: number[], style: string): string {
  const row = (cells: string) => `<w:tr><w:trPr><w:tblHeader/></w:trPr>${cells}</w:tr>`;
  if (!hasGroups(t.columns)) return row(t.columns.map((c, i) => headerCell(c.header, colWidths[i]!, style)).join(""));
  let index = 0;
  let upper = "";
  let lower = "";
  for (const run of groupRuns(t.columns)) {
    const w = colWidths.slice(index, index + run.span).reduce((a, b) => a + b, 0);
    if (run.group === undefined) {
      upper += headerCell(t.columns[index]!.header, w, style, { merge: "restart" });
      lower += headerCell("", w, style, { merge: "continue" });
    } else {
      upper += headerCell(run.group, w, style, { span: run.span });
      for (let k = index; k < index + run.span; k++) lower += headerCell(t.columns[k]!.header, colWidths[k]!, style);
    }
    index += run.span;
  }
  return row(upper) + row(lower);
}

/** Merged cells: a run of equal values of a `merge` column within one group becomes one cell. */
function merged(t: Table, r: number, ci: number): Merge | undefined {
  if (!t.columns[ci]!.merge) return undefined;
  const row = t.rows[r]!;
  const same = (o: number) => {
    const other = t.rows[o];
    return other !== undefined && row.groupKey !== undefined && other.groupKey === row.groupKey && other.cells[ci]!.text === row.cells[ci]!.text;
  };
  if (same(r - 1)) return "continue";
  return same(r + 1) ? "restart" : undefined;
}

/** Whether the table gets a landscape page of its own. */
export const isWide = (t: Table): boolean => t.columns.length > WIDE;

/** The table as a <w:tbl> element: fixed layout, widths from the content, header rows repeated on every page, rows kept whole. */
export function tableXml(t: Table): string {
  const wide = isWide(t);
  const contentWidth = wide ? LANDSCAPE_WIDTH : CONTENT_WIDTH;
  const size = wide ? 15 : 17; // 7.5 / 8.5 pt
  const style = wide ? "TabelKecil" : "Tabel";
  const colWidths = widths(t, contentWidth, size);
  const parts = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${contentWidth}"/>${TABLE_BORDERS}<w:tblLayout w:type="fixed"/></w:tblPr>`,
    `<w:tblGrid>${colWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`,
    headerRows(t, colWidths, style),
  ];
  t.rows.forEach((row, r) => {
    const bold = row.kind === "total";
    let cells = "";
    row.cells.forEach((c, ci) => {
      const col = t.columns[ci]!;
      const merge = merged(t, r, ci);
      // Widths come from the table grid (fixed layout); only merged cells need centring.
      const tcPr = merge ? `<w:tcPr><w:vMerge w:val="${merge}"/><w:vAlign w:val="center"/></w:tcPr>` : "";
      cells += `<w:tc>${tcPr}${cellParagraph(merge === "continue" ? "" : c.text, col.align, style, bold, row.italic === true, col.label ? (row.indent ?? 0) : 0)}</w:tc>`;
    });
    parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells}</w:tr>`);
  });
  parts.push("</w:tbl>");
  return parts.join("");
}
