/** /indikator: one indicator's summary with a button per answer to change it. */
import { computeAgency } from "../../domain/calc/agency.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { encodeKey, FACTOR_KINDS, type QuestionKey } from "../../app/entry/keys.js";
import { findIndicator, findLine } from "../../app/entry/missing.js";
import { currentValue, formatFor } from "../../app/entry/present.js";
import { hasRole } from "../../app/edits.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, label, text, type Out } from "../ui.js";
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
  const lines = file.budgetLines.filter((l) => l.indicatorIds.includes(indicatorId));
  if (lines.length > 0) for (const l of lines) keys.push({ q: "line", lineId: l.id, field: "budget" }, { q: "line", lineId: l.id, field: "spent" });
  else keys.push({ q: "budget", indicatorId, field: "budget" }, { q: "budget", indicatorId, field: "spent" });
  keys.push(...FACTOR_KINDS.map((which) => ({ q: "factors" as const, indicatorId, which })));

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
  for (const key of keys) {
    const value = currentValue(file, key);
    body.push(`${html("indikator.baris", { medan: fieldLabel(file, key), nilai: value ?? "" })}${value === undefined ? html("indikator.kosong") : ""}`);
  }
  const doc = await turn.services.repo.agencies.read(file.agency.id);
  const canEdit = doc !== undefined && hasRole(doc, turn.actor.userId, "editor");
  if (!canEdit) return text(body.join("\n"));
  body.push("", html("indikator.ubah"));
  const buttons = keys.map((key) => button(fieldLabel(file, key).slice(0, 60), `e:${encodeKey(key)}`));
  return text(body.join("\n"), grid(buttons, 2));
}

export async function showIndicator(turn: Turn, indicatorId: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  if (!findIndicator(doc.data, indicatorId)) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  return outcome([await indicatorSummary(turn, doc.data, indicatorId)]);
}
