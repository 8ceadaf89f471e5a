/**
 * Category scales (METHOD.md §5): closed, contiguous, non-overlapping bands
 * that cover every value from 0 to infinity. Every category label in the
 * output comes from the agency's declared scale.
 */
import { Decimal } from "../decimal.js";

export interface Band {
  label: string;
  /** Lower bound; absent = unbounded below (values under 0 fall here too). */
  min?: string;
  minInclusive: boolean;
  /** Upper bound; absent = unbounded above. */
  max?: string;
  maxInclusive: boolean;
}

export interface Scale {
  id: string;
  name: string;
  source?: string;
  /** Ordered from the highest band to the lowest. */
  bands: Band[];
}

const band = (label: string, min?: string, max?: string, minInclusive = true, maxInclusive = false): Band => {
  const b: Band = { label, minInclusive, maxInclusive };
  if (min !== undefined) b.min = min;
  if (max !== undefined) b.max = max;
  return b;
};

export const SCALE_PRESETS = {
  permendagri86: {
    id: "permendagri86",
    name: "Skala Nilai Peringkat Kinerja",
    source: "Permendagri Nomor 86 Tahun 2017",
    bands: [
      band("Sangat Tinggi", "91"),
      band("Tinggi", "76", "91"),
      band("Sedang", "66", "76"),
      band("Rendah", "51", "66"),
      band("Sangat Rendah", "0", "51"),
    ],
  },
  atribut: {
    id: "atribut",
    name: "Atribut Capaian Indikator Kinerja",
    source: "Atribut capaian kinerja",
    bands: [
      band("Sangat Berhasil", "85"),
      band("Berhasil", "70", "85"),
      band("Cukup Berhasil", "55", "70"),
      band("Tidak Berhasil", "0", "55"),
    ],
  },
  baik100: {
    id: "baik100",
    name: "Kategori Capaian Kinerja",
    source: "Kategori capaian kinerja",
    bands: [
      band("Sangat Baik", "100", undefined, false),
      band("Baik", "100", "100", true, true),
      band("Cukup", "80", "100"),
      band("Kurang", "50", "80"),
      band("Sangat Kurang", "0", "50"),
    ],
  },
} as const satisfies Record<string, Scale>;

export type ScalePresetId = keyof typeof SCALE_PRESETS;
export const SCALE_PRESET_IDS = Object.keys(SCALE_PRESETS) as ScalePresetId[];

function aboveMin(value: Decimal, b: Band): boolean {
  if (b.min === undefined) return true;
  return b.minInclusive ? value.greaterThanOrEqualTo(b.min) : value.greaterThan(b.min);
}

function belowMax(value: Decimal, b: Band): boolean {
  if (b.max === undefined) return true;
  return b.maxInclusive ? value.lessThanOrEqualTo(b.max) : value.lessThan(b.max);
}

/** Bands sorted from the lowest to the highest lower bound. */
function ascending(bands: readonly Band[]): Band[] {
  return [...bands].sort((a, b) => {
    if (a.min === undefined) return -1;
    if (b.min === undefined) return 1;
    const c = new Decimal(a.min).comparedTo(b.min);
    if (c !== 0) return c;
    // [100,100] comes before (100,∞)
    return a.minInclusive === b.minInclusive ? 0 : a.minInclusive ? -1 : 1;
  });
}

/**
 * The label for a value. The lowest band also takes values below its lower
 * bound (a negative-polarity capaian can fall under 0).
 */
export function categorize(value: Decimal, scale: Scale): string {
  const sorted = ascending(scale.bands);
  const lowest = sorted[0];
  if (lowest && lowest.min !== undefined && !aboveMin(value, lowest)) return lowest.label;
  const match = sorted.find((b) => aboveMin(value, b) && belowMax(value, b));
  if (!match) throw new Error(`Scale ${scale.id} does not cover ${value.toString()}`);
  return match.label;
}

export type ScaleProblem =
  | { code: "empty" }
  | { code: "duplicate_label"; label: string }
  | { code: "empty_label"; index: number }
  | { code: "inverted"; label: string }
  | { code: "bottom_not_zero"; label: string; min: string }
  | { code: "top_bounded"; label: string; max: string }
  | { code: "gap"; lower: string; upper: string; at: string }
  | { code: "overlap"; lower: string; upper: string; at: string };

/** Every reason the bands do not form a valid scale (empty list = valid). */
export function scaleProblems(bands: readonly Band[]): ScaleProblem[] {
  if (bands.length === 0) return [{ code: "empty" }];
  const problems: ScaleProblem[] = [];
  const seen = new Set<string>();
  bands.forEach((b, index) => {
    const label = b.label.trim();
    if (label === "") problems.push({ code: "empty_label", index });
    else if (seen.has(label.toLowerCase())) problems.push({ code: "duplicate_label", label });
    seen.add(label.toLowerCase());
    if (b.min !== undefined && b.max !== undefined) {
      const c = new Decimal(b.min).comparedTo(b.max);
      if (c > 0 || (c === 0 && !(b.minInclusive && b.maxInclusive))) problems.push({ code: "inverted", label: b.label });
    }
  });
  if (problems.length > 0) return problems;

  const sorted = ascending(bands);
  const lowest = sorted[0]!;
  if (lowest.min !== undefined && !(new Decimal(lowest.min).isZero() && lowest.minInclusive)) {
    problems.push({ code: "bottom_not_zero", label: lowest.label, min: lowest.min });
  }
  const highest = sorted[sorted.length - 1]!;
  if (highest.max !== undefined) problems.push({ code: "top_bounded", label: highest.label, max: highest.max });

  for (let i = 0; i + 1 < sorted.length; i++) {
    const lower = sorted[i]!;
    const upper = sorted[i + 1]!;
    if (lower.max === undefined) {
      problems.push({ code: "overlap", lower: lower.label, upper: upper.label, at: upper.min ?? "-" });
      continue;
    }
    if (upper.min === undefined) {
      problems.push({ code: "overlap", lower: lower.label, upper: upper.label, at: lower.max });
      continue;
    }
    const c = new Decimal(lower.max).comparedTo(upper.min);
    if (c < 0) problems.push({ code: "gap", lower: lower.label, upper: upper.label, at: `${lower.max}–${upper.min}` });
    else if (c > 0) problems.push({ code: "overlap", lower: lower.label, upper: upper.label, at: `${upper.min}–${lower.max}` });
    else if (lower.maxInclusive && upper.minInclusive) {
      problems.push({ code: "overlap", lower: lower.label, upper: upper.label, at: lower.max });
    } else if (!lower.maxInclusive && !upper.minInclusive) {
      problems.push({ code: "gap", lower: lower.label, upper: upper.label, at: lower.max });
    }
  }
  return problems;
}

/** A band as people read it: `≥ 91`, `76 ≤ x < 91`, `= 100`, `> 100`, `< 51`. */
export function describeBand(b: Band, formatBound: (v: string) => string): string {
  const min = b.min !== undefined ? formatBound(b.min) : undefined;
  const max = b.max !== undefined ? formatBound(b.max) : undefined;
  if (min !== undefined && max !== undefined && b.min === b.max) return `= ${min}`;
  const lowerOpen = min === undefined || (b.min !== undefined && new Decimal(b.min).isZero() && b.minInclusive);
  if (max === undefined) return `${b.minInclusive ? "≥" : ">"} ${min ?? "0"}`;
  if (lowerOpen) return `${b.maxInclusive ? "≤" : "<"} ${max}`;
  return `${min} ${b.minInclusive ? "≤" : "<"} x ${b.maxInclusive ? "≤" : "<"} ${max}`;
}
