/** /tahun — start the next reporting year (admin), or take the last start back (see app/new-year.ts). */
import { canUndoNewYear, newYearPreview, startNewYear, undoNewYear } from "../../app/new-year.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, notifyOthers, text, type Button, type Out } from "../ui.js";
import type { AgencyDocument } from "../../storage/documents.js";
import type { MessageParams } from "../../messages/catalog.js";
import { formatCount } from "../../domain/numbers/format.js";
import { IDLE, type State } from "../state.js";
import { coversYear, parseRenstraPeriod } from "../../app/renstra-period.js";

/** An example of a Renstra period starting with `year` (five years). */
const examplePeriod = (year: number) => `${year}-${year + 4}`;

/** "89 baris anggaran dan 1 indikator": what holds a pagu or realisasi anggaran, the counts that are not 0; "" when none. */
function anggaranText(lines: number, indicators: number): string {
  const parts = [lines > 0 ? label("tahun.baris_anggaran", { jumlah: formatCount(lines) }) : "", indicators > 0 ? label("tahun.indikator", { jumlah: formatCount(indicators) }) : ""];
  return parts.filter(Boolean).join(" dan ");
}

export async function yearMenu(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const p = newYearPreview(doc.data);
  const body = html("tahun.pratinjau", {
    instansi: doc.data.agency.name,
    dari: p.from,
    ke: p.to,
    indikator: p.indicators,
    dariRenstra: p.targetsFromPlan,
    faktor: p.factors,
    anggaran: anggaranText(p.budgetLines, p.budgetIndicators),
    catatan: p.notes,
    diLuarRenstra: p.afterPlan,
    akhirRenstra: doc.data.agency.strategicPlan.endYear,
  });
  // The buttons name the agency: pressed after switching to another agency (/instansi), they are refused.
  const agencyId = doc.data.agency.id;
  const buttons: Button[][] = [
    [button(label("tahun.tombol_mulai", { ke: p.to }), `year:go:${agencyId}:${p.from}`)],
    [button(label("tahun.tombol_renstra_baru", { ke: p.to }), `year:plan:${agencyId}:${p.from}`)],
  ];
  if (await canUndoNewYear(turn.services, agencyId, turn.actor.userId)) {
    buttons.push([button(label("tahun.tombol_kembali", { dari: p.from - 1 }), `year:back:${agencyId}:${p.from}`)]);
  }
  buttons.push([button(label("tahun.tombol_batal"), "year:no")]);
  return outcome([text(body, buttons)], IDLE);
}

export async function yearCallback(turn: Turn, data: string): Promise<Outcome> {
  if (data === "year:no") return outcome([text(html("umum.dibatalkan"))], IDLE);
  const m = /^year:(go|plan|back):([A-Za-z0-9._-]+):(\d{4})$/.exec(data);
  if (!m) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const [, action, agencyId, year] = m as unknown as [string, "go" | "plan" | "back", string, string];
  await flowAgency(turn, agencyId, "admin");
  if (action === "plan") {
    const from = Number(year);
    return outcome([text(html("tahun.tanya_renstra", { ke: from + 1, contoh: examplePeriod(from + 1) }))], { v: 1, flow: "year-plan", agencyId, from });
  }
  if (action === "go") {
    const saved = await startNewYear(turn.services, agencyId, turn.actor, Number(year));
    const { name: instansi, reportingYear: tahun } = saved.doc.data.agency;
    return outcome([text(html("tahun.dimulai", { instansi, tahun, dari: Number(year) })), ...toMembers(turn, saved.doc, "tahun.pemberitahuan_mulai", { instansi, tahun, dari: Number(year) })], IDLE);
  }
  const saved = await undoNewYear(turn.services, agencyId, turn.actor, Number(year));
  const { name: instansi, reportingYear: tahun } = saved.doc.data.agency;
  return outcome([text(html("tahun.dikembalikan", { instansi, tahun })), ...toMembers(turn, saved.doc, "tahun.pemberitahuan_kembali", { instansi, tahun })], IDLE);
}

/**
 * The other members told, each in their own chat, that the agency's reporting year changed: /isi asks for
 * another year from their next answer on, which without a word would surprise an officer half-way through it.
 */
function toMembers(turn: Turn, doc: AgencyDocument, key: string, params: MessageParams): Out[] {
  return notifyOthers(
    doc.members.map((m) => m.userId),
    turn.actor.userId,
    html(key, { ...params, admin: turn.actor.name }),
  );
}

/** The new Renstra period typed: the agency moves on with it, or what is wrong is said and the question stays open. */
export async function yearPlanText(turn: Turn, state: Extract<State, { flow: "year-plan" }>, input: string): Promise<Outcome> {
  await flowAgency(turn, state.agencyId, "admin");
  const to = state.from + 1;
  const contoh = examplePeriod(to);
  const period = parseRenstraPeriod(input);
  if (!period) return outcome([text(html("tahun.renstra_salah", { input: input.slice(0, 30), contoh }))]);
  if (!coversYear(period, to)) return outcome([text(html("tahun.renstra_tidak_memuat", { ke: to, awal: period.startYear, akhir: period.endYear, contoh }))]);
  const saved = await startNewYear(turn.services, state.agencyId, turn.actor, state.from, period);
  const info = saved.doc.data.agency;
  const params = { instansi: info.name, tahun: info.reportingYear, dari: state.from, awal: period.startYear, akhir: period.endYear };
  return outcome([text(html("tahun.dimulai_renstra", params)), ...toMembers(turn, saved.doc, "tahun.pemberitahuan_mulai", params)], IDLE);
}
