/**
 * Places the docx package leaves in its document for what this program
 * writes itself: tables, written as WordprocessingML text (docx-table.ts),
 * and chart images, which may still be rendering while docx compiles
 * everything else.
 *
 * - A table's place is a paragraph holding a text no officer's input can
 *   produce (a fresh random id); `fillDocument` replaces each such paragraph
 *   of the compiled document.xml with its table.
 * - An image is given to docx as a few placeholder bytes (docx names the
 *   media file after their SHA-1, computed in JavaScript on the main thread:
 *   about 10 ms for a 180 KB chart); `media` gives, for that file, the real
 *   image to store instead.
 */
import { createHash, randomUUID } from "node:crypto";
import { Paragraph, TextRun } from "docx";

export class DocxSlots {
  private readonly id = `lkjip-${randomUUID()}`;
  private readonly tables: string[] = [];
  private readonly images = new Map<string, Uint8Array | Promise<Uint8Array>>();

  /** The paragraph that holds the place of `tableXml` (a <w:tbl> element). */
  table(tableXml: string): Paragraph {
    this.tables.push(tableXml);
    return new Paragraph({ children: [new TextRun(`${this.id}-tabel-${this.tables.length - 1}`)] });
  }

  /** The bytes to give docx's ImageRun for `png` (type "png"). */
  image(png: Uint8Array | Promise<Uint8Array>): Uint8Array {
    const placeholder = Buffer.from(`${this.id}-gambar-${this.images.size}`);
    this.images.set(`word/media/${createHash("sha1").update(placeholder).digest("hex")}.png`, png);
    return placeholder;
  }

  /** document.xml with every table in its place; throws when a place is missing. */
  fillDocument(documentXml: string): string {
    let filled = 0;
    const pattern = new RegExp(`<w:p><w:r><w:t xml:space="preserve">${this.id}-tabel-(\\d+)</w:t></w:r></w:p>`, "g");
    const out = documentXml.replace(pattern, (_, n: string) => {
      filled++;
      return this.tables[Number(n)]!;
    });
    if (filled !== this.tables.length) throw new Error(`docx: ${filled} of ${this.tables.length} table places found in document.xml`);
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
