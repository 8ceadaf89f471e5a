/**
 * A collection of JSON documents on lowdb: one file per document
 * (`<dir>/<id>.json`), one `Low` instance per file, an in-process lock around
 * every read-modify-write, zod validation on read and before write, and a
 * bounded cache of open documents (document-cache.ts). A small change is
 * appended to the document's journal (`<id>.jurnal`, see journal.ts) instead
 * of rewriting the whole file; the file is rewritten in full every
 * JOURNAL_MAX_CHANGES changes, for large changes, and by `flush` (on close).
 * A file that fails to parse or validate is reported as unavailable and never
 * overwritten. Documents handed out by `read` are shared and deeply frozen;
 * `update` works on a private copy. A cached document's journal is kept open
 * for its appends (at most OPEN_JOURNALS per collection, those appended to
 * most recently) and closed before it is replaced, when the document leaves
 * the cache, when another document's appends need its place, and on close.
 */
import { closeSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { DocumentFile, type TextFormat } from "./document-file.js";
import { makeFolder } from "./durable.js";
import { KeyedMutex } from "../mutex.js";
import { DocumentCache } from "../document-cache.js";
import { DocumentUnavailable, type Change, type Collection } from "../repository.js";
import { checkDocumentId, nextDocument, privateCopy, storedDocument, type DocumentOptions } from "../stored-document.js";
import { migrate } from "../migrations.js";
import { apply, diff } from "../patch.js";
import { STORAGE_SCHEMA_VERSION } from "../documents.js";
import { appendToJournal, JOURNAL_MAX_BYTES, JOURNAL_MAX_CHANGES, JOURNAL_MAX_LINE, journalLine, journalPath, openJournal, readJournal, startJournal, textHash } from "./journal.js";

interface Entry<T> {
  id: string;
  /** The document file's path (`path(id)`, worked out once when the entry is made). */
  path: string;
  db: Low<T | null>;
  /** Validated content (undefined: the file does not exist yet). */
  doc: T | undefined;
  /** SHA-256 of the document file's text as last read or written (undefined: no file). */
  base: string | undefined;
  /** Changes in the journal on top of the file. */
  journalChanges: number;
  /** The journal file starts with this file's hash and ends with a whole line: the next change is appended to it (otherwise it starts a new journal). */
  journalReady: boolean;
  journalBytes: number;
  /** The journal cannot be appended to (its end was cut short, or an append failed): rewrite the file next time. */
  rewrite: boolean;
  /** The journal kept open for appending (see `openJournal`): closed before it is replaced, after a failed append, when the entry leaves the cache, when its place goes to another journal, and on close. */
  journalFd: number | undefined;
}

/**
 * Journals one collection keeps open at most. Beyond, the journal appended to least recently whose
 * document no update holds is closed to make room (or, when every one is held, an append opens and
 * closes its journal itself): the places go to the documents in use, not to the first ones appended
 * to. The users' collection caches four times as many documents as this (repository.ts).
 */
export const OPEN_JOURNALS = 64;

/**
 * How an entry's file is read and written: compact JSON (lowdb's JSONFile indents: a third less to
 * serialise and write), and the hash of the text read or written, which ties the journal to this
 * exact file content, kept in the entry. A class rather than an object of closures made for each
 * load: the TypeScript loader (tsx) names every named closure it creates with a property definition.
 */
class EntryFormat<T> implements TextFormat<T | null> {
  constructor(private readonly entry: Entry<T>) {}

  parse(text: string, sha256: string): T | null {
    this.entry.base = sha256;
    return JSON.parse(text) as T | null;
  }

  stringify(data: T | null): string {
    const text = JSON.stringify(data);
    this.entry.base = textHash(text);
    return text;
  }
}

export interface LowdbCollectionOptions<T> extends DocumentOptions<T> {
  dir: string;
  /** Journals kept open at most (default OPEN_JOURNALS). */
  openJournals?: number;
  /** Called after every successful write (backups hook in here). */
  afterWrite?: (id: string, doc: T) => Promise<void> | void;
}

export class LowdbCollection<T> implements Collection<T> {
  private readonly mutex = new KeyedMutex();
  /** Entries whose lock is held (an update at work) are never pushed out. */
  private readonly cache: DocumentCache<Entry<T>>;
  private ready: Promise<void> | undefined;
  /** The entries whose journal is kept open, by id, the one appended to least recently first. */
  private readonly openJournals = new Map<string, Entry<T>>();

  constructor(private readonly options: LowdbCollectionOptions<T>) {
    this.cache = new DocumentCache({
      capacity: options.cacheSize ?? 1000,
      pinned: (id) => this.mutex.isLocked(id),
      // Nothing uses an entry once it is out of the cache (it was not locked), but V8's young-generation
      // collections take whatever an old-generation object points to as alive, garbage or not: an entry that
      // has reached the old generation kept its last document alive until a full collection, and with it
      // moved there every agency loaded and let go (docs/benchmark.md, item 27).
      evicted: (_id, entry) => {
        entry.doc = undefined;
        entry.db.data = null;
        this.closeJournal(entry); // not locked, so no append is at work on it
      },
    });
  }

  get dir(): string {
    return this.options.dir;
  }

  path(id: string): string {
    checkDocumentId(id);
    return join(this.options.dir, `${id}.json`);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= makeFolder(this.options.dir);
    return this.ready;
  }

  private async load(id: string): Promise<Entry<T>> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    await this.ensureDir();
    const path = this.path(id);
    const entry: Entry<T> = { id, path, db: undefined as unknown as Low<T | null>, doc: undefined, base: undefined, journalChanges: 0, journalReady: false, journalBytes: 0, rewrite: false, journalFd: undefined };
    const file = new DocumentFile<T | null>(path, new EntryFormat(entry));
    entry.db = new Low<T | null>(file, null);
    try {
      await entry.db.read();
    } catch (e) {
      throw new DocumentUnavailable(this.options.name, id, e instanceof Error ? e.message : String(e));
    }
    if (entry.db.data !== null) {
      let raw: unknown = entry.db.data;
      let journal;
      try {
        journal = readJournal(journalPath(path), entry.base!);
      } catch (e) {
        throw new DocumentUnavailable(this.options.name, id, `jurnal: ${e instanceof Error ? e.message : String(e)}`);
      }
      try {
        // Journaled changes were made to the upgraded document: upgrade first, then replay them.
        raw = migrate(raw, this.options.migrations ?? {});
        // A file in an older shape is written back in the current one with the next change.
        entry.rewrite = raw !== entry.db.data || journal?.torn === true;
        for (const ops of journal?.changes ?? []) raw = apply(raw, ops);
      } catch (e) {
        throw new DocumentUnavailable(this.options.name, id, e instanceof Error ? e.message : String(e));
      }
      entry.journalChanges = journal?.changes.length ?? 0;
      entry.journalReady = journal !== undefined && !journal.torn;
      entry.journalBytes = journal?.bytes ?? 0;
      // A file and journal this program wrote (every hash matches) are not validated again.
      entry.doc = storedDocument(this.options, id, raw, journal?.checked === STORAGE_SCHEMA_VERSION && !journal.torn);
      entry.db.data = entry.doc;
    }
    this.cache.add(id, entry);
    return entry;
  }

  async read(id: string): Promise<T | undefined> {
    checkDocumentId(id);
    const cached = this.cache.peek(id);
    if (cached && !this.mutex.isLocked(id)) return cached.doc;
    return this.mutex.run(id, async () => (await this.load(id)).doc);
  }

  async update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    checkDocumentId(id);
    return this.mutex.run(id, async () => {
      const entry = await this.load(id);
      const change = await fn(entry.doc === undefined ? undefined : privateCopy(this.options, entry.doc));
      if (change.next === undefined) return change.result;
      const valid = nextDocument(this.options, change.next);
      await this.save(entry, valid);
      await this.options.afterWrite?.(id, valid);
      return change.result;
    });
  }

  /** Store `next`: appended to the journal when the change is small, otherwise the whole file. */
  private async save(entry: Entry<T>, next: T): Promise<void> {
    if (entry.doc !== undefined && entry.base !== undefined && !entry.rewrite && entry.journalChanges < JOURNAL_MAX_CHANGES) {
      const ops = diff(entry.doc, next);
      if (ops.length === 0) {
        entry.doc = next;
        entry.db.data = next;
        return;
      }
      const line = journalLine(ops);
      if (line.length <= JOURNAL_MAX_LINE && entry.journalBytes + line.length <= JOURNAL_MAX_BYTES) {
        try {
          const journal = journalPath(entry.path);
          if (entry.journalReady) await appendToJournal(journal, line, this.keptOpen(entry, journal));
          else {
            await startJournal(journal, entry.base, STORAGE_SCHEMA_VERSION, line);
            entry.journalReady = true;
          }
        } catch (e) {
          entry.rewrite = true; // part of the line may be in the journal: never append after it
          this.closeJournal(entry);
          throw e;
        }
        entry.journalChanges++;
        entry.journalBytes += line.length + 1;
        entry.doc = next;
        entry.db.data = next;
        return;
      }
    }
    await this.rewrite(entry, next);
  }

  /** Write the whole document, then start an empty journal on it (which also marks the text as validated). */
  private async rewrite(entry: Entry<T>, next: T): Promise<void> {
    const previous = { data: entry.db.data, base: entry.base };
    entry.db.data = next;
    try {
      await entry.db.write();
    } catch (e) {
      entry.db.data = previous.data;
      entry.base = previous.base;
      throw e;
    }
    entry.doc = next;
    // From here the old journal's base no longer matches the file: were the new one lost, it would be ignored
    // (and the file validated in full when read).
    entry.journalChanges = 0;
    entry.journalBytes = 0;
    entry.journalReady = false;
    entry.rewrite = false;
    this.closeJournal(entry); // the journal is about to be replaced
    await startJournal(journalPath(entry.path), entry.base!, STORAGE_SCHEMA_VERSION).then(
      () => (entry.journalReady = true),
      () => undefined,
    );
  }

  /**
   * The entry's journal, kept open from its first append (undefined: open it for this append alone, when
   * every place is taken by a journal whose document an update holds). Called with the entry's lock held.
   */
  private keptOpen(entry: Entry<T>, journal: string): number | undefined {
    if (entry.journalFd !== undefined) {
      // Appended to most recently: last in line to give up its place.
      this.openJournals.delete(entry.id);
      this.openJournals.set(entry.id, entry);
      return entry.journalFd;
    }
    if (this.openJournals.size >= (this.options.openJournals ?? OPEN_JOURNALS) && !this.closeLeastRecent()) return undefined;
    entry.journalFd = openJournal(journal);
    this.openJournals.set(entry.id, entry);
    return entry.journalFd;
  }

  /** Close the journal appended to least recently whose document is not locked (so no append is at work through it). */
  private closeLeastRecent(): boolean {
    for (const [id, entry] of this.openJournals) {
      if (this.mutex.isLocked(id)) continue;
      this.closeJournal(entry);
      return true;
    }
    return false;
  }

  private closeJournal(entry: Entry<T>): void {
    if (entry.journalFd === undefined) return;
    const fd = entry.journalFd;
    entry.journalFd = undefined;
    this.openJournals.delete(entry.id);
    try {
      closeSync(fd);
    } catch {
      // Every append through it has resolved, so its lines are on the disk already; nothing else is lost.
    }
  }

  /** Close the journals kept open (on close, after `flush`); a later append opens its journal again. */
  async closeJournals(): Promise<void> {
    for (const [id, entry] of [...this.openJournals]) {
      await this.mutex.run(id, async () => this.closeJournal(entry));
    }
  }

  /** Rewrite every cached document whose journal holds changes, so each file holds its whole document (on close). */
  async flush(): Promise<void> {
    for (const [id, entry] of [...this.cache.entries()]) {
      if (entry.journalChanges === 0 && !entry.rewrite) continue;
      await this.mutex.run(id, async () => {
        if (this.cache.peek(id) === entry && entry.doc !== undefined && (entry.journalChanges > 0 || entry.rewrite)) await this.rewrite(entry, entry.doc);
      });
    }
  }

  async list(): Promise<string[]> {
    await this.ensureDir();
    const names = await readdir(this.options.dir);
    return names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).map((n) => n.slice(0, -5)).sort();
  }

  /**
   * Run `fn`, which replaces this document's files (a restore from a backup), while holding the document's
   * lock. The cached copy is forgotten first, inside the lock: an update that waits for the lock meanwhile
   * then reads the files `fn` leaves, not the copy they replaced (nor appends to a journal `fn` removed).
   */
  replaceFiles<R>(id: string, fn: () => Promise<R>): Promise<R> {
    checkDocumentId(id);
    return this.mutex.run(id, async () => {
      const entry = this.cache.peek(id);
      if (entry) this.closeJournal(entry);
      this.cache.delete(id);
      return fn();
    });
  }
}
