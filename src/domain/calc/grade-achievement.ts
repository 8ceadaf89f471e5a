/**
 * Capaian for grade indicators (METHOD.md §3): computed on the numeric
 * scores when both are numeric ("A (81,50)" vs 80,15 → 98,34%); otherwise
 * the letters are compared on the table's ordinal scale (met / not met).
 */
import { Decimal } from "../decimal.js";
import { computeAchievement, type AchievementResult } from "./achievement.js";
import { effectiveLetter, gradeRank, type GradeTable, type GradeValue } from "./grade.js";

export function computeGradeAchievement(
  table: GradeTable,
  target: GradeValue | undefined,
  actual: GradeValue | undefined,
): AchievementResult {
  if (target === undefined || (target.letter === undefined && target.score === undefined)) {
    return { status: "not_computable", reason: "target_missing" };
  }
  if (actual === undefined || (actual.letter === undefined && actual.score === undefined)) {
    return { status: "not_filled" };
  }
  if (target.score !== undefined && actual.score !== undefined) {
    return computeAchievement({
      polarity: "positive",
      negativeFormula: "2T-R",
      target: { kind: "point", value: new Decimal(target.score) },
      actual: new Decimal(actual.score),
    });
  }
  const targetLetter = effectiveLetter(table, target);
  const actualLetter = effectiveLetter(table, actual);
  const targetRank = targetLetter === undefined ? undefined : gradeRank(table, targetLetter);
  const actualRank = actualLetter === undefined ? undefined : gradeRank(table, actualLetter);
  if (targetLetter === undefined || actualLetter === undefined || targetRank === undefined || actualRank === undefined) {
    return { status: "not_computable", reason: "grade_unrated" };
  }
  // Rank 0 is the best grade: a smaller rank than the target's exceeds it.
  const comparison = actualRank < targetRank ? "above" : actualRank === targetRank ? "at" : "below";
  return { status: "ordinal", comparison, actualLetter, targetLetter };
}
