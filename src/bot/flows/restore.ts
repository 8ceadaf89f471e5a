/** /pulihkan — restore the agency from a daily backup (admin), also when the current file is damaged. */
import { say } from "../../messages/catalog.js";
import { UserError } from "../../app/errors.js";
import { requireRole } from "../../app/edits.js";
import { DocumentUnavailable } from "../../storage/repository.js";
import { outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, notifyOthers, text } from "../ui.js";

const date = (id: string) => new Date(`${id}T00:00:00Z`).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The active agency's id, and whether the user may restore it (admin now, or admin in the backup when the file is damaged). */
async function target(turn: Turn): Promise<{ agencyId: string; name: string; damaged: boolean }> {
  const agencyId = turn.user.activeAgencyId;
  if (!agencyId) throw new UserError([say("akses.belum_ada_instansi")]);
  try {
    const doc = await turn.services.repo.agencies.read(agencyId);
    if (!doc) throw new UserError([say("akses.instansi_tidak_ada")]);
    requireRole(doc, turn.actor.userId, "admin");
    return { agencyId, name: doc.data.agency.name, damaged: false };
  } catch (e) {
    if (!(e instanceof DocumentUnavailable)) throw e;
    return { agencyId, name: agencyId, damaged: true };
  }
}

async function backupAdmin(turn: Turn, agencyId: string, backupId: string): Promise<string> {
  const backup = await turn.services.repo.backups.read(agencyId, backupId);
  if (!backup) throw new UserError([say("pulihkan.tidak_ada")]);
  if (!backup.members.some((m) => m.userId === turn.actor.userId && m.role === "admin")) throw new UserError([say("pulihkan.bukan_admin")]);
  return backup.data.agency.name;
}

export async function listBackups(turn: Turn): Promise<Outcome> {
  const t = await target(turn);
  const backups = await turn.services.repo.backups.list(t.agencyId);
  if (backups.length === 0) return outcome([text(html("pulihkan.tidak_ada"))]);
  const newestValid = backups.find((b) => b.valid);
  const name = t.damaged && newestValid ? await backupAdmin(turn, t.agencyId, newestValid.id) : t.name;
  const lines = [html("pulihkan.daftar", { instansi: name }), ...backups.map((b) => html("pulihkan.butir", { tanggal: date(b.id), sah: b.valid }))];
  const buttons = backups.filter((b) => b.valid).map((b) => [button(label("pulihkan.tombol", { tanggal: date(b.id) }), `rst:${b.id}`)]);
  return outcome([text(lines.join("\n"), buttons)]);
}

export async function confirmRestore(turn: Turn, backupId: string): Promise<Outcome> {
  const t = await target(turn);
  const name = t.damaged ? await backupAdmin(turn, t.agencyId, backupId) : t.name;
  return outcome([text(html("pulihkan.konfirmasi", { instansi: name, tanggal: date(backupId) }), [[button(label("pulihkan.tombol_ya"), `rstok:${backupId}`)]])]);
}

export async function restore(turn: Turn, backupId: string): Promise<Outcome> {
  const t = await target(turn);
  if (t.damaged) await backupAdmin(turn, t.agencyId, backupId);
  // The members before (a damaged file has none to read) and after: each is told, as their later answers are gone.
  const before = t.damaged ? [] : ((await turn.services.repo.agencies.read(t.agencyId))?.members ?? []);
  const doc = await turn.services.repo.backups.restore(t.agencyId, backupId);
  const params = { admin: turn.actor.name, instansi: doc.data.agency.name, tanggal: date(backupId) };
  const after = new Set(doc.members.map((m) => m.userId));
  const notices = notifyOthers([...after, ...before.map((m) => m.userId)], turn.actor.userId, (userId) => html("pulihkan.pemberitahuan", { ...params, keluar: !after.has(userId) }));
  return outcome([text(html("pulihkan.berhasil", { instansi: doc.data.agency.name, tanggal: date(backupId) })), ...notices]);
}
