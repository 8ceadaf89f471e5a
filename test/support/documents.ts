/** Storage documents for tests. */
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { STORAGE_SCHEMA_VERSION, type AgencyDocument } from "../../src/storage/documents.js";
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
