/**
 * The computed figures of an agency as plain JSON (the `hitung` command):
 * every number is a decimal string; `value` is rounded half-up as printed,
 * `exact` keeps ten decimal places.
 */
import { Decimal, presented, toPlainString } from "../decimal.js";
import type { AbsorptionResult, BudgetWarning } from "./absorption.js";
import type { AchievementResult } from "./achievement.js";
import type { AgencyResult, IndicatorResult } from "./agency.js";
import type { AverageResult } from "./aggregate.js";
import { efficiencyDecimals, type EfficiencyResult } from "./efficiency.js";
import type { NationalResult } from "./national.js";
import type { RenstraResult } from "./renstra.js";
import type { TrendResult } from "./trend.js";
import type { NumericTarget } from "./achievement.js";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const num = (d: Decimal, decimals: number) => ({ value: presented(d, decimals).toFixed(decimals), exact: toPlainString(d) });
const opt = (d: Decimal | undefined): Json => (d === undefined ? null : toPlainString(d));

function target(t: NumericTarget | undefined): Json {
  if (!t) return null;
  return t.kind === "point" ? toPlainString(t.value) : { min: toPlainString(t.min), max: toPlainString(t.max) };
}

function achievement(a: AchievementResult, decimals: number): Json {
  switch (a.status) {
    case "ok":
      return { status: "ok", ...num(a.value, decimals), formula: a.formula };
    case "ordinal":
      return { status: "ordinal", comparison: a.comparison, actualLetter: a.actualLetter, targetLetter: a.targetLetter };
    case "not_filled":
      return { status: "not_filled" };
    case "not_computable":
      return { status: "not_computable", reason: a.reason };
  }
}

function absorption(a: AbsorptionResult, decimals: number): Json {
  if (a.status === "ok") return { status: "ok", ...num(a.value, decimals) };
  if (a.status === "not_filled") return { status: "not_filled", missing: a.missing };
  return { status: "not_computable", reason: a.reason };
}

function efficiency(e: EfficiencyResult, decimals: number): Json {
  if (e.status !== "ok") return { status: e.status, method: e.method, reason: e.reason };
  return { status: "ok", method: e.method, ...num(e.value, efficiencyDecimals(e.method, decimals)), label: e.label };
}

function trend(t: TrendResult, decimals: number): Json {
  switch (t.status) {
    case "compared":
      return {
        status: t.status,
        previousYear: t.previousYear,
        previous: toPlainString(t.previous),
        current: toPlainString(t.current),
        direction: t.direction,
        assessment: t.assessment,
        difference: num(t.difference, decimals),
      };
    case "compared_letters":
      return { status: t.status, previousYear: t.previousYear, previousLetter: t.previousLetter, currentLetter: t.currentLetter, assessment: t.assessment };
    case "indicator_changed":
      return { status: t.status, previousYear: t.previousYear, predecessor: t.predecessorName };
    default:
      return { status: t.status, previousYear: t.previousYear };
  }
}

function renstra(r: RenstraResult, decimals: number): Json {
  if (r.status !== "ok") return { status: r.status };
  return { status: "ok", finalTarget: target(r.finalTarget), progress: num(r.progress, decimals), gap: num(r.gap, decimals), reached: r.reached };
}

function national(n: NationalResult, decimals: number): Json {
  if (n.status !== "ok") return { status: n.status };
  return {
    status: "ok",
    national: toPlainString(n.national),
    year: n.year,
    kind: n.kind,
    source: n.source ?? null,
    difference: num(n.difference, decimals),
    position: n.position,
    assessment: n.assessment,
  };
}

function average(a: AverageResult, decimals: number): Json {
  return { ...(a.value ? num(a.value, decimals) : { value: null, exact: null }), category: a.category ?? null, included: a.included, capped: a.capped };
}

function indicator(r: IndicatorResult, decimals: number): Json {
  const v = r.current.values;
  return {
    id: r.id,
    objectiveId: r.objectiveId,
    code: r.indicator.code ?? null,
    name: r.indicator.name,
    unit: r.indicator.unit,
    polarity: r.indicator.polarity,
    kind: r.indicator.kind,
    target: v.gradeTarget ? { ...v.gradeTarget } : target(v.target),
    actual: v.gradeActual ? { ...v.gradeActual } : opt(v.actual),
    ratio: v.ratio ? { numerator: toPlainString(v.ratio.numerator), denominator: toPlainString(v.ratio.denominator) } : null,
    achievement: achievement(r.current.achievement, decimals),
    category: r.current.category ?? null,
    comparison: r.comparison,
    budget: {
      source: r.budget.source,
      lineIds: r.budget.lineIds,
      budget: opt(r.budget.budget),
      spent: opt(r.budget.spent),
      absorption: absorption(r.budget.absorption, decimals),
    },
    efficiency: efficiency(r.efficiency, decimals),
    trend: trend(r.trend, decimals),
    strategicPlan: renstra(r.strategicPlan, decimals),
    national: national(r.national, decimals),
    history: r.history.map((h) => ({
      year: h.values.year,
      target: target(h.values.target),
      actual: opt(h.values.actual),
      achievement: achievement(h.achievement, decimals),
      category: h.category ?? null,
    })),
  };
}

function warning(w: BudgetWarning): Json {
  if (w.code === "spent_exceeds_budget") return { code: w.code, lineId: w.lineId, budget: w.budget.toFixed(), spent: w.spent.toFixed() };
  return { code: w.code, lineId: w.lineId, own: w.own.toFixed(), childrenSum: w.childrenSum.toFixed() };
}

export function agencyResultToJson(result: AgencyResult): Json {
  const d = result.profile.decimals;
  return {
    year: result.year,
    scale: result.scale.id,
    efficiencyMethod: result.profile.efficiency.method,
    negativeFormula: result.profile.negativeFormula,
    decimals: d,
    indicators: result.indicators.map((r) => indicator(r, d)),
    objectives: result.objectives.map((o) => ({
      id: o.id,
      name: o.objective.name,
      average: average(o.average, d),
      counts: { ...o.counts },
    })),
    agency: { average: average(result.average, d), counts: { ...result.counts } },
    budget: {
      total: {
        budget: opt(result.budget.total.budget),
        spent: opt(result.budget.total.spent),
        remaining: opt(result.budget.total.remaining),
        absorption: absorption(result.budget.total.absorption, d),
      },
      lines: result.budget.lines.map((l) => ({
        id: l.id,
        level: l.level,
        name: l.name,
        budget: opt(l.budget),
        spent: opt(l.spent),
        remaining: opt(l.remaining),
        absorption: absorption(l.absorption, d),
      })),
      warnings: result.budget.warnings.map(warning),
    },
  };
}
