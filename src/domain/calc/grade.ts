/**
 * Grade indicators (METHOD.md §3): a letter maps to a score range through a
 * declared table. IKM per PermenPANRB 14/2017; LHE AKIP predikat per
 * PermenPANRB 88/2021.
 */
import { Decimal } from "../decimal.js";
import { latinizeLookAlikes, normalizeInput } from "../numbers/normalize.js";
import { parseNumber, type Parsed } from "../numbers/parse.js";

export interface GradeBand {
  letter: string;
  min: string;
  minInclusive: boolean;
  max: string;
  maxInclusive: boolean;
  meaning?: string;
}

export interface GradeTable {
  id: GradeTableId;
  name: string;
  source: string;
  /** Best grade first. */
  grades: GradeBand[];
}

const g = (letter: string, min: string, minInclusive: boolean, max: string, meaning?: string): GradeBand =>
  meaning === undefined
    ? { letter, min, minInclusive, max, maxInclusive: true }
    : { letter, min, minInclusive, max, maxInclusive: true, meaning };

export const GRADE_TABLES = {
  ikm: {
    id: "ikm",
    name: "Mutu Pelayanan (Indeks Kepuasan Masyarakat)",
    source: "PermenPANRB Nomor 14 Tahun 2017",
    grades: [
      g("A", "88.31", true, "100", "Sangat Baik"),
      g("B", "76.61", true, "88.30", "Baik"),
      g("C", "65.00", true, "76.60", "Kurang Baik"),
      g("D", "25.00", true, "64.99", "Tidak Baik"),
    ],
  },
  lheAkip: {
    id: "lheAkip",
    name: "Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP)",
    source: "PermenPANRB Nomor 88 Tahun 2021",
    grades: [
      g("AA", "90", false, "100", "Sangat Memuaskan"),
      g("A", "80", false, "90", "Memuaskan"),
      g("BB", "70", false, "80", "Sangat Baik"),
      g("B", "60", false, "70", "Baik"),
      g("CC", "50", false, "60", "Cukup"),
      g("C", "30", false, "50", "Kurang"),
      g("D", "0", true, "30", "Sangat Kurang"),
    ],
  },
} as const satisfies Record<string, Omit<GradeTable, "id"> & { id: string }>;

export type GradeTableId = "ikm" | "lheAkip";
export const GRADE_TABLE_IDS: GradeTableId[] = ["ikm", "lheAkip"];

export function gradeTable(id: GradeTableId): GradeTable {
  return GRADE_TABLES[id];
}

/** A grade value: a letter, a score, or both ("A (81,50)"). Scores are canonical decimal strings. */
export interface GradeValue {
  letter?: string;
  score?: string;
}

/** Rank of a letter in the table: 0 = best; undefined if the letter is not in the table. */
export function gradeRank(table: GradeTable, letter: string): number | undefined {
  const i = table.grades.findIndex((b) => b.letter === letter);
  return i < 0 ? undefined : i;
}

/** The letter a score falls in, if any. Scores are compared at two decimals, as tables print them. */
export function letterForScore(table: GradeTable, score: Decimal): string | undefined {
  const s = score.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  const band = table.grades.find((b) => {
    const okMin = b.minInclusive ? s.greaterThanOrEqualTo(b.min) : s.greaterThan(b.min);
    const okMax = b.maxInclusive ? s.lessThanOrEqualTo(b.max) : s.lessThan(b.max);
    return okMin && okMax;
  });
  return band?.letter;
}

/** The letter of a grade value: its own, or the one its score falls in. */
export function effectiveLetter(table: GradeTable, value: GradeValue): string | undefined {
  if (value.letter) return value.letter;
  if (value.score !== undefined) return letterForScore(table, new Decimal(value.score));
  return undefined;
}

export type GradeProblem =
  | { code: "unknown_letter"; letter: string; letters: string }
  | { code: "score_outside_letter"; letter: string; score: string; range: string }
  | { code: "score_out_of_range"; score: string }
  | { code: "empty" };

export function describeGradeRange(b: GradeBand): string {
  const fmt = (v: string) => v.replace(".", ",");
  return `${b.minInclusive ? "" : ">"}${fmt(b.min)}–${fmt(b.max)}`;
}

/** Why a grade value does not fit the table (undefined = it fits). */
export function gradeProblem(table: GradeTable, value: GradeValue): GradeProblem | undefined {
  if (value.letter === undefined && value.score === undefined) return { code: "empty" };
  if (value.score !== undefined) {
    const s = new Decimal(value.score);
    if (s.isNegative() || s.greaterThan(100)) return { code: "score_out_of_range", score: value.score };
  }
  if (value.letter !== undefined) {
    const band = table.grades.find((b) => b.letter === value.letter);
    if (!band) {
      return { code: "unknown_letter", letter: value.letter, letters: table.grades.map((b) => b.letter).join(", ") };
    }
    if (value.score !== undefined && letterForScore(table, new Decimal(value.score)) !== value.letter) {
      return { code: "score_outside_letter", letter: value.letter, score: value.score, range: describeGradeRange(band) };
    }
  }
  return undefined;
}

export type GradeParseError =
  | { code: "empty" }
  | { code: "not_a_grade"; input: string }
  | { code: "number"; error: Extract<Parsed<Decimal>, { ok: false }>["error"] }
  | ({ code: "table" } & { problem: GradeProblem });

/**
 * Parse `A (81,50)`, `A`, `b`, `81,50` or `В` (Cyrillic) into a grade value
 * checked against the table.
 */
export function parseGrade(input: string, table: GradeTable): { ok: true; value: GradeValue } | { ok: false; error: GradeParseError } {
  const text = latinizeLookAlikes(normalizeInput(input));
  if (text === "") return { ok: false, error: { code: "empty" } };
  const m = /^([A-Za-z]{1,2})\s*(?:[(\[]\s*([^)\]]+?)\s*[)\]]|[:=-]?\s*(\d[\d.,]*))?$/.exec(text);
  let value: GradeValue;
  if (m && m[1]) {
    value = { letter: m[1].toUpperCase() };
    const scoreText = m[2] ?? m[3];
    if (scoreText !== undefined) {
      const score = parseNumber(scoreText, { kind: "percent", allowNegative: false, maxDecimals: 2 });
      if (!score.ok) return { ok: false, error: { code: "number", error: score.error } };
      value.score = score.value.toFixed();
    }
  } else if (/^\d/.test(text)) {
    const score = parseNumber(text, { kind: "percent", allowNegative: false, maxDecimals: 2 });
    if (!score.ok) return { ok: false, error: { code: "number", error: score.error } };
    value = { score: score.value.toFixed() };
  } else {
    return { ok: false, error: { code: "not_a_grade", input: text.slice(0, 30) } };
  }
  const problem = gradeProblem(table, value);
  if (problem) return { ok: false, error: { code: "table", problem } };
  return { ok: true, value };
}

/** `A (81,50)`, `A`, or `81,50`. */
export function formatGrade(value: GradeValue, formatScore: (d: Decimal) => string): string {
  if (value.letter && value.score !== undefined) return `${value.letter} (${formatScore(new Decimal(value.score))})`;
  if (value.letter) return value.letter;
  if (value.score !== undefined) return formatScore(new Decimal(value.score));
  return "";
}
