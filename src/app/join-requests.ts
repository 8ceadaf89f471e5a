/**
 * Requests to join: an officer about to register an agency that a colleague registered already asks its admins
 * to let them in (they may not know who the admins are, so cannot ask for an invitation code). The request waits
 * in the agency's document until an admin accepts it, as editor or viewer, or turns it down.
 */
import { say } from "../messages/catalog.js";
import { ACTIVE_SINCE_NEXT_MESSAGE, MAX_JOIN_REQUESTS, MAX_MEMBERS, MAX_USER_AGENCIES, type AgencyDocument, type JoinRequest, type Member, type Role } from "../storage/documents.js";
import { checkRoomForAgency, switchAgency } from "./agencies.js";
import { roleOf, requireRole } from "./edits.js";
import { AgencyMissing, UserError } from "./errors.js";
import type { Actor, Services } from "./services.js";

/** A request is sent to the admins again only once this long has passed since the last one. */
export const REQUEST_REPEAT_HOURS = 24;

export type RequestResult =
  /** Stored: the admins are to be told. */
  | { kind: "sent"; agency: AgencyDocument }
  /** Asked already less than REQUEST_REPEAT_HOURS ago: nothing sent again. */
  | { kind: "waiting"; agency: AgencyDocument; at: string }
  /** A member already: the agency is made active. */
  | { kind: "member"; agency: AgencyDocument; role: Role };

/** Ask the admins of `agencyId` to let `actor` in. */
export async function requestToJoin(services: Services, actor: Actor & { username?: string | undefined }, agencyId: string): Promise<RequestResult> {
  const existing = await services.repo.agencies.read(agencyId);
  if (!existing) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  if (existing.closed) throw new UserError([say("permintaan.instansi_ditutup", { instansi: existing.data.agency.name })]);
  const role = roleOf(existing, actor.userId);
  if (role) return { kind: "member", agency: await switchAgency(services, actor, agencyId), role };
  checkRoomForAgency(await services.repo.users.read(String(actor.userId)));
  const now = services.now();
  return services.repo.agencies.update<RequestResult>(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    if (doc.closed) throw new UserError([say("permintaan.instansi_ditutup", { instansi: doc.data.agency.name })]);
    const member = roleOf(doc, actor.userId);
    if (member) return { next: undefined, result: { kind: "member", agency: doc, role: member } };
    const requests = doc.joinRequests ?? [];
    const earlier = requests.find((r) => r.userId === actor.userId);
    if (earlier && now.getTime() - new Date(earlier.at).getTime() < REQUEST_REPEAT_HOURS * 3_600_000) {
      return { next: undefined, result: { kind: "waiting", agency: doc, at: earlier.at } };
    }
    const request: JoinRequest = { userId: actor.userId, name: actor.name, at: now.toISOString() };
    if (actor.username) request.username = actor.username.slice(0, 64);
    doc.joinRequests = [...requests.filter((r) => r.userId !== actor.userId), request].slice(-MAX_JOIN_REQUESTS);
    return { next: doc, result: { kind: "sent", agency: doc } };
  });
}

export type Answer = "editor" | "viewer" | "reject";

export type AnswerResult =
  | { kind: "accepted"; agency: AgencyDocument; request: JoinRequest; role: "editor" | "viewer"; activated: boolean }
  | { kind: "rejected"; agency: AgencyDocument; request: JoinRequest }
  /** No request of this officer is waiting: another admin answered it (`member`: they were let in), or it was replaced. */
  | { kind: "handled"; agency: AgencyDocument; member: Member | undefined; name: string };

/** An admin's answer to the request of `userId`. */
export async function answerRequest(services: Services, actor: Actor, agencyId: string, userId: number, answer: Answer): Promise<AnswerResult> {
  const requester = await services.repo.users.read(String(userId));
  const now = services.now().toISOString();
  const result = await services.repo.agencies.update<AnswerResult>(agencyId, (doc) => {
    if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
    requireRole(doc, actor.userId, "admin");
    const request = doc.joinRequests?.find((r) => r.userId === userId);
    const member = doc.members.find((m) => m.userId === userId);
    const name = member?.name ?? request?.name ?? requester?.name ?? say("permintaan.tanpa_nama");
    if (!request) return { next: undefined, result: { kind: "handled", agency: doc, member, name } };
    doc.joinRequests = doc.joinRequests!.filter((r) => r.userId !== userId);
    if (answer === "reject" || member) {
      // One who joined meanwhile (with a code) keeps their place: the request is only taken off the list.
      return { next: doc, result: member ? { kind: "handled", agency: doc, member, name } : { kind: "rejected", agency: doc, request } };
    }
    if (!requester) throw new UserError([say("permintaan.pengguna_hilang", { nama: request.name })]);
    try {
      checkRoomForAgency(requester, agencyId);
    } catch {
      throw new UserError([say("permintaan.pengguna_penuh", { nama: request.name, maks: MAX_USER_AGENCIES })]);
    }
    if (doc.members.length >= MAX_MEMBERS) throw new UserError([say("permintaan.instansi_penuh", { maks: MAX_MEMBERS })]);
    doc.members.push({ userId, name: request.name, role: answer, addedAt: now, addedBy: actor.userId });
    return { next: doc, result: { kind: "accepted", agency: doc, request, role: answer, activated: false } };
  });
  if (result.kind !== "accepted") return result;
  const activated = await services.repo.users.update(String(userId), (u) => {
    if (!u) return { next: undefined, result: false };
    if (!u.agencies.includes(agencyId)) u.agencies.push(agencyId);
    if (u.activeAgencyId) return { next: u, result: false };
    u.activeAgencyId = agencyId;
    // Made active outside their conversation: no button of theirs counts until their next message (as a removal does).
    u.activeSince = ACTIVE_SINCE_NEXT_MESSAGE;
    return { next: u, result: true };
  });
  return { ...result, activated };
}
