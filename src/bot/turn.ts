/** One update being handled: who, in which chat, in which state, with which services. */
import { say } from "../messages/catalog.js";
import { AgencyMissing, Forbidden, UserError } from "../app/errors.js";
import { requireRole, roleOf } from "../app/edits.js";
import type { Actor, Services } from "../app/services.js";
import type { AgencyDocument, Role, UserDocument } from "../storage/documents.js";
import type { State } from "./state.js";
import type { Out } from "./ui.js";

export interface Turn {
  services: Services;
  user: UserDocument;
  actor: Actor;
  state: State;
  chat: { id: number; type: string };
  /** The bot's username, for links to it (t.me/<username>?start=…). */
  botUsername: string;
}

/** What handling an update produced: the next state (unchanged when absent) and the replies. */
export interface Outcome {
  state?: State;
  replies: Out[];
}

export const outcome = (replies: Out[], state?: State): Outcome => (state === undefined ? { replies } : { state, replies });

/** The user's active agency, with their role checked against `minimum`. */
export async function activeAgency(turn: Turn, minimum: Role = "viewer"): Promise<{ doc: AgencyDocument; role: Role }> {
  const id = turn.user.activeAgencyId;
  if (!id) throw new UserError([say("akses.belum_ada_instansi")]);
  const doc = await turn.services.repo.agencies.read(id);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  const role = requireRole(doc, turn.actor.userId, minimum);
  return { doc, role };
}

/** The agency a flow was started in must still be the active one, and the role must still allow it. */
export async function flowAgency(turn: Turn, agencyId: string, minimum: Role): Promise<AgencyDocument> {
  if (turn.user.activeAgencyId !== agencyId) throw new UserError([say("akses.tombol_kedaluwarsa")]);
  const doc = await turn.services.repo.agencies.read(agencyId);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  const role = roleOf(doc, turn.actor.userId);
  if (!role) throw new Forbidden([say("akses.bukan_anggota")]);
  requireRole(doc, turn.actor.userId, minimum);
  return doc;
}
