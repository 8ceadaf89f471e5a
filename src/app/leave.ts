/**
 * Leaving an agency, by any member: an officer moved to another office, one who joined the wrong agency, or one
 * whose account reached the limit of agencies. The data they entered stays with the agency.
 *
 * The last admin of an agency with other members cannot leave (the agency would have no admin): they make
 * another member admin first. The only member leaving closes the agency: nobody can open it through the bot any
 * more, its invitations stop working, the officers waiting for an answer to a request to join it are told, and
 * its region no longer lists it, so that a Dinas registered twice, or a trial registration, is no longer offered
 * to officers registering there. Its data stays stored (`closed` in the document says who closed it and when).
 */
import { say } from "../messages/catalog.js";
import { INVITATION_INDEX_ID } from "../storage/repository.js";
import type { AgencyDocument, JoinRequest } from "../storage/documents.js";
import { dropMembership } from "./agencies.js";
import { forgetAgency } from "./directory.js";
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
  return { ...left, activeAgencyId: await dropMembership(services, actor.userId, agencyId) };
}
