/**
 * The PostgreSQL tables. One row per agency document (JSONB) with a version
 * column, and the small changes made since it was last written in full (patch
 * operations, one row each); memberships mirrored from the agency documents for lookups; users
 * and their conversation sessions in two tables; the audit archive as one
 * row per entry; invitation codes; daily backups; and the update ids handled
 * by webhook processes (so a redelivered update is applied once); and the agencies registered in each region
 * (one row per agency), which registering reads.
 */
import { CHECK_FUNCTION, type Db } from "./db.js";

export const TABLES = ["agencies", "agency_changes", "memberships", "users", "sessions", "audit_log", "invitation_codes", "agency_backups", "handled_updates", "agency_regions"] as const;

const DDL = `
CREATE TABLE IF NOT EXISTS agencies (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS agency_changes (
  document_id text NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  version bigint NOT NULL,
  ops text NOT NULL,
  PRIMARY KEY (document_id, version)
);
CREATE TABLE IF NOT EXISTS memberships (
  agency_id text NOT NULL REFERENCES agencies(id) ON DELETE CASCADE,
  user_id bigint NOT NULL,
  role text NOT NULL,
  PRIMARY KEY (agency_id, user_id)
);
CREATE INDEX IF NOT EXISTS memberships_by_user ON memberships (user_id);
CREATE TABLE IF NOT EXISTS users (
  id text PRIMARY KEY,
  doc jsonb NOT NULL,
  version bigint NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS sessions (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  state jsonb,
  last_update_id bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS audit_log (
  agency_id text NOT NULL,
  seq integer NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (agency_id, seq)
);
CREATE TABLE IF NOT EXISTS invitation_codes (
  code_hash text PRIMARY KEY,
  agency_id text NOT NULL,
  invitation_id text NOT NULL,
  expires_at text NOT NULL
);
CREATE TABLE IF NOT EXISTS agency_backups (
  agency_id text NOT NULL,
  id text NOT NULL,
  taken_at timestamptz NOT NULL DEFAULT now(),
  doc jsonb NOT NULL,
  PRIMARY KEY (agency_id, id)
);
-- Added later (tables created before have them added): the schema version and MD5 of the document text as
-- validated and written by the bot, and a checksum of each change row; see collection.ts.
ALTER TABLE agencies ADD COLUMN IF NOT EXISTS checked text;
ALTER TABLE agency_changes ADD COLUMN IF NOT EXISTS sum text;
-- Added later: a backup copies the agency row as stored, the document and, in this column, its change rows
-- (a JSON array of their texts; null: none). Older backups hold the document alone.
ALTER TABLE agency_backups ADD COLUMN IF NOT EXISTS changes jsonb;
CREATE TABLE IF NOT EXISTS handled_updates (
  update_id bigint PRIMARY KEY,
  handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS agency_regions (
  region_id text NOT NULL,
  agency_id text NOT NULL,
  name text NOT NULL,
  added_at text NOT NULL,
  PRIMARY KEY (region_id, agency_id)
);
`;

/** Create the tables if they do not exist (processes starting together take turns). */
export async function createSchema(db: Db): Promise<void> {
  await db.tx(async (client) => {
    await db.lock(client, "lkjip:schema");
    await client.query(DDL);
    await client.query(CHECK_FUNCTION);
  });
}
