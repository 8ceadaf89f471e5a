/**
 * The ZIP writer read back by JSZip with CRC checks: names (UTF-8 too),
 * contents, compressed and stored entries; the same entries give the same
 * bytes.
 */
import { randomBytes } from "node:crypto";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { zip, type ZipEntry } from "../../src/export/zip.js";

const text = (s: string) => new TextEncoder().encode(s);

/** The method byte of each local header, in order: 8 deflated, 0 stored. */
function methods(archive: Uint8Array): number[] {
  const b = Buffer.from(archive);
  const out: number[] = [];
  for (let at = 0; b.readUInt32LE(at) === 0x04034b50; ) {
    out.push(b.readUInt16LE(at + 8));
    at += 30 + b.readUInt16LE(at + 26) + b.readUInt32LE(at + 18);
  }
  return out;
}

describe("zip", () => {
  const noise = randomBytes(4096);
  const entries: ZipEntry[] = [
    { path: "[Content_Types].xml", data: text(`<?xml version="1.0"?>${"<Default/>".repeat(200)}`), compress: true },
    { path: "word/document.xml", data: text("<w:t>Capaian 107,64% — Sangat Tinggi</w:t>".repeat(500)), compress: true },
    { path: "word/media/grafik.png", data: noise, compress: false },
    { path: "acak.bin", data: noise, compress: true },
    { path: "kosong.txt", data: new Uint8Array(0), compress: true },
    { path: "dokumen/ringkasan-β.xml", data: text("ä ö ü ✓ ".repeat(20)), compress: true },
  ];

  it("is read back with every name, content and CRC", async () => {
    const read = await JSZip.loadAsync(await zip(entries), { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(entries.map((e) => e.path));
    for (const e of entries) expect(await read.file(e.path)!.async("uint8array"), e.path).toEqual(new Uint8Array(e.data));
  });

  it("deflates text, stores images and data that would not shrink", async () => {
    const archive = await zip(entries);
    expect(methods(archive)).toEqual([8, 8, 0, 0, 0, 8]);
    expect(archive.length).toBeLessThan(2 * noise.length + 2000); // the 20 KB of repeated text is a few hundred bytes
  });

  it("gives the same bytes for the same entries", async () => {
    expect(Buffer.from(await zip(entries)).equals(Buffer.from(await zip(entries)))).toBe(true);
  });

  it("writes an empty archive as the end record alone", async () => {
    const archive = await zip([]);
    expect([...archive]).toEqual([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect(Object.keys((await JSZip.loadAsync(archive)).files)).toEqual([]);
  });
});
