/**
 * A daily backup as read back (a lowdb file or a PostgreSQL row): upgraded to
 * the current schema and validated. A PostgreSQL backup is the agency row as
 * stored: the document, with the change rows on top of it, if any, passed as
 * `{ doc, changes }` (each change the JSON text of patch operations) and
 * replayed here.
 */
import { AgencyDocumentSchema, type AgencyDocument } from "./documents.js";
import { migrate } from "./migrations.js";
import { apply, type Op } from "./patch.js";

function isStoredRow(raw: unknown): raw is { doc: unknown; changes: string[] } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const keys = Object.keys(raw);
  return keys.length === 2 && "doc" in raw && "changes" in raw && Array.isArray(raw.changes) && raw.changes.every((c) => typeof c === "string");
}

/**
 * The day a backup taken at `now` is named after ("2025-01-16"): a day of Western Indonesian time (UTC+7), where
 * most agencies are, so that the first change an officer makes after midnight starts the day's copy, not the
 * first after 07.00 (UTC's midnight). An agency in WITA or WIT starts its day one or two hours earlier.
 */
export function backupDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The backed-up agency document, or undefined when the backup is damaged or from a newer version. */
export function readBackup(raw: unknown): AgencyDocument | undefined {
  try {
    let doc = raw;
    if (isStoredRow(raw)) {
      // The changes were made to the upgraded document: upgrade first, then replay them (as a read does).
      doc = migrate(raw.doc, {});
      for (const ops of raw.changes) doc = apply(doc, JSON.parse(ops) as Op[]);
    }
    const parsed = AgencyDocumentSchema.safeParse(migrate(doc, {}));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
