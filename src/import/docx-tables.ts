/**
 * The tables of a Word document (.docx), read as sheets for the import: the
 * Perjanjian Kinerja is a Word document, and its table ("No | Sasaran
 * Strategis | Indikator Kinerja | Target", Sasaran cells merged downwards)
 * is what officers have. Each top-level table becomes one sheet ("Tabel 1",
 * "Tabel 2" …), each row its cells' text; a cell spanning several columns
 * is followed by empty cells, and a merged cell's continuation is empty, as
 * a spreadsheet copy of the table would be. Nothing else of the document is
 * read.
 */
import { inflateRawSync } from "node:zlib";
import type { CellValue, Sheet } from "./spreadsheet.js";
import { CENTRAL, endOfCentralDirectory } from "./zip-size.js";

const LOCAL = 0x04034b50;

/** The bytes of one entry of a zip archive, or undefined when the archive or the entry cannot be read. */
function zipEntry(bytes: Uint8Array, wanted: string): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) return undefined;
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const nameLength = view.getUint16(p + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (name === wanted) {
      const local = view.getUint32(p + 42, true);
      if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) return undefined;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const data = bytes.subarray(start, start + compressed);
      if (method === 0) return data;
      if (method !== 8) return undefined;
      try {
        return new Uint8Array(inflateRawSync(data));
      } catch {
        return undefined;
      }
    }
    p += 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decodeXml = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
    name.startsWith("#x") || name.startsWith("#X") ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith("#") ? String.fromCodePoint(Number(name.slice(1))) : (ENTITIES[name] ?? whole),
  );

/** The tags and text of WordprocessingML that make a table's text: tables, rows, cells, paragraphs, runs' text, tabs, breaks, column spans. */
const TOKENS = /<(\/?)w:(tbl|tr|tc|p|t|tab|br|cr|gridSpan)\b([^>]*?)(\/?)>|([^<]+)|<[^>]*>/g;

/** The tables of the document's body as sheets; undefined when the bytes are not a Word document. */
export function readDocxTables(bytes: Uint8Array): Sheet[] | undefined {
  const xml = zipEntry(bytes, "word/document.xml");
  if (!xml) return undefined;
  const text = new TextDecoder().decode(xml);
  const sheets: Sheet[] = [];
  let depth = 0; // tables open: a table inside a cell belongs to that cell's text
  let rows: CellValue[][] = [];
  let row: CellValue[] | undefined;
  let cell: string[] | undefined;
  let span = 1;
  let inText = false;
  for (const m of text.matchAll(TOKENS)) {
    const [, closing, tag, attributes, selfClosing, chars] = m;
    if (chars !== undefined) {
      if (inText && cell) cell.push(decodeXml(chars));
      continue;
    }
    if (tag === undefined) continue;
    const opening = !closing && !selfClosing;
    switch (tag) {
      case "tbl":
        if (opening) depth++;
        else if (closing) {
          depth--;
          if (depth === 0) {
            if (rows.length > 0) sheets.push({ name: `Tabel ${sheets.length + 1}`, rows });
            rows = [];
          }
        }
        break;
      case "tr":
        if (depth !== 1) break;
        if (opening) row = [];
        else if (closing && row) {
          rows.push(row);
          row = undefined;
        }
        break;
      case "tc":
        if (depth !== 1) break;
        if (opening) {
          cell = [];
          span = 1;
        } else if (closing && cell && row) {
          const value = cell.join("").replace(/\s+/g, " ").trim();
          row.push(value === "" ? null : value);
          for (let k = 1; k < span; k++) row.push(null);
          cell = undefined;
        }
        break;
      case "gridSpan":
        if (depth === 1) span = Math.max(1, Math.min(64, Number(/w:val="(\d+)"/.exec(attributes ?? "")?.[1] ?? 1)));
        break;
      case "t":
        inText = opening;
        break;
      case "p":
        if (closing && cell) cell.push(" ");
        break;
      case "tab":
      case "br":
      case "cr":
        if (cell) cell.push(" ");
        break;
    }
  }
  return sheets;
}
