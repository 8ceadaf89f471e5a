/**
 * A custom category scale typed in a chat (/profil → Skala khusus): one
 * category per line, its lower bound then its name ("≥ 90 Sangat Baik",
 * "> 100 Sangat Baik", "90 Sangat Baik", or "Sangat Baik ≥ 90"), and an
 * optional first line with the scale's name and its legal basis ("Skala
 * Kinerja | Peraturan Bupati Nomor 12 Tahun 2023"). Each category reaches up
 * to the next one's lower bound, so the bands are contiguous by construction;
 * the lowest must start at 0 and the highest is open above (METHOD.md §5).
 */
import { say } from "../messages/catalog.js";
import { Decimal } from "../domain/decimal.js";
import { scaleProblems, type Band } from "../domain/calc/scale.js";
import { parseNumber } from "../domain/numbers/parse.js";
import { normalizeInput } from "../domain/numbers/normalize.js";
import { CustomScaleSchema, type CustomScale } from "../domain/schema/profile.js";

/** What is wrong, as a message key and its values (`profil.skala_khusus.*`, or `skema.kode.skala_*` for the scale checks). */
export interface ScaleTextProblem {
  key: string;
  params: Record<string, string | number>;
}

export type ScaleText = { ok: true; scale: CustomScale } | { ok: false; problems: ScaleTextProblem[] };

export const MAX_BANDS = 12;
const MIN_BANDS = 2;
const MAX_LABEL = 60;
const MAX_NAME = 120;
const MAX_SOURCE = 200;

const NUMBER = "(\\d[\\d.,]*)\\s*%?";
const SIGN = "(≥|>=|=>|>)";
/** "≥ 90 Sangat Baik", "> 100: Sangat Baik", "90 - Sangat Baik". */
const BOUND_FIRST = new RegExp(`^${SIGN}?\\s*${NUMBER}\\s*[:=\\-–]?\\s*(.+)$`);
/** "Sangat Baik ≥ 90", "Sangat Baik: > 100". */
const LABEL_FIRST = new RegExp(`^(.+?)\\s*[:=]?\\s*${SIGN}\\s*${NUMBER}$`);

interface TypedBand {
  line: number;
  label: string;
  min: Decimal;
  /** `>`: the bound itself belongs to the category below. */
  exclusive: boolean;
}

function readBand(text: string, line: number): TypedBand | { problem: ScaleTextProblem } | undefined {
  const m = BOUND_FIRST.exec(text);
  const l = m ? undefined : LABEL_FIRST.exec(text);
  const [sign, bound, label] = m ? [m[1], m[2]!, m[3]!] : l ? [l[2], l[3]!, l[1]!] : [];
  if (bound === undefined || label === undefined) return undefined;
  const value = parseNumber(bound, { kind: "percent", allowNegative: false });
  if (!value.ok) return { problem: { key: "profil.skala_khusus.baris_salah", params: { nomor: line, isi: text.slice(0, 60) } } };
  const name = label.trim();
  if (name.length > MAX_LABEL) return { problem: { key: "profil.skala_khusus.nama_kategori_panjang", params: { nomor: line, maks: MAX_LABEL } } };
  return { line, label: name, min: value.value, exclusive: sign === ">" };
}

/** Read the typed scale; every problem found is reported at once. */
export function parseScaleText(input: string): ScaleText {
  const lines = input
    .split(/\r?\n/)
    .map((l) => normalizeInput(l))
    .filter((l) => l !== "");
  const problems: ScaleTextProblem[] = [];
  const typed: TypedBand[] = [];
  let name = say("profil.skala_khusus.nama_bawaan");
  let source: string | undefined;
  lines.forEach((text, k) => {
    const read = readBand(text, k + 1);
    if (read && "problem" in read) problems.push(read.problem);
    else if (read) typed.push(read);
    else if (k === 0) {
      // The scale's name, and after "|" its legal basis.
      const [title = "", basis] = text.split("|").map((s) => s.trim());
      if (title.length > MAX_NAME || (basis?.length ?? 0) > MAX_SOURCE) problems.push({ key: "profil.skala_khusus.nama_panjang", params: { maks: MAX_NAME } });
      if (title) name = title;
      if (basis) source = basis;
    } else problems.push({ key: "profil.skala_khusus.baris_salah", params: { nomor: k + 1, isi: text.slice(0, 60) } });
  });
  if (problems.length > 0) return { ok: false, problems };
  if (typed.length < MIN_BANDS) return { ok: false, problems: [{ key: "profil.skala_khusus.kurang", params: { min: MIN_BANDS } }] };
  if (typed.length > MAX_BANDS) return { ok: false, problems: [{ key: "profil.skala_khusus.terlalu_banyak", params: { maks: MAX_BANDS } }] };

  // Highest first: a larger bound, or at the same bound "> x" above "≥ x".
  const sorted = [...typed].sort((a, b) => b.min.comparedTo(a.min) || Number(b.exclusive) - Number(a.exclusive));
  for (let i = 1; i < sorted.length; i++) {
    const [upper, lower] = [sorted[i - 1]!, sorted[i]!];
    if (upper.min.equals(lower.min) && upper.exclusive === lower.exclusive) {
      problems.push({ key: "profil.skala_khusus.batas_sama", params: { a: upper.label, b: lower.label, batas: `${upper.exclusive ? ">" : "≥"} ${bound(upper.min)}` } });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const bands: Band[] = sorted.map((b, i) => {
    const upper = sorted[i - 1];
    const band: Band = { label: b.label, min: b.min.toFixed(), minInclusive: !b.exclusive, maxInclusive: upper ? upper.exclusive : false };
    if (upper) band.max = upper.min.toFixed();
    return band;
  });
  const checks = scaleProblems(bands);
  if (checks.length > 0) return { ok: false, problems: checks.map(({ code, ...params }) => ({ key: `skema.kode.skala_${code}`, params: params as Record<string, string | number> })) };
  const scale = CustomScaleSchema.parse(source === undefined ? { name, bands } : { name, source, bands });
  return { ok: true, scale };
}

const bound = (d: Decimal) => d.toFixed().replace(".", ",");
