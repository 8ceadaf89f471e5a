/**
 * The update ledger of several bot processes on one PostgreSQL database: the
 * handling of an update runs in one transaction (the repository's updates
 * join it) that first takes the user's advisory lock and checks
 * `handled_updates`; the update id is inserted there before the commit, so
 * the answer, the conversation state and the record of the update are stored
 * together — with a single commit, one disk flush. Ids older than a day are
 * pruned now and then.
 */
import type { UpdateLedger } from "../repository.js";
import type { Db } from "./db.js";

export class PgUpdateLedger implements UpdateLedger {
  private marks = 0;

  constructor(private readonly db: Db) {}

  handle<R>(userKey: string, updateId: number, fn: (seen: boolean) => Promise<R>): Promise<R> {
    return this.db.tx(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", [userKey]);
      // A statement of its own: its snapshot is taken after the lock, so it sees what the previous holder committed.
      const r = await client.query<{ seen: boolean }>("SELECT EXISTS (SELECT 1 FROM handled_updates WHERE update_id = $1) AS seen", [updateId]);
      const seen = r.rows[0]!.seen;
      const result = await fn(seen);
      if (!seen) {
        // An update that stored nothing (a /cek, a page of a draft) need not wait for the disk: losing its
        // record in a crash only means a duplicate of it would be answered again.
        if (!this.db.wroteData()) await client.query("SET LOCAL synchronous_commit TO off");
        await client.query("INSERT INTO handled_updates (update_id) VALUES ($1) ON CONFLICT DO NOTHING", [updateId]);
        if (++this.marks % 1000 === 0) await client.query("DELETE FROM handled_updates WHERE handled_at < now() - interval '1 day'");
      }
      return result;
    });
  }
}
