/**
 * Stores kept as rows: the audit archive of an agency (one row per entry in
 * `audit_log`, only added to), and two collections whose document is a set of
 * rows: the invitation index (one row per open code in `invitation_codes`) and
 * each region's agencies (one row per agency in `agency_regions`). An update
 * locks the set, rebuilds the document, lets the caller change it, and writes
 * only the rows that differ.
 */
import { z } from "zod";
import { deepFreeze } from "../freeze.js";
import { KeyedMutex } from "../mutex.js";
import {
  AuditEntrySchema,
  InvitationIndexSchema,
  RegionDirectorySchema,
  STORAGE_SCHEMA_VERSION,
  type AuditArchive,
  type AuditEntry,
  type InvitationIndex,
  type RegionDirectory,
} from "../documents.js";
import { DocumentUnavailable, INVITATION_INDEX_ID, type AuditArchiveStore, type Change, type Collection } from "../repository.js";
import { checkDocumentId } from "../stored-document.js";
import { statement, type Db } from "./db.js";

abstract class RowSet<T> implements Collection<T> {
  private readonly mutex = new KeyedMutex();

  constructor(protected readonly db: Db) {}

  protected abstract lockKey(id: string): string;
  protected abstract load(id: string): Promise<T | undefined>;
  protected abstract save(id: string, next: T, previous: T | undefined): Promise<void>;
  protected abstract schema: z.ZodType<T>;
  abstract list(): Promise<string[]>;

  read(id: string): Promise<T | undefined> {
    return this.load(id);
  }

  update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    return this.mutex.run(id, () =>
      this.db.tx(async (client) => {
        await this.db.lock(client, this.lockKey(id));
        const current = await this.load(id);
        const change = await fn(current === undefined ? undefined : structuredClone(current));
        if (change.next === undefined) return change.result;
        const valid = this.schema.parse(change.next);
        this.db.markWrite();
        await this.save(id, valid, current);
        return change.result;
      }),
    );
  }
}

/** The audit archive: one row per entry in `audit_log`, added to in the transaction of the agency write that moves them. */
export class PgAuditArchive implements AuditArchiveStore {
  constructor(private readonly db: Db) {}

  async read(agencyId: string): Promise<AuditArchive | undefined> {
    const r = await this.db.query<{ entry: unknown }>("SELECT entry FROM audit_log WHERE agency_id = $1 ORDER BY seq", [agencyId]);
    if (r.rows.length === 0) return undefined;
    const entries = z.array(AuditEntrySchema).safeParse(r.rows.map((row) => row.entry));
    if (!entries.success) throw new DocumentUnavailable("riwayat", agencyId, entries.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5).join("; "));
    return deepFreeze({ schemaVersion: STORAGE_SCHEMA_VERSION, agencyId, entries: entries.data });
  }

  async append(agencyId: string, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.tx(async (client) => {
      this.db.markWrite();
      await client.query(
        statement(
          `INSERT INTO audit_log (agency_id, seq, entry)
           SELECT $1, (e->>'seq')::int, e FROM jsonb_array_elements($2::jsonb) AS e
           ON CONFLICT (agency_id, seq) DO NOTHING`,
          [agencyId, JSON.stringify(entries)],
        ),
      );
    });
  }
}

export class PgInvitations extends RowSet<InvitationIndex> {
  protected schema = InvitationIndexSchema;

  protected lockKey(): string {
    return "invitation_codes";
  }

  protected async load(id: string): Promise<InvitationIndex | undefined> {
    if (id !== INVITATION_INDEX_ID) return undefined;
    const r = await this.db.query<{ code_hash: string; agency_id: string; invitation_id: string; expires_at: string }>(
      "SELECT code_hash, agency_id, invitation_id, expires_at FROM invitation_codes ORDER BY code_hash",
    );
    if (r.rows.length === 0) return undefined;
    const codes = Object.fromEntries(r.rows.map((row) => [row.code_hash, { agencyId: row.agency_id, invitationId: row.invitation_id, expiresAt: row.expires_at }]));
    const parsed = InvitationIndexSchema.safeParse({ schemaVersion: STORAGE_SCHEMA_VERSION, codes });
    if (!parsed.success) throw new DocumentUnavailable("undangan", id, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5).join("; "));
    return deepFreeze(parsed.data);
  }

  protected async save(id: string, next: InvitationIndex, previous: InvitationIndex | undefined): Promise<void> {
    if (id !== INVITATION_INDEX_ID) throw new Error(`Invalid document id: ${JSON.stringify(id)}`);
    const before = previous?.codes ?? {};
    const removed = Object.keys(before).filter((hash) => !(hash in next.codes));
    if (removed.length > 0) await this.db.query("DELETE FROM invitation_codes WHERE code_hash = ANY($1::text[])", [removed]);
    for (const [hash, entry] of Object.entries(next.codes)) {
      if (JSON.stringify(before[hash]) === JSON.stringify(entry)) continue;
      await this.db.query(
        `INSERT INTO invitation_codes (code_hash, agency_id, invitation_id, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code_hash) DO UPDATE SET agency_id = EXCLUDED.agency_id, invitation_id = EXCLUDED.invitation_id, expires_at = EXCLUDED.expires_at`,
        [hash, entry.agencyId, entry.invitationId, entry.expiresAt],
      );
    }
  }

  async list(): Promise<string[]> {
    const r = await this.db.query("SELECT 1 FROM invitation_codes LIMIT 1");
    return r.rows.length > 0 ? [INVITATION_INDEX_ID] : [];
  }
}

/** The agencies of each region: one row per agency in `agency_regions`; a region with none has no document. */
export class PgRegions extends RowSet<RegionDirectory> {
  protected schema = RegionDirectorySchema;

  protected lockKey(id: string): string {
    return `agency_regions:${id}`;
  }

  protected async load(id: string): Promise<RegionDirectory | undefined> {
    checkDocumentId(id);
    const r = await this.db.query<{ agency_id: string; name: string; added_at: string }>(
      "SELECT agency_id, name, added_at FROM agency_regions WHERE region_id = $1 ORDER BY added_at, agency_id",
      [id],
    );
    if (r.rows.length === 0) return undefined;
    const parsed = RegionDirectorySchema.safeParse({ schemaVersion: STORAGE_SCHEMA_VERSION, agencies: r.rows.map((row) => ({ id: row.agency_id, name: row.name, addedAt: row.added_at })) });
    if (!parsed.success) throw new DocumentUnavailable("wilayah", id, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5).join("; "));
    return deepFreeze(parsed.data);
  }

  protected async save(id: string, next: RegionDirectory, previous: RegionDirectory | undefined): Promise<void> {
    checkDocumentId(id);
    const before = new Map((previous?.agencies ?? []).map((a) => [a.id, a]));
    const kept = new Set(next.agencies.map((a) => a.id));
    const removed = [...before.keys()].filter((agencyId) => !kept.has(agencyId));
    if (removed.length > 0) await this.db.query("DELETE FROM agency_regions WHERE region_id = $1 AND agency_id = ANY($2::text[])", [id, removed]);
    for (const a of next.agencies) {
      if (JSON.stringify(before.get(a.id)) === JSON.stringify(a)) continue;
      await this.db.query(
        `INSERT INTO agency_regions (region_id, agency_id, name, added_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (region_id, agency_id) DO UPDATE SET name = EXCLUDED.name, added_at = EXCLUDED.added_at`,
        [id, a.id, a.name, a.addedAt],
      );
    }
  }

  async list(): Promise<string[]> {
    const r = await this.db.query<{ region_id: string }>("SELECT DISTINCT region_id FROM agency_regions ORDER BY region_id");
    return r.rows.map((row) => row.region_id);
  }
}
