/**
 * Turns an indicator's stored year values into the numbers the formulas
 * use: the target (point or range), the realisasi (entered, or numerator /
 * denominator × scale for ratio indicators), or grade values.
 */
import { Decimal } from "../decimal.js";
import type { Actual, Indicator, Target, YearValues } from "../schema/indicator.js";
import type { NumericTarget } from "./achievement.js";
import type { GradeValue } from "./grade.js";

export function isGradeValue(v: Target | Actual | undefined): v is GradeValue {
  return typeof v === "object" && v !== null && !("min" in v);
}

export function numericTarget(t: Target | undefined): NumericTarget | undefined {
  if (t === undefined || isGradeValue(t)) return undefined;
  if (typeof t === "string") return { kind: "point", value: new Decimal(t) };
  return { kind: "range", min: new Decimal(t.min), max: new Decimal(t.max) };
}

export interface RatioParts {
  numerator: Decimal;
  denominator: Decimal;
  scale: Decimal;
}

export interface ResolvedYear {
  year: number;
  target: NumericTarget | undefined;
  /** Realisasi as a number (for grade indicators: the score, when there is one). */
  actual: Decimal | undefined;
  ratio: RatioParts | undefined;
  gradeTarget: GradeValue | undefined;
  gradeActual: GradeValue | undefined;
  /** Anything entered at all for this year. */
  present: boolean;
}

export function resolveYear(indicator: Pick<Indicator, "kind" | "ratioScale">, year: number, values: YearValues | undefined): ResolvedYear {
  const empty: ResolvedYear = {
    year,
    target: undefined,
    actual: undefined,
    ratio: undefined,
    gradeTarget: undefined,
    gradeActual: undefined,
    present: false,
  };
  if (!values) return empty;
  const resolved: ResolvedYear = { ...empty, present: true };
  if (indicator.kind === "grade") {
    resolved.gradeTarget = isGradeValue(values.target) ? values.target : undefined;
    resolved.gradeActual = isGradeValue(values.actual) ? values.actual : undefined;
    resolved.target = resolved.gradeTarget?.score !== undefined ? { kind: "point", value: new Decimal(resolved.gradeTarget.score) } : undefined;
    resolved.actual = resolved.gradeActual?.score !== undefined ? new Decimal(resolved.gradeActual.score) : undefined;
    return resolved;
  }
  resolved.target = numericTarget(values.target);
  if (indicator.kind === "ratio" && values.numerator !== undefined && values.denominator !== undefined) {
    const ratio = {
      numerator: new Decimal(values.numerator),
      denominator: new Decimal(values.denominator),
      scale: new Decimal(indicator.ratioScale),
    };
    resolved.ratio = ratio;
    resolved.actual = ratio.denominator.isZero() ? undefined : ratio.numerator.dividedBy(ratio.denominator).times(ratio.scale);
  } else if (typeof values.actual === "string") {
    resolved.actual = new Decimal(values.actual);
  }
  return resolved;
}
