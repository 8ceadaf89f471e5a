/**
 * A collection of JSON documents in PostgreSQL: one row per document (JSONB)
 * with a version column. With a changes table, a small change (an answer) is
 * stored as one row of patch operations (storage/patch.ts) on top of the
 * document instead of writing the whole document again; every
 * JOURNAL_MAX_CHANGES changes, and for large ones, the document is written in
 * full and its change rows deleted, in the same transaction. Updates run in a transaction holding the
 * document's row lock (see lockRow), so writers in different processes take turns and
 * never lose each other's writes; within a process a lock per document keeps
 * them from waiting on the database. An update of a cached document is
 * written over the cached version without the lock, its statement sent with
 * the transaction's COMMIT (Db.writeBehind). Reads ask only for the version when the
 * cached copy is current, so an unchanged document is neither transferred nor
 * validated again. Documents are validated with zod on read and before write;
 * one that does not validate is reported unavailable and never overwritten.
 */
import { KeyedMutex } from "../mutex.js";
import type { Change, Collection } from "../repository.js";
import { checkDocumentId, nextDocument, privateCopy, storedDocument, type DocumentOptions } from "../stored-document.js";
import { DocumentUnavailable } from "../repository.js";
import { migrate } from "../migrations.js";
import { apply, diff, type Op } from "../patch.js";
import { STORAGE_SCHEMA_VERSION } from "../documents.js";
import { JOURNAL_MAX_CHANGES, JOURNAL_MAX_LINE } from "../journal-limits.js";
import { behindResult, statement, type Db, type ReadAhead, type TxClient } from "./db.js";

export interface Cached<T> {
  version: string;
  doc: T;
  /** Change rows stored on top of the document row. */
  changes: number;
}

export interface PgCollectionOptions<T> extends DocumentOptions<T> {
  table: string;
  /** Table of change rows (document id, version, operations as JSON text); absent: every write stores the whole document. */
  changesTable?: string;
  /** More writes in the same transaction (memberships, backups). */
  afterWrite?: (client: TxClient, id: string, doc: T, previous: T | undefined) => Promise<void>;
}

/**
 * SQL for a document row's `checked` value: the storage schema version it was
 * validated with (the parameter `version`), a colon, and the MD5 of the
 * document `doc` as PostgreSQL stores it.
 */
export const checkedSql = (doc: string, version: string): string => `${version} || ':' || md5(${doc}::text)`;

/** The version a conditional write over `version` gives the row (`version = version + 1`). */
export const nextVersion = (version: string): string => String(BigInt(version) + 1n);

export class PgCollection<T> implements Collection<T> {
  /**
   * The documents kept, least recently used out first. lowdb's 2Q cache
   * (DocumentCache) was tried here and not kept: PostgreSQL's benchmark runs
   * showed no gain from it, and with it PostgreSQL fell behind a fixed 250
   * answers/s in bursts of five in 3 of 5 runs, with this list in 1 of 4 runs
   * the same evening (docs/benchmark.md, item 30).
   */
  protected readonly cache = new Map<string, Cached<T>>();
  private readonly mutex = new KeyedMutex();

  constructor(
    protected readonly db: Db,
    protected readonly options: PgCollectionOptions<T>,
  ) {}

  protected checkId(id: string): void {
    checkDocumentId(id);
  }

  /**
   * $1 = id, $2 = cached version ("" when none): the version, and the
   * document (with its change rows) only when it changed. With a changes
   * table, the document comes as text (converted once: PostgreSQL's JSONB
   * output is its costliest part of a read), and `trusted` says whether the
   * row and its change rows are exactly what this program validated and
   * wrote (its `checked` value, see `saveRow`, matches the current schema
   * version and that text, and every change row its checksum).
   */
  protected selectSql(): string {
    const { table, changesTable } = this.options;
    if (!changesTable) return `SELECT d.version::text AS version, CASE WHEN d.version::text = $2 THEN NULL ELSE d.doc END AS doc FROM ${table} d WHERE d.id = $1`;
    const changed = (expression: string) => `CASE WHEN t.text IS NULL THEN NULL ELSE ${expression} END`;
    return `SELECT d.version::text AS version, t.text AS doc,
      ${changed(`(SELECT json_agg(c.ops ORDER BY c.version) FROM ${changesTable} c WHERE c.document_id = d.id)`)} AS changes,
      ${changed(
        `d.checked = ${checkedSql("t.text", `'${STORAGE_SCHEMA_VERSION}'`)}` +
          ` AND NOT EXISTS (SELECT 1 FROM ${changesTable} c WHERE c.document_id = d.id AND c.sum IS DISTINCT FROM md5(c.ops))`,
      )} AS trusted
      FROM ${table} d CROSS JOIN LATERAL (SELECT CASE WHEN d.version::text = $2 THEN NULL ELSE d.doc::text END AS text OFFSET 0) t
      WHERE d.id = $1`;
  }

  protected rowToRaw(row: Record<string, unknown>): unknown {
    return this.options.changesTable ? JSON.parse(row.doc as string) : row.doc;
  }

  /**
   * Write the document over version `expected` (undefined: a new document,
   * whose creation the caller holds the advisory lock of); returns its new
   * version, or undefined when the row is no longer at `expected`. With a
   * changes table the row also records, in `checked`, the storage schema
   * version it was validated with and the MD5 of its text as PostgreSQL
   * stores it: a row changed by hand (or written by an older version) no
   * longer matches and is validated in full when read.
   */
  protected async saveRow(client: TxClient, id: string, doc: T, _previous: T | undefined, expected: string | undefined): Promise<string | undefined> {
    const t = this.options.table;
    const over = `ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, version = ${t}.version + 1, updated_at = now()`;
    const r = await client.query<{ version: string }>(
      this.options.changesTable
        ? statement(
            `INSERT INTO ${t} (id, doc, checked) SELECT $1, x.doc, ${checkedSql("x.doc", "$4")} FROM (SELECT $2::jsonb AS doc) x
             ${over}, checked = EXCLUDED.checked WHERE ${t}.version = $3::bigint RETURNING version::text AS version`,
            [id, JSON.stringify(doc), expected ?? null, String(STORAGE_SCHEMA_VERSION)],
          )
        : statement(`INSERT INTO ${t} (id, doc) VALUES ($1, $2::jsonb) ${over} WHERE ${t}.version = $3::bigint RETURNING version::text AS version`, [id, JSON.stringify(doc), expected ?? null]),
    );
    return r.rows[0]?.version;
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

  /** The document's key in a transaction ("agencies/a1"): reads sent ahead, writes, conflicts. */
  protected documentKey(id: string): string {
    return `${this.options.table}/${id}`;
  }

  /** The statement `read(id)` would send now, to send ahead with a transaction's first round trip (Db.tx). */
  readAhead(id: string): ReadAhead {
    const version = this.cache.get(id)?.version ?? "";
    return { key: this.documentKey(id), version, query: statement(this.selectSql(), [id, version]) };
  }

  /**
   * The current committed document (or, inside a transaction, as that
   * transaction sees it). `ahead`: the read sent ahead for it may answer
   * instead (only for `read`: an update reads after taking the row lock).
   */
  protected async load(id: string, ahead = false): Promise<Cached<T> | undefined> {
    const cached = this.cache.get(id);
    const version = cached?.version ?? "";
    const r = (ahead ? await this.db.takeReadAhead(this.documentKey(id), version) : undefined) ?? (await this.db.query(this.selectSql(), [id, version]));
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) {
      this.cache.delete(id);
      return undefined;
    }
    if (row.doc === null && cached && row.version === cached.version) return cached;
    let raw = this.rowToRaw(row);
    const changes = (row.changes as string[] | null | undefined) ?? [];
    try {
      // The changes were made to the upgraded document: upgrade first, then replay them.
      if (changes.length > 0) raw = migrate(raw, this.options.migrations ?? {});
      for (const ops of changes) raw = apply(raw, JSON.parse(ops) as Op[]);
    } catch (e) {
      throw new DocumentUnavailable(this.options.name, id, `perubahan: ${e instanceof Error ? e.message : String(e)}`);
    }
    // A row validated with the current schema version and unchanged since, with change rows this program wrote, is not validated again.
    return { version: String(row.version), doc: storedDocument(this.options, id, raw, row.trusted === true), changes: changes.length };
  }

  /** The change from `current` to `next` as the text of a change row (a JSON array); "none" when nothing changed, "full" when the whole document must be written instead. */
  private changeText(current: Cached<T>, next: T): string | "none" | "full" {
    if (!this.options.changesTable || current.changes >= JOURNAL_MAX_CHANGES) return "full";
    const ops = diff(current.doc, next);
    if (ops.length === 0) return "none";
    const text = JSON.stringify(ops);
    return text.length > JOURNAL_MAX_LINE ? "full" : text;
  }

  /**
   * Store a small change as a change row on top of `current` (when the row
   * is still at its version); "full" when the whole document must be written
   * instead, undefined when the row changed since. `behind`: sent with the
   * transaction's next statement (Db.writeBehind), failing the transaction
   * when the row changed since.
   */
  private async saveChange(client: TxClient, id: string, next: T, current: Cached<T>, behind: boolean): Promise<Cached<T> | "full" | undefined> {
    const { table, changesTable } = this.options;
    const text = this.changeText(current, next);
    if (text === "full") return "full";
    if (text === "none") return { ...current, doc: next };
    const bump = `WITH v AS (UPDATE ${table} SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $3::bigint RETURNING version)`;
    if (behind) {
      this.db.writeBehind(
        statement(`${bump}, c AS (INSERT INTO ${changesTable} (document_id, version, ops, sum) SELECT $1, version, $2, md5($2) FROM v) ${behindResult("$4")}`, [id, text, current.version, this.documentKey(id)]),
        () => this.forget(id),
      );
      return { version: nextVersion(current.version), doc: next, changes: current.changes + 1 };
    }
    const r = await client.query<{ version: string }>(
      statement(`${bump} INSERT INTO ${changesTable} (document_id, version, ops, sum) SELECT $1, version, $2, md5($2) FROM v RETURNING version::text AS version`, [id, text, current.version]),
    );
    const version = r.rows[0]?.version;
    return version === undefined ? undefined : { version, doc: next, changes: current.changes + 1 };
  }

  /**
   * Write the whole document over `current` with the transaction's next
   * statement (Db.writeBehind), failing the transaction when the row changed
   * since; false when this collection cannot (then it is written at once).
   */
  protected saveRowBehind(_id: string, _doc: T, _current: Cached<T>): boolean {
    return false;
  }

  /**
   * Validate and write `next`, computed from `current` (undefined: a new
   * document), with the writes that go with it; undefined when the row is no
   * longer at `current`'s version (nothing was written then). `behind`: the
   * write may go with the transaction's next statement (see saveChange).
   */
  private async write(client: TxClient, id: string, next: T, current: Cached<T> | undefined, behind = false): Promise<true | undefined> {
    const valid = nextDocument(this.options, next);
    this.db.markWrite(this.documentKey(id));
    this.db.dropReadAhead(this.documentKey(id));
    let saved = current ? await this.saveChange(client, id, valid, current, behind) : "full";
    if (saved === undefined) return undefined;
    if (saved === "full" && behind && current && this.saveRowBehind(id, valid, current)) saved = { version: nextVersion(current.version), doc: valid, changes: 0 };
    if (saved === "full") {
      const version = await this.saveRow(client, id, valid, current?.doc, current?.version);
      if (version === undefined) return undefined;
      // The whole document now holds every change.
      if (this.options.changesTable && current?.changes !== 0) await client.query(statement(`DELETE FROM ${this.options.changesTable} WHERE document_id = $1`, [id]));
      saved = { version, doc: valid, changes: 0 };
    }
    await this.options.afterWrite?.(client, id, valid, current?.doc);
    const entry = saved;
    this.db.afterCommit(() => this.remember(id, entry));
    return true;
  }

  /**
   * Lock the document's row until the transaction ends (SELECT … FOR UPDATE,
   * which waits for a writer holding it and then returns the version that
   * writer committed); undefined when there is no row yet, in which case
   * writers creating it take turns on an advisory lock of the id and look
   * again. Every writer of an existing row holds its row lock, so none reads
   * a version another is about to replace.
   */
  async lockRow(client: TxClient, id: string): Promise<string | undefined> {
    this.db.dropReadAhead(this.documentKey(id));
    const sql = `SELECT version::text AS version FROM ${this.options.table} WHERE id = $1 FOR UPDATE`;
    let r = await client.query<{ version: string }>(statement(sql, [id]));
    if (r.rows.length === 0) {
      await this.db.lock(client, `${this.options.table}:${id}`);
      r = await client.query<{ version: string }>(statement(sql, [id]));
    }
    return r.rows[0]?.version;
  }

  async read(id: string): Promise<T | undefined> {
    this.checkId(id);
    const entry = await this.load(id, true);
    if (entry) {
      // Read before the transaction wrote it, the document is as committed: cached at once, so that an update
      // later in the same transaction builds on it without the row lock; otherwise only once committed.
      if (this.db.writtenHere(this.documentKey(id))) this.db.afterCommit(() => this.remember(id, entry));
      else this.remember(id, entry);
    }
    return entry?.doc;
  }

  /**
   * With a cached copy, `fn` first runs on it without the row lock (and may
   * take no other lock: see Db.withoutLocks), and its result is written only
   * if the row is still at the cached version: one statement instead of a
   * lock and a write, sent with the transaction's next statement or COMMIT
   * (Db.writeBehind; when the row has moved on by then, the whole transaction
   * runs again, writing at once). Otherwise, and whenever that fails, the row
   * is locked, `fn` runs (again) on the current document and its result is
   * written. A document already written in the transaction is updated under
   * the lock (the cached copy is behind the row).
   */
  async update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    this.checkId(id);
    return this.mutex.run(id, () =>
      this.db.tx(async (client) => {
        const cached = this.cache.get(id);
        // Written before in this transaction, the cached copy is behind the row: update under the lock.
        if (cached && !this.db.writtenHere(this.documentKey(id))) {
          const attempt = await this.db.withoutLocks(() => fn(privateCopy(this.options, cached.doc)));
          if (attempt !== "refused") {
            const change = "value" in attempt ? attempt.value : undefined;
            if (change?.next !== undefined) {
              if (await this.write(client, id, change.next, cached, this.db.mayWriteBehind())) return change.result;
            } else if ((await this.lockRow(client, id)) === cached.version) {
              // Nothing to write (or an error) on the current document: as under the lock.
              if ("error" in attempt) throw attempt.error;
              return change!.result;
            }
          }
        }
        return this.lockedUpdate(client, id, fn);
      }),
    );
  }

  private async lockedUpdate<R>(client: TxClient, id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    const version = await this.lockRow(client, id);
    const cached = this.cache.get(id);
    // Locked and unchanged since it was cached: no need to ask for it again.
    const current = version === undefined ? undefined : cached?.version === version ? cached : await this.load(id);
    const change = await fn(current === undefined ? undefined : privateCopy(this.options, current.doc));
    if (change.next === undefined) return change.result;
    // The row is locked at the version `current` was read at (or, new, under the advisory lock): the write succeeds.
    if (!(await this.write(client, id, change.next, current))) throw new Error(`${this.options.name}/${id}: row changed under its lock`);
    return change.result;
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
