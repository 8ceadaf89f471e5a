/** Text files as officers' programs save them: UTF-8 with or without a byte-order mark, UTF-16 with one, Windows-1252. */
import { describe, expect, it } from "vitest";
import { decodeText, isUtf16 } from "../../src/import/decode-text.js";

const bytes = (...b: number[]) => new Uint8Array(b);

describe("decodeText", () => {
  it("reads UTF-8, dropping a byte-order mark", () => {
    expect(decodeText(new TextEncoder().encode("Capaian – 98,25%"))).toBe("Capaian – 98,25%");
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x41))).toBe("A");
  });

  it("reads UTF-16 by its byte-order mark, either byte order", () => {
    expect(isUtf16(bytes(0xff, 0xfe, 0x41, 0x00))).toBe(true);
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0x13, 0x20))).toBe("A–");
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x20, 0x13))).toBe("A–");
    expect(isUtf16(bytes(0x41, 0x00))).toBe(false);
  });

  it("reads what is not UTF-8 as Windows-1252, with its own characters in 0x80–0x9F (not Latin-1's control characters)", () => {
    expect(decodeText(bytes(0x80, 0x20, 0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x97, 0x20, 0x99, 0x20, 0x9f, 0x20, 0xe9))).toBe("€ “a” – — ™ Ÿ é");
    // Bytes Windows leaves unused stay what Latin-1 makes of them.
    expect(decodeText(bytes(0x81, 0x8d))).toBe("\u0081\u008d");
  });
});
