/** /indikator: one indicator's summary with a button per answer to change it. */
import { computeAgency } from "../../domain/calc/agency.js";
import { indicatorBudget, type IndicatorBudget } from "../../domain/calc/absorption.js";
import { Decimal } from "../../domain/decimal.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { encodeKey, FACTOR_KINDS, type QuestionKey } from "../../app/entry/keys.js";
import { findIndicator, findLine } from "../../app/entry/missing.js";
import { currentValue, formatFor } from "../../app/entry/present.js";
import { editAgency, hasRole } from "../../app/edits.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, label, listInPages, text, type Out } from "../ui.js";
import { lineTitle } from "./lines.js";
import { chooseIndicatorOut } from "./choose-indicator.js";

/** /indikator: a button per indicator, or per sasaran first for a large agency; with `objectiveId`, that sasaran's (its button). */
export async function chooseIndicator(turn: Turn, objectiveId?: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  if (!doc.data.objectives.some((o) => o.indicators.length > 0)) return outcome([text(html("indikator.tidak_ada"))]);
  const make = (ind: Indicator) => button(label("indikator.tombol", { kode: ind.code ?? "", nama: ind.name.slice(0, 50) }), `ind:${ind.id}`);
  return outcome([chooseIndicatorOut(doc.data, "ind", html("indikator.pilih"), make, [], objectiveId) ?? text(html("akses.tombol_kedaluwarsa"))]);
}

function fieldLabel(file: AgencyFile, key: QuestionKey): string {
  switch (key.q) {
    case "target":
    case "actual":
      return label(`indikator.medan.${key.q}`, { tahun: key.year });
    case "final":
    case "national":
      return label(`indikator.medan.${key.q}`);
    case "factors":
      return label(`indikator.medan.${key.which}`);
    case "budget":
      return label(`indikator.medan.${key.field}`);
    case "line": {
      const line = findLine(file, key.lineId)!;
      return label(`indikator.medan.line_${key.field}`, { baris: lineTitle(line) });
    }
  }
}

/**
 * The most budget lines an indicator's summary lists one by one (the Dumai report's indicators have up to 5).
 * An indicator linked to more (all the sub kegiatan of a program) gets one line with their sum and a button
 * that lists them: 50 lines made 100 bullets and 100 buttons, over three messages.
 */
export const INDICATOR_LINES_MAX = 10;

/** The summary message: values, capaian, and (for editors) one button per answer. */
export async function indicatorSummary(turn: Turn, file: AgencyFile, indicatorId: string): Promise<Out> {
  const ind = findIndicator(file, indicatorId);
  if (!ind) return text(html("isi.indikator_hilang"));
  const objective = file.objectives.find((o) => o.indicators.some((i) => i.id === indicatorId))!;
  const year = file.agency.reportingYear;
  const result = computeAgency(file);
  const r = result.indicatorById.get(indicatorId)!;
  const keys: QuestionKey[] = [{ q: "target", indicatorId, year }, { q: "actual", indicatorId, year }];
  // An indicator that replaced an older one has no history of its own.
  if (!ind.predecessor) {
    for (const y of [year - 1, year - 2]) keys.push({ q: "target", indicatorId, year: y }, { q: "actual", indicatorId, year: y });
  }
  keys.push({ q: "final", indicatorId }, { q: "national", indicatorId });
  const lines = linkedLines(file, indicatorId);
  // An indicator's own pagu, when it has one, is what its efficiency is computed on (`indicatorBudget`), linked
  // lines or not: it is shown and asked, and the lines beside it summed up in one line.
  const own = hasOwnBudget(ind) && lines.length > 0;
  // Many lines are summed up in one line here, and listed on a button of their own.
  const folded = lines.length > INDICATOR_LINES_MAX || own;
  if (lines.length === 0 || own) keys.push({ q: "budget", indicatorId, field: "budget" }, { q: "budget", indicatorId, field: "spent" });
  else if (!folded) for (const l of lines) keys.push({ q: "line", lineId: l.id, field: "budget" }, { q: "line", lineId: l.id, field: "spent" });
  const factors = FACTOR_KINDS.map((which): QuestionKey => ({ q: "factors", indicatorId, which }));

  const body = [
    html("indikator.ringkasan", {
      kode: ind.code ?? "",
      nama: ind.name,
      sasaran: objective.name,
      satuan: ind.unit,
      polaritas: label(`indikator.polaritas.${ind.polarity}`),
      jenis: label(`indikator.jenis.${ind.kind}`),
    }),
  ];
  const a = r.current.achievement;
  if (a.status === "ok") body.push(html("indikator.hasil", { tahun: year, capaian: formatFor(file).percent(a.value), kategori: r.current.category }));
  else if (a.status === "ordinal") body.push(html("indikator.hasil_predikat", { tahun: year, hasil: label(a.comparison === "below" ? "sel.predikat_belum" : "sel.predikat_tercapai") }));
  else body.push(html("indikator.hasil_belum", { tahun: year, alasan: label(`indikator.alasan.${a.status === "not_filled" ? "not_filled" : a.reason}`) }));
  body.push("");
  for (const key of keys) body.push(valueLine(file, key));
  if (folded) body.push(html("indikator.anggaran_dilipat", { jumlah: formatCount(lines.length), ...budgetSums(file, linesBudget(file, indicatorId)) }));
  for (const key of factors) body.push(valueLine(file, key));
  const linesButton = folded ? [[button(label("indikator.tombol_baris_anggaran", { jumlah: formatCount(lines.length) }), `indl:${indicatorId}`)]] : [];
  const doc = await turn.services.repo.agencies.read(file.agency.id);
  const canEdit = doc !== undefined && hasRole(doc, turn.actor.userId, "editor");
  if (own) body.push("", html(canEdit ? "indikator.pagu_sendiri" : "indikator.pagu_sendiri_baca"));
  if (!canEdit) return text(body.join("\n"), linesButton);
  body.push("", html("indikator.ubah"));
  const edit = (key: QuestionKey) => button(fieldLabel(file, key).slice(0, 60), `e:${encodeKey(key)}`);
  const useLines = own ? [[button(label("indikator.tombol_pakai_baris"), `indb:${indicatorId}`)]] : [];
  return text(body.join("\n"), [...grid(keys.map(edit), 2), ...linesButton, ...useLines, ...grid(factors.map(edit), 2)]);
}

/** Whether an indicator has a pagu or realisasi anggaran of its own (which its efficiency is computed on, lines or not). */
export function hasOwnBudget(ind: Indicator): boolean {
  return ind.budget?.budget !== undefined || ind.budget?.spent !== undefined;
}

/** The budget lines linked to an indicator. */
function linkedLines(file: AgencyFile, indicatorId: string): AgencyFile["budgetLines"] {
  return file.budgetLines.filter((l) => l.indicatorIds.includes(indicatorId));
}

/** The sum of the budget lines linked to an indicator, whether or not its own pagu is what counts. */
function linesBudget(file: AgencyFile, indicatorId: string): IndicatorBudget {
  return indicatorBudget(indicatorId, undefined, computeAgency(file).budget);
}

/**
 * "🔗 Pakai jumlah baris anggaran": the indicator's own pagu and realisasi anggaran are removed (audited, so
 * /riwayat can undo it), so that its linked budget lines' sum is what its efficiency is computed on.
 */
export async function useLinesBudget(turn: Turn, indicatorId: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "editor");
  const ind = findIndicator(doc.data, indicatorId);
  if (!ind || !hasOwnBudget(ind) || linkedLines(doc.data, indicatorId).length === 0) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  let removed: Indicator["budget"];
  const { doc: saved } = await editAgency(turn.services, doc.data.agency.id, turn.actor, "editor", (d) => {
    const draft = findIndicator(d, indicatorId);
    removed = draft?.budget && { ...draft.budget };
    if (draft) delete draft.budget;
  });
  const file = saved.data;
  const f = formatFor(file);
  const lines = linesBudget(file, indicatorId);
  const sums = budgetSums(file, lines);
  const none = label("indikator.anggaran_belum");
  const done = html("indikator.pagu_sendiri_dihapus", {
    kode: ind.code ?? "",
    nama: ind.name,
    pagu: removed?.budget === undefined ? none : f.money(new Decimal(removed.budget)),
    realisasi: removed?.spent === undefined ? none : f.money(new Decimal(removed.spent)),
    jumlah: formatCount(linkedLines(file, indicatorId).length),
    pagu_baris: sums.pagu,
    realisasi_baris: sums.realisasi,
    serapan: sums.serapan,
  });
  return outcome([text(done), await indicatorSummary(turn, file, indicatorId)]);
}

/** "• Target 2024: 80%", or "• Target 2024: belum diisi". */
function valueLine(file: AgencyFile, key: QuestionKey): string {
  const value = currentValue(file, key);
  return `${html("indikator.baris", { medan: fieldLabel(file, key), nilai: value ?? "" })}${value === undefined ? html("indikator.kosong") : ""}`;
}

/** The pagu, realisasi and serapan of budget figures (an indicator's lines together), as the summary and the list of its lines say them. */
function budgetSums(file: AgencyFile, b: IndicatorBudget): { pagu: string; realisasi: string; serapan: string } {
  const f = formatFor(file);
  const none = label("indikator.anggaran_belum");
  return { pagu: b.budget ? f.money(b.budget) : none, realisasi: b.spent ? f.money(b.spent) : none, serapan: b.absorption.status === "ok" ? f.percent(b.absorption.value) : "" };
}

/**
 * The budget lines of an indicator linked to more than INDICATOR_LINES_MAX of them (its summary's button), each
 * with its pagu and realisasi and, for editors, a button for each; in pages when they do not fit (`listInPages`).
 */
export async function indicatorLines(turn: Turn, indicatorId: string, page = 0): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  const file = doc.data;
  const ind = findIndicator(file, indicatorId);
  if (!ind) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const lines = linkedLines(file, indicatorId);
  const key = (lineId: string, field: "budget" | "spent"): QuestionKey => ({ q: "line", lineId, field });
  const canEdit = role !== "viewer";
  return outcome(
    listInPages(
      {
        head: [html("indikator.baris_anggaran", { kode: ind.code ?? "", nama: ind.name, jumlah: formatCount(lines.length), ...budgetSums(file, linesBudget(file, indicatorId)) })],
        items: lines,
        line: (l) => html("indikator.baris_anggaran_butir", { baris: lineTitle(l), pagu: currentValue(file, key(l.id, "budget")) ?? "", realisasi: currentValue(file, key(l.id, "spent")) ?? "" }),
        buttons: canEdit ? (l) => (["budget", "spent"] as const).map((field) => button(fieldLabel(file, key(l.id, field)).slice(0, 60), `e:${encodeKey(key(l.id, field))}`)) : undefined,
        tail: canEdit ? ["", html("indikator.ubah")] : [],
        fixed: [[button(label("indikator.tombol_kembali", { kode: ind.code ?? "" }), `ind:${indicatorId}`)]],
        pageData: (p) => `indl:${indicatorId}:${p}`,
        unit: label("indikator.satuan_baris"),
      },
      page,
    ),
  );
}

export async function showIndicator(turn: Turn, indicatorId: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  if (!findIndicator(doc.data, indicatorId)) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  return outcome([await indicatorSummary(turn, doc.data, indicatorId)]);
}
