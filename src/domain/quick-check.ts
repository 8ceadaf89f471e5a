/**
 * The quick check behind `cek` (command line) and `/cek` (bot): realisasi and
 * target in, capaian with its formula and category out. Nothing is stored.
 */
import { say, type Escape } from "../messages/catalog.js";
import { Decimal } from "./decimal.js";
import { computeAchievement, type NumericTarget, type Polarity } from "./calc/achievement.js";
import { SCALE_PRESETS, type ScalePresetId } from "./calc/scale.js";
import { formatDecimal, formatPercent } from "./numbers/format.js";
import { parseNumber, parseRatio, type RatioValue } from "./numbers/parse.js";
import { numberErrorMessage } from "./numbers/messages.js";
import { isUnitWord } from "./numbers/units.js";
import type { NegativeFormula } from "./schema/profile.js";
import type { GradeTableId } from "./calc/grade.js";
import { polarityWord } from "./polarity-word.js";
import { gradeCheck, gradeTableWord, looksLikeGrade } from "./quick-check-grade.js";
import { notComputed, rated } from "./quick-check-result.js";

/** The capaian with its category; for a predikat of letters alone, whether the target is met (`met`); or why not computed. */
export type QuickCheck = { ok: true; text: string; value: Decimal; category: string } | { ok: true; text: string; met: boolean } | { ok: false; text: string };

const plain = (d: Decimal) => formatDecimal(d, Math.min(d.decimalPlaces(), 6));

/** The realisasi as typed: a number, or a numerator/denominator whose value is their quotient × 100 (METHOD.md §3). */
interface Actual {
  value: Decimal;
  ratio?: RatioValue;
}

/** How the realisasi appears in a formula: the number, or `(56/57 × 100)`, the exact value the capaian is computed from. */
const actualTerm = (actual: Actual) => (actual.ratio ? `(${plain(actual.ratio.numerator)}/${plain(actual.ratio.denominator)} × 100)` : plain(actual.value));

function formulaText(actual: Actual, target: NumericTarget, polarity: Polarity, formula: NegativeFormula, result: string): string {
  if (target.kind === "range") {
    const { min, max } = target;
    if (actual.value.greaterThanOrEqualTo(min) && actual.value.lessThanOrEqualTo(max)) {
      return `${actualTerm(actual)} berada dalam rentang ${plain(min)}–${plain(max)} = ${result}`;
    }
    const bound = actual.value.lessThan(min) ? min : max;
    return formulaText(actual, { kind: "point", value: bound }, polarity, formula, result);
  }
  const R = actualTerm(actual);
  const T = plain(target.value);
  if (polarity === "positive") return `${R} / ${T} × 100% = ${result}`;
  if (formula === "T/R") return `${T} / ${R} × 100% = ${result}`;
  return `(2 × ${T} − ${R}) / ${T} × 100% = ${result}`;
}

function parseTarget(text: string): { ok: true; target: NumericTarget } | { ok: false; message: string } {
  const range = /^(\d[\d.,]*)\s*[-–—]\s*(\d[\d.,]*)%?$/.exec(text.trim());
  if (range && range[1] !== undefined && range[2] !== undefined) {
    const min = parseNumber(range[1], { kind: "decimal" });
    const max = parseNumber(range[2], { kind: "decimal" });
    if (!min.ok) return { ok: false, message: numberErrorMessage(min.error, "decimal") };
    if (!max.ok) return { ok: false, message: numberErrorMessage(max.error, "decimal") };
    const [lo, hi] = min.value.lessThanOrEqualTo(max.value) ? [min.value, max.value] : [max.value, min.value];
    return { ok: true, target: { kind: "range", min: lo, max: hi } };
  }
  const point = parseNumber(text, { kind: "decimal" });
  if (!point.ok) return { ok: false, message: numberErrorMessage(point.error, "decimal") };
  return { ok: true, target: { kind: "point", value: point.value } };
}

/** How it is called, for the messages' examples: `cek` on the command line, `/cek` in the bot. */
export type CheckCommand = "cek" | "/cek";

/** The accepted form and an example; the placeholders are values, so each medium escapes its angle brackets. */
function usage(command: CheckCommand, escape?: Escape): string {
  return say("cek.format", { perintah: command, realisasi: "<realisasi>", target: "<target>" }, escape);
}

/** The realisasi as typed (`86,11`, or `56/57` for a ratio indicator), or the message saying why it cannot be read. */
function readActual(token: string, escape?: Escape): ({ ok: true } & Actual) | { ok: false; text: string } {
  if (token.includes("/")) {
    const ratio = parseRatio(token);
    if (!ratio.ok) return { ok: false, text: say("cek.salah_realisasi", { pesan: numberErrorMessage(ratio.error, "ratio") }, escape) };
    return { ok: true, value: ratio.value.numerator.dividedBy(ratio.value.denominator).times(100), ratio: ratio.value };
  }
  const actual = parseNumber(token, { kind: "decimal" });
  return actual.ok ? actual : { ok: false, text: say("cek.salah_realisasi", { pesan: numberErrorMessage(actual.error, "decimal") }, escape) };
}

/**
 * The arguments as words, with a ratio typed with spaces (`56 / 57`, `56 dari 57`) made one word (`56/57`),
 * as `/isi` accepts it. A semicolon between the figures ("86,11; 80") separates them as a space does.
 */
function words(args: readonly string[]): string[] {
  return args
    .join(" ")
    .replace(/;/g, " ")
    .replace(/\s*\/\s*/g, "/")
    .replace(/(\d)\s+dari\s+(?=\d)/gi, "$1/")
    // A predikat with its score, "A (81,50)": one word.
    .replace(/(^|\s)([A-Za-zА-Яа-я]{1,2})\s+\(/g, "$1$2(")
    .split(/\s+/)
    .filter(Boolean);
}

/** Fewer than two numbers: what is missing (or unreadable), then the accepted form. */
function missingArguments(rest: readonly string[], command: CheckCommand, escape?: Escape): string {
  if (rest.length === 0) return `${say("cek.tanpa_angka", { perintah: command }, escape)}\n${usage(command, escape)}`;
  const actual = readActual(rest[0]!, escape);
  const what = actual.ok ? say("cek.tanpa_target", { angka: rest[0] }, escape) : actual.text;
  return `${what}\n${usage(command, escape)}`;
}

/**
 * Arguments as typed: `86,11 80`, `12 10 negatif`, `56/57 97,5` (a ratio indicator),
 * `12 10 --negatif --skala atribut`, `skala=baik100`, `rumus=T/R`.
 */
export function quickCheck(args: readonly string[], escape?: Escape, command: CheckCommand = "cek"): QuickCheck {
  const rest: string[] = [];
  let polarity: Polarity = "positive";
  let scaleId: string = "permendagri86";
  let formula: string = "2T-R";
  let gradeTableId: GradeTableId | undefined;
  const tokens = words(args);
  // "realisasi 82,5 target 85", in either order: the figure after each word is that one.
  const named: { actual?: string; target?: string } = {};
  let naming: "actual" | "target" | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const lower = token.toLowerCase();
    const afterFigure = i > 0 && /\d/.test(tokens[i - 1]!);
    if (["--negatif", "-n", "--negative"].includes(lower)) polarity = "negative";
    else if (lower === "--positif") polarity = "positive";
    else if (polarityWord(lower) !== undefined) polarity = polarityWord(lower)!;
    else if (/^(--)?skala([=:].+)?$/.test(lower)) scaleId = lower.includes("=") || lower.includes(":") ? lower.split(/[=:]/)[1]! : (tokens[++i] ?? "");
    else if (/^(--)?rumus([=:].+)?$/.test(lower)) formula = lower.includes("=") || lower.includes(":") ? lower.split(/[=:]/)[1]! : (tokens[++i] ?? "");
    else if (gradeTableWord(token)) gradeTableId = gradeTableWord(token);
    else if (lower === "realisasi" || lower === "target") naming = lower === "realisasi" ? "actual" : "target";
    // A unit written after a figure ("165 KPM 150 KPM") is passed over; any other word is not, so a mistyped
    // "negtif" is still pointed out rather than taken as a unit.
    else if (afterFigure && isUnitWord(token)) continue;
    else if (naming && named[naming] === undefined) {
      named[naming] = token;
      naming = undefined;
    } else rest.push(token);
  }
  if (named.actual !== undefined || named.target !== undefined) {
    const [actualText, targetText] = [named.actual ?? rest.shift(), named.target ?? rest.shift()];
    if (actualText === undefined) return { ok: false, text: `${say("cek.tanpa_realisasi", { angka: targetText }, escape)}\n${usage(command, escape)}` };
    rest.unshift(...[actualText, targetText].filter((t): t is string => t !== undefined));
  }
  if (rest.length < 2) return { ok: false, text: missingArguments(rest, command, escape) };
  if (rest.length > 2) return { ok: false, text: `${say("cek.argumen_lebih", { sisa: rest.slice(2).join(" ") }, escape)}\n${usage(command, escape)}` };
  if (!(scaleId in SCALE_PRESETS)) return { ok: false, text: say("cek.salah_skala", { skala: scaleId }, escape) };
  const negativeFormula = formula.toUpperCase().replace(/\s/g, "");
  if (negativeFormula !== "2T-R" && negativeFormula !== "T/R") return { ok: false, text: say("cek.salah_rumus", { rumus: formula }, escape) };

  // A predikat (IKM, LHE AKIP) on either side: compared as predikat.
  if (gradeTableId !== undefined || rest.some(looksLikeGrade)) {
    if (polarity === "negative") return { ok: false, text: say("cek.predikat_negatif", {}, escape) };
    return gradeCheck(rest[0]!, rest[1]!, gradeTableId, SCALE_PRESETS[scaleId as ScalePresetId], command, escape);
  }

  const actual = readActual(rest[0]!, escape);
  if (!actual.ok) return actual;
  const target = parseTarget(rest[1]!);
  if (!target.ok) return { ok: false, text: say("cek.salah_target", { pesan: target.message }, escape) };

  const result = computeAchievement({ polarity, negativeFormula, target: target.target, actual: actual.value });
  if (result.status !== "ok") return notComputed(result, escape);
  const scale = SCALE_PRESETS[scaleId as ScalePresetId];
  const { capaian, category } = rated(result.value, scale);
  const text = say(
    "cek.hasil",
    {
      capaian,
      kategori: category,
      realisasi: actual.ratio ? `${plain(actual.ratio.numerator)}/${plain(actual.ratio.denominator)} × 100% = ${formatPercent(actual.value, 2)}` : undefined,
      rumus: formulaText(actual, target.target, polarity, negativeFormula, capaian),
      polaritas: say(`cek.polaritas.${polarity}`),
      skala: `${scale.name} (${scale.source})`,
    },
    escape,
  );
  return { ok: true, text, value: result.value, category };
}
