/**
 * Every change to an agency's data goes through here: the role is checked,
 * the change is applied to a copy, the result is validated with the agency
 * schema (an invalid change is rejected with Indonesian reasons and nothing is
 * written), each changed field is recorded in the audit trail, and the write
 * is awaited before the caller may acknowledge anything.
 */
import { say } from "../messages/catalog.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { formatIssues } from "../domain/schema/issues.js";
import type { AgencyDocument, AuditEntry, Role } from "../storage/documents.js";
import { describeField } from "./describe.js";
import { AgencyMissing, EditRejected, Forbidden } from "./errors.js";
import { diffAgency, getAt, setAt, type Json } from "./paths.js";
import { validateEdit } from "./validate.js";
import { Immer } from "immer";
import type { Actor, Services } from "./services.js";

/**
 * Audit entries kept inside the agency document; older ones move to the
 * agency's archive (appended there: a move costs its entries). Every
 * officer's answer loads the document, /riwayat and undo read the archive
 * when the document's entries do not suffice: 250 entries made the document
 * twice as large to load (docs/benchmark.md, item 14), so it keeps 50–100.
 */
export const AUDIT_RECENT = 100;
/** How many entries move at once when the document's audit is full. */
const AUDIT_MOVE = 50;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/**
 * Edits are made with immer, without its freezing of the result: the edited
 * data is validated into new objects and the document is frozen as a whole
 * when it is stored (storage/stored-document.ts). With immer freezing it
 * too, the copy and freeze of a budget line's edit took half again as long
 * (docs/benchmark.md, item 38).
 */
const immer = new Immer({ autoFreeze: false });

export function roleOf(doc: AgencyDocument, userId: number): Role | undefined {
  return doc.members.find((m) => m.userId === userId)?.role;
}

/** The user ids of the agency's admins (who are told of joins and requests to join). */
export function adminIds(doc: AgencyDocument): number[] {
  return doc.members.filter((m) => m.role === "admin").map((m) => m.userId);
}

export function requireRole(doc: AgencyDocument, userId: number, minimum: Role): Role {
  const role = roleOf(doc, userId);
  if (role === undefined) throw new Forbidden([say("akses.bukan_anggota")]);
  if (RANK[role] < RANK[minimum]) throw new Forbidden([say(`akses.perlu_${minimum}`)]);
  return role;
}

export function hasRole(doc: AgencyDocument, userId: number, minimum: Role): boolean {
  const role = roleOf(doc, userId);
  return role !== undefined && RANK[role] >= RANK[minimum];
}

/** Read an agency the actor is a member of (any role). */
export async function readAgencyFor(services: Services, agencyId: string, userId: number): Promise<AgencyDocument> {
  const doc = await services.repo.agencies.read(agencyId);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  requireRole(doc, userId, "viewer");
  return doc;
}

export interface EditResult {
  doc: AgencyDocument;
  changes: AuditEntry[];
}

/** Append entries; when the document holds too many, move the oldest to the archive first (nothing is dropped). */
async function appendAudit(services: Services, doc: AgencyDocument, entries: AuditEntry[]): Promise<void> {
  doc.audit.push(...entries);
  if (doc.audit.length <= AUDIT_RECENT) return;
  const moving = doc.audit.slice(0, doc.audit.length - AUDIT_RECENT + AUDIT_MOVE);
  // Were the agency write to fail now, the entries stay in the document and are moved again (the archive keeps each seq once).
  await services.repo.auditArchive.append(doc.data.agency.id, moving);
  doc.audit.splice(0, moving.length);
}

/** Every audit entry of an agency, oldest first: the archive, then the document's recent ones. */
export async function allAuditEntries(services: Services, doc: AgencyDocument): Promise<AuditEntry[]> {
  const archive = await services.repo.auditArchive.read(doc.data.agency.id);
  const first = doc.audit[0]?.seq ?? Infinity;
  return [...(archive?.entries.filter((e) => e.seq < first) ?? []), ...doc.audit];
}

/**
 * Apply `mutate` to the agency's data as `actor`, who needs at least `minimum`. `undoOf`: the entry this edit undoes;
 * `whole`: the edit's entries are marked as one (`partOf`), to be taken back together.
 */
export async function editAgency(
  services: Services,
  agencyId: string,
  actor: Actor,
  minimum: Role,
  mutate: (data: AgencyFile) => void,
  options: { undoOf?: number; whole?: boolean } = {},
): Promise<EditResult> {
  return services.repo.agencies.update(agencyId, async (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    requireRole(doc, actor.userId, minimum);
    // Copy-on-write: only what `mutate` touches is copied; everything else stays the stored object.
    const draft = immer.produce(doc.data, (d) => {
      mutate(d as AgencyFile);
    });
    const parsed = validateEdit(doc.data, draft);
    if (!parsed.ok) throw new EditRejected(formatIssues(parsed.error, draft));
    const differences = diffAgency(doc.data, parsed.data);
    if (differences.length === 0) return { next: undefined, result: { doc, changes: [] } };
    const at = services.now().toISOString();
    const first = doc.auditSeq + 1;
    const entries: AuditEntry[] = differences.map((d) => {
      const entry: AuditEntry = {
        seq: ++doc.auditSeq,
        at,
        userId: actor.userId,
        userName: actor.name,
        field: d.field,
        label: describeField(d.new === undefined ? doc.data : parsed.data, d.field).slice(0, 700),
      };
      if (d.old !== undefined) entry.old = d.old;
      if (d.new !== undefined) entry.new = d.new;
      if (options.undoOf !== undefined) entry.undoOf = options.undoOf;
      if (options.whole) entry.partOf = first;
      return entry;
    });
    await appendAudit(services, doc, entries);
    doc.data = parsed.data;
    doc.revision++;
    doc.updatedAt = at;
    return { next: doc, result: { doc, changes: entries } };
  });
}

/**
 * Undo one audit entry (admin only): the field goes back to its old value,
 * provided nobody changed it since. The undo is itself recorded. The result also holds the entry undone
 * (`undone`: who made the change, and what it was).
 */
export async function undoChange(services: Services, agencyId: string, actor: Actor, seq: number): Promise<EditResult & { undone: AuditEntry }> {
  const doc = await services.repo.agencies.read(agencyId);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  requireRole(doc, actor.userId, "admin");
  const entry = (await allAuditEntries(services, doc)).find((e) => e.seq === seq);
  if (!entry) throw new EditRejected([say("riwayat.tidak_ditemukan", { nomor: seq })]);
  const result = await editAgency(
    services,
    agencyId,
    actor,
    "admin",
    (data) => {
      const current = getAt(data, entry.field);
      if (JSON.stringify(current) !== JSON.stringify(entry.new)) throw new EditRejected([say("riwayat.sudah_berubah", { nomor: seq })]);
      if (!setAt(data, entry.field, entry.old as Json | undefined)) throw new EditRejected([say("riwayat.tidak_bisa", { nomor: seq })]);
    },
    { undoOf: seq },
  );
  return { ...result, undone: entry };
}
