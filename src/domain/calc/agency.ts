/**
 * Computes every figure of an agency once: per indicator (capaian, category,
 * serapan, efficiency, trend, Renstra progress, national comparison,
 * history), per sasaran (average, category), for the agency (average,
 * counts) and for the budget (roll-ups, totals, warnings). Tables and
 * paragraphs only ever print values taken from this result.
 */
import { Decimal, presented } from "../decimal.js";
import { memo } from "../memo.js";
import type { AgencyFile } from "../schema/agency.js";
import type { Indicator, Objective } from "../schema/indicator.js";
import type { Profile } from "../schema/profile.js";
import type { BudgetLine } from "../schema/budget.js";
import { rollUpBudget, indicatorBudget, type BudgetRollUp, type IndicatorBudget } from "./absorption.js";
import { computeAchievement, type AchievementResult } from "./achievement.js";
import { average, comparisonOf, countComparisons, valueForAverage, type AverageResult, type Counts } from "./aggregate.js";
import { computeEfficiency, type EfficiencyResult } from "./efficiency.js";
import { gradeTable, type GradeTable } from "./grade.js";
import { computeGradeAchievement } from "./grade-achievement.js";
import { computeNational, type NationalResult } from "./national.js";
import { computeRenstraProgress, type RenstraResult } from "./renstra.js";
import { categorize, SCALE_PRESETS, type Scale, type ScalePresetId } from "./scale.js";
import { computeTrend, type TrendResult } from "./trend.js";
import { isGradeValue, numericTarget, resolveYear, type ResolvedYear } from "./values.js";

export interface YearResult {
  values: ResolvedYear;
  achievement: AchievementResult;
  /** Category of the capaian as printed; undefined when there is no numeric capaian. */
  category: string | undefined;
}

export interface IndicatorResult {
  id: string;
  objectiveId: string;
  indicator: Indicator;
  /** The reporting year. */
  current: YearResult;
  comparison: "above" | "at" | "below" | "na";
  budget: IndicatorBudget;
  efficiency: EfficiencyResult;
  trend: TrendResult;
  strategicPlan: RenstraResult;
  national: NationalResult;
  /** Earlier years of this indicator (ascending), each computed like the current one. */
  history: YearResult[];
  /** Earlier years of the indicator this one replaced. */
  predecessorHistory: YearResult[];
  /** Value used for averaging (capped), if measurable. */
  forAverage: { value: Decimal; capped: boolean } | undefined;
}

export interface ObjectiveResult {
  id: string;
  objective: Objective;
  indicatorIds: string[];
  average: AverageResult;
  counts: Counts;
}

/** A budget line's output indicator: its capaian and whether it met the target (as printed). */
export interface OutputResult {
  achievement: AchievementResult;
  comparison: "above" | "at" | "below" | "na";
}

export interface AgencyResult {
  year: number;
  scale: Scale;
  profile: Profile;
  indicators: IndicatorResult[];
  indicatorById: Map<string, IndicatorResult>;
  objectives: ObjectiveResult[];
  /** Mean over sasaran averages. */
  average: AverageResult;
  counts: Counts;
  budget: BudgetRollUp;
  /** Output capaian of budget lines that have an output indicator, by line id. */
  outputs: Map<string, OutputResult>;
}

export function resolveScale(profile: Profile): Scale {
  if (typeof profile.scale === "string") return SCALE_PRESETS[profile.scale as ScalePresetId];
  const scale: Scale = { id: "khusus", name: profile.scale.name, bands: profile.scale.bands };
  if (profile.scale.source !== undefined) scale.source = profile.scale.source;
  return scale;
}

function yearResult(indicator: Indicator, values: ResolvedYear, profile: Profile, scale: Scale, table: GradeTable | undefined): YearResult {
  const achievement =
    indicator.kind === "grade" && table
      ? values.present
        ? computeGradeAchievement(table, values.gradeTarget, values.gradeActual)
        : { status: "not_computable" as const, reason: "target_missing" as const }
      : computeAchievement({
          polarity: indicator.polarity,
          negativeFormula: profile.negativeFormula,
          target: values.target,
          actual: values.actual,
        });
  const category = achievement.status === "ok" ? categorize(presented(achievement.value, profile.decimals), scale) : undefined;
  return { values, achievement, category };
}

function historyOf(
  indicator: Indicator,
  years: Indicator["years"],
  before: number,
  profile: Profile,
  scale: Scale,
  table: GradeTable | undefined,
): YearResult[] {
  return Object.keys(years)
    .map(Number)
    .filter((y) => y < before)
    .sort((a, b) => a - b)
    .map((y) => yearResult(indicator, resolveYear(indicator, y, years[String(y)]), profile, scale, table));
}

export function computeIndicator(
  indicator: Indicator,
  objectiveId: string,
  file: AgencyFile,
  scale: Scale,
  budget: BudgetRollUp,
): IndicatorResult {
  const { profile } = file;
  const year = file.agency.reportingYear;
  const decimals = profile.decimals;
  const table = indicator.kind === "grade" && indicator.gradeTable ? gradeTable(indicator.gradeTable) : undefined;

  const currentValues = resolveYear(indicator, year, indicator.years[String(year)]);
  const current = yearResult(indicator, currentValues, profile, scale, table);
  const previousValues = resolveYear(indicator, year - 1, indicator.years[String(year - 1)]);
  const indBudget = indicatorBudget(indicator.id, indicator.budget, budget);

  const finalTargetRaw = indicator.strategicPlan?.finalTarget;
  const finalTarget =
    indicator.kind === "grade"
      ? isGradeValue(finalTargetRaw) && finalTargetRaw.score !== undefined
        ? { kind: "point" as const, value: new Decimal(finalTargetRaw.score) }
        : undefined
      : numericTarget(finalTargetRaw);
  const polarity = indicator.kind === "grade" ? "positive" : indicator.polarity;

  return {
    id: indicator.id,
    objectiveId,
    indicator,
    current,
    comparison: comparisonOf(current.achievement, decimals),
    budget: indBudget,
    efficiency: computeEfficiency(current.achievement, indBudget.absorption, {
      method: profile.efficiency.method,
      band: new Decimal(profile.efficiency.band),
      decimals,
    }),
    trend: computeTrend({
      current: currentValues,
      previous: previousValues,
      polarity,
      decimals,
      predecessorName: indicator.predecessor?.name,
      gradeTable: table,
    }),
    strategicPlan: computeRenstraProgress({
      finalTarget,
      actual: currentValues.actual,
      polarity,
      negativeFormula: profile.negativeFormula,
      decimals,
    }),
    national: computeNational(indicator.national ?? undefined, currentValues.actual, polarity, decimals),
    history: historyOf(indicator, indicator.years, year, profile, scale, table),
    predecessorHistory: indicator.predecessor ? historyOf(indicator, indicator.predecessor.years, year, profile, scale, table) : [],
    forAverage: valueForAverage(current.achievement, profile.averageCap === undefined ? undefined : new Decimal(profile.averageCap)),
  };
}

/** The reporting year of one indicator: capaian, category and comparison with the target. */
export interface CurrentYear {
  current: YearResult;
  comparison: "above" | "at" | "below" | "na";
}

const currentYears = new WeakMap<Indicator, { profile: Profile; year: number; result: CurrentYear }>();

/**
 * One indicator's reporting-year result without the rest of the agency (no
 * budget roll-up, history or averages): what data entry shows and decides on
 * after every answer. The same figures as computeAgency's `current`.
 */
export function currentYear(indicator: Indicator, file: AgencyFile): CurrentYear {
  const { profile } = file;
  const year = file.agency.reportingYear;
  const frozen = Object.isFrozen(indicator);
  const hit = frozen ? currentYears.get(indicator) : undefined;
  if (hit && hit.profile === profile && hit.year === year) return hit.result;
  const current = resultOfYear(indicator, file, year);
  const result = { current, comparison: comparisonOf(current.achievement, profile.decimals) };
  if (frozen) currentYears.set(indicator, { profile, year, result });
  return result;
}

/** One year of one indicator (the reporting year or an earlier one): capaian and category, as the history table has them. */
export function resultOfYear(indicator: Indicator, file: AgencyFile, year: number): YearResult {
  const { profile } = file;
  const scale = memo(scales, profile, resolveScale);
  const table = indicator.kind === "grade" && indicator.gradeTable ? gradeTable(indicator.gradeTable) : undefined;
  return yearResult(indicator, resolveYear(indicator, year, indicator.years[String(year)]), profile, scale, table);
}

/** Results of frozen (stored, immutable) agency files, so one update never computes the same file twice. */
const computed = new WeakMap<AgencyFile, AgencyResult>();

export function computeAgency(file: AgencyFile): AgencyResult {
  if (!Object.isFrozen(file)) return compute(file);
  let result = computed.get(file);
  if (!result) {
    result = compute(file);
    computed.set(file, result);
  }
  return result;
}

/**
 * Parts of frozen files are shared between versions (an edit replaces only
 * what it changed), so their results are kept by identity: the budget roll-up
 * per list of budget lines, the scale per profile, and each indicator's
 * result as long as what it depends on (profile, year, budget) is the same.
 */
const rollUps = new WeakMap<readonly BudgetLine[], BudgetRollUp>();
const scales = new WeakMap<Profile, Scale>();
const indicatorResults = new WeakMap<Indicator, { objectiveId: string; profile: Profile; year: number; budget: BudgetRollUp; result: IndicatorResult }>();

const sameDecimal = (a: Decimal | undefined, b: Decimal | undefined) => (a === undefined ? b === undefined : b !== undefined && a.equals(b));
const sameBudget = (a: IndicatorBudget, b: IndicatorBudget) =>
  a.source === b.source && sameDecimal(a.budget, b.budget) && sameDecimal(a.spent, b.spent) && a.lineIds.length === b.lineIds.length && a.lineIds.every((id, i) => id === b.lineIds[i]);

/** An indicator's result, reused while the indicator, the profile, the year and its own budget figures are unchanged. */
function indicatorResult(ind: Indicator, objectiveId: string, file: AgencyFile, scale: Scale, budget: BudgetRollUp): IndicatorResult {
  const frozen = Object.isFrozen(ind);
  const hit = frozen ? indicatorResults.get(ind) : undefined;
  const year = file.agency.reportingYear;
  if (hit && hit.objectiveId === objectiveId && hit.profile === file.profile && hit.year === year) {
    if (hit.budget === budget) return hit.result;
    // The budget lines changed: the result still holds if this indicator's own budget figures did not.
    if (sameBudget(hit.result.budget, indicatorBudget(ind.id, ind.budget, budget))) {
      hit.budget = budget;
      return hit.result;
    }
  }
  const result = computeIndicator(ind, objectiveId, file, scale, budget);
  if (frozen) indicatorResults.set(ind, { objectiveId, profile: file.profile, year, budget, result });
  return result;
}

function compute(file: AgencyFile): AgencyResult {
  const { profile } = file;
  const scale = memo(scales, profile, resolveScale);
  const budget = memo(rollUps, file.budgetLines, rollUpBudget);
  const indicators: IndicatorResult[] = [];
  const objectives: ObjectiveResult[] = file.objectives.map((objective) => {
    const results = objective.indicators.map((ind) => indicatorResult(ind, objective.id, file, scale, budget));
    indicators.push(...results);
    return {
      id: objective.id,
      objective,
      indicatorIds: results.map((r) => r.id),
      average: average(
        results.flatMap((r) => (r.forAverage ? [r.forAverage] : [])),
        scale,
        profile.decimals,
      ),
      counts: countComparisons(results.map((r) => r.comparison)),
    };
  });
  const objectiveMeans = objectives.flatMap((o) => (o.average.value === undefined ? [] : [{ value: o.average.value, capped: o.average.capped }]));
  const outputs = new Map<string, OutputResult>();
  for (const line of file.budgetLines) {
    if (!line.output) continue;
    const achievement = computeAchievement({
      polarity: "positive",
      negativeFormula: profile.negativeFormula,
      target: line.output.target === undefined ? undefined : { kind: "point", value: new Decimal(line.output.target) },
      actual: line.output.actual === undefined ? undefined : new Decimal(line.output.actual),
    });
    outputs.set(line.id, { achievement, comparison: comparisonOf(achievement, profile.decimals) });
  }
  return {
    year: file.agency.reportingYear,
    scale,
    profile,
    indicators,
    indicatorById: new Map(indicators.map((r) => [r.id, r])),
    objectives,
    average: average(objectiveMeans, scale, profile.decimals),
    counts: countComparisons(indicators.map((r) => r.comparison)),
    budget,
    outputs,
  };
}
