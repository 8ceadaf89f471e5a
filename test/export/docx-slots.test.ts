/**
 * The places docx leaves for text and chart images (src/export/docx-slots.ts):
 * each text (a table, paragraphs) goes into its own place, and a place or a media file that docx did
 * not keep fails the export instead of leaving a placeholder in the file.
 */
import { createHash } from "node:crypto";
import { Document, Packer, Paragraph } from "docx";
import { describe, expect, it } from "vitest";
import { DocxSlots } from "../../src/export/docx-slots.js";

type Compiled = { file(name: string): { async(type: "string"): Promise<string> } };

/** The body docx compiles for these paragraphs (as docx.ts's pack() compiles a document). */
async function body(...children: Paragraph[]): Promise<string> {
  const compiler = (Packer as unknown as { compiler: { compile(doc: Document): Compiled } }).compiler;
  const xml = await compiler.compile(new Document({ sections: [{ children }] })).file("word/document.xml").async("string");
  return /<w:body>([\s\S]*?)<w:sectPr/.exec(xml)![1]!;
}

describe("places for tables and images in docx's document", () => {
  it("writes each text (a table, paragraphs) into its own place", async () => {
    const slots = new DocxSlots();
    const first = slots.xml("<w:tbl>A</w:tbl>");
    const second = slots.xml("<w:tbl>B</w:tbl>");
    expect(slots.fillDocument(await body(second, new Paragraph("x"), first))).toBe('<w:tbl>B</w:tbl><w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p><w:tbl>A</w:tbl>');
  });

  it("fails when a text's place is missing, or belongs to another document", async () => {
    const slots = new DocxSlots();
    const place = await body(slots.xml("<w:tbl>A</w:tbl>"));
    slots.xml("<w:tbl>B</w:tbl>");
    expect(() => slots.fillDocument(`<w:body>${place}</w:body>`)).toThrow("docx: 1 of 2 text places found in document.xml");
    const other = new DocxSlots();
    other.xml("<w:tbl>C</w:tbl>");
    expect(() => other.fillDocument(`<w:body>${place}</w:body>`)).toThrow("docx: 0 of 1 text places found");
  });

  it("gives each image placeholder bytes of its own and the real image for the media file docx names after them", async () => {
    const slots = new DocxSlots();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const a = slots.image(png);
    const b = slots.image(Promise.resolve(png));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const path = (bytes: Uint8Array) => `word/media/${createHash("sha1").update(bytes).digest("hex")}.png`;
    expect(slots.media(path(a))).toBe(png);
    expect(await slots.media(path(b))).toBe(png);
    expect(slots.media("word/media/other.png")).toBeUndefined();
    expect(() => slots.checkMedia([path(a), path(b), "word/document.xml"])).not.toThrow();
    expect(() => slots.checkMedia([path(a)])).toThrow(`docx: media files not found: ${path(b)}`);
  });
});
