/**
 * Checks of a WordprocessingML part that Word is strict about: the XML is
 * well-formed (parsed by a real XML parser, namespaces included), and the
 * children of the property elements the export writes come in the order the
 * OOXML schema's sequences require (ECMA-376 Part 1, wml.xsd: CT_PPrBase,
 * EG_RPrBase, CT_TcPr, CT_TblPr, CT_TblBorders, CT_SectPr). Word refuses to
 * open, or "repairs", a file whose pPr lists jc before ind.
 */
import { SaxesParser } from "saxes";

const SEQUENCES: Record<string, string[]> = {
  "w:pPr": [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
    "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
  ],
  "w:rPr": [
    "ins", "del", "moveFrom", "moveTo", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
    "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
  ],
  "w:tcPr": [
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
    "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
  ],
  "w:tblPr": [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd",
    "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription", "tblPrChange",
  ],
  "w:tblBorders": ["top", "left", "start", "bottom", "right", "end", "insideH", "insideV"],
  "w:sectPr": [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType",
    "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
  ],
};

/**
 * Problems found in the part (empty when none); throws when it is not
 * well-formed XML. Checked: every child of the elements above is a known
 * member of its sequence, in order (headerReference and footerReference
 * may interleave).
 */
export function ooxmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  // For each open element: its name, and for a checked one the position reached in its sequence.
  const stack: { name: string; at: number }[] = [];
  parser.on("error", (e) => {
    throw e;
  });
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1];
    const sequence = parent ? SEQUENCES[parent.name] : undefined;
    if (parent && sequence) {
      const local = tag.name.startsWith("w:") ? tag.name.slice(2) : tag.name;
      let index = sequence.indexOf(local);
      if (local === "footerReference") index = 0;
      if (index < 0) problems.push(`${tag.name} is not a child of ${parent.name}`);
      else if (index < parent.at) problems.push(`${tag.name} comes after ${parent.name}'s ${sequence[parent.at]}`);
      else parent.at = index;
    }
    stack.push({ name: tag.name, at: 0 });
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close();
  return problems;
}
