/**
 * A connection pool with transactions that nest: an update running inside
 * another (the audit archive written during an agency edit) joins the outer
 * transaction, so both commit or roll back together and never wait for a
 * second connection. Work to do after the commit (cache updates) is queued
 * and dropped on rollback.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

const NAMES = new Map<string, string>();

/**
 * A parameterised statement prepared once per connection: named by a hash of
 * its text, PostgreSQL parses and plans it the first time a connection runs
 * it and afterwards only binds and executes it (in the benchmark that halved
 * the database's CPU per answer). Every SQL text of this store is fixed (the
 * table names and the few variants are constants), so a connection holds a
 * few dozen of them at most. A connection pooler in front of PostgreSQL must
 * keep prepared statements per client (PgBouncer: session pooling, or
 * transaction pooling with `max_prepared_statements`, from 1.21).
 */
export function statement(text: string, values: unknown[]): pg.QueryConfig {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = `lkjip_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    NAMES.set(text, name);
  }
  return { name, text, values };
}

/**
 * A read sent with a transaction's first round trip, before anyone asked for
 * it (see `Db.tx`): `key` names the document ("users/42"), `version` is the
 * cached version the statement asked for changes since.
 */
export interface ReadAhead {
  key: string;
  version: string;
  query: pg.QueryConfig;
}

interface Transaction {
  client: pg.PoolClient;
  /** Reads sent ahead and not yet taken, by key. */
  ahead: Map<string, { version: string; result: Promise<pg.QueryResult> }>;
  afterCommit: (() => void)[];
  /** Whether a collection wrote data in this transaction. */
  wrote: boolean;
  /** Commit without waiting for the disk (see `commitWithoutFlush`). */
  noFlush: boolean;
  /** Inside `withoutLocks`: whether locks are refused now, and whether one was asked for. */
  lockFree: boolean;
  refused: boolean;
}

/** Thrown at a lock or a write asked for inside `withoutLocks`. */
class LockRefused extends Error {
  constructor() {
    super("no locks or writes here");
  }
}

/** What `withoutLocks` ran to: a value, an error, or a refused lock. */
export type LockFreeOutcome<R> = { value: R } | { error: unknown } | "refused";

export class Db {
  readonly pool: pg.Pool;
  private readonly current = new AsyncLocalStorage<Transaction>();

  constructor(connectionString: string, max = 10) {
    // Pipeline mode: statements sent before the previous ones are answered share their round trip (see `tx`).
    this.pool = new pg.Pool({ connectionString, max, pipeline: true } as pg.PoolConfig);
    // An idle client that loses its connection must not crash the process.
    this.pool.on("error", () => undefined);
  }

  /**
   * Run `fn` in a transaction (or in the one already running). `opening`, a
   * statement without parameters (values written in with `pg.escapeLiteral`
   * or as numbers), is sent together with BEGIN, in one round trip; `fn`
   * receives its result. `ahead`: reads `fn` will most likely make, sent
   * right behind the opening in the same round trip (the connection
   * pipelines them: each runs after the opening, so after any lock it takes,
   * with a snapshot of its own); `takeReadAhead` hands each out once.
   */
  async tx<R>(fn: (client: pg.PoolClient, opened?: pg.QueryResult) => Promise<R>, opening?: string, ahead: ReadAhead[] = []): Promise<R> {
    const outer = this.current.getStore();
    if (outer) {
      this.refuseIfLockFree(outer);
      return fn(outer.client, opening === undefined ? undefined : await outer.client.query(opening));
    }
    const client = await this.pool.connect();
    const t: Transaction = { client, ahead: new Map(), afterCommit: [], wrote: false, noFlush: false, lockFree: false, refused: false };
    try {
      // Corked, the statements leave in one write (pg corks each statement's messages; corks nest).
      const socket = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
      socket?.cork?.();
      let begun: Promise<unknown>;
      try {
        begun = client.query(opening === undefined ? "BEGIN" : `BEGIN; ${opening}`);
        for (const a of ahead) {
          const result = client.query(a.query);
          result.catch(() => undefined); // a read nobody takes may fail unobserved (its transaction then fails anyway)
          t.ahead.set(a.key, { version: a.version, result });
        }
      } finally {
        socket?.uncork?.();
      }
      const began = await begun;
      const opened = opening === undefined ? undefined : (began as unknown as pg.QueryResult[])[1];
      const result = await this.current.run(t, () => fn(client, opened));
      // One round trip either way.
      await client.query(t.noFlush ? "SET LOCAL synchronous_commit TO off; COMMIT" : "COMMIT");
      for (const f of t.afterCommit) f();
      return result;
    } catch (e) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  }

  /** A query on the current transaction's connection, or on any pooled one (with parameters: a prepared statement). */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    const t = this.current.getStore();
    const query = values.length > 0 ? statement(text, values) : text;
    return t ? t.client.query<Row>(query) : this.pool.query<Row>(query);
  }

  /**
   * Run `fn` in the current transaction, refusing every lock and write it
   * asks for (a nested transaction, an update of another document): the
   * first such request throws LockRefused inside `fn` and the outcome is
   * "refused", whatever `fn` then did with the error. For work done before
   * taking a row lock, which must not take other locks first (lock order).
   */
  async withoutLocks<R>(fn: () => R | Promise<R>): Promise<LockFreeOutcome<R>> {
    const t = this.current.getStore();
    if (!t) throw new Error("withoutLocks needs a transaction");
    t.lockFree = true;
    t.refused = false;
    let outcome: LockFreeOutcome<R>;
    try {
      outcome = { value: await fn() };
    } catch (error) {
      outcome = { error };
    } finally {
      t.lockFree = false;
    }
    return t.refused ? "refused" : outcome;
  }

  private refuseIfLockFree(t: Transaction): void {
    if (!t.lockFree) return;
    t.refused = true;
    throw new LockRefused();
  }

  /** Run `f` once the current transaction has committed (at once outside a transaction). */
  afterCommit(f: () => void): void {
    const t = this.current.getStore();
    if (t) t.afterCommit.push(f);
    else f();
  }

  /**
   * The read sent ahead for `key`, once, if it asked for changes since
   * `version` (the version cached now); otherwise undefined, and the caller
   * reads afresh.
   */
  takeReadAhead(key: string, version: string): Promise<pg.QueryResult> | undefined {
    const t = this.current.getStore();
    const ahead = t?.ahead.get(key);
    if (!ahead) return undefined;
    t!.ahead.delete(key);
    return ahead.version === version ? ahead.result : undefined;
  }

  /** Forget the read sent ahead for `key` (the transaction locks or writes that document: the read may be stale). */
  dropReadAhead(key: string): void {
    this.current.getStore()?.ahead.delete(key);
  }

  /** Note that data was written in the current transaction (see `wroteData`). */
  markWrite(): void {
    const t = this.current.getStore();
    if (t) t.wrote = true;
  }

  /**
   * Let the current transaction commit without waiting for its WAL to reach
   * the disk (`synchronous_commit` off for it alone): for transactions that
   * stored only bookkeeping whose loss in a crash is harmless.
   */
  commitWithoutFlush(): void {
    const t = this.current.getStore();
    if (t) t.noFlush = true;
  }

  /** Whether the current transaction wrote data (bookkeeping rows aside). */
  wroteData(): boolean {
    return this.current.getStore()?.wrote ?? false;
  }

  /** Serialise writers of one key across processes until the transaction ends. */
  async lock(client: pg.PoolClient, key: string): Promise<void> {
    const t = this.current.getStore();
    if (t) this.refuseIfLockFree(t);
    await client.query(statement("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
