/**
 * Reads a generated .docx back for tests: unzips it and turns
 * word/document.xml into the sequence of paragraphs and tables of its body,
 * with the cell attributes that matter (merges, spans, alignment, header rows).
 * A document.xml that is not well-formed, or whose property elements are out
 * of the schema's order (see ooxml.ts), fails the read.
 */
import JSZip from "jszip";
import { ooxmlProblems } from "./ooxml.js";

export interface DocxCell {
  text: string;
  vMerge?: "restart" | "continue";
  span: number;
  align?: string;
  bold: boolean;
  width?: number;
}

export interface DocxRow {
  header: boolean;
  cantSplit: boolean;
  cells: DocxCell[];
}

export interface DocxTable {
  grid: number[];
  layout?: string;
  rows: DocxRow[];
}

export type DocxBlock = { type: "p"; text: string; style?: string; numId?: string; align?: string; image: boolean } | { type: "table"; table: DocxTable };

export interface DocxPage {
  width: number;
  height: number;
  orient?: string;
}

export interface ReadDocx {
  xml: string;
  blocks: DocxBlock[];
  pages: DocxPage[];
  media: { name: string; data: Uint8Array }[];
  files: string[];
  /** numId → number format of its level 0 ("bullet", "decimal"). */
  numbering: Map<string, string>;
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

function texts(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>/g)].map((m) => unescape(m[1]!)).join("");
}

const attr = (xml: string, tag: string, name = "w:val"): string | undefined => new RegExp(`<${tag}\\b[^>]*?${name}="([^"]*)"`).exec(xml)?.[1];

function paragraph(xml: string): DocxBlock {
  const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(xml)?.[1] ?? "";
  const numId = attr(pPr, "w:numId");
  const style = attr(pPr, "w:pStyle");
  const align = attr(pPr, "w:jc");
  return {
    type: "p",
    text: texts(xml),
    ...(style ? { style } : {}),
    ...(align ? { align } : {}),
    ...(numId !== undefined ? { numId } : {}),
    image: /<w:drawing>/.test(xml),
  } as DocxBlock;
}

function table(xml: string): DocxTable {
  const grid = [...(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml)?.[1] ?? "").matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
  const layout = attr(xml, "w:tblLayout", "w:type");
  const rows = [...xml.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => {
    const tr = m[1]!;
    const trPr = /<w:trPr>([\s\S]*?)<\/w:trPr>/.exec(tr)?.[1] ?? "";
    const cells = [...tr.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c): DocxCell => {
      const tc = c[1]!;
      const tcPr = /<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(tc)?.[1] ?? "";
      const merge = /<w:vMerge\b[^>]*?(?:w:val="(\w+)")?\s*\/>/.exec(tcPr);
      const cell: DocxCell = {
        text: texts(tc),
        span: Number(attr(tcPr, "w:gridSpan") ?? 1),
        bold: /<w:b\/>/.test(tc),
      };
      if (merge) cell.vMerge = merge[1] === "restart" ? "restart" : "continue";
      const align = attr(tc.replace(tcPr, ""), "w:jc");
      if (align) cell.align = align;
      const width = attr(tcPr, "w:tcW", "w:w");
      if (width) cell.width = Number(width);
      return cell;
    });
    return { header: /<w:tblHeader\/>/.test(trPr), cantSplit: /<w:cantSplit\/>/.test(trPr), cells };
  });
  return { grid, ...(layout ? { layout } : {}), rows };
}

export async function readDocx(bytes: Uint8Array): Promise<ReadDocx> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const problems = ooxmlProblems(xml);
  if (problems.length > 0) throw new Error(`word/document.xml breaks the schema's order:\n${[...new Set(problems)].join("\n")}`);
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)![1]!;
  const blocks: DocxBlock[] = [];
  for (const m of body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p>[\s\S]*?<\/w:p>|<w:p\/>/g)) {
    blocks.push(m[0].startsWith("<w:tbl>") ? { type: "table", table: table(m[0]) } : paragraph(m[0]));
  }
  const pages = [...xml.matchAll(/<w:pgSz\b([^>]*)\/>/g)].map((m) => ({
    width: Number(/w:w="(\d+)"/.exec(m[1]!)![1]),
    height: Number(/w:h="(\d+)"/.exec(m[1]!)![1]),
    ...(/w:orient="(\w+)"/.exec(m[1]!) ? { orient: /w:orient="(\w+)"/.exec(m[1]!)![1] } : {}),
  }));
  const media: { name: string; data: Uint8Array }[] = [];
  for (const name of Object.keys(zip.files).filter((n) => n.startsWith("word/media/") && !zip.files[n]!.dir)) media.push({ name, data: await zip.file(name)!.async("uint8array") });
  const numberingXml = (await zip.file("word/numbering.xml")?.async("string")) ?? "";
  const abstractFormats = new Map<string, string>();
  for (const m of numberingXml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) abstractFormats.set(m[1]!, attr(m[2]!, "w:numFmt") ?? "");
  const numbering = new Map<string, string>();
  for (const m of numberingXml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) numbering.set(m[1]!, abstractFormats.get(attr(m[2]!, "w:abstractNumId") ?? "") ?? "");
  return { xml, blocks, pages, media, files: Object.keys(zip.files), numbering };
}
