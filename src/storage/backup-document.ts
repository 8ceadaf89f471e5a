/** A daily backup as read back (a lowdb file or a PostgreSQL row): upgraded to the current schema and validated. */
import { AgencyDocumentSchema, type AgencyDocument } from "./documents.js";
import { migrate } from "./migrations.js";

/** The backed-up agency document, or undefined when the backup is damaged or from a newer version. */
export function readBackup(raw: unknown): AgencyDocument | undefined {
  try {
    const parsed = AgencyDocumentSchema.safeParse(migrate(raw, {}));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
