/**
 * Daily rotating backups of agency files for the lowdb repository:
 * `<dir>/cadangan/<agencyId>/<YYYY-MM-DD>.json`, taken after the first
 * successful write of each day (of WIB: `backupDay`), the newest `keep` kept. The copy is written
 * in the background, one at a time, after the write that asked for it has
 * been answered: the answer is already stored, and a morning's burst of
 * first writes should neither wait for nor flood the disk with copies. A
 * copy that could not be written is tried again with the agency's next
 * write; reading the backups waits for the copies still being written.
 *
 * A queued copy is held as the text to write, made when it is queued (about
 * 0.2 ms for a 40-indicator agency; the copy made it before, and not when a
 * restarted process found the day's copy already written), not as the
 * document. Under load a copy waits behind others for longer than V8's young
 * collections take to come round, and a document held that long reaches the
 * old generation with everything indexed by it (the guided entry's
 * WeakMaps), where the text is one string of about 75 KB. With agencies
 * loaded at hundreds a second, the documents in the queue made the highest
 * RSS of the benchmark's cold closed loop (docs/benchmark.md, item 25).
 */
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { AgencyDocument } from "../documents.js";
import { backupDay, readBackup } from "../backup-document.js";
import { DocumentUnavailable, lastChangeOf, type BackupInfo, type Backups } from "../repository.js";
import type { LowdbCollection } from "./collection.js";
import { makeFolder, replaceDurably, syncFolder } from "./durable.js";
import { journalPath } from "./journal.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Copies waiting to be written at most. */
const MAX_QUEUED = 64;

/** A durable copy of the file at `from`, byte for byte, at `to`; nothing when there is no file. */
async function keepCopy(from: string, to: string): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(from);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  await replaceDurably(to, bytes);
}

export class LowdbBackups implements Backups {
  /** The day of the newest backup per agency, to avoid a disk check on every write. */
  private readonly lastDay = new Map<string, string>();

  constructor(
    private readonly dir: string,
    private readonly agencies: LowdbCollection<AgencyDocument>,
    private readonly keep = 7,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private folder(agencyId: string): string {
    this.agencies.path(agencyId); // validates the id
    return join(this.dir, agencyId);
  }

  /** Copies queued or being written, one after the other. */
  private writing: Promise<void> = Promise.resolve();
  private readonly queued = new Set<string>();

  /** Called after each successful write of an agency document (inside its lock): queues the day's copy if there is none yet. */
  afterWrite(agencyId: string, doc: AgencyDocument): void {
    const day = backupDay(this.now());
    if (this.lastDay.get(agencyId) === day) return; // the usual case: today's copy is there
    this.folder(agencyId); // validates the id
    const key = `${agencyId}/${day}`;
    // Beyond MAX_QUEUED (a disk that has stopped keeping up) no more copies are held in memory;
    // those agencies get theirs with their next write.
    if (this.queued.has(key) || this.queued.size >= MAX_QUEUED) return;
    const text = JSON.stringify(doc);
    this.queued.add(key);
    this.writing = this.writing
      // After the answers already waiting (the check phase follows timers and arrived requests): a copy is
      // background work and should not lengthen a busy stretch.
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.take(agencyId, day, text))
      // Not taken: lastDay stays behind, so the agency's next write tries again.
      .catch(() => undefined)
      .finally(() => this.queued.delete(key));
  }

  /** Resolves when every queued copy has been written (or given up). */
  idle(): Promise<void> {
    return this.writing;
  }

  /** Write `text` (the document as queued) as the day's copy, unless one exists, and drop the days beyond `keep`. */
  private async take(agencyId: string, day: string, text: string): Promise<void> {
    const folder = this.folder(agencyId);
    const path = join(folder, `${day}.json`);
    try {
      await stat(path);
      this.lastDay.set(agencyId, day);
      return; // today's copy exists
    } catch {
      // take it
    }
    await makeFolder(folder);
    await replaceDurably(path, text);
    const days = (await readdir(folder)).filter((n) => n.endsWith(".json") && DAY.test(n.slice(0, -5))).sort();
    for (const old of days.slice(0, Math.max(0, days.length - this.keep))) await rm(join(folder, old), { force: true });
    this.lastDay.set(agencyId, day);
  }

  private async load(agencyId: string, backupId: string): Promise<AgencyDocument | undefined> {
    if (!DAY.test(backupId)) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(join(this.folder(agencyId), `${backupId}.json`), "utf8"));
    } catch {
      return undefined;
    }
    return readBackup(raw);
  }

  async list(agencyId: string): Promise<BackupInfo[]> {
    await this.idle();
    let names: string[];
    try {
      names = await readdir(this.folder(agencyId));
    } catch {
      return [];
    }
    const ids = names.filter((n) => n.endsWith(".json") && DAY.test(n.slice(0, -5))).map((n) => n.slice(0, -5)).sort().reverse();
    const out: BackupInfo[] = [];
    for (const id of ids) {
      const info = await stat(join(this.folder(agencyId), `${id}.json`));
      const doc = await this.load(agencyId, id);
      out.push({ id, takenAt: info.mtime.toISOString(), valid: doc !== undefined, lastChange: lastChangeOf(doc) });
    }
    return out;
  }

  async read(agencyId: string, backupId: string): Promise<AgencyDocument | undefined> {
    await this.idle();
    return this.load(agencyId, backupId);
  }

  async restore(agencyId: string, backupId: string): Promise<AgencyDocument> {
    await this.idle();
    const doc = await this.load(agencyId, backupId);
    if (!doc) throw new DocumentUnavailable("cadangan", `${agencyId}/${backupId}`, "cadangan tidak ada atau tidak sah");
    const target = this.agencies.path(agencyId);
    await this.agencies.replaceFiles(agencyId, async () => {
      const stamp = this.now().toISOString().replace(/[:.]/g, "-");
      const folder = this.folder(agencyId);
      await makeFolder(folder);
      // Copies of what is there now (possibly the damaged file, and its journal) next to the backups, which
      // the daily rotation never removes. The agency's own files stay in place until the restored file replaces
      // them, so a restore that fails or is cut short by a crash leaves the agency as it was, or restored.
      await keepCopy(target, join(folder, `sebelum-pemulihan-${stamp}.json`));
      await keepCopy(journalPath(target), join(folder, `sebelum-pemulihan-${stamp}.jurnal`));
      await replaceDurably(target, JSON.stringify(doc));
      // The journal belonged to the replaced file: its base no longer matches, so it would be ignored; removed all the same.
      await rm(journalPath(target), { force: true });
      await syncFolder(dirname(target));
    });
    return doc;
  }
}
