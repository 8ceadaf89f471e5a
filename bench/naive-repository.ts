/**
 * The baseline: lowdb as its README shows it — one JSON file holding every
 * agency and user, kept in memory and rewritten whole on every change (one
 * global lock, no validation). The benchmark runs the same bot on it to show
 * what the per-document design buys.
 */
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import { STORAGE_SCHEMA_VERSION, type AgencyDocument, type AuditArchive, type AuditEntry, type InvitationIndex, type RegionDirectory, type UserDocument } from "../src/storage/documents.js";
import { KeyedMutex } from "../src/storage/mutex.js";
import type { AuditArchiveStore, BackupInfo, Backups, Change, Collection, Repository } from "../src/storage/repository.js";

export interface NaiveData {
  agencies: Record<string, AgencyDocument>;
  users: Record<string, UserDocument>;
  invitations: Record<string, InvitationIndex>;
  regions: Record<string, RegionDirectory>;
  auditArchive: Record<string, AuditArchive>;
}

const lock = new KeyedMutex();

class NaiveCollection<T> implements Collection<T> {
  constructor(
    private readonly db: Low<NaiveData>,
    private readonly key: keyof NaiveData,
  ) {}

  private get table(): Record<string, T> {
    return (this.db.data[this.key] ??= {}) as unknown as Record<string, T>;
  }

  async read(id: string): Promise<T | undefined> {
    return this.table[id];
  }

  update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R> {
    return lock.run("file", async () => {
      const current = this.table[id];
      const change = await fn(current === undefined ? undefined : structuredClone(current));
      if (change.next === undefined) return change.result;
      this.table[id] = change.next;
      await this.db.write();
      return change.result;
    });
  }

  async list(): Promise<string[]> {
    return Object.keys(this.table).sort();
  }
}

class NaiveAuditArchive implements AuditArchiveStore {
  constructor(private readonly db: Low<NaiveData>) {}

  async read(agencyId: string): Promise<AuditArchive | undefined> {
    return this.db.data.auditArchive[agencyId];
  }

  append(agencyId: string, entries: readonly AuditEntry[]): Promise<void> {
    return lock.run("file", async () => {
      const archive = (this.db.data.auditArchive[agencyId] ??= { schemaVersion: STORAGE_SCHEMA_VERSION, agencyId, entries: [] });
      const last = archive.entries[archive.entries.length - 1]?.seq ?? 0;
      archive.entries.push(...entries.filter((e) => e.seq > last));
      await this.db.write();
    });
  }
}

const noBackups: Backups = {
  async list(): Promise<BackupInfo[]> {
    return [];
  },
  async read() {
    return undefined;
  },
  async restore(): Promise<AgencyDocument> {
    throw new Error("tidak ada cadangan pada penyimpanan naif");
  },
};

export class NaiveRepository implements Repository {
  readonly agencies: Collection<AgencyDocument>;
  readonly users: Collection<UserDocument>;
  readonly invitations: Collection<InvitationIndex>;
  readonly regions: Collection<RegionDirectory>;
  readonly auditArchive: AuditArchiveStore;
  readonly backups = noBackups;

  private constructor(readonly db: Low<NaiveData>) {
    this.agencies = new NaiveCollection(db, "agencies");
    this.users = new NaiveCollection(db, "users");
    this.invitations = new NaiveCollection(db, "invitations");
    this.regions = new NaiveCollection(db, "regions");
    this.auditArchive = new NaiveAuditArchive(db);
  }

  static async open(file: string): Promise<NaiveRepository> {
    const db = new Low<NaiveData>(new JSONFile<NaiveData>(file), { agencies: {}, users: {}, invitations: {}, regions: {}, auditArchive: {} });
    await db.read();
    return new NaiveRepository(db);
  }

  async close(): Promise<void> {}
}
