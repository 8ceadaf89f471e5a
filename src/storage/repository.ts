/**
 * The storage port the rest of the code uses. Two implementations: lowdb
 * (one JSON file per document, the default) and PostgreSQL. Every update is a
 * read-modify-write under a lock (or a transaction), validated before it is
 * written, and resolved only once the write is durable on disk / committed.
 */
import type { AgencyDocument, AuditArchive, AuditEntry, InvitationIndex, RegionDirectory, UserDocument } from "./documents.js";

/** Result of an update function: the next document (undefined = leave unchanged) and a value for the caller. */
export interface Change<T, R> {
  next: T | undefined;
  result: R;
}

export interface Collection<T> {
  /** The document, or undefined if it does not exist. Throws DocumentUnavailable when it cannot be read. */
  read(id: string): Promise<T | undefined>;
  /**
   * Atomic read-modify-write. `fn` receives a private copy of the current
   * document (or undefined); if it throws, nothing is written.
   */
  update<R>(id: string, fn: (current: T | undefined) => Change<T, R> | Promise<Change<T, R>>): Promise<R>;
  list(): Promise<string[]>;
}

/** A saved copy of an agency document. */
export interface BackupInfo {
  /** Stable id, e.g. "2025-01-15". */
  id: string;
  /** When it was taken (ISO). */
  takenAt: string;
  /** Whether the copy itself parses and validates. */
  valid: boolean;
  /** The newest change it holds (its audit's last entry): what restoring it goes back to; absent when invalid or without changes. */
  lastChange?: BackupChange;
}

/** An audit entry as a backup's list names it. */
export interface BackupChange {
  seq: number;
  at: string;
  userName: string;
}

/** The newest change `doc` holds, as `BackupInfo.lastChange`. */
export function lastChangeOf(doc: AgencyDocument | undefined): BackupChange | undefined {
  const e = doc?.audit.at(-1);
  return e && { seq: e.seq, at: e.at, userName: e.userName };
}

/**
 * Rotating copies of agency documents: one per day (the first write of the
 * day), the last `keep` days kept. Restoring keeps the replaced document as a
 * file of its own for inspection.
 */
export interface Backups {
  list(agencyId: string): Promise<BackupInfo[]>;
  /** The content of a backup, or undefined if missing or invalid. */
  read(agencyId: string, backupId: string): Promise<AgencyDocument | undefined>;
  /** Replace the agency document by the backup; the current file (even a corrupt one) is kept aside. */
  restore(agencyId: string, backupId: string): Promise<AgencyDocument>;
}

/**
 * Bookkeeping shared by several bot processes on one database. `handle` runs
 * the handling of one update in one transaction that holds the user's lock
 * across processes: `fn` learns whether the update was already handled
 * (a redelivery or a duplicate, whatever the order), and the update is
 * recorded as handled together with everything `fn` stored, or not at all.
 */
export interface UpdateLedger {
  handle<R>(userKey: string, updateId: number, fn: (seen: boolean) => Promise<R>): Promise<R>;
}

/**
 * The audit entries moved out of each agency's document (oldest first). Only
 * ever added to: a move costs the entries moved, however long the archive
 * has grown.
 */
export interface AuditArchiveStore {
  /** Every archived entry of the agency, in order of `seq`, each `seq` once; undefined when nothing was archived. */
  read(agencyId: string): Promise<AuditArchive | undefined>;
  /** Archive `entries` (in order of `seq`); an entry whose `seq` is archived already is ignored (a move repeated after its agency write failed). */
  append(agencyId: string, entries: readonly AuditEntry[]): Promise<void>;
}

export interface Repository {
  readonly agencies: Collection<AgencyDocument>;
  readonly users: Collection<UserDocument>;
  /** A single document with id "index". */
  readonly invitations: Collection<InvitationIndex>;
  /** The agencies registered in each region, by region (app/directory.ts). */
  readonly regions: Collection<RegionDirectory>;
  /** Older audit entries of each agency, moved out of its document. */
  readonly auditArchive: AuditArchiveStore;
  readonly backups: Backups;
  /** Present when several processes share the storage (PostgreSQL); absent for single-process lowdb. */
  readonly updates?: UpdateLedger;
  close(): Promise<void>;
}

/** A stored document that exists but cannot be parsed or validated. It is never overwritten. */
export class DocumentUnavailable extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly reason: string,
  ) {
    super(`${collection}/${id} tidak dapat dibaca: ${reason}`);
    this.name = "DocumentUnavailable";
  }
}

/**
 * The storage could not be reached (a database that refused, lost or stopped
 * answering the connection): what the update did was rolled back, unless
 * `maybeStored`, when the connection was lost after the commit was sent and
 * whether it took effect is unknown.
 */
export class StorageUnreachable extends Error {
  constructor(
    readonly maybeStored: boolean,
    options?: { cause?: unknown },
  ) {
    super(maybeStored ? "penyimpanan terputus saat menyimpan" : "penyimpanan tidak dapat dihubungi", options);
    this.name = "StorageUnreachable";
  }
}

/** Why the storage refused a write: its disk is full, or it may only be read. */
export type WriteRefusal = "full" | "read-only";

/**
 * Whether `e` says the storage refused to write, and why: the file system's ENOSPC (or the user's quota,
 * EDQUOT) or PostgreSQL's SQLSTATE 53100 (disk_full); a file system mounted read-only (EROFS, as Linux
 * remounts one after disk errors) or a PostgreSQL server that accepts no writes (25006: a standby).
 * The write that failed stored nothing (lowdb never appends after a line cut short: see
 * LowdbCollection.save; PostgreSQL rolls the transaction back).
 */
export function writeRefused(e: unknown): WriteRefusal | undefined {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === "ENOSPC" || code === "EDQUOT" || code === "53100") return "full";
  if (code === "EROFS" || code === "25006") return "read-only";
  return undefined;
}

export const INVITATION_INDEX_ID = "index";

/**
 * Agency documents a process keeps parsed in memory: a quarter of them for
 * agencies loaded once, the rest for those in steady use (document-cache.ts).
 * A parsed agency of 40 indicators and 200 budget lines with its memoized
 * results takes about 0.2–0.5 MB of heap; 64 covers the agencies being
 * worked on at one moment in a process (an officer's answers hit the cache)
 * and keeps memory bounded however many agencies are stored. A larger cache
 * made answers slower in the benchmark (a larger heap to collect) except
 * when far more officers wait than it holds (see docs/benchmark.md).
 * AGENCY_CACHE_SIZE changes it.
 */
export const DEFAULT_AGENCY_CACHE = 64;

/**
 * Connections a process keeps to PostgreSQL (DATABASE_POOL_SIZE changes it).
 * Each update of a private chat holds one for its whole transaction, so this
 * many are worked on at once. Several processes on one database need
 * processes × this under the server's `max_connections` (100 by default, 3 of
 * them kept for superusers). With the database on the bot's own two cores,
 * 3 connections carried fewer answers wherever agencies are loaded
 * (docs/benchmark.md, item 46): lower it to fit more processes, not for speed.
 */
export const DEFAULT_POOL_SIZE = 10;
