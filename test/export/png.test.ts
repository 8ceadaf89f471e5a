/**
 * The PNG encoder: chunks with valid CRCs, unfiltered rows of straight RGBA
 * (premultiplied input un-multiplied), read back by a real decoder (resvg
 * drawing the PNG inside an SVG), and a chart's PNG the same picture as
 * resvg's own encoder makes.
 */
import { inflateSync, crc32 } from "node:zlib";
import { Resvg, renderAsync } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/export/png.js";
import { DEFAULT_FONT, FONT_FILES, toPng } from "../../src/export/charts.js";

interface Chunk {
  type: string;
  data: Buffer;
}

function chunks(png: Uint8Array): Chunk[] {
  const b = Buffer.from(png);
  expect([...b.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const out: Chunk[] = [];
  for (let at = 8; at < b.length; ) {
    const length = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    const data = b.subarray(at + 8, at + 8 + length);
    expect(b.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(data, crc32(b.subarray(at + 4, at + 8))));
    out.push({ type, data });
    at += 12 + length;
  }
  return out;
}

/** Pixels as a real decoder sees them: the PNG drawn 1:1 by resvg (which returns premultiplied RGBA). */
function decodedByResvg(png: Uint8Array, width: number, height: number): number[] {
  const href = `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><image href="${href}" width="${width}" height="${height}" image-rendering="optimizeSpeed"/></svg>`;
  return [...new Resvg(svg).render().pixels];
}

describe("encodePng", () => {
  // 3 × 2: opaque red, green, blue; then half-transparent white (premultiplied 128,128,128,128), transparent, opaque grey.
  const premultiplied = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 128, 128, 128, 128, 0, 0, 0, 0, 90, 90, 90, 255]);

  it("writes IHDR, one IDAT of unfiltered straight-RGBA rows and IEND", async () => {
    const png = await encodePng(3, 2, premultiplied);
    const parts = chunks(png);
    expect(parts.map((c) => c.type)).toEqual(["IHDR", "IDAT", "IEND"]);
    expect([...parts[0]!.data]).toEqual([0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]);
    expect([...inflateSync(parts[1]!.data)]).toEqual([
      0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255,
      0, 255, 255, 255, 128, 0, 0, 0, 0, 90, 90, 90, 255,
    ]);
    expect(parts[2]!.data).toHaveLength(0);
  });

  it("is read back by a real decoder pixel for pixel", async () => {
    const opaque = Uint8Array.from({ length: 7 * 5 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
    expect(decodedByResvg(await encodePng(7, 5, opaque), 7, 5)).toEqual([...opaque]);
  });

  it("refuses a size that does not match the pixels", async () => {
    await expect(encodePng(3, 3, premultiplied)).rejects.toThrow("24 bytes for a 3×3 RGBA image");
    await expect(encodePng(0, 2, new Uint8Array(0))).rejects.toThrow("bad image size 0×2");
  });

  it("makes a chart the same picture as resvg's own encoder", async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="100%" height="100%" fill="#ffffff"/><rect x="5" y="5" width="60" height="20" fill="#2e7d32"/><text x="70" y="25" font-size="14">99,5%</text></svg>`;
    const chart = { svg, width: 120, height: 40, title: "t", texts: [] };
    const ours = await toPng(chart);
    const theirs = (await renderAsync(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: DEFAULT_FONT } })).asPng();
    expect(decodedByResvg(ours, 120, 40)).toEqual(decodedByResvg(theirs, 120, 40));
    expect(decodedByResvg(ours, 120, 40).filter((v, i) => i % 4 === 0 && v < 100).length).toBeGreaterThan(50); // the bar and the text are there
  });
});
