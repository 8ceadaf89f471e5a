import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { zipUncompressedSize } from "../../src/import/zip-size.js";
import { utf8, xlsx } from "../support/spreadsheets.js";

describe("declared unpacked size of a zip", () => {
  it("sums the uncompressed sizes of every entry, stored or deflated, with a comment after the directory", async () => {
    const zip = new JSZip();
    zip.file("a.xml", "x".repeat(100_000));
    zip.file("b/c.txt", "halo");
    zip.file("kosong.txt", "");
    for (const compression of ["STORE", "DEFLATE"] as const) {
      const bytes = await zip.generateAsync({ type: "uint8array", compression, comment: "komentar arsip" });
      expect(zipUncompressedSize(bytes)).toBe(100_004);
    }
  });

  it("reads a real workbook without unpacking it", async () => {
    const bytes = await xlsx([{ name: "PK", rows: [["Sasaran", "Indikator"], ["S", "I"]] }]);
    const size = zipUncompressedSize(bytes)!;
    expect(size).toBeGreaterThan(bytes.length);
    const unpacked = await JSZip.loadAsync(bytes);
    let total = 0;
    for (const f of Object.values(unpacked.files)) if (!f.dir) total += (await f.async("uint8array")).length;
    expect(size).toBe(total);
  });

  it("answers undefined for bytes that are not a zip or whose directory is cut off", async () => {
    expect(zipUncompressedSize(utf8("Sasaran;Indikator\n"))).toBeUndefined();
    expect(zipUncompressedSize(new Uint8Array(0))).toBeUndefined();
    const zip = new JSZip();
    zip.file("a.xml", "isi");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    // Point the end record at a directory offset past the end of the file.
    const broken = bytes.slice();
    new DataView(broken.buffer).setUint32(broken.length - 22 + 16, broken.length + 10, true);
    expect(zipUncompressedSize(broken)).toBeUndefined();
  });
});
