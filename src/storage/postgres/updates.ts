/**
 * The update ledger of several bot processes on one PostgreSQL database: a
 * lock per user held in a transaction on a separate small pool (so that a
 * handler waiting for its lock never starves the handlers that hold one of
 * connections), and the `handled_updates` table of update ids already
 * applied. Ids older than a day are pruned now and then.
 */
import pg from "pg";
import type { UpdateLedger } from "../repository.js";
import type { Db } from "./db.js";

export class PgUpdateLedger implements UpdateLedger {
  private readonly lockPool: pg.Pool;
  private marks = 0;

  constructor(
    private readonly db: Db,
    connectionString: string,
    size = 20,
  ) {
    this.lockPool = new pg.Pool({ connectionString, max: size });
    this.lockPool.on("error", () => undefined);
  }

  async serialize<R>(key: string, fn: () => Promise<R>): Promise<R> {
    const client = await this.lockPool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", [key]);
      return await fn();
    } finally {
      await client.query("COMMIT").catch(() => undefined);
      client.release();
    }
  }

  async isHandled(updateId: number): Promise<boolean> {
    const r = await this.db.query("SELECT 1 FROM handled_updates WHERE update_id = $1", [updateId]);
    return r.rows.length > 0;
  }

  async markHandled(updateId: number): Promise<void> {
    await this.db.query("INSERT INTO handled_updates (update_id) VALUES ($1) ON CONFLICT DO NOTHING", [updateId]);
    if (++this.marks % 1000 === 0) await this.db.query("DELETE FROM handled_updates WHERE handled_at < now() - interval '1 day'");
  }

  close(): Promise<void> {
    return this.lockPool.end();
  }
}
