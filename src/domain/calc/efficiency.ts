/**
 * TINGKAT EFISIENSI (efficiency of resource use) — METHOD.md §4.
 * One method is declared per agency and named in every output:
 *   rasio (default):  efisiensi = capaian / serapan     (a plain ratio, never "%")
 *                     ≥ 1 → Efisien, < 1 → Tidak Efisien
 *   selisih:          efisiensi = capaian − serapan     (percentage points)
 *                     > band → Efisien; within ±band → Proporsional (band 0) or Cukup Efisien;
 *                     below −band → Kurang Efisien
 *   penghematan:      efisiensi = 100 − serapan          (unspent share, "nilai efisiensi anggaran")
 *                     meaningful only when the target was met; said so otherwise
 * Labels are decided on the value as printed, so the label never contradicts the number.
 */
import { Decimal, HUNDRED, ONE, ZERO, presented } from "../decimal.js";
import type { EfficiencyMethod } from "../schema/profile.js";
import type { AchievementResult } from "./achievement.js";
import type { AbsorptionResult } from "./absorption.js";

export type EfficiencyLabel =
  | "efisien"
  | "tidak_efisien"
  | "proporsional"
  | "cukup_efisien"
  | "kurang_efisien"
  | "hemat"
  | "tanpa_sisa"
  | "melebihi_pagu"
  | "target_belum_tercapai";

export type EfficiencyResult =
  | { status: "ok"; method: EfficiencyMethod; value: Decimal; label: EfficiencyLabel }
  | {
      status: "not_computable";
      method: EfficiencyMethod;
      reason: "achievement_unavailable" | "absorption_unavailable" | "absorption_zero";
    };

/** Decimal places an efficiency value is printed with: ratios always 2, points follow the agency. */
export function efficiencyDecimals(method: EfficiencyMethod, percentDecimals: number): number {
  return method === "rasio" ? 2 : percentDecimals;
}

export interface EfficiencyOptions {
  method: EfficiencyMethod;
  /** `selisih`: half-width of the "cukup efisien" band in points. */
  band: Decimal;
  /** Decimal places for percentages (the agency's setting). */
  decimals: number;
}

export function computeEfficiency(
  achievement: AchievementResult,
  absorption: AbsorptionResult,
  options: EfficiencyOptions,
): EfficiencyResult {
  const { method, band, decimals } = options;
  if (absorption.status !== "ok") return { status: "not_computable", method, reason: "absorption_unavailable" };
  const serapan = absorption.value;

  if (method === "penghematan") {
    const value = HUNDRED.minus(serapan);
    if (achievement.status !== "ok" && achievement.status !== "ordinal") {
      return { status: "not_computable", method, reason: "achievement_unavailable" };
    }
    const met =
      achievement.status === "ok"
        ? presented(achievement.value, decimals).greaterThanOrEqualTo(HUNDRED)
        : achievement.comparison !== "below";
    if (!met) return { status: "ok", method, value, label: "target_belum_tercapai" };
    const printed = presented(value, decimals);
    const label = printed.greaterThan(ZERO) ? "hemat" : printed.isZero() ? "tanpa_sisa" : "melebihi_pagu";
    return { status: "ok", method, value, label };
  }

  if (achievement.status !== "ok") return { status: "not_computable", method, reason: "achievement_unavailable" };
  const capaian = achievement.value;

  if (method === "rasio") {
    if (serapan.isZero()) return { status: "not_computable", method, reason: "absorption_zero" };
    const value = capaian.dividedBy(serapan);
    const label = presented(value, 2).greaterThanOrEqualTo(ONE) ? "efisien" : "tidak_efisien";
    return { status: "ok", method, value, label };
  }

  const value = capaian.minus(serapan);
  const printed = presented(value, decimals);
  let label: EfficiencyLabel;
  if (printed.greaterThan(band)) label = "efisien";
  else if (printed.lessThan(band.negated())) label = "kurang_efisien";
  else label = band.isZero() ? "proporsional" : "cukup_efisien";
  return { status: "ok", method, value, label };
}
