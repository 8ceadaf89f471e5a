/**
 * Schema versions of stored documents. A document written by an older version
 * is upgraded step by step when read (and saved in the new shape on its next
 * write); a document from a newer version is refused rather than misread.
 */
import { STORAGE_SCHEMA_VERSION } from "./documents.js";

export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** migrations[n] upgrades a version-n document to version n + 1. */
export type Migrations = Record<number, Migration>;

export class UnsupportedVersion extends Error {}

export function migrate(raw: unknown, migrations: Migrations, current = STORAGE_SCHEMA_VERSION): unknown {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return raw;
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === "number" ? doc.schemaVersion : 0;
  if (version > current) throw new UnsupportedVersion(`versi skema ${version} lebih baru dari versi aplikasi (${current})`);
  while (version < current) {
    const step = migrations[version];
    if (!step) throw new UnsupportedVersion(`tidak ada migrasi dari versi skema ${version}`);
    doc = { ...step(doc), schemaVersion: version + 1 };
    version++;
  }
  return doc;
}
