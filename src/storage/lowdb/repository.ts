/**
 * The default repository: lowdb files under one data directory.
 *   <dir>/instansi/<agencyId>.json   one agency (data, members, invitations, audit)
 *   <dir>/pengguna/<userId>.json     one user (agencies, conversation state)
 *   <dir>/undangan/index.json        invitation codes → agency
 * A write costs the size of one document, never of all of them.
 */
import { join } from "node:path";
import { AgencyDocumentSchema, InvitationIndexSchema, UserDocumentSchema, type AgencyDocument, type InvitationIndex, type UserDocument } from "../documents.js";
import type { Repository } from "../repository.js";
import { LowdbCollection } from "./collection.js";

export interface LowdbRepositoryOptions {
  dir: string;
  cacheSize?: number;
  afterAgencyWrite?: (id: string, doc: AgencyDocument) => Promise<void> | void;
}

export class LowdbRepository implements Repository {
  readonly agencies: LowdbCollection<AgencyDocument>;
  readonly users: LowdbCollection<UserDocument>;
  readonly invitations: LowdbCollection<InvitationIndex>;

  constructor(readonly options: LowdbRepositoryOptions) {
    const cacheSize = options.cacheSize ?? 500;
    this.agencies = new LowdbCollection({
      dir: join(options.dir, "instansi"),
      name: "instansi",
      schema: AgencyDocumentSchema,
      cacheSize,
      ...(options.afterAgencyWrite ? { afterWrite: options.afterAgencyWrite } : {}),
    });
    this.users = new LowdbCollection({ dir: join(options.dir, "pengguna"), name: "pengguna", schema: UserDocumentSchema, cacheSize: cacheSize * 4 });
    this.invitations = new LowdbCollection({ dir: join(options.dir, "undangan"), name: "undangan", schema: InvitationIndexSchema, cacheSize: 1 });
  }

  async close(): Promise<void> {
    // Every write is awaited inside its lock; nothing is pending once callers have their answers.
  }
}
