/**
 * Tingkat kemajuan against the Renstra final target (METHOD.md §3):
 *   progress = R(year) / final Renstra target × 100 (the capaian formula of the
 *   indicator's polarity, against the final target), plus the gap in points.
 */
import { Decimal, HUNDRED, presented } from "../decimal.js";
import type { NegativeFormula } from "../schema/profile.js";
import { computeAchievement, type NumericTarget, type Polarity } from "./achievement.js";

export type RenstraResult =
  | {
      status: "ok";
      finalTarget: NumericTarget;
      actual: Decimal;
      progress: Decimal;
      /** Points still to go (> 0), or by which the target is passed (< 0); signed by polarity. */
      gap: Decimal;
      reached: boolean;
    }
  | { status: "no_target" }
  | { status: "no_actual" }
  | { status: "not_computable" };

export function computeRenstraProgress(args: {
  finalTarget: NumericTarget | undefined;
  actual: Decimal | undefined;
  polarity: Polarity;
  negativeFormula: NegativeFormula;
  decimals: number;
}): RenstraResult {
  const { finalTarget, actual, polarity, negativeFormula, decimals } = args;
  if (finalTarget === undefined) return { status: "no_target" };
  if (actual === undefined) return { status: "no_actual" };
  const result = computeAchievement({ polarity, negativeFormula, target: finalTarget, actual });
  if (result.status !== "ok") return { status: "not_computable" };
  const reference = finalTarget.kind === "point" ? finalTarget.value : polarity === "positive" ? finalTarget.min : finalTarget.max;
  const gap = polarity === "positive" ? reference.minus(actual) : actual.minus(reference);
  return {
    status: "ok",
    finalTarget,
    actual,
    progress: result.value,
    gap,
    reached: presented(result.value, decimals).greaterThanOrEqualTo(HUNDRED),
  };
}
