/**
 * Leaving the active agency (the button under /anggota, for every member), and closing it when the officer is its
 * only member (app/leave.ts). Both are confirmed first; the confirmation says which of the two the button does.
 * The officer who closed an agency finds it under /instansi (and /start), with a button to open it again.
 */
import { leaveAgency, leaveKind, reopenAgency, type LeaveKind } from "../../app/leave.js";
import type { UserDocument } from "../../storage/documents.js";
import { adminIds, roleOf } from "../../app/edits.js";
import { formatCount } from "../../domain/numbers/format.js";
import { IDLE } from "../state.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, longDate, notifyOthers, reply, text, type Button } from "../ui.js";

/** The button under /anggota. */
export const leaveButton = () => button(label("keluar.tombol"), "leave");

/** What leaving would do, and the button that does it (or why the officer cannot leave yet). */
export async function confirmLeave(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const kind = leaveKind(doc, turn.actor.userId);
  const { name: instansi, region } = doc.data.agency;
  if (kind === "last-admin") return outcome([reply("keluar.admin_terakhir", { instansi })]);
  if (kind === "close") {
    const indikator = formatCount(doc.data.objectives.reduce((n, o) => n + o.indicators.length, 0));
    const permintaan = doc.joinRequests?.length ? formatCount(doc.joinRequests.length) : "";
    return outcome([reply("keluar.konfirmasi_tutup", { instansi, wilayah: region, indikator, permintaan }, [[button(label("keluar.tombol_tutup"), "leave:ok:close")]])]);
  }
  return outcome([reply("keluar.konfirmasi", { instansi }, [[button(label("keluar.tombol_ya"), "leave:ok:leave")]])]);
}

/** Leave (or close) the active agency, as confirmed; the admins, or the officers who asked to join it, are told. */
export async function leave(turn: Turn, expected: LeaveKind): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const result = await leaveAgency(turn.services, turn.actor, doc.data.agency.id, expected);
  const instansi = result.agency.data.agency.name;
  const active = result.activeAgencyId ? await turn.services.repo.agencies.read(result.activeAgencyId).catch(() => undefined) : undefined;
  const next = active && roleOf(active, turn.actor.userId) ? html("keluar.aktif", { instansi: active.data.agency.name }) : html("keluar.tanpa_instansi");
  const done = text(`${html(result.kind === "close" ? "keluar.ditutup" : "keluar.selesai", { instansi })} ${next}`);
  if (result.kind === "close") {
    const told = html("keluar.kabar_permintaan", { instansi });
    return outcome([done, ...notifyOthers(result.requests.map((r) => r.userId), turn.actor.userId, told)], IDLE);
  }
  return outcome([done, ...notifyOthers(adminIds(result.agency), turn.actor.userId, html("keluar.kabar_admin", { nama: turn.actor.name, instansi }))], IDLE);
}

/** Most closed agencies offered at once (the most recent). */
const CLOSED_SHOWN = 5;

/** The agencies the user closed, as lines and a button each to open it again; empty when none. */
export function closedAgencies(user: UserDocument): { lines: string[]; buttons: Button[][] } {
  const closed = (user.closedAgencies ?? []).slice(-CLOSED_SHOWN).reverse();
  if (closed.length === 0) return { lines: [], buttons: [] };
  return {
    lines: ["", html("keluar.ditutup_daftar"), ...closed.map((c) => html("keluar.ditutup_butir", { instansi: c.name, tanggal: longDate(c.at, c.timeZone ?? "WIB") }))],
    buttons: closed.map((c) => [button(label("keluar.tombol_buka", { instansi: c.name.slice(0, 60) }), `reopen:${c.agencyId}`)]),
  };
}

/** Open again an agency the officer closed; it becomes their active agency. */
export async function reopen(turn: Turn, agencyId: string): Promise<Outcome> {
  const doc = await reopenAgency(turn.services, turn.actor, agencyId);
  return outcome([reply("keluar.dibuka", { instansi: doc.data.agency.name, tahun: doc.data.agency.reportingYear })], IDLE);
}
