/**
 * The update ledger of several bot processes on one PostgreSQL database: the
 * handling of an update runs in one transaction (the repository's updates
 * join it) whose first statement takes the user's advisory lock and records
 * the update id in `handled_updates`; when the id is already there, the
 * update was handled (and committed) before and is skipped. The record is
 * committed with everything the update stored, or rolled back with it, so
 * the answer, the conversation state and the record of the update are stored
 * together — with a single commit, one disk flush. Ids older than a day are
 * pruned now and then.
 *
 * One statement instead of three (lock, look up, insert), sent together with
 * BEGIN: the insert checks the unique key against committed and in-progress
 * rows alike (waiting for a transaction that inserted the same id), so it
 * needs no snapshot taken after the lock; the statements after it take fresh
 * snapshots and see what the previous holder of the lock committed.
 */
import pg from "pg";
import type { UpdateLedger } from "../repository.js";
import type { Db, ReadAhead } from "./db.js";

export class PgUpdateLedger implements UpdateLedger {
  private marks = 0;

  /** `readAhead(userKey)`: the reads the handling of the user's update will most likely make, sent with the ledger's statement. */
  constructor(
    private readonly db: Db,
    private readonly readAhead: (userKey: string) => ReadAhead[] = () => [],
  ) {}

  handle<R>(userKey: string, updateId: number, fn: (seen: boolean) => Promise<R>): Promise<R> {
    if (!Number.isSafeInteger(updateId)) throw new Error(`Invalid update id: ${updateId}`);
    // Sent with BEGIN in one round trip, so the values are written into the text.
    const record = `WITH locked AS (SELECT pg_advisory_xact_lock(hashtextextended(${pg.escapeLiteral(userKey)}, 1)))
      INSERT INTO handled_updates (update_id) SELECT ${updateId}::bigint FROM locked ON CONFLICT DO NOTHING RETURNING update_id`;
    return this.db.tx(async (client, recorded) => {
      const seen = recorded!.rowCount === 0;
      const result = await fn(seen);
      if (!seen) {
        // An update that stored nothing (a /cek, a page of a draft) need not wait for the disk: losing its
        // record in a crash only means a duplicate of it would be answered again.
        if (!this.db.wroteData()) this.db.commitWithoutFlush();
        if (++this.marks % 1000 === 0) await client.query("DELETE FROM handled_updates WHERE handled_at < now() - interval '1 day'");
      }
      return result;
    }, record, () => this.readAhead(userKey));
  }
}
