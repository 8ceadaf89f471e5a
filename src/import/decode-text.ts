/**
 * Bytes of a text file as officers' programs save it: UTF-8 (with or without a byte-order mark), UTF-16 with one, or
 * Windows' own code page (Excel's "CSV (Comma delimited)" on Windows: "–", "“…”" and "é" are single bytes there).
 */

/** Whether the bytes start with UTF-16's byte-order mark (Excel's "Unicode Text", Windows Notepad's "Unicode"). */
export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/**
 * The text: UTF-16 when it starts with that byte-order mark, UTF-8 when it is valid UTF-8, Windows-1252 otherwise
 * (not valid UTF-8: its bytes would otherwise become "�"); the mark itself is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/**
 * Windows-1252 by hand: Node 20's TextDecoder("windows-1252") decodes as Latin-1, giving control characters for
 * 0x80–0x9F, where Windows has "€", "–", "“", "”" … (the table of the WHATWG Encoding standard; its five unused
 * bytes stay the control characters Latin-1 gives them).
 */
const CP1252_80_9F = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

function windows1252(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  return text;
}
