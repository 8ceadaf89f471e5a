/**
 * CAPAIAN (achievement) — METHOD.md §3.
 *
 * With R = realisasi and T = target:
 *   positive polarity (higher is better):   capaian = R / T × 100
 *   negative polarity, default "2T-R":       capaian = (2T − R) / T × 100   (= (1 + (1 − R/T)) × 100)
 *   negative polarity, alternative "T/R":    capaian = T / R × 100
 *   range target "min–max":                  inside → 100; below/above → the formula against
 *                                            the nearer bound
 * Edge cases are explicit statuses, never numbers:
 *   target missing or 0 → "tidak dapat dihitung"; realisasi missing → "belum diisi";
 *   "T/R" with R = 0 → "tidak dapat dihitung".
 */
import { Decimal, HUNDRED } from "../decimal.js";
import type { NegativeFormula } from "../schema/profile.js";

export type Polarity = "positive" | "negative";

export type NumericTarget = { kind: "point"; value: Decimal } | { kind: "range"; min: Decimal; max: Decimal };

/** Which formula produced the value (the drafting engine states it). */
export type AchievementFormula = "R/T" | "(2T-R)/T" | "T/R" | "range-inside";

export type NotComputableReason = "target_missing" | "target_zero" | "actual_zero" | "grade_unrated";

export type AchievementResult =
  | {
      status: "ok";
      /** Exact capaian in percent (uncapped). */
      value: Decimal;
      formula: AchievementFormula;
      /** The target value the formula used (the nearer bound for a range). */
      targetUsed: Decimal;
    }
  | {
      /** Grade indicators with letters only: met / not met on the ordinal scale. */
      status: "ordinal";
      comparison: "above" | "at" | "below";
      actualLetter: string;
      targetLetter: string;
    }
  | { status: "not_filled" }
  | { status: "not_computable"; reason: NotComputableReason };

export interface AchievementInput {
  polarity: Polarity;
  negativeFormula: NegativeFormula;
  target: NumericTarget | undefined;
  actual: Decimal | undefined;
}

/** The capaian of a point target. */
function againstPoint(R: Decimal, T: Decimal, polarity: Polarity, negativeFormula: NegativeFormula): AchievementResult {
  if (T.isZero()) return { status: "not_computable", reason: "target_zero" };
  if (polarity === "positive") {
    return { status: "ok", value: R.dividedBy(T).times(HUNDRED), formula: "R/T", targetUsed: T };
  }
  if (negativeFormula === "T/R") {
    if (R.isZero()) return { status: "not_computable", reason: "actual_zero" };
    return { status: "ok", value: T.dividedBy(R).times(HUNDRED), formula: "T/R", targetUsed: T };
  }
  return { status: "ok", value: T.times(2).minus(R).dividedBy(T).times(HUNDRED), formula: "(2T-R)/T", targetUsed: T };
}

export function computeAchievement(input: AchievementInput): AchievementResult {
  const { target, actual, polarity, negativeFormula } = input;
  if (target === undefined) return { status: "not_computable", reason: "target_missing" };
  if (target.kind === "point" && target.value.isZero()) return { status: "not_computable", reason: "target_zero" };
  if (actual === undefined) return { status: "not_filled" };
  if (target.kind === "point") return againstPoint(actual, target.value, polarity, negativeFormula);

  const { min, max } = target;
  if (actual.greaterThanOrEqualTo(min) && actual.lessThanOrEqualTo(max)) {
    return { status: "ok", value: HUNDRED, formula: "range-inside", targetUsed: actual };
  }
  const bound = actual.lessThan(min) ? min : max;
  return againstPoint(actual, bound, polarity, negativeFormula);
}

/** Whether the capaian as printed meets the target: "above" / "at" / "below" 100%. */
export function compareWithHundred(printed: Decimal): "above" | "at" | "below" {
  const c = printed.comparedTo(HUNDRED);
  return c > 0 ? "above" : c === 0 ? "at" : "below";
}
