/**
 * The default repository: lowdb files under one data directory.
 *   <dir>/instansi/<agencyId>.json   one agency (data, members, invitations, audit)
 *   <dir>/instansi/<agencyId>.jurnal changes since that file was written (every collection has them)
 *   <dir>/pengguna/<userId>.json     one user (agencies, conversation state)
 *   <dir>/undangan/index.json        invitation codes → agency
 *   <dir>/wilayah/<region>.json      the agencies registered in a region (app/directory.ts)
 *   <dir>/riwayat/<agencyId>.log     older audit entries of an agency, appended (earlier versions: .json)
 *   <dir>/cadangan/<agencyId>/<day>.json  daily backups of each agency (last 7)
 * A change costs the size of the change (appended to the journal); the
 * whole document is rewritten every so often, never all of them.
 */
import { join } from "node:path";
import {
  AgencyDocumentSchema,
  AgencyDocumentWriteSchema,
  copyAgencyDocument,
  copyUserDocument,
  InvitationIndexSchema,
  RegionDirectorySchema,
  UserDocumentSchema,
  type AgencyDocument,
  type InvitationIndex,
  type RegionDirectory,
  type UserDocument,
} from "../documents.js";
import type { Repository } from "../repository.js";
import { DEFAULT_AGENCY_CACHE } from "../repository.js";
import { LowdbBackups } from "./backups.js";
import { LowdbAuditLog } from "./audit-log.js";
import { LowdbCollection } from "./collection.js";

export interface LowdbRepositoryOptions {
  dir: string;
  cacheSize?: number;
  /** Daily backups kept per agency (default 7; 0 disables backups). */
  backupDays?: number;
  /** Clock for backup dates (tests). */
  now?: () => Date;
}

export class LowdbRepository implements Repository {
  readonly agencies: LowdbCollection<AgencyDocument>;
  readonly users: LowdbCollection<UserDocument>;
  readonly invitations: LowdbCollection<InvitationIndex>;
  readonly regions: LowdbCollection<RegionDirectory>;
  readonly auditArchive: LowdbAuditLog;
  readonly backups: LowdbBackups;

  constructor(readonly options: LowdbRepositoryOptions) {
    const cacheSize = options.cacheSize ?? DEFAULT_AGENCY_CACHE;
    const keep = options.backupDays ?? 7;
    this.agencies = new LowdbCollection<AgencyDocument>({
      dir: join(options.dir, "instansi"),
      name: "instansi",
      schema: AgencyDocumentSchema,
      writeSchema: AgencyDocumentWriteSchema,
      copy: copyAgencyDocument,
      cacheSize,
      afterWrite: (id, doc) => (keep > 0 ? this.backups.afterWrite(id, doc) : undefined),
    });
    this.backups = new LowdbBackups(join(options.dir, "cadangan"), this.agencies, keep, options.now);
    this.users = new LowdbCollection({ dir: join(options.dir, "pengguna"), name: "pengguna", schema: UserDocumentSchema, copy: copyUserDocument, cacheSize: cacheSize * 4 });
    this.invitations = new LowdbCollection({ dir: join(options.dir, "undangan"), name: "undangan", schema: InvitationIndexSchema, cacheSize: 1 });
    // Read when an agency is registered: a few kept.
    this.regions = new LowdbCollection({ dir: join(options.dir, "wilayah"), name: "wilayah", schema: RegionDirectorySchema, cacheSize: 16 });
    this.auditArchive = new LowdbAuditLog(join(options.dir, "riwayat"));
  }

  /** Every write is already stored; closing rewrites journaled documents in full so each file stands alone, and finishes the day's backups. */
  async close(): Promise<void> {
    for (const collection of [this.agencies, this.users, this.invitations, this.regions]) {
      await collection.flush();
      await collection.closeJournals();
    }
    await this.backups.idle();
  }
}
