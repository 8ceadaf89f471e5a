/**
 * Roll-ups (METHOD.md §3): sasaran achievement = mean ("rata-rata") of its
 * indicators' capaian; agency achievement = mean over sasaran. An optional cap
 * (e.g. 120%) is applied to each capaian for averaging only. Counts of
 * indicators above / exactly at / below 100% and not measurable (NA).
 */
import { Decimal, mean, presented } from "../decimal.js";
import { compareWithHundred, type AchievementResult } from "./achievement.js";
import { categorize, type Scale } from "./scale.js";

export interface Counts {
  above: number;
  at: number;
  below: number;
  notMeasurable: number;
  total: number;
}

export interface AverageResult {
  /** Exact mean, undefined when nothing could be averaged. */
  value: Decimal | undefined;
  category: string | undefined;
  /** How many values went into the mean. */
  included: number;
  /** Whether any value was capped for the mean. */
  capped: boolean;
}

/** The value an indicator contributes to averages (capped when a cap is set). */
export function valueForAverage(achievement: AchievementResult, cap: Decimal | undefined): { value: Decimal; capped: boolean } | undefined {
  if (achievement.status !== "ok") return undefined;
  if (cap !== undefined && achievement.value.greaterThan(cap)) return { value: cap, capped: true };
  return { value: achievement.value, capped: false };
}

export function average(values: readonly { value: Decimal; capped: boolean }[], scale: Scale, decimals: number): AverageResult {
  const m = mean(values.map((v) => v.value));
  return {
    value: m,
    category: m === undefined ? undefined : categorize(presented(m, decimals), scale),
    included: values.length,
    capped: values.some((v) => v.capped),
  };
}

/** "above" / "at" / "below" 100% as printed, or "na". Ordinal grades count by their letter comparison. */
export function comparisonOf(achievement: AchievementResult, decimals: number): "above" | "at" | "below" | "na" {
  if (achievement.status === "ok") return compareWithHundred(presented(achievement.value, decimals));
  if (achievement.status === "ordinal") return achievement.comparison;
  return "na";
}

export function countComparisons(comparisons: readonly ("above" | "at" | "below" | "na")[]): Counts {
  const counts: Counts = { above: 0, at: 0, below: 0, notMeasurable: 0, total: comparisons.length };
  for (const c of comparisons) {
    if (c === "above") counts.above++;
    else if (c === "at") counts.at++;
    else if (c === "below") counts.below++;
    else counts.notMeasurable++;
  }
  return counts;
}
