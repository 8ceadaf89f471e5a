/**
 * A ZIP archive (the container of .docx files) written with Node's own zlib:
 * the entries are compressed on libuv's thread pool, in parallel and off the
 * main thread, where the docx package's bundled JavaScript deflate took about
 * 80 ms of the bot's main thread per BAB III; on the bot's export thread, on
 * that thread (thread-pool-use.ts). Entries that are compressed already (PNG
 * images) are stored as they are.
 *
 * Format: PKWARE APPNOTE 6.3 (local headers, data, central directory, end
 * record); no ZIP64, so an archive is limited to 4 GB and 65,535 entries.
 */
import { promisify } from "node:util";
import { crc32, deflateRaw, deflateRawSync } from "node:zlib";
import { ON_LIBUV_POOL } from "./thread-pool-use.js";

const deflate = promisify(deflateRaw);

export interface ZipEntry {
  /** Path inside the archive, "/"-separated, e.g. "word/document.xml". */
  path: string;
  data: Uint8Array;
  /** false for data that is compressed already (images): stored as is. */
  compress: boolean;
}

const STORED = 0;
const DEFLATED = 8;
/** 1980-01-01 00:00, the earliest date ZIP can hold: the archive's bytes depend on its content only. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8 = 1 << 11;

interface Packed {
  name: Buffer;
  method: number;
  crc: number;
  size: number;
  body: Uint8Array;
}

async function pack(entry: ZipEntry): Promise<Packed> {
  const name = Buffer.from(entry.path, "utf8");
  const crc = crc32(entry.data);
  if (!entry.compress) return { name, method: STORED, crc, size: entry.data.length, body: entry.data };
  const body = ON_LIBUV_POOL ? await deflate(entry.data) : deflateRawSync(entry.data);
  // Data that does not shrink is stored, as every zip tool does.
  return body.length < entry.data.length ? { name, method: DEFLATED, crc, size: entry.data.length, body } : { name, method: STORED, crc, size: entry.data.length, body: entry.data };
}

/** The fields a local header and a central directory entry share, from "version needed" to "extra field length". */
function common(header: Buffer, at: number, p: Packed): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(UTF8, at + 2);
  header.writeUInt16LE(p.method, at + 4);
  header.writeUInt16LE(DOS_TIME, at + 6);
  header.writeUInt16LE(DOS_DATE, at + 8);
  header.writeUInt32LE(p.crc, at + 10);
  header.writeUInt32LE(p.body.length, at + 14);
  header.writeUInt32LE(p.size, at + 18);
  header.writeUInt16LE(p.name.length, at + 22);
  header.writeUInt16LE(0, at + 24); // extra field length
}

export async function zip(entries: readonly ZipEntry[]): Promise<Uint8Array> {
  if (entries.length > 0xffff) throw new RangeError(`too many entries for a ZIP without ZIP64: ${entries.length}`);
  const packed = await Promise.all(entries.map(pack));
  const chunks: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of packed) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4, p);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    common(entry, 6, p);
    // comment length, disk number, internal and external attributes: 0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, p.name);
    chunks.push(local, p.name, p.body);
    offset += local.length + p.name.length + p.body.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  if (offset + centralSize > 0xffffffff) throw new RangeError("archive larger than 4 GB");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(packed.length, 8);
  end.writeUInt16LE(packed.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}
