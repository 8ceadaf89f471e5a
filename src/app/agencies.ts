/**
 * Agencies and their members: registration (the creator becomes admin),
 * invitation codes (80 random bits, stored only as a hash, expiring,
 * revocable, single- or multi-use), joining with a rate limit on wrong codes,
 * roles, removal, and switching the active agency.
 */
import { createHash } from "node:crypto";
import { say } from "../messages/catalog.js";
import { formatCount } from "../domain/numbers/format.js";
import { latinizeLookAlikes } from "../domain/numbers/normalize.js";
import { AgencyFileSchema, type AgencyFileInput } from "../domain/schema/agency.js";
import type { Profile } from "../domain/schema/profile.js";
import { INVITATION_INDEX_ID } from "../storage/repository.js";
import {
  ACTIVE_SINCE_NEXT_MESSAGE,
  MAX_CLOSED_AGENCIES,
  MAX_INVITATION_USES,
  MAX_MEMBERS,
  MAX_USER_AGENCIES,
  STORAGE_SCHEMA_VERSION,
  type AgencyDocument,
  type ClosedAgency,
  type Invitation,
  type Role,
  type UserDocument,
} from "../storage/documents.js";
import { requireRole } from "./edits.js";
import { AgencyMissing, EditRejected, Forbidden, UserError } from "./errors.js";
import { randomId, type Actor, type Services } from "./services.js";
import { updateUser } from "./users.js";
import { recordAgency } from "./directory.js";
import { formatIssues } from "../domain/schema/issues.js";

export const INVITATION_DAYS = 7;
export const JOIN_ATTEMPTS = 5;
export const JOIN_WINDOW_MINUTES = 15;
const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export interface NewAgency {
  name: string;
  region: string;
  level: "provinsi" | "kabupaten" | "kota";
  reportingYear: number;
  startYear: number;
  endYear: number;
  profile?: Partial<Profile>;
}

/** UserError when `user` already belongs to as many agencies as a user document holds (and not to `agencyId`). */
export function checkRoomForAgency(user: UserDocument | undefined, agencyId?: string): void {
  if (!user || user.agencies.length < MAX_USER_AGENCIES || (agencyId !== undefined && user.agencies.includes(agencyId))) return;
  throw new UserError([say("instansi.batas_instansi", { maks: MAX_USER_AGENCIES })]);
}

/** Create an agency with `actor` as its admin, and make it the actor's active agency. */
export async function registerAgency(services: Services, actor: Actor, input: NewAgency): Promise<AgencyDocument> {
  // Checked before the agency is created: an agency its admin's list could not hold would be out of reach.
  checkRoomForAgency(await services.repo.users.read(String(actor.userId)));
  const id = `i${randomId(services, 9)}`;
  const now = services.now().toISOString();
  const file: AgencyFileInput = {
    format: "lkjip-instansi",
    version: 1,
    agency: {
      id,
      name: input.name,
      region: input.region,
      level: input.level,
      strategicPlan: { startYear: input.startYear, endYear: input.endYear },
      reportingYear: input.reportingYear,
    },
    profile: input.profile ?? {},
    objectives: [],
    budgetLines: [],
  };
  const parsed = AgencyFileSchema.safeParse(file);
  if (!parsed.success) throw new EditRejected(formatIssues(parsed.error, file));
  const doc: AgencyDocument = {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    data: parsed.data,
    members: [{ userId: actor.userId, name: actor.name, role: "admin", addedAt: now, addedBy: null }],
    invitations: [],
    audit: [],
    auditSeq: 0,
  };
  await recordAgency(services, doc.data.agency, now);
  await services.repo.agencies.update(id, (current) => {
    if (current) throw new Error(`agency id collision ${id}`);
    return { next: doc, result: undefined };
  });
  await updateUser(services, actor.userId, (user) => {
    if (!user.agencies.includes(id)) user.agencies.push(id);
    user.activeAgencyId = id;
  });
  return doc;
}

/** Whether `input` has the shape of an invitation code (16 letters and digits, once normalised): the payload of a link to join. */
export function looksLikeInvitationCode(input: string): boolean {
  return /^[A-Z0-9]{16}$/.test(normalizeCode(input));
}

/** Normalise a typed code: upper case, Latin letters, no spaces or dashes. */
export function normalizeCode(input: string): string {
  return latinizeLookAlikes(input.normalize("NFKC")).toUpperCase().replace(/[\s\-_.]/g, "");
}

export function hashCode(code: string): string {
  return createHash("sha256").update(normalizeCode(code)).digest("hex");
}

function formatCode(raw: string): string {
  return raw.match(/.{1,4}/g)!.join("-");
}

export interface CreatedInvitation {
  code: string;
  invitation: Invitation;
}

/** A new invitation code (shown once; only its hash is stored). */
export async function createInvitation(services: Services, agencyId: string, actor: Actor, role: "editor" | "viewer", multiUse: boolean): Promise<CreatedInvitation> {
  // 16 characters from a 32-letter alphabet: 80 bits from the cryptographic source.
  const bytes = services.random(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let raw = "";
  for (let i = 0; i < 16; i++) {
    raw = CODE_ALPHABET[Number(bits & 31n)]! + raw;
    bits >>= 5n;
  }
  const code = formatCode(raw);
  const now = services.now();
  const invitation: Invitation = {
    id: randomId(services, 8),
    codeHash: hashCode(code),
    role,
    createdBy: actor.userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    multiUse,
    usedBy: [],
  };
  await services.repo.agencies.update(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    requireRole(doc, actor.userId, "admin");
    doc.invitations.push(invitation);
    doc.invitations = doc.invitations.filter((i) => !i.revokedAt && new Date(i.expiresAt) > now).slice(-200);
    return { next: doc, result: undefined };
  });
  await services.repo.invitations.update(INVITATION_INDEX_ID, (index) => {
    const next = index ?? { schemaVersion: STORAGE_SCHEMA_VERSION, codes: {} };
    for (const [hash, entry] of Object.entries(next.codes)) if (new Date(entry.expiresAt) <= now) delete next.codes[hash];
    next.codes[invitation.codeHash] = { agencyId, invitationId: invitation.id, expiresAt: invitation.expiresAt };
    return { next, result: undefined };
  });
  return { code, invitation };
}

export async function revokeInvitation(services: Services, agencyId: string, actor: Actor, invitationId: string): Promise<Invitation> {
  const revoked = await services.repo.agencies.update(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    requireRole(doc, actor.userId, "admin");
    const inv = doc.invitations.find((i) => i.id === invitationId);
    if (!inv) throw new UserError([say("undangan.tidak_ditemukan")]);
    inv.revokedAt ??= services.now().toISOString();
    return { next: doc, result: inv };
  });
  await services.repo.invitations.update(INVITATION_INDEX_ID, (index) => {
    if (!index || !index.codes[revoked.codeHash]) return { next: undefined, result: undefined };
    delete index.codes[revoked.codeHash];
    return { next: index, result: undefined };
  });
  return revoked;
}

/** `invitation`: the one used (its role, kind and date, for the admins' notice). */
export type JoinResult = { ok: true; agency: AgencyDocument; role: Role; already: boolean; invitation: Invitation };

/** Join an agency with an invitation code. Wrong codes count towards a rate limit. */
export async function joinWithCode(services: Services, actor: Actor, typed: string): Promise<JoinResult> {
  const now = services.now();
  const windowStart = now.getTime() - JOIN_WINDOW_MINUTES * 60_000;
  const user = await services.repo.users.read(String(actor.userId));
  const recent = (user?.joinFailures ?? []).filter((t) => new Date(t).getTime() > windowStart);
  if (recent.length >= JOIN_ATTEMPTS) {
    const oldest = Math.min(...recent.map((t) => new Date(t).getTime()));
    const minutes = Math.max(1, Math.ceil((oldest + JOIN_WINDOW_MINUTES * 60_000 - now.getTime()) / 60_000));
    throw new UserError([say("undangan.terlalu_sering", { menit: minutes })]);
  }
  const fail = async (key: string): Promise<never> => {
    await updateUser(services, actor.userId, (u) => {
      u.joinFailures = [...u.joinFailures.filter((t) => new Date(t).getTime() > windowStart), now.toISOString()].slice(-20);
    });
    throw new UserError([say(key, { sisa: Math.max(0, JOIN_ATTEMPTS - recent.length - 1) })]);
  };
  const code = normalizeCode(typed);
  if (!looksLikeInvitationCode(code)) return fail("undangan.format_salah");
  const hash = hashCode(code);
  const index = await services.repo.invitations.read(INVITATION_INDEX_ID);
  const entry = index?.codes[hash];
  if (!entry) return fail("undangan.kode_salah");
  // The limits below are not the officer's mistake: they do not count as failed attempts.
  checkRoomForAgency(user, entry.agencyId);

  type Outcome = "missing" | "revoked" | "expired" | "used" | "full" | "exhausted" | { doc: AgencyDocument; role: Role; already: boolean; invitation: Invitation };
  const outcome = await services.repo.agencies.update<Outcome>(entry.agencyId, (doc) => {
    // A closed agency's invitations were revoked when it was closed (app/leave.ts).
    if (!doc || doc.closed) return { next: undefined, result: "missing" };
    const inv = doc.invitations.find((i) => i.id === entry.invitationId && i.codeHash === hash);
    if (!inv || inv.revokedAt) return { next: undefined, result: "revoked" };
    if (new Date(inv.expiresAt) <= now) return { next: undefined, result: "expired" };
    if (!inv.multiUse && inv.usedBy.length > 0 && !inv.usedBy.includes(actor.userId)) return { next: undefined, result: "used" };
    const existing = doc.members.find((m) => m.userId === actor.userId);
    if (existing) return { next: undefined, result: { doc, role: existing.role, already: true, invitation: inv } };
    if (doc.members.length >= MAX_MEMBERS) return { next: undefined, result: "full" };
    const used = inv.usedBy.includes(actor.userId); // a member removed earlier who joins again
    if (!used && inv.usedBy.length >= MAX_INVITATION_USES) return { next: undefined, result: "exhausted" };
    doc.members.push({ userId: actor.userId, name: actor.name, role: inv.role, addedAt: now.toISOString(), addedBy: inv.createdBy });
    if (!used) inv.usedBy.push(actor.userId);
    return { next: doc, result: { doc, role: inv.role, already: false, invitation: inv } };
  });
  if (outcome === "full") throw new UserError([say("undangan.instansi_penuh", { maks: MAX_MEMBERS })]);
  if (outcome === "exhausted") throw new UserError([say("undangan.kode_penuh", { maks: formatCount(MAX_INVITATION_USES) })]);
  if (outcome === "missing" || outcome === "revoked") return fail("undangan.kode_dicabut");
  if (outcome === "expired") return fail("undangan.kedaluwarsa");
  if (outcome === "used") return fail("undangan.sudah_dipakai");
  await updateUser(services, actor.userId, (u) => {
    if (!u.agencies.includes(outcome.doc.data.agency.id)) u.agencies.push(outcome.doc.data.agency.id);
    u.activeAgencyId = outcome.doc.data.agency.id;
    u.joinFailures = [];
  });
  return { ok: true, agency: outcome.doc, role: outcome.role, already: outcome.already, invitation: outcome.invitation };
}

export async function changeRole(services: Services, agencyId: string, actor: Actor, memberId: number, role: Role): Promise<AgencyDocument> {
  return services.repo.agencies.update(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    requireRole(doc, actor.userId, "admin");
    const member = doc.members.find((m) => m.userId === memberId);
    if (!member) throw new UserError([say("anggota.tidak_ditemukan")]);
    if (member.role === "admin" && role !== "admin" && doc.members.filter((m) => m.role === "admin").length === 1) {
      throw new Forbidden([say("anggota.admin_terakhir")]);
    }
    member.role = role;
    return { next: doc, result: doc };
  });
}

export async function removeMember(services: Services, agencyId: string, actor: Actor, memberId: number): Promise<AgencyDocument> {
  const doc = await services.repo.agencies.update(agencyId, (d) => {
    if (!d) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    if (memberId !== actor.userId) requireRole(d, actor.userId, "admin");
    const member = d.members.find((m) => m.userId === memberId);
    if (!member) throw new UserError([say("anggota.tidak_ditemukan")]);
    if (member.role === "admin" && d.members.filter((m) => m.role === "admin").length === 1) throw new Forbidden([say("anggota.admin_terakhir")]);
    d.members = d.members.filter((m) => m.userId !== memberId);
    return { next: d, result: d };
  });
  await dropMembership(services, memberId, agencyId);
  return doc;
}

/**
 * Take `agencyId` off the user's list of agencies (after they left it or were removed); returns the agency active
 * for them now. A user whose active agency it was gets the next one of their list, and no button of theirs counts
 * until their next message: the buttons were made for the agency they no longer belong to. `closed`: they closed it
 * (the last to leave), and it is remembered for them to open again.
 */
export async function dropMembership(services: Services, userId: number, agencyId: string, closed?: ClosedAgency): Promise<string | undefined> {
  return services.repo.users.update(String(userId), (u) => {
    if (!u) return { next: undefined, result: undefined };
    u.agencies = u.agencies.filter((a) => a !== agencyId);
    // The agency they closed, to open again (app/leave.ts): the most recent ones.
    if (closed) u.closedAgencies = [...(u.closedAgencies ?? []).filter((c) => c.agencyId !== agencyId), closed].slice(-MAX_CLOSED_AGENCIES);
    if (u.activeAgencyId === agencyId) {
      if (u.agencies[0]) u.activeAgencyId = u.agencies[0];
      else delete u.activeAgencyId;
      u.activeSince = ACTIVE_SINCE_NEXT_MESSAGE;
    }
    return { next: u, result: u.activeAgencyId };
  });
}

/** Make one of the user's agencies the active one (membership is checked). */
export async function switchAgency(services: Services, actor: Actor, agencyId: string): Promise<AgencyDocument> {
  const doc = await services.repo.agencies.read(agencyId);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  requireRole(doc, actor.userId, "viewer");
  await updateUser(services, actor.userId, (u) => {
    if (!u.agencies.includes(agencyId)) u.agencies.push(agencyId);
    u.activeAgencyId = agencyId;
  });
  return doc;
}

/**
 * Create an agency from an agency file (demo data, a JSON import or a
 * backup): the actor becomes its admin. Fails if an agency with that id exists.
 */
export async function createAgencyFromFile(services: Services, actor: Actor, file: AgencyFileInput, options: { keepId?: boolean } = {}): Promise<AgencyDocument> {
  const id = options.keepId && typeof file.agency?.id === "string" ? file.agency.id : `i${randomId(services, 9)}`;
  const input = { ...file, agency: { ...file.agency, id } } as AgencyFileInput;
  const parsed = AgencyFileSchema.safeParse(input);
  if (!parsed.success) throw new EditRejected(formatIssues(parsed.error, input));
  const now = services.now().toISOString();
  const doc: AgencyDocument = {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    data: parsed.data,
    members: [{ userId: actor.userId, name: actor.name, role: "admin", addedAt: now, addedBy: null }],
    invitations: [],
    audit: [],
    auditSeq: 0,
  };
  await recordAgency(services, doc.data.agency, now);
  await services.repo.agencies.update(id, (current) => {
    if (current) throw new UserError([say("akses.instansi_sudah_ada", { id })]);
    return { next: doc, result: undefined };
  });
  await updateUser(services, actor.userId, (user) => {
    if (!user.agencies.includes(id)) user.agencies.push(id);
    user.activeAgencyId = id;
  });
  return doc;
}
