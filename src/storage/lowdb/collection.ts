/**
 * A collection of JSON documents on lowdb: one file per document
 * (`<dir>/<id>.json`), one `Low` instance per file, an in-process lock around
 * every read-modify-write, zod validation on read and before write, and a
 * bounded cache of open documents. A file that fails to parse or validate is
 * reported as unavailable and never overwritten. Documents handed out by
 * `read` are shared and deeply frozen; `update` works on a private copy.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { Low } from "lowdb";
import { DataFile } from "lowdb/node";
import { KeyedMutex } from "../mutex.js";
import { DocumentUnavailable, type Change, type Collection } from "../repository.js";
import { checkDocumentId, nextDocument, privateCopy, storedDocument, type DocumentOptions } from "../stored-document.js";

interface Entry<T> {
  db: Low<T | null>;
  /** Validated content (undefined: the file does not exist yet). */
  doc: T | undefined;
}

export interface LowdbCollectionOptions<T> extends DocumentOptions<T> {
  dir: string;
  /** Called after every successful write (backups hook in here). */
  afterWrite?: (id: string, doc: T) => Promise<void> | void;
}

export class LowdbCollection<T> implements Collection<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly mutex = new KeyedMutex();
  private ready: Promise<void> | undefined;

  constructor(private readonly options: LowdbCollectionOptions<T>) {}

  get dir(): string {
    return this.options.dir;
  }

  path(id: string): string {
    checkDocumentId(id);
    return join(this.options.dir, `${id}.json`);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= mkdir(this.options.dir, { recursive: true }).then(() => undefined);
    return this.ready;
  }

  private async load(id: string): Promise<Entry<T>> {
    const cached = this.entries.get(id);
    if (cached) {
      // Refresh recency.
      this.entries.delete(id);
      this.entries.set(id, cached);
      return cached;
    }
    await this.ensureDir();
    // Compact JSON (lowdb's JSONFile indents): a third less to serialise and write on every answer.
    const db = new Low<T | null>(new DataFile<T | null>(this.path(id), { parse: JSON.parse, stringify: (data) => JSON.stringify(data) }), null);
    try {
      await db.read();
    } catch (e) {
      throw new DocumentUnavailable(this.options.name, id, e instanceof Error ? e.message : String(e));
    }
    let doc: T | undefined;
    if (db.data !== null) {
      doc = storedDocument(this.options, id, db.data);
      db.data = doc;
    }
    const entry = { db, doc };
    this.entries.set(id, entry);
    this.evict();
    return entry;
  }

  private evict(): void {
    const max = this.options.cacheSize ?? 1000;
    if (this.entries.size <= max) return;
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      if (!this.mutex.isLocked(key)) this.entries.delete(key);
    }
  }

  async read(id: string): Promise<T | undefined> {
    this.path(id);
    const cached = this.entries.get(id);
    if (cached && !this.mutex.isLocked(id)) return cached.doc;
    return this.mutex.run(id, async () => (await this.load(id)).doc);
  }

  async update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    this.path(id);
    return this.mutex.run(id, async () => {
      const entry = await this.load(id);
      const change = await fn(entry.doc === undefined ? undefined : privateCopy(this.options, entry.doc));
      if (change.next === undefined) return change.result;
      const valid = nextDocument(this.options, change.next);
      const previous = entry.db.data;
      entry.db.data = valid;
      try {
        await entry.db.write();
      } catch (e) {
        entry.db.data = previous;
        throw e;
      }
      entry.doc = valid;
      await this.options.afterWrite?.(id, valid);
      return change.result;
    });
  }

  async list(): Promise<string[]> {
    await this.ensureDir();
    const names = await readdir(this.options.dir);
    return names.filter((n) => n.endsWith(".json") && !n.startsWith(".")).map((n) => n.slice(0, -5)).sort();
  }

  /** Forget the cached copy (e.g. after a file was restored from a backup). */
  forget(id: string): Promise<void> {
    return this.mutex.run(id, async () => {
      this.entries.delete(id);
    });
  }

  /** Run `fn` while holding this document's lock (used for backups and restores). */
  withLock<R>(id: string, fn: () => Promise<R>): Promise<R> {
    return this.mutex.run(id, fn);
  }
}
