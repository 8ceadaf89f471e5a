/**
 * The Word export's paragraphs are written as text (src/export/docx-paragraph.ts):
 * each look the export uses must read exactly as the docx package writes the
 * same paragraph, so Word sees no difference from when docx built them.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun, type IParagraphOptions } from "docx";
import { describe, expect, it } from "vitest";
import { BODY, BODY_SPACING, FONT, paragraphXml, type ParagraphLook } from "../../src/export/docx-paragraph.js";

type Compiled = { file(name: string): { async(type: "string"): Promise<string> } };

/** The body docx compiles for these paragraphs. */
async function body(children: Paragraph[]): Promise<string> {
  const compiler = (Packer as unknown as { compiler: { compile(doc: Document): Compiled } }).compiler;
  const xml = await compiler.compile(new Document({ sections: [{ children }] })).file("word/document.xml").async("string");
  return /<w:body>([\s\S]*?)<w:sectPr/.exec(xml)![1]!;
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 } as const;

/** The same paragraph as a docx object, built as docx.ts built its paragraphs before they were written as text. */
function docxParagraph(text: string, look: ParagraphLook): Paragraph {
  const options: IParagraphOptions = {
    spacing: look.spacing,
    ...(look.heading !== undefined ? { heading: HEADINGS[look.heading] } : {}),
    ...(look.keepNext ? { keepNext: true } : {}),
    ...(look.align !== undefined ? { alignment: look.align === "both" ? AlignmentType.JUSTIFIED : AlignmentType.CENTER } : {}),
    children: [new TextRun({ text, font: FONT, size: look.size ?? BODY, ...(look.bold ? { bold: true } : {}), ...(look.italics ? { italics: true } : {}) })],
  };
  return new Paragraph(options);
}

/** Every look docx.ts uses (title, section title, headings, drafted text, table caption, source line, note, figure caption), and spacing left empty or given alone. */
const LOOKS: Record<string, ParagraphLook> = {
  title: { heading: 1, align: "center", bold: true, size: 28, spacing: { after: 240 } },
  section: { heading: 2, bold: true, size: 24, keepNext: true, spacing: { before: 240, after: 120 } },
  heading3: { heading: 3, bold: true, keepNext: true, spacing: { before: 200, after: 100 } },
  heading4: { heading: 4, bold: true, keepNext: true, spacing: { before: 200, after: 100 } },
  text: { align: "both", spacing: BODY_SPACING },
  caption: { bold: true, align: "center", keepNext: true, spacing: { before: 200, after: 80 } },
  source: { italics: true, size: 18, spacing: { before: 60, after: 120 } },
  note: { italics: true, size: 18, spacing: BODY_SPACING },
  figureCaption: { bold: true, align: "center", size: 20, spacing: BODY_SPACING },
  bare: { spacing: {} },
  lineOnly: { spacing: { line: 300 } },
};

describe("paragraphs written as text", () => {
  const text = `Capaian 107,64% & "Sangat Tinggi" <melebihi> target 'IKU 1'  `;
  for (const [name, look] of Object.entries(LOOKS)) {
    it(`${name}: as docx writes it`, async () => {
      expect(paragraphXml(text, look)).toBe(await body([docxParagraph(text, look)]));
    });
  }

  it("escapes what XML reserves, keeps spaces", () => {
    expect(paragraphXml(" a<b>&'\" ", { spacing: {} })).toContain('<w:t xml:space="preserve"> a&lt;b&gt;&amp;&apos;&quot; </w:t>');
  });
});
