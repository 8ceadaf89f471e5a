/** Admin tools: invitation codes (create, list, revoke) and members (roles, removal). */
import { changeRole, createInvitation, removeMember, revokeInvitation } from "../../app/agencies.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { Role } from "../../storage/documents.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, reply, text } from "../ui.js";

const date = (iso: string) => new Date(iso).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" });

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
      sampai: date(invitation.expiresAt),
    }),
  ]);
}

export async function listInvites(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const now = turn.services.now();
  const active = doc.invitations.filter((i) => !i.revokedAt && new Date(i.expiresAt) > now && (i.multiUse || i.usedBy.length === 0));
  if (active.length === 0) return outcome([reply("undangan.daftar_kosong")]);
  const lines = [html("undangan.daftar")];
  const buttons = active.map((inv, k) => {
    lines.push(
      html("undangan.butir", {
        peran: label(`peran.${inv.role}`),
        pemakaian: label(inv.multiUse ? "undangan.banyak" : "undangan.sekali"),
        dibuat: date(inv.createdAt),
        sampai: date(inv.expiresAt),
        dipakai: formatCount(inv.usedBy.length),
      }),
    );
    return [button(label("undangan.tombol_cabut", { nomor: k + 1 }), `inv:rev:${inv.id}`)];
  });
  return outcome([text(lines.join("\n"), buttons)]);
}

export async function revokeInvite(turn: Turn, invitationId: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const index = doc.invitations.findIndex((i) => i.id === invitationId);
  await revokeInvitation(turn.services, doc.data.agency.id, turn.actor, invitationId);
  return outcome([reply("undangan.dicabut", { nomor: index + 1 })]);
}

export async function listMembers(turn: Turn): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  const lines = [html("anggota.daftar", { instansi: doc.data.agency.name })];
  doc.members.forEach((m, k) => lines.push(html("anggota.butir", { nomor: k + 1, nama: m.name, peran: label(`peran.${m.role}`), anda: m.userId === turn.actor.userId })));
  if (role !== "admin") return outcome([text(lines.join("\n"))]);
  lines.push("", html("anggota.pilih"));
  const buttons = doc.members.map((m, k) => [button(label("anggota.tombol_anggota", { nomor: k + 1, nama: m.name.slice(0, 40) }), `mem:${m.userId}`)]);
  return outcome([text(lines.join("\n"), buttons)]);
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
  return outcome([reply("anggota.peran_diubah", { nama: m.name, peran: label(`peran.${role}`) })]);
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
  return outcome([reply("anggota.dikeluarkan", { nama: m.name })]);
}
