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

interface Transaction {
  client: pg.PoolClient;
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
    this.pool = new pg.Pool({ connectionString, max });
    // An idle client that loses its connection must not crash the process.
    this.pool.on("error", () => undefined);
  }

  /**
   * Run `fn` in a transaction (or in the one already running). `opening`, a
   * statement without parameters (values written in with `pg.escapeLiteral`
   * or as numbers), is sent together with BEGIN, in one round trip; `fn`
   * receives its result.
   */
  async tx<R>(fn: (client: pg.PoolClient, opened?: pg.QueryResult) => Promise<R>, opening?: string): Promise<R> {
    const outer = this.current.getStore();
    if (outer) {
      this.refuseIfLockFree(outer);
      return fn(outer.client, opening === undefined ? undefined : await outer.client.query(opening));
    }
    const client = await this.pool.connect();
    const t: Transaction = { client, afterCommit: [], wrote: false, noFlush: false, lockFree: false, refused: false };
    try {
      let opened: pg.QueryResult | undefined;
      if (opening === undefined) await client.query("BEGIN");
      else opened = ((await client.query(`BEGIN; ${opening}`)) as unknown as pg.QueryResult[])[1];
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
