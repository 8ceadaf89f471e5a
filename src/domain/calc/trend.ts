/**
 * Trend against the previous year (METHOD.md §3): compare the realisasi of
 * the same indicator. "meningkat / menurun / tetap"; for negative polarity a
 * lower realisasi is an improvement ("membaik"). Not comparable when the
 * indicator changed; no data when the previous value is missing.
 */
import { Decimal, presented } from "../decimal.js";
import type { Polarity } from "./achievement.js";
import { effectiveLetter, gradeRank, type GradeTable } from "./grade.js";
import type { ResolvedYear } from "./values.js";

export type Direction = "up" | "down" | "same";
export type Assessment = "better" | "worse" | "same";

export type TrendResult =
  | {
      status: "compared";
      previousYear: number;
      previous: Decimal;
      current: Decimal;
      direction: Direction;
      assessment: Assessment;
      /** current − previous, in the indicator's unit (points for percentages). */
      difference: Decimal;
    }
  | {
      /** Grade letters only. */
      status: "compared_letters";
      previousYear: number;
      previousLetter: string;
      currentLetter: string;
      assessment: Assessment;
    }
  | { status: "indicator_changed"; previousYear: number; predecessorName: string }
  | { status: "no_previous"; previousYear: number }
  | { status: "no_current"; previousYear: number };

export function assess(direction: Direction, polarity: Polarity): Assessment {
  if (direction === "same") return "same";
  const higherIsBetter = polarity === "positive";
  return (direction === "up") === higherIsBetter ? "better" : "worse";
}

export function computeTrend(args: {
  current: ResolvedYear;
  previous: ResolvedYear;
  polarity: Polarity;
  decimals: number;
  predecessorName: string | undefined;
  gradeTable: GradeTable | undefined;
}): TrendResult {
  const { current, previous, polarity, decimals, predecessorName, gradeTable } = args;
  const previousYear = previous.year;
  const hasPrevious = previous.actual !== undefined || previous.gradeActual !== undefined;
  if (!hasPrevious) {
    return predecessorName !== undefined
      ? { status: "indicator_changed", previousYear, predecessorName }
      : { status: "no_previous", previousYear };
  }
  if (current.actual === undefined && current.gradeActual === undefined) return { status: "no_current", previousYear };

  if (current.actual !== undefined && previous.actual !== undefined) {
    // Compared as printed, so the sentence never calls two equal-looking numbers different.
    const cur = presented(current.actual, decimals);
    const prev = presented(previous.actual, decimals);
    const c = cur.comparedTo(prev);
    const direction: Direction = c > 0 ? "up" : c < 0 ? "down" : "same";
    return {
      status: "compared",
      previousYear,
      previous: previous.actual,
      current: current.actual,
      direction,
      assessment: assess(direction, polarity),
      difference: current.actual.minus(previous.actual),
    };
  }
  if (gradeTable) {
    const currentLetter = current.gradeActual ? effectiveLetter(gradeTable, current.gradeActual) : undefined;
    const previousLetter = previous.gradeActual ? effectiveLetter(gradeTable, previous.gradeActual) : undefined;
    const cr = currentLetter === undefined ? undefined : gradeRank(gradeTable, currentLetter);
    const pr = previousLetter === undefined ? undefined : gradeRank(gradeTable, previousLetter);
    if (currentLetter !== undefined && previousLetter !== undefined && cr !== undefined && pr !== undefined) {
      const assessment: Assessment = cr < pr ? "better" : cr > pr ? "worse" : "same";
      return { status: "compared_letters", previousYear, previousLetter, currentLetter, assessment };
    }
  }
  return { status: "no_previous", previousYear };
}
