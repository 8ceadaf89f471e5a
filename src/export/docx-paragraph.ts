/**
 * The paragraphs of the Word export (headings, drafted text, table captions
 * and source lines, figure captions), written as WordprocessingML text like
 * its tables (docx-table.ts): built as docx objects, they were the largest
 * part of what the docx package turned into XML for an export. The text is
 * the one the package writes for the same paragraph, byte for byte
 * (test/export/docx-paragraph.test.ts compiles each look with docx and
 * compares). Lists and the charts' image paragraphs are still docx objects:
 * the package numbers the lists and names the images.
 */
import { escapeXml } from "./xml.js";

export const FONT = "Arial";
/** Body text size in half-points (11 pt). */
export const BODY = 22;

/** How a paragraph looks: its style (a heading), spacing in twips, alignment, and its text's weight, slant and size (half-points). */
export interface ParagraphLook {
  heading?: 1 | 2 | 3 | 4;
  keepNext?: boolean;
  spacing: { before?: number; after?: number; line?: number };
  align?: "both" | "center";
  bold?: boolean;
  italics?: boolean;
  size?: number;
}

/** Body text: 6 pt after, 1.25 lines. */
export const BODY_SPACING = { after: 120, line: 300 };

const RUN_FONT = `<w:rFonts w:ascii="${FONT}" w:cs="${FONT}" w:eastAsia="${FONT}" w:hAnsi="${FONT}"/>`;

/** docx writes the element for any spacing given, an empty one as `<w:spacing/>`. */
function spacing({ before, after, line }: ParagraphLook["spacing"]): string {
  return `<w:spacing${after !== undefined ? ` w:after="${after}"` : ""}${before !== undefined ? ` w:before="${before}"` : ""}${line !== undefined ? ` w:line="${line}"` : ""}/>`;
}

/** One paragraph of `text` in one run, as the docx package writes it (a `w:p` element). */
export function paragraphXml(text: string, look: ParagraphLook): string {
  const size = look.size ?? BODY;
  const pPr =
    (look.heading !== undefined ? `<w:pStyle w:val="Heading${look.heading}"/>` : "") +
    (look.keepNext ? "<w:keepNext/>" : "") +
    spacing(look.spacing) +
    (look.align !== undefined ? `<w:jc w:val="${look.align}"/>` : "");
  const rPr = `${RUN_FONT}${look.bold ? "<w:b/><w:bCs/>" : ""}${look.italics ? "<w:i/><w:iCs/>" : ""}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/>`;
  return `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:rPr>${rPr}</w:rPr><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`;
}
