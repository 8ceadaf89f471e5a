/**
 * Daily backups of agency documents in `agency_backups`: the first write of
 * each day copies the agency row as stored (in the same transaction, within
 * the database), the newest `keep` days are kept. Restoring sets the current
 * row aside under the id "sebelum-pemulihan-<time>" (even when it does not
 * validate) and replaces it.
 */
import type { AgencyDocument } from "../documents.js";
import { backupDay, readBackup } from "../backup-document.js";
import { DocumentUnavailable, lastChangeOf, type BackupInfo, type Backups } from "../repository.js";
import type { PgCollection } from "./collection.js";
import { statement, type Db, type TxClient } from "./db.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_SQL = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/**
 * Rows for agency_backups (agency_id, id, doc, changes) from agency $1,
 * backup id $2: the agency row as stored, its document as it is (copied
 * without being decompressed or rebuilt) and its change rows, if any, as a
 * JSON array of their texts.
 */
const STORED_ROW = `SELECT a.id, $2, a.doc, c.changes
  FROM agencies a LEFT JOIN LATERAL (SELECT jsonb_agg(to_jsonb(ops) ORDER BY version) AS changes FROM agency_changes WHERE document_id = a.id) c ON true
  WHERE a.id = $1`;
const INSERT_STORED_ROW = `INSERT INTO agency_backups (agency_id, id, doc, changes) ${STORED_ROW} ON CONFLICT DO NOTHING`;

/** Drop the days of agency $1 beyond the newest $2. */
const DROP_OLD_DAYS = `DELETE FROM agency_backups WHERE agency_id = $1 AND id ~ '${DAY_SQL}' AND id NOT IN (
  SELECT id FROM agency_backups WHERE agency_id = $1 AND id ~ '${DAY_SQL}' ORDER BY id DESC LIMIT $2)`;

/** A backup row's document: the stored form readBackup replays when there are change rows. */
const backupOf = (row: { doc: unknown; changes: unknown }) => readBackup(row.changes === null ? row.doc : { doc: row.doc, changes: row.changes });

export class PgBackups implements Backups {
  /** The day of the newest backup per agency taken by this process, to skip the insert on later writes. */
  private readonly lastDay = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly agencies: () => PgCollection<AgencyDocument>,
    private readonly keep = 7,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Called inside the transaction of each agency write, after it: the day's
   * first write (in this process) copies the row as stored (see STORED_ROW),
   * in the database, without sending the document again, and drops the days
   * beyond `keep`. Both statements go with the transaction's next one,
   * usually COMMIT, when the transaction sends writes behind.
   */
  async afterWrite(client: TxClient, agencyId: string): Promise<void> {
    if (this.keep <= 0) return;
    const day = backupDay(this.now());
    if (this.lastDay.get(agencyId) === day) return;
    for (const query of [statement(INSERT_STORED_ROW, [agencyId, day]), statement(DROP_OLD_DAYS, [agencyId, this.keep])]) {
      // Neither returns a row, so neither can count as a write that missed its version.
      if (this.db.mayWriteBehind()) this.db.writeBehind(query, () => undefined);
      else await client.query(query);
    }
    this.db.afterCommit(() => this.lastDay.set(agencyId, day));
  }

  async list(agencyId: string): Promise<BackupInfo[]> {
    const r = await this.db.query<{ id: string; taken_at: Date; doc: unknown; changes: unknown }>(
      `SELECT id, taken_at, doc, changes FROM agency_backups WHERE agency_id = $1 AND id ~ '${DAY_SQL}' ORDER BY id DESC`,
      [agencyId],
    );
    return r.rows.map((row) => {
      const doc = backupOf(row);
      return { id: row.id, takenAt: row.taken_at.toISOString(), valid: doc !== undefined, lastChange: lastChangeOf(doc) };
    });
  }

  async read(agencyId: string, backupId: string): Promise<AgencyDocument | undefined> {
    if (!DAY.test(backupId)) return undefined;
    const r = await this.db.query<{ doc: unknown; changes: unknown }>("SELECT doc, changes FROM agency_backups WHERE agency_id = $1 AND id = $2", [agencyId, backupId]);
    return r.rows[0] ? backupOf(r.rows[0]) : undefined;
  }

  async restore(agencyId: string, backupId: string): Promise<AgencyDocument> {
    const doc = await this.read(agencyId, backupId);
    if (!doc) throw new DocumentUnavailable("cadangan", `${agencyId}/${backupId}`, "cadangan tidak ada atau tidak sah");
    await this.db.tx(async (client) => {
      await this.agencies().lockRow(client, agencyId);
      this.db.markWrite();
      const stamp = this.now().toISOString().replace(/[:.]/g, "-");
      // Keep whatever is there now (possibly a document that does not validate), never overwritten.
      // With changes stored on top of it, the document and its changes are kept together.
      await client.query(
        statement(INSERT_STORED_ROW, [agencyId, `sebelum-pemulihan-${stamp}`]),
      );
      await client.query(statement("DELETE FROM agency_changes WHERE document_id = $1", [agencyId]));
      await client.query(
        statement(
          `INSERT INTO agencies (id, doc) VALUES ($1, $2::jsonb)
           ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, version = agencies.version + 1, updated_at = now()`,
          [agencyId, JSON.stringify(doc)],
        ),
      );
      await client.query(statement("DELETE FROM memberships WHERE agency_id = $1", [agencyId]));
      for (const m of doc.members) await client.query(statement("INSERT INTO memberships (agency_id, user_id, role) VALUES ($1, $2, $3)", [agencyId, m.userId, m.role]));
    });
    this.agencies().forget(agencyId);
    return doc;
  }
}
