/**
 * The total uncompressed size a .zip (an .xlsx, a .docx) declares in its central
 * directory, read without unpacking anything, so a small upload that would
 * expand to hundreds of megabytes is refused before exceljs loads it.
 * Returns undefined when the bytes are not a zip (the reader reports that),
 * Infinity for ZIP64 archives (which only a far too large workbook needs).
 */
const EOCD = 0x06054b50;
export const CENTRAL = 0x02014b50;

/** Where a zip's end-of-central-directory record starts, or -1 when the bytes are not a zip. */
export function endOfCentralDirectory(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record is 22 bytes plus a comment of at most 65,535 bytes.
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  return -1;
}

export function zipUncompressedSize(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = endOfCentralDirectory(bytes);
  if (eocd < 0) return undefined;
  const entries = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || offset === 0xffffffff) return Infinity;
  let total = 0;
  let p = offset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) return undefined;
    const size = view.getUint32(p + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return total;
}
