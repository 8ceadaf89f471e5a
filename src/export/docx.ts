/**
 * The drafted chapter as a Word document (docx, generated in memory): A4,
 * headings, numbered captioned tables with real cells (merged sasaran cells,
 * right-aligned numbers, header rows repeated on every page), paragraphs,
 * bullet and numbered lists, and charts as images. Notices meant for the
 * officer are left out.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
  BorderStyle,
  type IParagraphOptions,
} from "docx";
import type { Block, Column, Section, Table as DocTable } from "../domain/draft/document.js";
import { groupRuns, hasGroups } from "../domain/draft/render/layout.js";
import { zip } from "./zip.js";

export interface DocxFigure {
  /** Insert after the table with this number (e.g. "3.2"). */
  afterTable: string;
  /** The image; may still be rendering (charts render off the main thread while the tables are built). */
  png: Uint8Array | Promise<Uint8Array>;
  width: number;
  height: number;
  caption: string;
}

export interface DocxOptions {
  /** Heading at the top, e.g. "BAB III AKUNTABILITAS KINERJA"; omitted when undefined. */
  title?: string;
  figures?: DocxFigure[];
  /** Document properties. */
  creator?: string;
  description?: string;
}

const FONT = "Arial";
const BODY = 22; // 11 pt
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440; // 2.54 cm
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const LANDSCAPE_WIDTH = A4.height - 2 * MARGIN;
/** Tables with more columns than this get a landscape page of their own. */
const WIDE = 9;

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function para(text: string, options: Partial<IParagraphOptions> & { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  const { bold, italics, size, ...rest } = options;
  return new Paragraph({
    spacing: { after: 120, line: 300 },
    ...rest,
    children: [new TextRun({ text, font: FONT, size: size ?? BODY, ...(bold ? { bold } : {}), ...(italics ? { italics } : {}) })],
  });
}

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
function widths(t: DocTable, contentWidth: number, size: number): number[] {
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

/** Table text: the paragraph style carries size and spacing; runs carry only what differs (bold, italics). */
function cellParagraph(text: string, align: Column["align"], style: string, bold = false, italics = false, indent = 0): Paragraph {
  return new Paragraph({
    style,
    ...(align !== "left" ? { alignment: ALIGN[align] } : {}),
    ...(indent > 0 ? { indent: { left: indent * 200 } } : {}),
    children: [bold || italics ? new TextRun({ text, ...(bold ? { bold } : {}), ...(italics ? { italics } : {}) }) : new TextRun(text)],
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
/** Borders once for the whole table rather than on every cell (a Word file with 3,000 cells stays small and quick to build). */
const TABLE_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

function table(t: DocTable): (Paragraph | Table)[] {
  const contentWidth = t.columns.length > WIDE ? LANDSCAPE_WIDTH : CONTENT_WIDTH;
  const size = t.columns.length > WIDE ? 15 : 17; // 7.5 / 8.5 pt
  const style = t.columns.length > WIDE ? "TabelKecil" : "Tabel";
  const colWidths = widths(t, contentWidth, size);
  const header = (text: string, options: { columnSpan?: number; verticalMerge?: "restart" | "continue" }, width: number) =>
    new TableCell({
      children: [cellParagraph(text, "center", style, true)],
      verticalAlign: VerticalAlign.CENTER,
      shading: { fill: "D9E2F3" },
      width: { size: width, type: WidthType.DXA },
      ...options,
    });
  const headerRows: TableRow[] = [];
  if (hasGroups(t.columns)) {
    // Upper row: group names over their columns; ungrouped columns are merged down into the lower row.
    let index = 0;
    const upper: TableCell[] = [];
    const lower: TableCell[] = [];
    for (const run of groupRuns(t.columns)) {
      const w = colWidths.slice(index, index + run.span).reduce((a, b) => a + b, 0);
      if (run.group === undefined) {
        upper.push(header(t.columns[index]!.header, { verticalMerge: VerticalMergeType.RESTART }, w));
        lower.push(header("", { verticalMerge: VerticalMergeType.CONTINUE }, w));
      } else {
        upper.push(header(run.group, { columnSpan: run.span }, w));
        for (let k = index; k < index + run.span; k++) lower.push(header(t.columns[k]!.header, {}, colWidths[k]!));
      }
      index += run.span;
    }
    headerRows.push(new TableRow({ tableHeader: true, children: upper }), new TableRow({ tableHeader: true, children: lower }));
  } else {
    headerRows.push(new TableRow({ tableHeader: true, children: t.columns.map((c, i) => header(c.header, {}, colWidths[i]!)) }));
  }

  // Merged cells: a run of equal values of a `merge` column within one group becomes one cell.
  const merged = (r: number, ci: number): "restart" | "continue" | undefined => {
    if (!t.columns[ci]!.merge) return undefined;
    const row = t.rows[r]!;
    const same = (o: number) => {
      const other = t.rows[o];
      return other !== undefined && row.groupKey !== undefined && other.groupKey === row.groupKey && other.cells[ci]!.text === row.cells[ci]!.text;
    };
    if (same(r - 1)) return VerticalMergeType.CONTINUE;
    return same(r + 1) ? VerticalMergeType.RESTART : undefined;
  };
  const body = t.rows.map((row, r) => {
    const bold = row.kind === "total";
    const cells = row.cells.map((c, ci) => {
      const col = t.columns[ci]!;
      const merge = merged(r, ci);
      // Widths come from the table grid (fixed layout); only merged cells need centring.
      return new TableCell({
        children: [cellParagraph(merge === VerticalMergeType.CONTINUE ? "" : c.text, col.align, style, bold, row.italic === true, col.label ? (row.indent ?? 0) : 0)],
        ...(merge ? { verticalMerge: merge, verticalAlign: VerticalAlign.CENTER } : {}),
      });
    });
    return new TableRow({ children: cells, cantSplit: true });
  });
  const out: (Paragraph | Table)[] = [
    para(`Tabel ${t.number} ${t.caption}`, { bold: true, alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 200, after: 80 } }),
    new Table({ rows: [...headerRows, ...body], width: { size: contentWidth, type: WidthType.DXA }, columnWidths: colWidths, layout: TableLayoutType.FIXED, borders: TABLE_BORDERS }),
    para(t.source, { italics: true, size: 18, spacing: { before: 60, after: 120 } }),
  ];
  if (t.note) out.push(para(t.note, { italics: true, size: 18 }));
  return out;
}

let listInstance = 0;

function block(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case "heading":
      return [para(b.text, { heading: b.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_4, bold: true, keepNext: true, spacing: { before: 200, after: 100 } })];
    case "paragraph":
      return [para(b.text, { alignment: AlignmentType.JUSTIFIED })];
    case "list": {
      const instance = ++listInstance;
      return b.items.map((item) =>
        para(item.text, b.ordered ? { numbering: { reference: "angka", level: 0, instance }, alignment: AlignmentType.JUSTIFIED } : { bullet: { level: 0 }, alignment: AlignmentType.JUSTIFIED }),
      );
    }
    case "table":
      return table(b);
    case "notice":
      return [];
  }
}

function figure(f: DocxFigure, png: Uint8Array): Paragraph[] {
  const maxWidth = 600; // pixels at 96 dpi within the margins
  const scale = Math.min(1, maxWidth / f.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: "png", data: png, transformation: { width: Math.round(f.width * scale), height: Math.round(f.height * scale) } })],
    }),
    para(f.caption, { bold: true, alignment: AlignmentType.CENTER, size: 20 }),
  ];
}

/** A Word document of the given sections, as bytes. Wide tables get a landscape page. */
export async function renderDocx(sections: readonly Section[], options: DocxOptions = {}): Promise<Uint8Array> {
  // A figure is a placeholder until its image is ready, so the tables are built while charts render.
  type Item = Paragraph | Table | DocxFigure;
  const parts: { landscape: boolean; children: Item[] }[] = [{ landscape: false, children: [] }];
  const add = (landscape: boolean, items: Item[]) => {
    if (parts[parts.length - 1]!.landscape !== landscape) parts.push({ landscape, children: [] });
    parts[parts.length - 1]!.children.push(...items);
  };
  if (options.title) add(false, [para(options.title, { heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, bold: true, size: 28, spacing: { after: 240 } })]);
  for (const s of sections) {
    add(false, [para(s.title, { heading: HeadingLevel.HEADING_2, bold: true, size: 24, keepNext: true, spacing: { before: 240, after: 120 } })]);
    for (const b of s.blocks) {
      const wide = b.type === "table" && b.columns.length > WIDE;
      add(wide, block(b));
      if (b.type === "table") for (const f of options.figures ?? []) if (f.afterTable === b.number) add(wide, [f]);
    }
  }
  const figures = options.figures ?? [];
  const indexOf = new Map(figures.map((f, i) => [f, i]));
  const ready = await Promise.all(figures.map((f) => f.png));
  const built = parts.map((p) => ({
    landscape: p.landscape,
    children: p.children.flatMap((c): (Paragraph | Table)[] => (c instanceof Paragraph || c instanceof Table ? [c] : figure(c, ready[indexOf.get(c)!]!))),
  }));
  const page = (landscape: boolean) => ({
    // docx swaps width and height itself for a landscape page.
    size: landscape ? { ...A4, orientation: PageOrientation.LANDSCAPE } : A4,
    margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
  });
  const doc = new Document({
    creator: options.creator ?? "Asisten LKjIP",
    description: options.description ?? "",
    title: options.title ?? sections[0]?.title ?? "",
    styles: {
      default: { document: { run: { font: FONT, size: BODY } } },
      paragraphStyles: [
        { id: "Tabel", name: "Tabel", basedOn: "Normal", run: { size: 17 }, paragraph: { spacing: { before: 20, after: 20 } } },
        { id: "TabelKecil", name: "Tabel kecil", basedOn: "Normal", run: { size: 15 }, paragraph: { spacing: { before: 20, after: 20 } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: "angka",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: built.filter((p) => p.children.length > 0).map((p) => ({ properties: { page: page(p.landscape) }, children: p.children })),
  });
  return pack(doc);
}

/** What the docx package's compiler returns: a JSZip archive of the document's XML parts and media, not yet compressed. */
interface CompiledDocx {
  files: Record<string, { dir: boolean; async(type: "uint8array"): Promise<Uint8Array> }>;
}

/**
 * The document's parts as a .docx, compressed with Node's zlib off the main
 * thread (src/export/zip.ts). Packer.toBuffer compresses with the package's
 * bundled JavaScript on the main thread (about 80 ms per BAB III, a pause for
 * every officer the bot is serving). Its compiler is not exported, only
 * reachable as `Packer.compiler`: docx is pinned to the version this was
 * written for, and a test compares the result with Packer.toBuffer's.
 */
async function pack(doc: Document): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: { compile?(doc: Document): CompiledDocx } }).compiler;
  if (typeof compiler?.compile !== "function") throw new Error("docx: Packer.compiler.compile not found (did the package change?)");
  const files = Object.entries(compiler.compile(doc).files).filter(([, f]) => !f.dir);
  const entries = await Promise.all(files.map(async ([path, f]) => ({ path, data: await f.async("uint8array"), compress: !path.startsWith("word/media/") })));
  return zip(entries);
}
