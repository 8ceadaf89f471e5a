/** /pulihkan — restore the agency from a daily backup (admin), also when the current file is damaged. */
import { say } from "../../messages/catalog.js";
import { UserError } from "../../app/errors.js";
import { requireRole } from "../../app/edits.js";
import { DocumentUnavailable, lastChangeOf, type BackupChange } from "../../storage/repository.js";
import type { AgencyDocument } from "../../storage/documents.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import { agencyZone } from "../../app/time-zone.js";
import { outcome, type Outcome, type Turn } from "../turn.js";
import { button, dateTime, html, label, notifyOthers, text } from "../ui.js";

const date = (id: string) => new Date(`${id}T00:00:00Z`).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The newest change a backup holds, as its messages name it ("#3", "15 Jan 2025, 10.00 WIB", who), in the agency's zone; undefined for none. */
function changeParams(change: BackupChange | undefined, agency: AgencyFile["agency"]): { nomor: number; waktu: string; nama: string } | undefined {
  return change && { nomor: change.seq, waktu: dateTime(change.at, agencyZone(agency).zone), nama: change.userName };
}

/**
 * The active agency's id, its details (undefined when its file is damaged), and whether the user may restore it
 * (admin now, or admin in the backup when the file is damaged).
 */
async function target(turn: Turn): Promise<{ agencyId: string; name: string; agency?: AgencyFile["agency"]; damaged: boolean }> {
  const agencyId = turn.user.activeAgencyId;
  if (!agencyId) throw new UserError([say("akses.belum_ada_instansi")]);
  try {
    const doc = await turn.services.repo.agencies.read(agencyId);
    if (!doc) throw new UserError([say("akses.instansi_tidak_ada")]);
    requireRole(doc, turn.actor.userId, "admin");
    return { agencyId, name: doc.data.agency.name, agency: doc.data.agency, damaged: false };
  } catch (e) {
    if (!(e instanceof DocumentUnavailable)) throw e;
    return { agencyId, name: agencyId, damaged: true };
  }
}

/** Backup `backupId` of the agency, read; refused to a user who is not its admin in it when `damaged` (the agency's file cannot say). */
async function backupFor(turn: Turn, agencyId: string, backupId: string, damaged: boolean): Promise<AgencyDocument> {
  const backup = await turn.services.repo.backups.read(agencyId, backupId);
  if (!backup) throw new UserError([say("pulihkan.tidak_ada")]);
  if (damaged && !backup.members.some((m) => m.userId === turn.actor.userId && m.role === "admin")) throw new UserError([say("pulihkan.bukan_admin")]);
  return backup;
}

export async function listBackups(turn: Turn): Promise<Outcome> {
  const t = await target(turn);
  const backups = await turn.services.repo.backups.list(t.agencyId);
  if (backups.length === 0) return outcome([text(html("pulihkan.tidak_ada"))]);
  const newestValid = backups.find((b) => b.valid);
  // A damaged file: the newest good backup names the agency (and its zone), and says who is its admin.
  const agency = t.agency ?? (newestValid ? (await backupFor(turn, t.agencyId, newestValid.id, true)).data.agency : undefined);
  const name = agency?.name ?? t.name;
  const lines = [
    html("pulihkan.daftar", { instansi: name }),
    ...backups.map((b) => html("pulihkan.butir", { tanggal: date(b.id), sah: b.valid, perubahan: agency && changeParams(b.lastChange, agency), awal: b.valid && !b.lastChange })),
  ];
  const buttons = backups.filter((b) => b.valid).map((b) => [button(label("pulihkan.tombol", { tanggal: date(b.id) }), `rst:${b.id}`)]);
  return outcome([text(lines.join("\n"), buttons)]);
}

export async function confirmRestore(turn: Turn, backupId: string): Promise<Outcome> {
  const t = await target(turn);
  const backup = await backupFor(turn, t.agencyId, backupId, t.damaged);
  const agency = t.agency ?? backup.data.agency;
  const change = lastChangeOf(backup);
  const params = { instansi: agency.name, tanggal: date(backupId), perubahan: changeParams(change, agency), awal: !change };
  return outcome([text(html("pulihkan.konfirmasi", params), [[button(label("pulihkan.tombol_ya"), `rstok:${backupId}`)]])]);
}

export async function restore(turn: Turn, backupId: string): Promise<Outcome> {
  const t = await target(turn);
  if (t.damaged) await backupFor(turn, t.agencyId, backupId, true);
  // The members before (a damaged file has none to read) and after: each is told, as their later answers are gone.
  const before = t.damaged ? [] : ((await turn.services.repo.agencies.read(t.agencyId))?.members ?? []);
  const doc = await turn.services.repo.backups.restore(t.agencyId, backupId);
  const change = lastChangeOf(doc);
  const perubahan = changeParams(change, doc.data.agency);
  const params = { admin: turn.actor.name, instansi: doc.data.agency.name, tanggal: date(backupId), perubahan, awal: !change };
  const after = new Set(doc.members.map((m) => m.userId));
  const notices = notifyOthers([...after, ...before.map((m) => m.userId)], turn.actor.userId, (userId) => html("pulihkan.pemberitahuan", { ...params, keluar: !after.has(userId) }));
  return outcome([text(html("pulihkan.berhasil", { instansi: doc.data.agency.name, tanggal: date(backupId), perubahan, awal: !change })), ...notices]);
}
