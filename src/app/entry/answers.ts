/**
 * Reads an officer's typed answer to one question and turns it into a change
 * of the agency data, or an Indonesian message saying what was wrong with an
 * example of what is accepted.
 */
import { gradeErrorMessage } from "../../domain/calc/grade-messages.js";
import { say } from "../../messages/catalog.js";
import { Decimal } from "../../domain/decimal.js";
import { gradeTable, parseGrade } from "../../domain/calc/grade.js";
import { formatCount } from "../../domain/numbers/format.js";
import { numberErrorMessage } from "../../domain/numbers/messages.js";
import { normalizeInput } from "../../domain/numbers/normalize.js";
import { COUNT_UNITS } from "../../domain/numbers/units.js";
import { parseNumber, parseRatio, type NumberKind } from "../../domain/numbers/parse.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { BudgetLine } from "../../domain/schema/budget.js";
import type { Indicator, Target, YearValues } from "../../domain/schema/indicator.js";
import type { FactorKind, QuestionKey } from "./keys.js";
import { findIndicator, indicatorPlace, linePlace } from "./missing.js";

export type AnswerParse = { ok: true; apply: (data: AgencyFile) => void } | { ok: false; message: string };


/** How numbers of a unit are read: "%" → percent, people and things → counts, anything else → decimal. */
export function unitKind(unit: string): NumberKind {
  const u = unit.trim();
  if (u === "%" || /^persen/i.test(u)) return "percent";
  if (COUNT_UNITS.test(u)) return "count";
  return "decimal";
}

const NONE = /^(tidak ada|tdk ada|tidak|nihil|kosong|belum ada|-)$/i;

export function isNone(text: string): boolean {
  return NONE.test(normalizeInput(text).replace(/[.!]+$/, ""));
}

/**
 * Beyond ±1.000% a figure is no percentage an indicator reports: most likely an amount typed at the wrong
 * question. A ratio's realisasi is exempt: it is what its numerator and denominator make it, whatever that is.
 */
const PERCENT_LIMIT = 1000;

/** "165 KPM" for an indicator in KPM: the figure without the indicator's own unit written after it. */
function withoutUnit(text: string, unit: string): string {
  const typed = normalizeInput(text);
  const u = normalizeInput(unit);
  if (u === "" || typed.length <= u.length || !typed.toLowerCase().endsWith(u.toLowerCase())) return text;
  const figure = typed.slice(0, -u.length).trimEnd();
  return /\d$/.test(figure) ? figure : text;
}

function numberFor(ind: Indicator, text: string, limited = true): { ok: true; value: string } | { ok: false; message: string } {
  const kind = unitKind(ind.unit);
  const r = parseNumber(withoutUnit(text, ind.unit), { kind, integer: false });
  if (!r.ok) return { ok: false, message: numberErrorMessage(r.error, kind) };
  if (limited && kind === "percent" && r.value.abs().greaterThan(PERCENT_LIMIT)) {
    return { ok: false, message: say("jawaban.persen_tidak_wajar", { angka: normalizeInput(text), batas: formatCount(PERCENT_LIMIT) }) };
  }
  return { ok: true, value: r.value.toFixed() };
}

/** A realisasi typed as a numerator and denominator ("56/57", "56 dari 57", "56:57"), which a ratio indicator takes as such. */
export const isRatioText = (text: string): boolean => /\/|\bdari\b|:/i.test(text);

/** A target as typed: a number, a range ("80-90", "80 s.d. 90") or, for grade indicators, a grade. */
function targetFor(ind: Indicator, text: string): { ok: true; value: Target } | { ok: false; message: string } {
  if (ind.kind === "grade") {
    const table = gradeTable(ind.gradeTable!);
    const g = parseGrade(text, table);
    return g.ok ? { ok: true, value: g.value } : { ok: false, message: gradeErrorMessage(g.error, table.name) };
  }
  const range = /^(.+?)\s*(?:[-–—]|s\.?\s?d\.?|sampai|hingga)\s*(.+)$/i.exec(normalizeInput(text));
  if (range && /\d/.test(range[1]!) && /\d/.test(range[2]!) && !normalizeInput(text).startsWith("-")) {
    const min = numberFor(ind, range[1]!);
    if (!min.ok) return min;
    const max = numberFor(ind, range[2]!);
    if (!max.ok) return max;
    if (new Decimal(min.value).greaterThan(max.value)) return { ok: false, message: say("jawaban.rentang_terbalik", { min: range[1], max: range[2] }) };
    return { ok: true, value: { min: min.value, max: max.value } };
  }
  return numberFor(ind, text);
}

/** A target as /isi reads it for `ind` (a Renstra's target of any year, too), or what is wrong with it. */
export function readTarget(ind: Indicator, text: string): { ok: true; value: Target } | { ok: false; message: string } {
  if (isNone(text)) return { ok: false, message: say("jawaban.angka_tidak_ada") };
  return targetFor(ind, text);
}

/*
 * An answer is read against the stored file and applied to a draft of the
 * version current when it is stored (usually the same one). Searching the
 * draft would make a proxy of every indicator or budget line the search
 * passes (immer), so the item is taken from its place in the file the answer
 * was read against, when it is still there; otherwise it is searched for.
 */

/** Indicator `id` in the draft `data` of an edit of `file`. */
function draftIndicator(file: AgencyFile, data: AgencyFile, id: string): Indicator | undefined {
  const place = indicatorPlace(file, id);
  const atPlace = place && data.objectives[place[0]]?.indicators[place[1]];
  return atPlace?.id === id ? atPlace : findIndicator(data, id);
}

/** Budget line `id` in the draft `data` of an edit of `file`. */
function draftLine(file: AgencyFile, data: AgencyFile, id: string): BudgetLine | undefined {
  const place = linePlace(file, id);
  const atPlace = place === undefined ? undefined : data.budgetLines[place];
  return atPlace?.id === id ? atPlace : data.budgetLines.find((l) => l.id === id);
}

function year(ind: Indicator, y: number): YearValues {
  return (ind.years[String(y)] ??= {});
}

/** Split a typed list into items: one per line or separated by ";", bullets and numbering removed. */
export function splitItems(text: string): string[] {
  return text
    .split(/\r?\n|;/)
    .map((line) => line.replace(/^\s*(?:[-•*–]|\d{1,2}[.)]|[a-z][.)])\s*/i, "").trim())
    .filter((line) => line.length > 0);
}

// The edits below are anonymous functions handed to `accept`, not named closures (a property or a
// constant): the TypeScript loader (tsx) names each named closure it creates with a property
// definition, a cost paid on every answer.
function accept(apply: (data: AgencyFile) => void): AnswerParse {
  return { ok: true, apply };
}

/** The indicator `indicatorId` of `file` in an edit's draft (it was there when the answer was read). */
function indicatorInDraft(file: AgencyFile, indicatorId: string): (data: AgencyFile) => Indicator {
  return (data) => draftIndicator(file, data, indicatorId)!;
}

export function parseAnswer(file: AgencyFile, key: QuestionKey, text: string): AnswerParse {
  if (key.q === "line" || key.q === "budget") {
    // "tidak ada" is not an amount: say what to type instead (0, lewati, or for an indicator's pagu a linked budget line).
    if (isNone(text)) {
      const which = key.field === "spent" ? "realisasi_anggaran_tidak_ada" : key.q === "budget" ? "pagu_indikator_tidak_ada" : "pagu_tidak_ada";
      return { ok: false, message: say(`jawaban.${which}`) };
    }
    const r = parseNumber(text, { kind: "money" });
    if (!r.ok) return { ok: false, message: numberErrorMessage(r.error, "money") };
    const value = r.value.toFixed();
    if (key.q === "line") {
      return accept((data) => {
        const line = draftLine(file, data, key.lineId);
        if (line) line[key.field] = value;
      });
    }
    return accept((data) => {
      const ind = draftIndicator(file, data, key.indicatorId);
      if (ind) (ind.budget ??= {})[key.field] = value;
    });
  }

  const ind = findIndicator(file, key.indicatorId);
  if (!ind) return { ok: false, message: say("isi.indikator_hilang") };
  // The answer's indicator in the edit's draft (it was there when the answer was read).
  const draft = indicatorInDraft(file, key.indicatorId);

  // "tidak ada" for a target or a realisasi: say that such a figure is skipped, not typed.
  if ((key.q === "target" || key.q === "actual" || key.q === "final") && isNone(text)) return { ok: false, message: say("jawaban.angka_tidak_ada") };

  switch (key.q) {
    case "target": {
      const t = targetFor(ind, text);
      if (!t.ok) return t;
      return accept((data) => (year(draft(data), key.year).target = t.value));
    }
    case "final": {
      const t = targetFor(ind, text);
      if (!t.ok) return t;
      return accept((data) => ((draft(data).strategicPlan ??= {}).finalTarget = t.value));
    }
    case "actual": {
      if (ind.kind === "grade") {
        const table = gradeTable(ind.gradeTable!);
        const g = parseGrade(text, table);
        if (!g.ok) return { ok: false, message: gradeErrorMessage(g.error, table.name) };
        return accept((data) => (year(draft(data), key.year).actual = g.value));
      }
      if (ind.kind === "ratio" && isRatioText(text)) {
        const r = parseRatio(text);
        if (!r.ok) return { ok: false, message: numberErrorMessage(r.error, "ratio") };
        return accept((data) => {
          const y = year(draft(data), key.year);
          y.numerator = r.value.numerator.toFixed();
          y.denominator = r.value.denominator.toFixed();
          delete y.actual;
        });
      }
      const n = numberFor(ind, text, ind.kind !== "ratio");
      if (!n.ok) return ind.kind === "ratio" ? { ok: false, message: `${n.message}\n${say("jawaban.bukan_pecahan")}` } : n;
      return accept((data) => {
        const y = year(draft(data), key.year);
        y.actual = n.value;
        delete y.numerator;
        delete y.denominator;
      });
    }
    case "national": {
      if (isNone(text)) return accept((data) => (draft(data).national = null));
      const clean = normalizeInput(text);
      const m = /^(\S+)\s+(?:tahun\s+)?(\d{4})\b[\s,;:-]*(.*)$/i.exec(clean);
      if (!m) {
        const only = numberFor(ind, clean);
        return { ok: false, message: only.ok ? say("jawaban.nasional_tahun") : `${only.message}\n${say("jawaban.nasional_tahun")}` };
      }
      const n = numberFor(ind, m[1]!);
      if (!n.ok) return n;
      const y = Number(m[2]);
      const reporting = file.agency.reportingYear;
      if (y < 2000 || y > reporting) return { ok: false, message: say("jawaban.nasional_tahun_salah", { tahun: m[2] }) };
      let source = m[3]!.trim();
      const standar = /\bstandar\b|\bspm\b/i.test(source);
      source = source.replace(/^\(|\)$/g, "").trim().slice(0, 200);
      return accept((data) => {
        draft(data).national = {
          value: n.value,
          year: y,
          kind: standar ? "standar" : "realisasi",
          ...(source ? { source } : {}),
        };
      });
    }
    case "factors":
      return factorAnswer(draft, key.which, text);
  }
}

const GRADE_ONLY = /^[A-E]{1,2}[+-]?\s*(?:\(\s*[\d.,]+\s*\))?\.?$/;
const FIGURE_ONLY = /^(?:rp\.?\s*)?[-+]?[\d.,\s/]*\d[\d.,\s/]*(?:%|persen|jt|juta|m|miliar|ribu|rb)?\.?$/i;

function factorAnswer(draft: (data: AgencyFile) => Indicator, which: FactorKind, text: string): AnswerParse {
  if (isNone(text)) return accept((data) => ((draft(data).factors ??= {})[which] = []));
  const items = splitItems(text);
  if (items.length === 0) return { ok: false, message: say("jawaban.faktor_kosong") };
  if (items.length > 30) return { ok: false, message: say("jawaban.faktor_terlalu_banyak", { jumlah: formatCount(items.length) }) };
  const long = items.findIndex((i) => i.length > 500);
  if (long >= 0) return { ok: false, message: say("jawaban.faktor_terlalu_panjang", { nomor: long + 1, panjang: items[long]!.length }) };
  // A figure or a predikat alone is no factor: most likely the answer to another question (after a realisasi the
  // factors come first).
  const figure = items.findIndex((i) => FIGURE_ONLY.test(i) || GRADE_ONLY.test(i));
  if (figure >= 0) return { ok: false, message: say("jawaban.faktor_angka", { nomor: figure + 1, butir: items[figure] }) };
  return accept((data) => ((draft(data).factors ??= {})[which] = items));
}
