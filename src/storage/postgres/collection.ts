/**
 * A collection of JSON documents in PostgreSQL: one row per document (JSONB)
 * with a version column. Updates run in a transaction holding an advisory
 * lock on the document, so writers in different processes take turns and
 * never lose each other's writes; within a process a lock per document keeps
 * them from waiting on the database. Reads ask only for the version when the
 * cached copy is current, so an unchanged document is neither transferred nor
 * validated again. Documents are validated with zod on read and before write;
 * one that does not validate is reported unavailable and never overwritten.
 */
import type pg from "pg";
import { KeyedMutex } from "../mutex.js";
import type { Change, Collection } from "../repository.js";
import { checkDocumentId, nextDocument, privateCopy, storedDocument, type DocumentOptions } from "../stored-document.js";
import type { Db } from "./db.js";

export interface Cached<T> {
  version: string;
  doc: T;
}

export interface PgCollectionOptions<T> extends DocumentOptions<T> {
  table: string;
  /** More writes in the same transaction (memberships, backups). */
  afterWrite?: (client: pg.PoolClient, id: string, doc: T, previous: T | undefined) => Promise<void>;
}

export class PgCollection<T> implements Collection<T> {
  protected readonly cache = new Map<string, Cached<T>>();
  private readonly mutex = new KeyedMutex();

  constructor(
    protected readonly db: Db,
    protected readonly options: PgCollectionOptions<T>,
  ) {}

  protected checkId(id: string): void {
    checkDocumentId(id);
  }

  /** $1 = id, $2 = cached version ("" when none): the version, and the document only when it changed. */
  protected selectSql(): string {
    return `SELECT version::text AS version, CASE WHEN version::text = $2 THEN NULL ELSE doc END AS doc FROM ${this.options.table} WHERE id = $1`;
  }

  protected rowToRaw(row: Record<string, unknown>): unknown {
    return row.doc;
  }

  /** Write the document; returns its new version. */
  protected async saveRow(client: pg.PoolClient, id: string, doc: T, _previous: T | undefined): Promise<string> {
    const t = this.options.table;
    const r = await client.query<{ version: string }>(
      `INSERT INTO ${t} (id, doc) VALUES ($1, $2::jsonb)
       ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, version = ${t}.version + 1, updated_at = now()
       RETURNING version::text AS version`,
      [id, JSON.stringify(doc)],
    );
    return r.rows[0]!.version;
  }

  private remember(id: string, entry: Cached<T>): void {
    this.cache.delete(id);
    this.cache.set(id, entry);
    const max = this.options.cacheSize ?? 500;
    for (const key of this.cache.keys()) {
      if (this.cache.size <= max) break;
      this.cache.delete(key);
    }
  }

  /** The current committed document (or, inside a transaction, as that transaction sees it). */
  protected async load(id: string): Promise<Cached<T> | undefined> {
    const cached = this.cache.get(id);
    const r = await this.db.query(this.selectSql(), [id, cached?.version ?? ""]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) {
      this.cache.delete(id);
      return undefined;
    }
    if (row.doc === null && cached && row.version === cached.version) return cached;
    return { version: String(row.version), doc: storedDocument(this.options, id, this.rowToRaw(row)) };
  }

  async read(id: string): Promise<T | undefined> {
    this.checkId(id);
    const entry = await this.load(id);
    if (entry) this.db.afterCommit(() => this.remember(id, entry));
    return entry?.doc;
  }

  async update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    this.checkId(id);
    return this.mutex.run(id, () =>
      this.db.tx(async (client) => {
        await this.db.lock(client, `${this.options.table}:${id}`);
        const current = await this.load(id);
        const change = await fn(current === undefined ? undefined : privateCopy(this.options, current.doc));
        if (change.next === undefined) return change.result;
        const valid = nextDocument(this.options, change.next);
        this.db.markWrite();
        const version = await this.saveRow(client, id, valid, current?.doc);
        await this.options.afterWrite?.(client, id, valid, current?.doc);
        this.db.afterCommit(() => this.remember(id, { version, doc: valid }));
        return change.result;
      }),
    );
  }

  async list(): Promise<string[]> {
    const r = await this.db.query<{ id: string }>(`SELECT id FROM ${this.options.table} ORDER BY id`);
    return r.rows.map((row) => row.id);
  }

  /** Forget the cached copy (after a restore replaced the row). */
  forget(id: string): void {
    this.cache.delete(id);
  }
}
