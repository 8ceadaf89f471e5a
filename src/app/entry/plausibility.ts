/**
 * Stored figures an officer most likely mistyped, said after they are stored (they may be right): what /isi warns
 * of beside its acknowledgement.
 */
import { numericTarget, resolveYear } from "../../domain/calc/values.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import { unitKind } from "./answers.js";
import type { QuestionKey } from "./keys.js";
import { findIndicator } from "./missing.js";

/**
 * A stored target, realisasi or final Renstra target of a percentage above 100% (a range's upper bound): most
 * percentages cannot exceed it (the share of a population handled), and reports hold such slips (a target of 900
 * for a percentage, 156% of a population). "ratio" when a ratio's numerator is above its denominator.
 */
export function aboveHundred(file: AgencyFile, key: QuestionKey): "value" | "ratio" | undefined {
  if (key.q !== "target" && key.q !== "actual" && key.q !== "final") return undefined;
  const ind = findIndicator(file, key.indicatorId);
  if (!ind || ind.kind === "grade" || unitKind(ind.unit) !== "percent") return undefined;
  if (key.q === "actual") {
    // The realisasi the capaian is computed on: a ratio's is its numerator over its denominator at its scale.
    const y = resolveYear(ind, key.year, ind.years[String(key.year)]);
    return y.actual?.greaterThan(100) ? (y.ratio ? "ratio" : "value") : undefined;
  }
  const t = numericTarget(key.q === "target" ? ind.years[String(key.year)]?.target : ind.strategicPlan?.finalTarget);
  const highest = t === undefined ? undefined : t.kind === "point" ? t.value : t.max;
  return highest?.greaterThan(100) ? "value" : undefined;
}
