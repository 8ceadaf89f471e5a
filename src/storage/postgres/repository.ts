/**
 * The PostgreSQL repository (selected by DATABASE_URL): the same interface
 * as the lowdb one, for several bot processes sharing one database.
 *   agencies          one row per agency document (JSONB), version column, `checked` (see collection.ts)
 *   agency_changes    small changes (answers) since the document was last written in full
 *   memberships       (agency, user, role), kept in step with each agency write
 *   users, sessions   a user's profile, and its conversation state
 *   audit_log         older audit entries, one row each
 *   invitation_codes  hashes of open invitation codes
 *   agency_backups    daily copies (last 7) and documents set aside by restores
 *   handled_updates   update ids already handled (webhook processes)
 *   agency_regions    the agencies registered in each region (app/directory.ts)
 */
import {
  AgencyDocumentSchema,
  AgencyDocumentWriteSchema,
  copyAgencyDocument,
  type AgencyDocument,
  type InvitationIndex,
  type RegionDirectory,
} from "../documents.js";
import type { Collection, Repository } from "../repository.js";
import { DEFAULT_AGENCY_CACHE, DEFAULT_POOL_SIZE } from "../repository.js";
import { PgBackups } from "./backups.js";
import { PgCollection } from "./collection.js";
import { Db, statement, type DbTimeouts, type TxClient } from "./db.js";
import { PgAuditArchive, PgInvitations, PgRegions } from "./rows.js";
import { createSchema } from "./schema.js";
import { PgUpdateLedger } from "./updates.js";
import { PgUsers } from "./users.js";

export interface PgRepositoryOptions {
  url: string;
  /** Connections in the pool (default DEFAULT_POOL_SIZE). */
  poolSize?: number;
  /** How long to wait for the database (default DEFAULT_DB_TIMEOUTS). */
  timeouts?: DbTimeouts;
  /** Agency documents cached per process (default DEFAULT_AGENCY_CACHE). */
  cacheSize?: number;
  backupDays?: number;
  now?: () => Date;
}

const sameMembers = (a: AgencyDocument | undefined, b: AgencyDocument) =>
  a !== undefined && a.members.length === b.members.length && a.members.every((m, i) => m.userId === b.members[i]!.userId && m.role === b.members[i]!.role);

export class PgRepository implements Repository {
  readonly db: Db;
  readonly agencies: PgCollection<AgencyDocument>;
  readonly users: PgUsers;
  readonly invitations: Collection<InvitationIndex>;
  readonly regions: Collection<RegionDirectory>;
  readonly auditArchive: PgAuditArchive;
  readonly backups: PgBackups;
  readonly updates: PgUpdateLedger;

  private constructor(options: PgRepositoryOptions) {
    this.db = new Db(options.url, options.poolSize ?? DEFAULT_POOL_SIZE, options.timeouts);
    this.backups = new PgBackups(this.db, () => this.agencies, options.backupDays ?? 7, options.now);
    this.agencies = new PgCollection<AgencyDocument>(this.db, {
      name: "instansi",
      table: "agencies",
      changesTable: "agency_changes",
      schema: AgencyDocumentSchema,
      writeSchema: AgencyDocumentWriteSchema,
      copy: copyAgencyDocument,
      cacheSize: options.cacheSize ?? DEFAULT_AGENCY_CACHE,
      afterWrite: async (client, id, doc, previous) => {
        if (!sameMembers(previous, doc)) await syncMemberships(client, id, doc);
        await this.backups.afterWrite(client, id);
      },
    });
    this.users = new PgUsers(this.db, (options.cacheSize ?? DEFAULT_AGENCY_CACHE) * 4);
    this.invitations = new PgInvitations(this.db);
    this.regions = new PgRegions(this.db);
    this.auditArchive = new PgAuditArchive(this.db);
    // With the ledger's statement go the reads of the user and of the agency their cached copy has open (what
    // nearly every update reads first): three round trips in one.
    this.updates = new PgUpdateLedger(this.db, (userKey) => {
      const userId = /^user:(\d+)$/.exec(userKey)?.[1];
      if (userId === undefined) return [];
      const agencyId = this.users.cachedActiveAgency(userId);
      return agencyId === undefined ? [this.users.readAhead(userId)] : [this.users.readAhead(userId), this.agencies.readAhead(agencyId)];
    });
  }

  /** Connect and create the tables if needed. */
  static async open(options: PgRepositoryOptions): Promise<PgRepository> {
    const repo = new PgRepository(options);
    try {
      await createSchema(repo.db);
    } catch (e) {
      await repo.close().catch(() => undefined);
      throw e;
    }
    return repo;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

async function syncMemberships(client: TxClient, agencyId: string, doc: AgencyDocument): Promise<void> {
  await client.query(statement("DELETE FROM memberships WHERE agency_id = $1", [agencyId]));
  if (doc.members.length === 0) return;
  await client.query(
    statement(
      `INSERT INTO memberships (agency_id, user_id, role)
       SELECT $1, (m->>'userId')::bigint, m->>'role' FROM jsonb_array_elements($2::jsonb) AS m`,
      [agencyId, JSON.stringify(doc.members)],
    ),
  );
}
