/**
 * The drafted chapter as a Word document (docx, generated in memory): A4,
 * headings, numbered captioned tables with real cells (merged sasaran cells,
 * right-aligned numbers, header rows repeated on every page), paragraphs,
 * bullet and numbered lists, and charts as images. Notices meant for the
 * officer are left out.
 */
import { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, PageOrientation, Paragraph, TextRun, type IParagraphOptions } from "docx";
import type { Block, Section, Table } from "../domain/draft/document.js";
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

const FONT = "Arial";
const BODY = 22; // 11 pt
function para(text: string, options: Partial<IParagraphOptions> & { bold?: boolean; italics?: boolean; size?: number } = {}): Paragraph {
  const { bold, italics, size, ...rest } = options;
  return new Paragraph({
    spacing: { after: 120, line: 300 },
    ...rest,
    children: [new TextRun({ text, font: FONT, size: size ?? BODY, ...(bold ? { bold } : {}), ...(italics ? { italics } : {}) })],
  });
}

function table(t: Table, slots: DocxSlots): Paragraph[] {
  const out = [
    para(`Tabel ${t.number} ${t.caption}`, { bold: true, alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 200, after: 80 } }),
    slots.table(tableXml(t)),
    para(t.source, { italics: true, size: 18, spacing: { before: 60, after: 120 } }),
  ];
  if (t.note) out.push(para(t.note, { italics: true, size: 18 }));
  return out;
}

let listInstance = 0;

function block(b: Block, slots: DocxSlots): Paragraph[] {
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
      return table(b, slots);
    case "notice":
      return [];
  }
}

function figure(f: DocxFigure, slots: DocxSlots): Paragraph[] {
  const maxWidth = 600; // pixels at 96 dpi within the margins
  const scale = Math.min(1, maxWidth / f.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 120 },
      keepNext: true,
      children: [new ImageRun({ type: "png", data: slots.image(f.png), transformation: { width: Math.round(f.width * scale), height: Math.round(f.height * scale) } })],
    }),
    para(f.caption, { bold: true, alignment: AlignmentType.CENTER, size: 20 }),
  ];
}

/** A Word document of the given sections, as bytes. Wide tables get a landscape page. */
export async function renderDocx(sections: readonly Section[], options: DocxOptions = {}): Promise<Uint8Array> {
  // Tables and images are written in by pack(): the document is built and compiled while the charts render.
  const slots = new DocxSlots();
  const parts: { landscape: boolean; children: Paragraph[] }[] = [{ landscape: false, children: [] }];
  const add = (landscape: boolean, items: Paragraph[]) => {
    if (parts[parts.length - 1]!.landscape !== landscape) parts.push({ landscape, children: [] });
    parts[parts.length - 1]!.children.push(...items);
  };
  if (options.title) add(false, [para(options.title, { heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, bold: true, size: 28, spacing: { after: 240 } })]);
  for (const s of sections) {
    add(false, [para(s.title, { heading: HeadingLevel.HEADING_2, bold: true, size: 24, keepNext: true, spacing: { before: 240, after: 120 } })]);
    for (const b of s.blocks) {
      const wide = b.type === "table" && isWide(b);
      add(wide, block(b, slots));
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
    sections: parts.filter((p) => p.children.length > 0).map((p) => ({ properties: { page: page(p.landscape) }, children: p.children })),
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
