/**
 * Filling a store with N benchmark agencies (and one officer per agency),
 * directly in the storage format, once: a finished store is marked and reused
 * by later runs with the same N.
 */
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import pg from "pg";
import { AgencyDocumentSchema, STORAGE_SCHEMA_VERSION, UserDocumentSchema, type AgencyDocument, type UserDocument } from "../src/storage/documents.js";
import { journalPath, startJournal, textHash } from "../src/storage/lowdb/journal.js";
import { checkedSql } from "../src/storage/postgres/collection.js";
import { PgRepository } from "../src/storage/postgres/repository.js";
import { LowdbRepository } from "../src/storage/lowdb/repository.js";
import { fillDirectory } from "../src/app/directory.js";
import { defaultServices } from "../src/app/services.js";
import { agencyId, benchDocument, officerId } from "./generate.js";

/** Bump when the generated data changes, so stale stores are rebuilt. */
export const DATA_VERSION = 2;

/** The name of a store of `count` agencies with `audit` audit entries each (the stores without keep their old names). */
export const storeName = (count: number, audit: number): string => (audit > 0 ? `${count}-audit${audit}` : String(count));

export function officerDocument(n: number): UserDocument {
  return {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    id: officerId(n),
    name: `Petugas ${n}`,
    createdAt: "2025-01-15T03:00:00.000Z",
    agencies: [agencyId(n)],
    activeAgencyId: agencyId(n),
    session: null,
    joinFailures: [],
  };
}

/** One parsed template per shape is reused: generating and validating 10,000 documents one by one takes minutes. */
function documents(from: number, to: number, audit: number): AgencyDocument[] {
  const out: AgencyDocument[] = [];
  for (let n = from; n < to; n++) out.push(benchDocument(n, audit));
  return out;
}

export async function seedLowdb(dir: string, count: number, audit: number, progress: (done: number) => void): Promise<void> {
  const marker = join(dir, `.bench-${storeName(count, audit)}-v${DATA_VERSION}`);
  if (!existsSync(marker)) await writeLowdb(dir, marker, count, audit, progress);
  const repo = new LowdbRepository({ dir });
  try {
    await fillDirectory(defaultServices(repo));
  } finally {
    await repo.close();
  }
}

async function writeLowdb(dir: string, marker: string, count: number, audit: number, progress: (done: number) => void): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, "instansi"), { recursive: true });
  await mkdir(join(dir, "pengguna"), { recursive: true });
  for (let n = 0; n < count; n += 100) {
    const batch = documents(n, Math.min(count, n + 100), audit);
    await Promise.all(
      batch.map(async (doc, i) => {
        // As the store writes them: the file, and a journal whose header says this text passed validation.
        const agencyPath = join(dir, "instansi", `${doc.data.agency.id}.json`);
        const agencyText = JSON.stringify(AgencyDocumentSchema.parse(doc));
        await writeFile(agencyPath, agencyText);
        await startJournal(journalPath(agencyPath), textHash(agencyText), STORAGE_SCHEMA_VERSION);
        const userPath = join(dir, "pengguna", `${officerId(n + i)}.json`);
        const userText = JSON.stringify(UserDocumentSchema.parse(officerDocument(n + i)));
        await writeFile(userPath, userText);
        await startJournal(journalPath(userPath), textHash(userText), STORAGE_SCHEMA_VERSION);
      }),
    );
    progress(Math.min(count, n + 100));
  }
  await writeFile(marker, new Date().toISOString());
}

/** A database of its own for the benchmark (created with the given admin connection when missing). */
export async function benchDatabaseUrl(adminUrl: string, count: number, audit: number): Promise<string> {
  const name = `lkjip_bench_${storeName(count, audit).replace("-", "_")}_v${DATA_VERSION}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rows.length === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function seedPostgres(url: string, count: number, audit: number, progress: (done: number) => void): Promise<void> {
  const repo = await PgRepository.open({ url });
  try {
    await repo.db.query("CREATE TABLE IF NOT EXISTS bench_info (agencies int NOT NULL)");
    // As the store writes them: each row records the schema version it was validated with and the MD5 of its
    // text (a database seeded before that column existed gets it here, once).
    const done = await repo.db.query<{ agencies: number }>("SELECT agencies FROM bench_info");
    if (done.rows[0]?.agencies === count) {
      await repo.db.query(`UPDATE agencies SET checked = ${checkedSql("doc", "$1")} WHERE checked IS NULL`, [String(STORAGE_SCHEMA_VERSION)]);
      await fillDirectory(defaultServices(repo));
      return;
    }
    await repo.db.query("TRUNCATE agencies, agency_changes, memberships, users, sessions, audit_log, invitation_codes, agency_backups, handled_updates, agency_regions, bench_info");
    for (let n = 0; n < count; n += 100) {
      const batch = documents(n, Math.min(count, n + 100), audit).map((d) => AgencyDocumentSchema.parse(d));
      const ids = batch.map((d) => d.data.agency.id);
      await repo.db.query(`INSERT INTO agencies (id, doc, checked) SELECT id, doc, ${checkedSql("doc", "$3")} FROM unnest($1::text[], $2::jsonb[]) AS t(id, doc)`, [
        ids,
        batch.map((d) => JSON.stringify(d)),
        String(STORAGE_SCHEMA_VERSION),
      ]);
      await repo.db.query("INSERT INTO memberships (agency_id, user_id, role) SELECT a, u, 'admin' FROM unnest($1::text[], $2::bigint[]) AS t(a, u)", [ids, batch.map((_, i) => officerId(n + i))]);
      const users = batch.map((_, i) => officerDocument(n + i));
      await repo.db.query("INSERT INTO users (id, doc) SELECT * FROM unnest($1::text[], $2::jsonb[])", [
        users.map((u) => String(u.id)),
        users.map((u) => {
          const { session: _session, ...profile } = u;
          return JSON.stringify(profile);
        }),
      ]);
      progress(Math.min(count, n + 100));
    }
    // The directory of regions, as the bot's start fills it for agencies stored before it existed.
    await fillDirectory(defaultServices(repo));
    await repo.db.query("INSERT INTO bench_info (agencies) VALUES ($1)", [count]);
    await repo.db.query("VACUUM ANALYZE");
  } finally {
    await repo.close();
  }
}
