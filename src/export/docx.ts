/**
 * The drafted chapter as a Word document (docx, generated in memory): A4,
 * headings, numbered captioned tables with real cells (merged sasaran cells,
 * right-aligned numbers, header rows repeated on every page), paragraphs,
 * bullet and numbered lists, and charts as images. Notices meant for the
 * officer are left out.
 */
import { AlignmentType, Document, ImageRun, LevelFormat, Packer, PageOrientation, Paragraph, TextRun, type IParagraphOptions } from "docx";
import type { Block, Section, Table } from "../domain/draft/document.js";
import { BODY, BODY_SPACING, FONT, paragraphXml } from "./docx-paragraph.js";
import { A4, MARGIN, isWide, tableXml } from "./docx-table.js";
import { DocxSlots } from "./docx-slots.js";
import { zip } from "./zip.js";

export interface DocxFigure {
  /** Insert after the table with this number (e.g. "3.2"). */
  afterTable: string;
  /** The image; may still be rendering (charts render off the main thread while the document is built and compiled). */
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

/** A paragraph of the document: written as text (docx-paragraph.ts, docx-table.ts), or a docx object (lists, images). */
type Item = string | Paragraph;

/** A docx paragraph in the body's look (list items, which docx numbers). */
function listItem(text: string, options: Partial<IParagraphOptions>): Paragraph {
  return new Paragraph({ spacing: BODY_SPACING, alignment: AlignmentType.JUSTIFIED, ...options, children: [new TextRun({ text, font: FONT, size: BODY })] });
}

const SMALL = 18; // 9 pt: source lines and notes under tables

function table(t: Table): string[] {
  const out = [
    paragraphXml(`Tabel ${t.number} ${t.caption}`, { bold: true, align: "center", keepNext: true, spacing: { before: 200, after: 80 } }),
    tableXml(t),
    paragraphXml(t.source, { italics: true, size: SMALL, spacing: { before: 60, after: 120 } }),
  ];
  if (t.note) out.push(paragraphXml(t.note, { italics: true, size: SMALL, spacing: BODY_SPACING }));
  return out;
}

let listInstance = 0;

function block(b: Block): Item[] {
  switch (b.type) {
    case "heading":
      return [paragraphXml(b.text, { heading: b.level === 3 ? 3 : 4, bold: true, keepNext: true, spacing: { before: 200, after: 100 } })];
    case "paragraph":
      return [paragraphXml(b.text, { align: "both", spacing: BODY_SPACING })];
    case "list": {
      const instance = ++listInstance;
      return b.items.map((item) => listItem(item.text, b.ordered ? { numbering: { reference: "angka", level: 0, instance } } : { bullet: { level: 0 } }));
    }
    case "table":
      return table(b);
    case "notice":
      return [];
  }
}

function figure(f: DocxFigure, slots: DocxSlots): Item[] {
  const maxWidth = 600; // pixels at 96 dpi within the margins
  const scale = Math.min(1, maxWidth / f.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: "png", data: slots.image(f.png), transformation: { width: Math.round(f.width * scale), height: Math.round(f.height * scale) } })],
    }),
    paragraphXml(f.caption, { bold: true, align: "center", size: 20, spacing: BODY_SPACING }),
  ];
}

/** docx's paragraphs for `items`: each run of text items in one place (docx-slots.ts), written in after docx compiled the rest. */
function placed(items: Item[], slots: DocxSlots): Paragraph[] {
  const out: Paragraph[] = [];
  let text: string[] = [];
  for (const item of items) {
    if (typeof item === "string") text.push(item);
    else {
      if (text.length > 0) out.push(slots.xml(text.join("")));
      text = [];
      out.push(item);
    }
  }
  if (text.length > 0) out.push(slots.xml(text.join("")));
  return out;
}

/** A Word document of the given sections, as bytes. Wide tables get a landscape page. */
export async function renderDocx(sections: readonly Section[], options: DocxOptions = {}): Promise<Uint8Array> {
  // Text (tables, paragraphs) and images are written in by pack(): the document is built and compiled while the charts render.
  const slots = new DocxSlots();
  const parts: { landscape: boolean; items: Item[] }[] = [{ landscape: false, items: [] }];
  const add = (landscape: boolean, items: Item[]) => {
    if (parts[parts.length - 1]!.landscape !== landscape) parts.push({ landscape, items: [] });
    parts[parts.length - 1]!.items.push(...items);
  };
  if (options.title) add(false, [paragraphXml(options.title, { heading: 1, align: "center", bold: true, size: 28, spacing: { after: 240 } })]);
  for (const s of sections) {
    add(false, [paragraphXml(s.title, { heading: 2, bold: true, size: 24, keepNext: true, spacing: { before: 240, after: 120 } })]);
    for (const b of s.blocks) {
      const wide = b.type === "table" && isWide(b);
      add(wide, block(b));
      if (b.type === "table") for (const f of options.figures ?? []) if (f.afterTable === b.number) add(wide, figure(f, slots));
    }
  }
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
    sections: parts.filter((p) => p.items.length > 0).map((p) => ({ properties: { page: page(p.landscape) }, children: placed(p.items, slots) })),
  });
  return pack(doc, slots);
}

/** What the docx package's compiler returns: a JSZip archive of the document's XML parts and media, not yet compressed. */
interface CompiledDocx {
  files: Record<string, { dir: boolean; async(type: "uint8array"): Promise<Uint8Array>; async(type: "string"): Promise<string> }>;
}

/**
 * The document's parts as a .docx, compressed with Node's zlib off the main
 * thread (src/export/zip.ts). Packer.toBuffer compresses with the package's
 * bundled JavaScript on the main thread (about 80 ms per BAB III, a pause for
 * every officer the bot is serving). Its compiler is not exported, only
 * reachable as `Packer.compiler`: docx is pinned to the version this was
 * written for, and a test compares the result with Packer.toBuffer's. The
 * tables are written into word/document.xml here, and the chart images
 * stored once they have rendered (see docx-slots.ts).
 */
async function pack(doc: Document, slots: DocxSlots): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: { compile?(doc: Document): CompiledDocx } }).compiler;
  if (typeof compiler?.compile !== "function") throw new Error("docx: Packer.compiler.compile not found (did the package change?)");
  const files = Object.entries(compiler.compile(doc).files).filter(([, f]) => !f.dir);
  slots.checkMedia(files.map(([path]) => path));
  const entries = await Promise.all(
    files.map(async ([path, f]) => ({
      path,
      data: path === "word/document.xml" ? Buffer.from(slots.fillDocument(await f.async("string"))) : await (slots.media(path) ?? f.async("uint8array")),
      compress: !path.startsWith("word/media/"),
    })),
  );
  return zip(entries);
}
