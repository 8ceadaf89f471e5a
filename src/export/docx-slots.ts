/**
 * Places the docx package leaves in its document for what this program
 * writes itself: tables and paragraphs, written as WordprocessingML text
 * (docx-table.ts, docx-paragraph.ts), and chart images, which may still be
 * rendering while docx compiles everything else.
 *
 * - A place for text is a paragraph holding a text no officer's input can
 *   produce (a fresh random id); `fillDocument` replaces each such paragraph
 *   of the compiled document.xml with its text (a table, paragraphs, or
 *   both: a caption, its table and the source line under it).
 * - An image is given to docx as a few placeholder bytes (docx names the
 *   media file after their SHA-1, computed in JavaScript on the main thread:
 *   about 10 ms for a 180 KB chart); `media` gives, for that file, the real
 *   image to store instead.
 */
import { createHash, randomUUID } from "node:crypto";
import { Paragraph, TextRun } from "docx";

export class DocxSlots {
  private readonly id = `lkjip-${randomUUID()}`;
  private readonly texts: string[] = [];
  private readonly images = new Map<string, Uint8Array | Promise<Uint8Array>>();

  /** The paragraph that holds the place of `xml` (block elements: <w:tbl>, <w:p>). */
  xml(xml: string): Paragraph {
    this.texts.push(xml);
    return new Paragraph({ children: [new TextRun(`${this.id}-teks-${this.texts.length - 1}`)] });
  }

  /** The bytes to give docx's ImageRun for `png` (type "png"). */
  image(png: Uint8Array | Promise<Uint8Array>): Uint8Array {
    const placeholder = Buffer.from(`${this.id}-gambar-${this.images.size}`);
    this.images.set(`word/media/${createHash("sha1").update(placeholder).digest("hex")}.png`, png);
    return placeholder;
  }

  /** document.xml with every text in its place; throws when a place is missing. */
  fillDocument(documentXml: string): string {
    let filled = 0;
    const pattern = new RegExp(`<w:p><w:r><w:t xml:space="preserve">${this.id}-teks-(\\d+)</w:t></w:r></w:p>`, "g");
    const out = documentXml.replace(pattern, (_, n: string) => {
      filled++;
      return this.texts[Number(n)]!;
    });
    if (filled !== this.texts.length) throw new Error(`docx: ${filled} of ${this.texts.length} text places found in document.xml`);
    return out;
  }

  /** The image to store as the media file at `path` (undefined: docx's own file). */
  media(path: string): Uint8Array | Promise<Uint8Array> | undefined {
    return this.images.get(path);
  }

  /** Throws unless every image has its media file among `paths`. */
  checkMedia(paths: string[]): void {
    const missing = [...this.images.keys()].filter((p) => !paths.includes(p));
    if (missing.length > 0) throw new Error(`docx: media files not found: ${missing.join(", ")}`);
  }
}
