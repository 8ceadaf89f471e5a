/**
 * Leaving an agency, by any member: an officer moved to another office, one who joined the wrong agency, or one
 * whose account reached the limit of agencies. The data they entered stays with the agency.
 *
 * The last admin of an agency with other members cannot leave (the agency would have no admin): they make
 * another member admin first. The only member leaving closes the agency: nobody else can open it through the bot,
 * its invitations stop working, the officers waiting for an answer to a request to join it are told, and its
 * region no longer lists it, so that a Dinas registered twice, or a trial registration, is no longer offered to
 * officers registering there. Its data stays stored (`closed` in the document says who closed it and when), and
 * the officer who closed it can open it again (`reopenAgency`: closed by mistake), as its only admin.
 */
import { say } from "../messages/catalog.js";
import { INVITATION_INDEX_ID } from "../storage/repository.js";
import type { AgencyDocument, JoinRequest } from "../storage/documents.js";
import { checkRoomForAgency, dropMembership } from "./agencies.js";
import { forgetAgency, recordAgency } from "./directory.js";
import { updateUser } from "./users.js";
import { agencyZone } from "./time-zone.js";
import { AgencyMissing, Forbidden, UserError } from "./errors.js";
import type { Actor, Services } from "./services.js";

/** What leaving does for this member: leave, or close the agency (they are its only member). */
export type LeaveKind = "leave" | "close";

/** What leaving `doc` would do for `userId` now; "last-admin": refused, other members would have no admin. */
export function leaveKind(doc: AgencyDocument, userId: number): LeaveKind | "last-admin" | "not-member" {
  const member = doc.members.find((m) => m.userId === userId);
  if (!member) return "not-member";
  if (doc.members.length === 1) return "close";
  if (member.role === "admin" && !doc.members.some((m) => m.userId !== userId && m.role === "admin")) return "last-admin";
  return "leave";
}

export interface LeaveResult {
  kind: LeaveKind;
  /** The agency as stored after the officer left (closed: with no members). */
  agency: AgencyDocument;
  /** Closed: the requests to join that were waiting, whose officers are to be told. */
  requests: JoinRequest[];
  /** The agency active for the officer now (undefined: none). */
  activeAgencyId: string | undefined;
}

/**
 * `actor` leaves `agencyId`. `expected`: what the officer confirmed (see leaveKind); when the members changed
 * since so that leaving would now do the other, nothing is done and they are asked to look again.
 */
export async function leaveAgency(services: Services, actor: Actor, agencyId: string, expected: LeaveKind): Promise<LeaveResult> {
  const now = services.now().toISOString();
  const left = await services.repo.agencies.update(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    const kind = leaveKind(doc, actor.userId);
    if (kind === "not-member") throw new Forbidden([say("akses.bukan_anggota")]);
    if (kind === "last-admin") throw new Forbidden([say("keluar.admin_terakhir", { instansi: doc.data.agency.name })]);
    if (kind !== expected) throw new UserError([say("keluar.berubah")]);
    const requests = kind === "close" ? (doc.joinRequests ?? []) : [];
    if (kind === "close") {
      doc.closed = { at: now, userId: actor.userId, name: actor.name };
      for (const invitation of doc.invitations) invitation.revokedAt ??= now;
      delete doc.joinRequests;
    }
    doc.members = doc.members.filter((m) => m.userId !== actor.userId);
    return { next: doc, result: { kind, agency: doc, requests } };
  });
  if (left.kind === "close") {
    // Once the agency is closed, nothing below can open it again: each step only tidies what points to it.
    await services.repo.invitations.update(INVITATION_INDEX_ID, (index) => {
      const codes = Object.entries(index?.codes ?? {}).filter(([, entry]) => entry.agencyId === agencyId);
      if (!index || codes.length === 0) return { next: undefined, result: undefined };
      for (const [hash] of codes) delete index.codes[hash];
      return { next: index, result: undefined };
    });
    await forgetAgency(services, left.agency.data.agency);
  }
  const info = left.agency.data.agency;
  const closed = left.kind === "close" ? { agencyId, name: info.name.slice(0, 200), at: now, timeZone: agencyZone(info).zone } : undefined;
  return { ...left, activeAgencyId: await dropMembership(services, actor.userId, agencyId, closed) };
}

/**
 * Open again an agency `actor` closed: they are its only member, as admin, and it is their active agency; its
 * region lists it again. Its old invitation codes stay revoked. Refused for an agency they did not close.
 */
export async function reopenAgency(services: Services, actor: Actor, agencyId: string): Promise<AgencyDocument> {
  const user = await services.repo.users.read(String(actor.userId));
  const current = await services.repo.agencies.read(agencyId);
  // Open and theirs already: the button pressed a second time.
  const opened = current !== undefined && !current.closed && current.members.some((m) => m.userId === actor.userId);
  if (!opened && !user?.closedAgencies?.some((c) => c.agencyId === agencyId)) throw new Forbidden([say("keluar.buka_bukan_penutup")]);
  if (!current) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  checkRoomForAgency(user, agencyId);
  const now = services.now().toISOString();
  // Listed in its region before it opens, as a registration is (app/directory.ts): a closed agency listed is passed over.
  const { name, region, level } = current.data.agency;
  await recordAgency(services, { id: agencyId, name, region, level }, now);
  const doc = await services.repo.agencies.update(agencyId, (d) => {
    if (!d) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    // Open already: by a press before this one (nothing more to do), or by an operator for others.
    if (!d.closed) return { next: undefined, result: d };
    if (d.closed.userId !== actor.userId) throw new Forbidden([say("keluar.buka_bukan_penutup")]);
    delete d.closed;
    d.members = [{ userId: actor.userId, name: actor.name, role: "admin", addedAt: now, addedBy: null }];
    return { next: d, result: d };
  });
  const member = doc.members.some((m) => m.userId === actor.userId);
  await updateUser(services, actor.userId, (u) => {
    if (member && !u.agencies.includes(agencyId)) u.agencies.push(agencyId);
    if (member) u.activeAgencyId = agencyId;
    const closed = (u.closedAgencies ?? []).filter((c) => c.agencyId !== agencyId);
    if (closed.length > 0) u.closedAgencies = closed;
    else delete u.closedAgencies;
  });
  if (!member) throw new UserError([say("keluar.dibuka_orang_lain", { instansi: name })]);
  return doc;
}
