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
import { StorageUnreachable } from "../repository.js";

/**
 * How long the bot waits for the database. Without bounds, a database that
 * stops answering (a network that drops its packets, a server that froze)
 * holds each update, its officer's lock and a connection until TCP gives up,
 * a quarter of an hour later, and the whole bot once every connection is
 * held. With them, such an update fails and its officer is told so within
 * seconds (`StorageUnreachable`).
 */
export interface DbTimeouts {
  /** A connection (or a free one of the pool) not had within this many milliseconds fails. */
  connectMs: number;
  /** A statement not answered within this many milliseconds fails, and its connection is closed. */
  queryMs: number;
  /**
   * The server ends a session that stays this long inside a transaction without a statement: the session
   * of a bot process that vanished mid-transaction, whose locks would otherwise wait for TCP to give up.
   * Longer than anything the bot does between two statements of an update (a file's download and import).
   */
  idleInTransactionMs: number;
}

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = { connectMs: 10_000, queryMs: 30_000, idleInTransactionMs: 60_000 };

/**
 * Whether the client's connection is closed or closing: after an error event (pg then marks it not
 * queryable), or when pg closed it itself (a statement that timed out on a pipelined connection: the
 * statement fails first, its socket is destroyed at once, the error event follows later).
 */
function closed(client: pg.PoolClient): boolean {
  const c = client as unknown as { _queryable?: boolean; connection?: { stream?: { destroyed?: boolean } } };
  return c._queryable === false || c.connection?.stream?.destroyed === true;
}

/** Whether `e`, the error of a statement, says the connection is gone (SQLSTATE class 08, or the server shutting down: 57P01–57P03). */
function connectionFailure(e: unknown): boolean {
  const code = e instanceof pg.DatabaseError ? e.code : undefined;
  return code !== undefined && (code.startsWith("08") || code.startsWith("57P"));
}

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

/** The connection of a transaction, as collections use it: statements go through the transaction (see `writeBehind`). */
export type TxClient = Pick<pg.PoolClient, "query">;

/**
 * A statement written behind (see `Db.writeBehind`) ends with this, its
 * conditional write being the CTE `v`: it returns the new `version`, or null
 * when `v` found no row at the expected version, and then marks the
 * transaction (a transaction-local setting) so that the check sent with
 * COMMIT fails it. `key` is a parameter reference naming the document.
 */
export const behindResult = (key: string): string =>
  `SELECT (SELECT version FROM v)::text AS version, CASE WHEN NOT EXISTS (SELECT 1 FROM v) THEN set_config('lkjip.conflict', ${key}, true) END AS missed`;

/** The check sent with COMMIT after writes sent behind: fails the transaction (SQLSTATE 40001) when one of them found its row moved on. */
export const CHECK_FUNCTION = `CREATE OR REPLACE FUNCTION lkjip_check_conflicts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('lkjip.conflict', true), '') <> '' THEN
    RAISE EXCEPTION 'version conflict: %', current_setting('lkjip.conflict') USING ERRCODE = '40001';
  END IF;
END $$;`;

interface Behind {
  query: pg.QueryConfig;
  /** Called when the write found its row moved on (the caller forgets its cached copy). */
  onConflict: () => void;
  result?: Promise<pg.QueryResult>;
}

interface Transaction {
  client: pg.PoolClient;
  /** The connection as `fn` gets it: every statement first sends the writes waiting behind. */
  sender: TxClient;
  /** Reads sent ahead and not yet taken, by key. */
  ahead: Map<string, { version: string; result: Promise<pg.QueryResult> }>;
  /** Writes sent behind, in order; those without a result wait for the next statement. */
  behind: Behind[];
  /** Documents written in this transaction ("agencies/a1"). */
  written: Set<string>;
  /** Whether writes may be sent behind: not once a transaction met a conflict (its next attempt writes at once). */
  behindAllowed: boolean;
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
  /** Connections a transaction has run on before (a pooled one may have died while idle). */
  private readonly used = new WeakSet<pg.PoolClient>();

  constructor(connectionString: string, max: number, timeouts: DbTimeouts = DEFAULT_DB_TIMEOUTS) {
    this.pool = new pg.Pool({
      connectionString,
      max,
      // Pipeline mode: statements sent before the previous ones are answered share their round trip (see `tx`).
      pipeline: true,
      connectionTimeoutMillis: timeouts.connectMs,
      // A statement already sent that times out closes its connection (pg, in pipeline mode).
      query_timeout: timeouts.queryMs,
      idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
      keepAlive: true,
    } as pg.PoolConfig);
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
   * with a snapshot of its own); `takeReadAhead` hands each out once. Writes
   * sent behind (`writeBehind`) leave with the next statement, at the latest
   * with COMMIT; when one of them met a conflict, the transaction is rolled
   * back and `fn` runs again in a new one.
   */
  async tx<R>(fn: (client: TxClient, opened?: pg.QueryResult) => Promise<R>, opening?: string, ahead: () => ReadAhead[] = () => []): Promise<R> {
    const outer = this.current.getStore();
    if (outer) {
      this.refuseIfLockFree(outer);
      return fn(outer.sender, opening === undefined ? undefined : await outer.sender.query(opening));
    }
    let behindAllowed = true;
    let reconnected = false;
    for (;;) {
      try {
        return await this.attempt(fn, opening, ahead(), behindAllowed);
      } catch (e) {
        // A write sent behind met a conflict (and its document was forgotten): once more, writing at once (where
        // a conflict runs the update again under the row lock, in the same transaction).
        if (e instanceof WriteConflict && behindAllowed) behindAllowed = false;
        // A pooled connection turned out dead before the commit (the server restarted since it was last used):
        // nothing was stored, so once more on a new connection.
        else if (e instanceof StaleConnection && !reconnected) reconnected = true;
        else throw e instanceof StaleConnection ? e.unreachable : e;
      }
    }
  }

  /**
   * The transaction's `client.query`: every statement first sends the writes waiting behind. Made by a
   * method (an anonymous closure) rather than written in the transaction's object, where the TypeScript
   * loader (tsx) would name it with a property definition for every transaction.
   */
  private queryThrough(transaction: () => Transaction): pg.PoolClient["query"] {
    return ((...args: Parameters<pg.PoolClient["query"]>) => {
      const t = transaction();
      return this.send(t, () => t.client.query(...args));
    }) as pg.PoolClient["query"];
  }

  private async attempt<R>(fn: (client: TxClient, opened?: pg.QueryResult) => Promise<R>, opening: string | undefined, ahead: ReadAhead[], behindAllowed: boolean): Promise<R> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw new StorageUnreachable(false, { cause: e });
    }
    // A connection lost while checked out is reported as an event on its client, which nobody else listens
    // to then: without a listener it would end the process. Its statements fail; the transaction reports it.
    let lost: unknown;
    const onLost = (e: unknown) => (lost ??= e);
    client.on("error", onLost);
    const reused = this.used.has(client);
    this.used.add(client);
    let commitSent = false;
    const t: Transaction = {
      client,
      sender: { query: this.queryThrough(() => t) },
      ahead: new Map(),
      behind: [],
      written: new Set(),
      behindAllowed,
      afterCommit: [],
      wrote: false,
      noFlush: false,
      lockFree: false,
      refused: false,
    };
    try {
      const began = await this.send(t, () => {
        const begun = client.query(opening === undefined ? "BEGIN" : `BEGIN; ${opening}`);
        for (const a of ahead) {
          const result = client.query(a.query);
          result.catch(() => undefined); // a read nobody takes may fail unobserved (its transaction then fails anyway)
          t.ahead.set(a.key, { version: a.version, result });
        }
        return begun;
      });
      const opened = opening === undefined ? undefined : (began as unknown as pg.QueryResult[])[1];
      const result = await this.current.run(t, () => fn(t.sender, opened));
      // One round trip either way, with the writes still behind; after writes sent behind, the check that none missed its row.
      const check = t.behind.length > 0 ? "SELECT lkjip_check_conflicts(); " : "";
      const committed = this.send(t, () => client.query(`${check}${t.noFlush ? "SET LOCAL synchronous_commit TO off; " : ""}COMMIT`));
      commitSent = true;
      committed.catch(() => undefined);
      const conflict = await this.settleBehind(t);
      if (conflict) throw conflict;
      await committed;
      for (const f of t.afterCommit) f();
      return result;
    } catch (e) {
      if (lost === undefined && (connectionFailure(e) || closed(client))) lost = e;
      if (lost !== undefined) {
        // The server rolls back a transaction whose connection ends, unless it had committed it already.
        const unreachable = new StorageUnreachable(commitSent && t.wrote, { cause: lost });
        throw reused && !commitSent ? new StaleConnection(unreachable) : unreachable;
      }
      // A write sent behind that missed its row is the cause of whatever failed after it (the data `fn` saw was not its own).
      const conflict = await this.settleBehind(t).catch(() => undefined);
      await client.query("ROLLBACK").catch(() => undefined);
      throw conflict ?? e;
    } finally {
      client.removeListener("error", onLost);
      // A connection that failed is closed rather than handed to the next update.
      client.release(lost === undefined ? undefined : lost instanceof Error ? lost : new Error(String(lost)));
    }
  }

  /**
   * Send what `sendMore` sends on the transaction's connection after the
   * writes waiting behind, all corked into one write to the socket (pg corks
   * each statement's messages too; corks nest).
   */
  private send<T>(t: Transaction, sendMore: () => T): T {
    const socket = (t.client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream;
    socket?.cork?.();
    try {
      for (const b of t.behind) {
        if (b.result) continue;
        b.result = t.client.query(b.query);
        b.result.catch(() => undefined); // awaited by settleBehind
      }
      return sendMore();
    } finally {
      socket?.uncork?.();
    }
  }

  /** Wait for the writes sent behind: the WriteConflict of the first that missed its row (after its onConflict), if any; throws their errors. */
  private async settleBehind(t: Transaction): Promise<WriteConflict | undefined> {
    for (const b of t.behind) {
      if (!b.result) continue;
      const r = await b.result;
      if (r.rows[0]?.version === null) {
        b.onConflict();
        return new WriteConflict(r.rows[0]?.missed);
      }
    }
    return undefined;
  }

  /**
   * Write with the next statement of the current transaction instead of
   * now: `query` ends with `behindResult`, so that a write that finds its
   * row no longer at the version the caller expects fails the commit, and
   * the whole transaction runs again (see `tx`); `onConflict` lets the caller
   * forget what it expected.
   */
  writeBehind(query: pg.QueryConfig, onConflict: () => void): void {
    const t = this.current.getStore();
    if (!t?.behindAllowed) throw new Error("writeBehind needs a transaction that allows it (mayWriteBehind)");
    this.refuseIfLockFree(t);
    t.behind.push({ query, onConflict });
  }

  /** Whether a write may be sent behind now (in a transaction that has not met a conflict). */
  mayWriteBehind(): boolean {
    return this.current.getStore()?.behindAllowed ?? false;
  }

  /** Whether the document `key` was written in the current transaction (see `markWrite`). */
  writtenHere(key: string): boolean {
    return this.current.getStore()?.written.has(key) ?? false;
  }

  /** A query on the current transaction's connection, or on any pooled one (with parameters: a prepared statement). */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    const t = this.current.getStore();
    const query = values.length > 0 ? statement(text, values) : text;
    return t ? t.sender.query<Row>(query) : this.pool.query<Row>(query);
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

  /** Note that data was written in the current transaction (see `wroteData`); `key`: that document ("agencies/a1", see `writtenHere`). */
  markWrite(key?: string): void {
    const t = this.current.getStore();
    if (!t) return;
    t.wrote = true;
    if (key !== undefined) t.written.add(key);
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
  async lock(client: TxClient, key: string): Promise<void> {
    const t = this.current.getStore();
    if (t) this.refuseIfLockFree(t);
    await client.query(statement("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** A connection from the pool, used before, was found lost before the commit: nothing was stored (the transaction runs again on a new one). */
class StaleConnection extends Error {
  constructor(readonly unreachable: StorageUnreachable) {
    super("stale connection");
  }
}

/** A write sent behind found its row moved on: the transaction was rolled back (and runs again). */
class WriteConflict extends Error {
  constructor(document: unknown) {
    super(`version conflict: ${String(document)}`);
  }
}
