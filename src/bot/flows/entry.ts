/**
 * /isi — guided data entry. The bot asks whatever is still missing for the
 * reporting year, one question at a time with its context; each answer is
 * validated, stored (awaited) and only then acknowledged. "lewati", "kembali"
 * and "batal" work at every question. After a realisasi it shows the capaian
 * and, when the target is missed or far exceeded, asks the factors at once.
 * The same question, asked alone, edits one answer from /indikator.
 */
import { say, wordSet } from "../../messages/catalog.js";
import { currentYear, resultOfYear } from "../../domain/calc/agency.js";
import { Decimal } from "../../domain/decimal.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { editAgency } from "../../app/edits.js";
import { parseAnswer, unitKind } from "../../app/entry/answers.js";
import { decodeKey, encodeKey, type QuestionKey } from "../../app/entry/keys.js";
import { factorsCall, fieldPathOf, findIndicator, findLine, isFilled, nextMissing } from "../../app/entry/missing.js";
import { aboveHundred } from "../../app/entry/plausibility.js";
import { currentValue, formatFor } from "../../app/entry/present.js";
import { describeField } from "../../app/describe.js";
import { formatCount } from "../../domain/numbers/format.js";
import { normalizeInput } from "../../domain/numbers/normalize.js";
import { IDLE, MAX_PREVIOUS, MAX_SKIPPED, type EntryState, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, text, type Button, type Out } from "../ui.js";
import { indicatorSummary } from "./indicator.js";
import { lineTitle } from "./lines.js";

function isWord(list: string, input: string): boolean {
  const t = normalizeInput(input).toLowerCase();
  return wordSet(`isi.${list}`).has(t);
}

export function isControlWord(input: string): boolean {
  return isWord("kata_lewati", input) || isWord("kata_kembali", input) || isWord("kata_batal", input);
}

/**
 * The example under a figure's question: a predikat's, or one in the indicator's unit. A target may be a
 * range (80-90), a realisasi never, so only a target's example offers one.
 */
function exampleOf(ind: Indicator, question: "target" | "actual" | "final"): string {
  if (ind.kind === "grade") return "isi.contoh.grade";
  const kind = unitKind(ind.unit);
  return question === "actual" && kind === "percent" ? "isi.contoh.decimal" : `isi.contoh.${kind}`;
}

/** The message that asks `key`, with its context and the control buttons. */
export function questionMessage(file: AgencyFile, key: QuestionKey, remaining: number | undefined, single: boolean): Out {
  const lines: string[] = [];
  const f = formatFor(file);
  const year = file.agency.reportingYear;
  const extra: Button[] = [];
  if (key.q === "line") {
    const line = findLine(file, key.lineId)!;
    const baris = lineTitle(line);
    lines.push(html("isi.kepala_anggaran", { baris }));
    const inds = line.indicatorIds.map((id) => findIndicator(file, id)?.name).filter(Boolean);
    if (inds.length > 0) lines.push(html("isi.konteks.indikator_anggaran", { indikator: inds.join("; ") }));
    if (key.field === "spent" && line.budget !== undefined) lines.push(html("isi.konteks.pagu", { nilai: f.money(new Decimal(line.budget)) }));
    lines.push("", html(`isi.tanya.line_${key.field}`, { baris }));
  } else {
    const ind = findIndicator(file, key.indicatorId)!;
    lines.push(html("isi.kepala", { kode: ind.code ?? "", indikator: ind.name, satuan: ind.unit }));
    const targetNow = currentValue(file, { q: "target", indicatorId: ind.id, year });
    if (!(key.q === "target" && key.year === year) && targetNow) lines.push(html("isi.konteks.target", { tahun: year, nilai: targetNow }));
    // An earlier year's realisasi is asked beside that year's target.
    if (key.q === "actual" && key.year < year) {
      const then = currentValue(file, { q: "target", indicatorId: ind.id, year: key.year });
      if (then) lines.push(html("isi.konteks.target", { tahun: key.year, nilai: then }));
    }
    if (key.q === "actual" && key.year === year) {
      const last = currentValue(file, { q: "actual", indicatorId: ind.id, year: year - 1 });
      if (last) lines.push(html("isi.konteks.realisasi_lalu", { tahun: year - 1, nilai: last }));
    }
    const r = key.q === "factors" || key.q === "budget" ? currentYear(ind, file) : undefined;
    if (r?.current.achievement.status === "ok") {
      lines.push(html("isi.konteks.capaian", { tahun: year, capaian: f.percent(r.current.achievement.value), kategori: r.current.category }));
    }
    if (key.q === "budget" && key.field === "spent" && ind.budget?.budget !== undefined) {
      lines.push(html("isi.konteks.pagu", { nilai: f.money(new Decimal(ind.budget.budget)) }));
    }
    lines.push("");
    switch (key.q) {
      case "target":
        lines.push(html("isi.tanya.target", { tahun: key.year }), html(exampleOf(ind, key.q)));
        break;
      case "actual":
        if (ind.kind === "ratio") {
          lines.push(html("isi.tanya.actual_rasio", { tahun: key.year, label: Boolean(ind.numeratorLabel && ind.denominatorLabel), pembilang: ind.numeratorLabel, penyebut: ind.denominatorLabel }));
        } else {
          lines.push(html("isi.tanya.actual", { tahun: key.year }), html(exampleOf(ind, key.q)));
        }
        break;
      case "final":
        lines.push(html("isi.tanya.final", { akhir: file.agency.strategicPlan.endYear }), html(exampleOf(ind, key.q)));
        break;
      case "national":
        lines.push(html("isi.tanya.national"));
        extra.push(button(label("isi.tombol_nasional_tidak_ada"), `isi:none`));
        break;
      case "factors":
        lines.push(html(`isi.tanya.factors_${key.which}`));
        extra.push(button(label("isi.tombol_tidak_ada"), `isi:none`));
        break;
      case "budget":
        lines.push(html(`isi.tanya.budget_${key.field}`));
        break;
    }
  }
  const now = currentValue(file, key);
  if (now !== undefined) lines.push(html("isi.konteks.saat_ini", { nilai: now }));
  // Going back to an answered question: the questions still open do not include it.
  if (!single && remaining !== undefined) lines.push("", html("isi.kemajuan", { sisa: formatCount(remaining), termasuk: !isFilled(file, key) }));
  const controls = single
    ? [button(label("isi.tombol_selesai"), "isi:stop")]
    : [button(label("isi.tombol_lewati"), "isi:skip"), button(label("isi.tombol_kembali"), "isi:back"), button(label("isi.tombol_selesai"), "isi:stop")];
  const keyboard = extra.length > 0 ? [extra, controls] : [controls];
  return text(lines.join("\n"), keyboard);
}

function entryState(agencyId: string, current: string, skipped: string[], previous: string[], mode: "pass" | "single"): State {
  return { v: 1, flow: "entry", agencyId, current, skipped, previous, mode };
}

/** The questions "kembali" goes back through, `key` last: the most recent MAX_PREVIOUS (a pass can be longer). */
function withPrevious(previous: readonly string[], key: string): string[] {
  const kept = previous.length < MAX_PREVIOUS ? previous : previous.slice(previous.length - MAX_PREVIOUS + 1);
  return [...kept, key];
}

/** Ask the next missing question of a pass, or say the pass is over. */
function nextQuestion(file: AgencyFile, skipped: string[], previous: string[], agencyId: string, before: Out[] = []): Outcome {
  const { next, count } = nextMissing(file, new Set(skipped));
  if (!next) {
    const done = skipped.length > 0 ? html("isi.selesai_lewati", { jumlah: formatCount(skipped.length) }) : html("isi.lengkap", { tahun: file.agency.reportingYear, instansi: file.agency.name });
    return outcome([...before, text(done)], IDLE);
  }
  return outcome([...before, questionMessage(file, next, count, false)], entryState(agencyId, encodeKey(next), skipped, previous, "pass"));
}

export async function beginEntry(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "editor");
  if (doc.data.objectives.every((o) => o.indicators.length === 0)) return outcome([text(html("isi.belum_ada_indikator"))], IDLE);
  return nextQuestion(doc.data, [], [], doc.data.agency.id);
}

/** Ask one question on its own (editing from /indikator). */
export async function askSingle(turn: Turn, keyText: string): Promise<Outcome> {
  const key = decodeKey(keyText);
  const { doc } = await activeAgency(turn, "editor");
  if (!key || !questionExists(doc.data, key)) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  return outcome([questionMessage(doc.data, key, undefined, true)], entryState(doc.data.agency.id, keyText, [], [], "single"));
}

function questionExists(file: AgencyFile, key: QuestionKey): boolean {
  if (key.q === "line") return findLine(file, key.lineId) !== undefined;
  return findIndicator(file, key.indicatorId) !== undefined;
}

/** A control button or word: skip, back, stop, or "none" (for factors and national data). */
export async function entryControl(turn: Turn, state: EntryState, action: "skip" | "back" | "stop" | "none"): Promise<Outcome> {
  if (action === "stop") return outcome([text(html("isi.berhenti"))], IDLE);
  if (action === "none") return entryAnswer(turn, state, say("isi.tidak_ada"));
  const doc = await flowAgency(turn, state.agencyId, "editor");
  if (state.mode === "single") return outcome([text(html("isi.berhenti"))], IDLE);
  if (action === "skip") {
    // Every skipped question is remembered until the pass ends, so that it is not asked again: beyond what the
    // state can hold, the pass ends (a new /isi asks the skipped questions again).
    if (state.skipped.length >= MAX_SKIPPED) return outcome([text(html("isi.batas_lewati", { jumlah: formatCount(state.skipped.length + 1) }))], IDLE);
    return nextQuestion(doc.data, [...state.skipped, state.current], withPrevious(state.previous, state.current), state.agencyId);
  }
  const previous = [...state.previous];
  const back = previous.pop();
  const key = back === undefined ? undefined : decodeKey(back);
  if (!key || !questionExists(doc.data, key)) return outcome([text(html("isi.di_awal"))]);
  const skipped = state.skipped.filter((s) => s !== back);
  return outcome([questionMessage(doc.data, key, nextMissing(doc.data, new Set(skipped)).count, false)], entryState(state.agencyId, back!, skipped, previous, "pass"));
}

export async function entryText(turn: Turn, state: EntryState, input: string): Promise<Outcome> {
  if (isWord("kata_batal", input)) return entryControl(turn, state, "stop");
  if (isWord("kata_lewati", input)) return entryControl(turn, state, "skip");
  if (isWord("kata_kembali", input)) return entryControl(turn, state, "back");
  return entryAnswer(turn, state, input);
}

async function entryAnswer(turn: Turn, state: EntryState, input: string): Promise<Outcome> {
  const key = decodeKey(state.current);
  const doc = await flowAgency(turn, state.agencyId, "editor");
  if (!key || !questionExists(doc.data, key)) return outcome([text(html("isi.indikator_hilang"))], IDLE);
  const parsed = parseAnswer(doc.data, key, input);
  if (!parsed.ok) return outcome([text(`${html("isi.salah", { pesan: parsed.message })}\n${html("isi.ulang")}`)]);

  const { doc: saved } = await editAgency(turn.services, state.agencyId, turn.actor, "editor", parsed.apply);
  const file = saved.data;
  // A budget line's answer names the line ("Pagu Sub kegiatan 100"): no indicator summary follows it to say which.
  const line = key.q === "line" ? findLine(file, key.lineId) : undefined;
  const medan = line && key.q === "line" ? label(`indikator.medan.line_${key.field}`, { baris: lineTitle(line) }) : describeField(file, fieldPathOf(file, key)).split(" — ")[0];
  const confirmation = [html("isi.tersimpan", { medan, nilai: currentValue(file, key) ?? "" })];
  const above = aboveHundred(file, key);
  if (above) confirmation.push(html("isi.lebih_dari_seratus", { rasio: above === "ratio", lintasan: state.mode === "pass" }));
  if (key.q === "actual" && key.year === file.agency.reportingYear) {
    const ind = findIndicator(file, key.indicatorId)!;
    const r = currentYear(ind, file);
    const a = r.current.achievement;
    if (a.status === "ok") confirmation.push(html("isi.capaian", { tahun: key.year, capaian: formatFor(file).percent(a.value), kategori: r.current.category }));
    if (a.status === "ordinal") confirmation.push(html("isi.capaian_predikat", { tahun: key.year, hasil: label(a.comparison === "below" ? "sel.predikat_belum" : "sel.predikat_tercapai") }));
    // The pass asks the factors next (missed: the inhibiting ones first, indicatorQuestions' order): said here.
    const call = state.mode === "pass" ? factorsCall(file, ind) : undefined;
    if (call) confirmation.push(html(call === "missed" ? "isi.capaian_belum" : "isi.capaian_jauh"));
  } else if (key.q === "actual") {
    // An earlier year's capaian, as the history table will show it: a realisasi typed in the wrong year's place shows at once.
    const a = resultOfYear(findIndicator(file, key.indicatorId)!, file, key.year);
    if (a.achievement.status === "ok") confirmation.push(html("isi.capaian", { tahun: key.year, capaian: formatFor(file).percent(a.achievement.value), kategori: a.category }));
  }
  const ack = text(confirmation.join("\n"));
  if (state.mode === "single") {
    const summary = key.q === "line" ? [] : [await indicatorSummary(turn, file, key.indicatorId)];
    return outcome([ack, ...summary], IDLE);
  }
  const previous = withPrevious(state.previous, state.current);
  const skipped = state.skipped.filter((s) => !isFilled(file, decodeKey(s)!));
  return nextQuestion(file, skipped, previous, state.agencyId, [ack]);
}
