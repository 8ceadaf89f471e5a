/**
 * A connection pool with transactions that nest: an update running inside
 * another (the audit archive written during an agency edit) joins the outer
 * transaction, so both commit or roll back together and never wait for a
 * second connection. Work to do after the commit (cache updates) is queued
 * and dropped on rollback.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

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

  /** A query on the current transaction's connection, or on any pooled one. */
  query<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    const t = this.current.getStore();
    return t ? t.client.query<Row>(text, values) : this.pool.query<Row>(text, values);
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
    await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
