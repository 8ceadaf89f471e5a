/**
 * The audit archive on lowdb: `<dir>/<agencyId>.log`, one checksummed line
 * per entry (see journal.ts), only ever appended to. Moving the oldest
 * entries out of an agency document appends them (one synchronous append of
 * a few dozen kilobytes), however long the archive has grown; the archive is
 * read (and validated) only for the audit trail and undo.
 *
 * The entries are appended, and synced to the disk, before the agency
 * document that drops them is written: were that write lost, the entries
 * are moved again later, and reading keeps each `seq` once. A line cut short
 * by a crash can only be the last; it is cut off before the next append and
 * ignored when read (its entries are still in the agency document). Any
 * other damaged line makes the archive unavailable rather than misread.
 *
 * Archives written by earlier versions as a document (`<agencyId>.json` with
 * its journal) are read first and never written again.
 */
import { closeSync, existsSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync } from "node:fs";
import { join } from "node:path";
import { AuditArchiveSchema, AuditEntrySchema, STORAGE_SCHEMA_VERSION, type AuditArchive, type AuditEntry } from "../documents.js";
import { deepFreeze } from "../freeze.js";
import { DocumentUnavailable, type AuditArchiveStore } from "../repository.js";
import { checkDocumentId } from "../stored-document.js";
import { LowdbCollection } from "./collection.js";
import { appendDurably, makeFolder } from "./durable.js";
import { checkedLine, readCheckedLine } from "./journal.js";

const NAME = "riwayat";

export class LowdbAuditLog implements AuditArchiveStore {
  /** Archives of earlier versions (one document per agency), read only. */
  private readonly legacy: LowdbCollection<AuditArchive>;
  private dirReady = false;

  constructor(private readonly dir: string) {
    this.legacy = new LowdbCollection({ dir, name: NAME, schema: AuditArchiveSchema, cacheSize: 1 });
  }

  path(agencyId: string): string {
    checkDocumentId(agencyId);
    return join(this.dir, `${agencyId}.log`);
  }

  async read(agencyId: string): Promise<AuditArchive | undefined> {
    const path = this.path(agencyId);
    const older = existsSync(this.legacy.path(agencyId)) ? await this.legacy.read(agencyId) : undefined;
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      text = "";
    }
    const lines = text.split("\n");
    lines.pop(); // the part after the last newline: empty, or a line cut short
    const seen = new Set<number>();
    const entries: AuditEntry[] = [];
    const add = (e: AuditEntry) => {
      if (seen.has(e.seq)) return;
      seen.add(e.seq);
      entries.push(e);
    };
    older?.entries.forEach(add);
    lines.forEach((line, i) => {
      let entry;
      try {
        entry = AuditEntrySchema.parse(readCheckedLine(line));
      } catch {
        throw new DocumentUnavailable(NAME, agencyId, `baris ${i + 1} rusak`);
      }
      add(entry);
    });
    if (entries.length === 0) return undefined;
    entries.sort((a, b) => a.seq - b.seq);
    return deepFreeze({ schemaVersion: STORAGE_SCHEMA_VERSION, agencyId, entries });
  }

  async append(agencyId: string, entries: readonly AuditEntry[]): Promise<void> {
    const path = this.path(agencyId);
    if (entries.length === 0) return;
    if (!this.dirReady) {
      await makeFolder(this.dir);
      this.dirReady = true;
    }
    cutTornLine(path);
    // On the disk before the agency document that drops them is written (durable.ts).
    await appendDurably(path, entries.map((e) => `${checkedLine(e)}\n`).join(""));
  }
}

/** Cut off a last line without its newline (an append a crash cut short), so the next append starts a line of its own. */
function cutTornLine(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, "r+");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  try {
    let end = fstatSync(fd).size;
    const chunk = Buffer.alloc(4096);
    // Scan back from the end to the last newline.
    for (let pos = end; pos > 0; ) {
      const start = Math.max(0, pos - chunk.length);
      const n = readSync(fd, chunk, 0, pos - start, start);
      const at = chunk.subarray(0, n).lastIndexOf(0x0a);
      if (at >= 0) {
        end = start + at + 1;
        break;
      }
      pos = start;
      end = 0;
    }
    if (end < fstatSync(fd).size) {
      ftruncateSync(fd, end);
      // Synced itself: the append after it syncs only what it writes (durable.ts). Rare: after a crash.
      fdatasyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
}
