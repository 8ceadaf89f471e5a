/** /status: how complete the agency's answers are and where each indicator stands, per sasaran. */
import { computeAgency, type AgencyResult, type ObjectiveResult } from "../../domain/calc/agency.js";
import { formatCount as count } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import { completeness } from "../../app/entry/missing.js";
import { formatFor } from "../../app/entry/present.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { agencyZone } from "../../app/time-zone.js";
import { button, dateTime, grid, html, label, longestPageButtons, pageButtons, pagesOf, pageWithin, reply, splitHtml, text } from "../ui.js";

/**
 * The most messages /status lists its indicators in. An agency whose list is longer (a few hundred
 * indicators with names as long as real ones) gets one summary line per sasaran instead, and a button
 * per sasaran for its indicators: dozens of messages are hard to read on a phone, and Telegram lets a
 * bot send about 30 a second to all its chats together. The Dumai report is 1 message, the benchmark's
 * 40-indicator agency 2.
 */
export const STATUS_MESSAGES_MAX = 5;

interface Counted {
  answered: number;
  total: number;
}

/** One line per indicator of the sasaran, and its questions answered. */
function indicatorLines(file: AgencyFile, result: AgencyResult, o: ObjectiveResult): Counted & { lines: string[]; above: number; below: number; none: number } {
  const f = formatFor(file);
  const counted = { answered: 0, total: 0, lines: [] as string[], above: 0, below: 0, none: 0 };
  for (const id of o.indicatorIds) {
    const r = result.indicatorById.get(id)!;
    const c = completeness(file, r.indicator);
    counted.answered += c.answered;
    counted.total += c.total;
    const a = r.current.achievement;
    const capaian = a.status === "ok" ? `${f.percent(a.value)} (${r.current.category})` : a.status === "ordinal" ? label(a.comparison === "below" ? "sel.predikat_belum" : "sel.predikat_tercapai") : label("status.belum");
    const met = r.comparison === "above" || r.comparison === "at";
    if (met) counted.above++;
    else if (r.comparison === "below") counted.below++;
    else counted.none++;
    const tanda = met ? "🟢" : r.comparison === "below" ? "🔴" : "⚪";
    counted.lines.push(html("status.butir", { tanda, kode: r.indicator.code ?? "", nama: r.indicator.name, capaian, terisi: c.answered, total: c.total }));
  }
  return counted;
}


const objectiveCode = (result: AgencyResult, o: ObjectiveResult): string => o.objective.code ?? String(result.objectives.indexOf(o) + 1);

export async function status(turn: Turn): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  const file = doc.data;
  const result = computeAgency(file);
  const f = formatFor(file);
  let answered = 0;
  let total = 0;
  const listed: string[] = [];
  const summarized: string[] = [];
  for (const o of result.objectives) {
    const c = indicatorLines(file, result, o);
    answered += c.answered;
    total += c.total;
    const heading = { kode: o.objective.code ?? "", nama: o.objective.name };
    listed.push(html("status.sasaran", heading), ...c.lines);
    summarized.push(html("status.sasaran_ringkas", { ...heading, indikator: count(o.indicatorIds.length), tercapai: count(c.above), belum_tercapai: count(c.below), belum_dihitung: count(c.none), terisi: count(c.answered), total: count(c.total) }));
  }
  const persen = total === 0 ? "0%" : `${Math.round((answered / total) * 100)}%`;
  const head = [
    html("status.kepala", { instansi: file.agency.name, tahun: file.agency.reportingYear }),
    html("status.ringkas", { terisi: count(answered), total: count(total), persen, rata: result.average.value ? `${f.percent(result.average.value)} (${result.average.category})` : label("status.rata_belum") }),
    // What each line's mark says: a capaian of 97% is "Sangat Tinggi" on the scale and still a target missed.
    ...(result.indicators.length > 0 ? [html("status.tanda")] : []),
  ];
  const t = result.budget.total;
  const budget =
    t.absorption.status === "ok" && t.budget && t.spent
      ? html("status.anggaran", { serapan: f.percent(t.absorption.value), realisasi: f.money(t.spent), pagu: f.money(t.budget) })
      : result.budget.lines.length > 0
        ? html("status.anggaran_belum")
        : "";
  const notes = result.budget.warnings.length > 0 ? html("status.catatan", { jumlah: count(result.budget.warnings.length) }) : "";
  // Who changed something last, and when: many officers fill one agency, and this shows whether a colleague is at it.
  const latest = doc.audit.at(-1);
  const last = latest
    ? html("status.terakhir", { waktu: dateTime(latest.at, agencyZone(doc.data.agency).zone), nama: latest.userName, apa: latest.label.length > 120 ? `${latest.label.slice(0, 119)}…` : latest.label })
    : "";
  // Requests to join waiting for an admin (the notice each admin received may have scrolled away).
  const waiting = role === "admin" && doc.joinRequests?.length ? html("status.permintaan", { jumlah: count(doc.joinRequests.length) }) : "";
  const whole = splitHtml([...head, ...listed, budget, notes, last, waiting, html("status.petunjuk")].filter(Boolean).join("\n"));
  if (whole.length <= STATUS_MESSAGES_MAX) return outcome(whole.map((h) => text(h)));

  // Too long to list: a line per sasaran, and a button per sasaran for its indicators.
  const summary = splitHtml([...head, ...summarized, budget, notes, last, waiting, html("status.petunjuk")].filter(Boolean).join("\n"));
  const buttons = result.objectives.map((o) => button(label("status.tombol_sasaran", { kode: objectiveCode(result, o) }), `st:${o.id}`));
  return outcome([
    ...summary.map((h) => text(h)),
    text(html("status.per_sasaran", { jumlah: count(whole.length), maks: STATUS_MESSAGES_MAX, indikator: count(result.indicators.length) }), grid(buttons, 4)),
  ]);
}

/**
 * The indicators of one sasaran, as /status lists them (the button of a /status too long to list); a sasaran
 * whose list takes more than STATUS_MESSAGES_MAX messages comes in pages, `page` counted from 0.
 */
export async function objectiveStatus(turn: Turn, objectiveId: string, page = 0): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const file = doc.data;
  const result = computeAgency(file);
  const o = result.objectives.find((x) => x.id === objectiveId);
  if (!o) return outcome([reply("akses.tombol_kedaluwarsa")]);
  const c = indicatorLines(file, result, o);
  const head = html("status.kepala_sasaran", { kode: objectiveCode(result, o), nama: o.objective.name, instansi: file.agency.name, tahun: file.agency.reportingYear, terisi: count(c.answered), total: count(c.total) });
  const lines = c.lines.length > 0 ? c.lines : [html("status.sasaran_kosong")];
  const whole = splitHtml([head, ...lines].join("\n"));
  if (whole.length <= STATUS_MESSAGES_MAX) return outcome(whole.map((h) => text(h)));

  const data = (p: number) => `st:${o.id}:${p}`;
  const pages = pagesOf(lines, { head: [head], tail: [], fixed: longestPageButtons(data), maxMessages: STATUS_MESSAGES_MAX, line: (l) => l });
  const p = pageWithin(page, pages.length);
  const note = html("status.halaman_sasaran", { indikator: count(lines.length), maks: STATUS_MESSAGES_MAX, halaman: count(p + 1), dari: count(pages.length) });
  return outcome([...splitHtml([head, ...pages[p]!].join("\n")).map((h) => text(h)), text(note, [pageButtons(p, pages.length, data)])]);
}
