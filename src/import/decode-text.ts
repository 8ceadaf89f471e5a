/** Bytes of a text file as officers' programs save it: UTF-8 (with or without a byte-order mark), or UTF-16 with one. */

/** Whether the bytes start with UTF-16's byte-order mark (Excel's "Unicode Text", Windows Notepad's "Unicode"). */
export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** The text: UTF-16 when it starts with that byte-order mark, UTF-8 otherwise; the mark itself is dropped. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  return new TextDecoder("utf-8").decode(bytes);
}
