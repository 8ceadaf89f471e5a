/**
 * Asking to join an agency found already registered (from registering it: start.ts), and its admins' answer,
 * with the buttons on the notice they receive or under /anggota.
 */
import { answerRequest, requestToJoin, REQUEST_REPEAT_HOURS, type Answer } from "../../app/join-requests.js";
import type { JoinRequest } from "../../storage/documents.js";
import { adminIds } from "../../app/edits.js";
import { IDLE } from "../state.js";
import { outcome, type Outcome, type Turn } from "../turn.js";
import { agencyZone } from "../../app/time-zone.js";
import { button, dateTime, html, label, notifyOthers, reply, type Button } from "../ui.js";

const ANSWERS: Record<string, Answer> = { e: "editor", v: "viewer", x: "reject" };

/** The callback data of an answer to `userId`'s request to join `agencyId` (see the route in router.ts). */
function answerData(agencyId: string, userId: number, answer: keyof typeof ANSWERS): string {
  return `jr:${agencyId}:${userId}:${answer}`;
}

/** The buttons answering one request; `prefix`: put before each label (a request's number in a list). */
export function answerButtons(agencyId: string, request: JoinRequest, prefix?: string): Button[][] {
  const name = (key: string) => (prefix ? label("permintaan.tombol_butir", { nomor: prefix, aksi: label(key) }) : label(key));
  return [
    [button(name("permintaan.tombol_editor"), answerData(agencyId, request.userId, "e")), button(name("permintaan.tombol_pembaca"), answerData(agencyId, request.userId, "v"))],
    [button(name("permintaan.tombol_tolak"), answerData(agencyId, request.userId, "x"))],
  ];
}

/** Ask the admins of `agencyId` to let the officer in; the registration being typed ends. */
export async function askToJoin(turn: Turn, agencyId: string): Promise<Outcome> {
  const result = await requestToJoin(turn.services, { ...turn.actor, username: turn.user.username }, agencyId);
  const instansi = result.agency.data.agency.name;
  if (result.kind === "member") return outcome([reply("gabung.sudah_anggota", { instansi, peran: label(`peran.${result.role}`) })], IDLE);
  if (result.kind === "waiting") return outcome([reply("permintaan.menunggu", { instansi, waktu: dateTime(result.at, agencyZone(result.agency.data.agency).zone), jam: REQUEST_REPEAT_HOURS })], IDLE);
  const request = result.agency.joinRequests!.find((r) => r.userId === turn.actor.userId)!;
  const notice = html("permintaan.masuk", { nama: request.name, username: request.username ?? "", instansi });
  return outcome([reply("permintaan.terkirim", { instansi }), ...notifyOthers(adminIds(result.agency), turn.actor.userId, notice, answerButtons(agencyId, request))], IDLE);
}

/** An admin's answer (a button of the notice, or of /anggota); the officer who asked and the other admins are told. */
export async function answerJoin(turn: Turn, agencyId: string, userId: number, answer: string): Promise<Outcome> {
  const result = await answerRequest(turn.services, turn.actor, agencyId, userId, ANSWERS[answer]!);
  const instansi = result.agency.data.agency.name;
  const admin = turn.actor.name;
  if (result.kind === "handled") {
    const member = result.member;
    if (member) return outcome([reply("permintaan.sudah_dijawab_anggota", { nama: member.name, instansi, peran: label(`peran.${member.role}`) })]);
    return outcome([reply("permintaan.sudah_dijawab", { nama: result.name })]);
  }
  const nama = result.request.name;
  // The officer who asked is no admin (turned down, or let in as editor or viewer): each is told once.
  const others = adminIds(result.agency);
  if (result.kind === "rejected") {
    return outcome([
      reply("permintaan.ditolak", { nama }),
      ...notifyOthers([userId], turn.actor.userId, html("permintaan.kabar_ditolak", { instansi })),
      ...notifyOthers(others, turn.actor.userId, html("permintaan.kabar_admin_ditolak", { admin, nama, instansi })),
    ]);
  }
  const peran = label(`peran.${result.role}`);
  return outcome([
    reply("permintaan.diterima", { nama, instansi, peran }),
    ...notifyOthers([userId], turn.actor.userId, html("permintaan.kabar_diterima", { admin, instansi, peran, aktif: result.activated })),
    ...notifyOthers(others, turn.actor.userId, html("permintaan.kabar_admin_diterima", { admin, nama, instansi, peran })),
  ]);
}
