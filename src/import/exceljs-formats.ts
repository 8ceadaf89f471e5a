/**
 * ExcelJS takes every backslash out of a number format it reads (`0.00\%` becomes `0.00%`), so a cell whose format
 * writes a % sign after its figure (86,11 shown as 86,11%) could not be told from one that shows its value times
 * 100 (0,8611 shown as 86,11%), and was read a hundred times too large. Installed once by the reader: an escaped %
 * is turned into a quoted one before ExcelJS reads the format (`0.00"%"`, which means the same in Excel and which
 * `scalesByHundred` reads as a sign). Only reading is touched; the workbook the bot writes does not pass here.
 *
 * It reaches into ExcelJS's own module for number formats (exceljs 4.4.0, the last release). Should a later
 * version move it, nothing is installed and such cells read as before: test/import/plan.test.ts then fails.
 */
import { createRequire } from "node:module";

interface NumFmtNode {
  name: string;
  attributes: Record<string, string | undefined>;
}
interface NumFmtParser {
  prototype: { parseOpen(node: NumFmtNode): boolean };
}

/** `0.00\%` → `0.00"%"`: an escaped % (not one after an escaped backslash, `\\%`, which is a backslash and a real %). */
export function quoteEscapedPercent(format: string): string {
  return format.replace(/((?:^|[^\\])(?:\\\\)*)\\%/g, '$1"%"');
}

let installed = false;

export function keepEscapedPercent(): void {
  if (installed) return;
  installed = true;
  let parser: NumFmtParser | undefined;
  try {
    parser = createRequire(import.meta.url)("exceljs/lib/xlsx/xform/style/numfmt-xform.js") as NumFmtParser;
  } catch {
    return;
  }
  const parseOpen = parser.prototype?.parseOpen;
  if (typeof parseOpen !== "function") return;
  parser.prototype.parseOpen = function (node: NumFmtNode): boolean {
    const code = node?.name === "numFmt" ? node.attributes?.formatCode : undefined;
    if (code === undefined || !code.includes("\\%")) return parseOpen.call(this, node);
    return parseOpen.call(this, { ...node, attributes: { ...node.attributes, formatCode: quoteEscapedPercent(code) } });
  };
}
