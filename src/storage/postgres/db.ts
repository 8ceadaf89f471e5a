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
}

export class Db {
  readonly pool: pg.Pool;
  private readonly current = new AsyncLocalStorage<Transaction>();

  constructor(connectionString: string, max = 10) {
    this.pool = new pg.Pool({ connectionString, max });
    // An idle client that loses its connection must not crash the process.
    this.pool.on("error", () => undefined);
  }

  /** Run `fn` in a transaction (or in the one already running). */
  async tx<R>(fn: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const outer = this.current.getStore();
    if (outer) return fn(outer.client);
    const client = await this.pool.connect();
    const t: Transaction = { client, afterCommit: [], wrote: false };
    try {
      await client.query("BEGIN");
      const result = await this.current.run(t, () => fn(client));
      await client.query("COMMIT");
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

  /** Whether the current transaction wrote data (bookkeeping rows aside). */
  wroteData(): boolean {
    return this.current.getStore()?.wrote ?? false;
  }

  /** Serialise writers of one key across processes until the transaction ends. */
  async lock(client: pg.PoolClient, key: string): Promise<void> {
    await client.query(statement("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]));
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
