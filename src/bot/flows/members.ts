/** Admin tools: invitation codes (create, list, revoke) and members (roles, removal); every member's list of members (with leaving: leave.ts). */
import { changeRole, createInvitation, removeMember, revokeInvitation } from "../../app/agencies.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { AgencyDocument, Invitation, Role } from "../../storage/documents.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { agencyZone } from "../../app/time-zone.js";
import { button, dateTime, html, label, listInPages, longDate, notifyOthers, reply, sentenceStart, type Button, type Out } from "../ui.js";
import { answerButtons } from "./join-request.js";
import { adminIds } from "../../app/edits.js";
import { leaveButton } from "./leave.js";


export async function inviteMenu(turn: Turn): Promise<Outcome> {
  await activeAgency(turn, "admin");
  return outcome([
    reply("undangan.pilih_peran", {}, [
      [button(label("undangan.tombol_editor_sekali"), "inv:new:editor:1"), button(label("undangan.tombol_editor_banyak"), "inv:new:editor:n")],
      [button(label("undangan.tombol_pembaca_sekali"), "inv:new:viewer:1"), button(label("undangan.tombol_pembaca_banyak"), "inv:new:viewer:n")],
    ]),
  ]);
}

export async function createInvite(turn: Turn, role: "editor" | "viewer", multiUse: boolean): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const { code, invitation } = await createInvitation(turn.services, doc.data.agency.id, turn.actor, role, multiUse);
  return outcome([
    reply("undangan.dibuat", {
      peran: label(`peran.${role}`),
      pemakaian: label(multiUse ? "undangan.banyak" : "undangan.sekali"),
      kode: code,
      tautan: `https://t.me/${turn.botUsername}?start=${code}`,
      sampai: longDate(invitation.expiresAt, agencyZone(doc.data.agency).zone),
    }),
  ]);
}

/** The invitations still valid, numbered as their buttons are; `page` counted from 0 (see `listInPages`). */
export async function listInvites(turn: Turn, page = 0): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const now = turn.services.now();
  const active = doc.invitations.filter((i) => !i.revokedAt && new Date(i.expiresAt) > now && (i.multiUse || i.usedBy.length === 0));
  if (active.length === 0) return outcome([reply("undangan.daftar_kosong")]);
  const numbered = active.map((invitation, k) => ({ invitation, number: k + 1 }));
  const { zone } = agencyZone(doc.data.agency);
  return outcome(
    listInPages(
      {
        head: [html("undangan.daftar")],
        items: numbered,
        line: ({ invitation: inv, number }) =>
          html("undangan.butir", {
            nomor: number,
            peran: sentenceStart(label(`peran.${inv.role}`)),
            pemakaian: label(inv.multiUse ? "undangan.banyak" : "undangan.sekali"),
            dibuat: longDate(inv.createdAt, zone),
            sampai: longDate(inv.expiresAt, zone),
            dipakai: formatCount(inv.usedBy.length),
          }),
        buttons: ({ invitation, number }) => [button(label("undangan.tombol_cabut", { nomor: number }), `inv:rev:${invitation.id}`)],
        tail: [],
        fixed: [],
        pageData: (p) => `undangan:${p}`,
        unit: "undangan",
      },
      page,
    ),
  );
}

/** Revokes an invitation; the reply names it as its line did (the numbers of the list change with it). */
export async function revokeInvite(turn: Turn, invitationId: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const before = doc.invitations.find((i) => i.id === invitationId);
  const inv = await revokeInvitation(turn.services, doc.data.agency.id, turn.actor, invitationId);
  return outcome([reply(before?.revokedAt ? "undangan.sudah_dicabut" : "undangan.dicabut", about(inv, doc.data))]);
}

/** An invitation of agency `file` as messages name it: its role, kind and the day it was made. */
function about(inv: Invitation, file: AgencyFile): { peran: string; pemakaian: string; dibuat: string } {
  return {
    peran: label(`peran.${inv.role}`),
    pemakaian: label(inv.multiUse ? "undangan.banyak" : "undangan.sekali"),
    dibuat: longDate(inv.createdAt, agencyZone(file.agency).zone),
  };
}

/**
 * The notice to each admin of `doc` that `name` joined it with `inv`: a code passed on further than meant (a
 * multi-use code in a group chat) shows at once, and the notice says how to undo it.
 */
export function joinNotices(doc: AgencyDocument, joinerId: number, name: string, inv: Invitation): Out[] {
  const notice = html("undangan.pemberitahuan", { nama: name, instansi: doc.data.agency.name, ...about(inv, doc.data) });
  return notifyOthers(adminIds(doc), joinerId, notice);
}

/** Requests to join shown under /anggota to an admin, with their answer buttons (the latest first, a few). */
const REQUESTS_SHOWN = 5;
const waitingRequests = (doc: AgencyDocument) => [...(doc.joinRequests ?? [])].reverse().slice(0, REQUESTS_SHOWN);

function requestLines(doc: AgencyDocument): string[] {
  const waiting = waitingRequests(doc);
  if (waiting.length === 0) return [];
  return ["", html("permintaan.daftar"), ...waiting.map((r, k) => html("permintaan.butir", { nomor: `P${k + 1}`, nama: r.name, username: r.username ?? "", waktu: dateTime(r.at, agencyZone(doc.data.agency).zone) }))];
}

function requestButtons(doc: AgencyDocument): Button[][] {
  return waitingRequests(doc).flatMap((r, k) => answerButtons(doc.data.agency.id, r, `P${k + 1}`));
}

/** The members, numbered; an admin gets a button per member. `page` counted from 0 (see `listInPages`). */
export async function listMembers(turn: Turn, page = 0): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  const admin = role === "admin";
  const numbered = doc.members.map((member, k) => ({ member, number: k + 1 }));
  return outcome(
    listInPages(
      {
        head: [html("anggota.daftar", { instansi: doc.data.agency.name })],
        items: numbered,
        line: ({ member: m, number }) => html("anggota.butir", { nomor: number, nama: m.name, peran: label(`peran.${m.role}`), anda: m.userId === turn.actor.userId }),
        buttons: admin ? ({ member: m, number }) => [button(label("anggota.tombol_anggota", { nomor: number, nama: m.name.slice(0, 40) }), `mem:${m.userId}`)] : undefined,
        tail: admin ? ["", html("anggota.pilih"), ...requestLines(doc)] : [],
        fixed: [...(admin ? requestButtons(doc) : []), [leaveButton()]],
        pageData: (p) => `anggota:${p}`,
        unit: "anggota",
      },
      page,
    ),
  );
}

export async function memberActions(turn: Turn, memberId: number): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const m = doc.members.find((x) => x.userId === memberId);
  if (!m) return outcome([reply("anggota.tidak_ditemukan")]);
  const roles: [Role, string][] = [
    ["admin", "anggota.tombol_jadi_admin"],
    ["editor", "anggota.tombol_jadi_editor"],
    ["viewer", "anggota.tombol_jadi_pembaca"],
  ];
  const buttons = roles.filter(([r]) => r !== m.role).map(([r, key]) => [button(label(key), `role:${memberId}:${r}`)]);
  buttons.push([button(label("anggota.tombol_keluarkan"), `rm:${memberId}`)]);
  return outcome([reply("anggota.aksi", { nama: m.name, peran: label(`peran.${m.role}`) }, buttons)]);
}

export async function setRole(turn: Turn, memberId: number, role: Role): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const updated = await changeRole(turn.services, doc.data.agency.id, turn.actor, memberId, role);
  const m = updated.members.find((x) => x.userId === memberId)!;
  const told = html("anggota.pemberitahuan_peran", { instansi: updated.data.agency.name, peran: label(`peran.${role}`), admin: turn.actor.name });
  return outcome([reply("anggota.peran_diubah", { nama: m.name, peran: label(`peran.${role}`) }), ...notifyOthers([memberId], turn.actor.userId, told)]);
}

export async function confirmRemove(turn: Turn, memberId: number): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const m = doc.members.find((x) => x.userId === memberId);
  if (!m) return outcome([reply("anggota.tidak_ditemukan")]);
  return outcome([reply("anggota.konfirmasi_keluarkan", { nama: m.name, instansi: doc.data.agency.name }, [[button(label("anggota.tombol_ya_keluarkan"), `rmok:${memberId}`)]])]);
}

export async function remove(turn: Turn, memberId: number): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const m = doc.members.find((x) => x.userId === memberId);
  if (!m) return outcome([reply("anggota.tidak_ditemukan")]);
  await removeMember(turn.services, doc.data.agency.id, turn.actor, memberId);
  const told = html("anggota.pemberitahuan_keluar", { instansi: doc.data.agency.name, admin: turn.actor.name });
  // The member is told, unless the admin removed themselves.
  return outcome([reply("anggota.dikeluarkan", { nama: m.name }), ...notifyOthers([memberId], turn.actor.userId, told)]);
}
