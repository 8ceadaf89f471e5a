/** Storage documents for tests. */
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { STORAGE_SCHEMA_VERSION, type AgencyDocument, type UserDocument } from "../../src/storage/documents.js";
import { agencyInput } from "./agency.js";

export function agencyDocument(id = "dinsos-contoh", adminId = 501): AgencyDocument {
  const input = agencyInput();
  input.agency = { ...input.agency!, id };
  return {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    revision: 1,
    createdAt: "2025-01-15T03:00:00.000Z",
    updatedAt: "2025-01-15T03:00:00.000Z",
    data: AgencyFileSchema.parse(input),
    members: [{ userId: adminId, name: "Sari", role: "admin", addedAt: "2025-01-15T03:00:00.000Z", addedBy: null }],
    invitations: [],
    audit: [],
    auditSeq: 0,
  };
}

/** A user document (no conversation yet unless `more` says otherwise). */
export function userDocument(id: number, name: string, more: Partial<UserDocument> = {}): UserDocument {
  return { schemaVersion: 1, id, name, createdAt: "2025-01-15T03:00:00.000Z", agencies: [], session: null, joinFailures: [], ...more };
}
