import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { average, comparisonOf, countComparisons, valueForAverage } from "../../src/domain/calc/aggregate.js";
import type { AchievementResult } from "../../src/domain/calc/achievement.js";
import { computeNational } from "../../src/domain/calc/national.js";
import { computeRenstraProgress } from "../../src/domain/calc/renstra.js";
import { SCALE_PRESETS } from "../../src/domain/calc/scale.js";
import { computeTrend } from "../../src/domain/calc/trend.js";
import { GRADE_TABLES } from "../../src/domain/calc/grade.js";
import type { ResolvedYear } from "../../src/domain/calc/values.js";

const d = (v: string) => new Decimal(v);
const ok = (value: string): AchievementResult => ({ status: "ok", value: d(value), formula: "R/T", targetUsed: d("100") });
const year = (y: number, actual?: string, extra: Partial<ResolvedYear> = {}): ResolvedYear => ({
  year: y,
  target: undefined,
  actual: actual === undefined ? undefined : d(actual),
  ratio: undefined,
  gradeTarget: undefined,
  gradeActual: undefined,
  present: actual !== undefined,
  ...extra,
});

describe("averages and counts", () => {
  it("averages exactly: (98,54 + 100 + 98,34) / 3 = 98,96 (P:472)", () => {
    const a = average([ok("98.54"), ok("100"), ok("98.34")].map((r) => valueForAverage(r, undefined)!), SCALE_PRESETS.permendagri86, 2);
    expect(a.value?.toDecimalPlaces(2).toFixed(2)).toBe("98.96");
    expect(a.category).toBe("Sangat Tinggi");
    expect(a.included).toBe(3);
  });

  it("caps values for averaging only", () => {
    const capped = valueForAverage(ok("179"), d("120"));
    expect(capped).toEqual({ value: d("120"), capped: true });
    const a = average([capped!, valueForAverage(ok("80"), d("120"))!], SCALE_PRESETS.permendagri86, 2);
    expect(a.value?.toFixed()).toBe("100");
    expect(a.capped).toBe(true);
    expect(valueForAverage({ status: "not_filled" }, d("120"))).toBeUndefined();
  });

  it("has no value (and no category) when nothing is measurable", () => {
    expect(average([], SCALE_PRESETS.permendagri86, 2)).toEqual({ value: undefined, category: undefined, included: 0, capped: false });
  });

  it("counts above / exactly / below 100% as printed, and NA", () => {
    const results: AchievementResult[] = [
      ok("107.64"),
      ok("100"),
      ok("99.996"), // prints 100,00%: counted as exactly 100
      ok("97.3"),
      { status: "not_filled" },
      { status: "not_computable", reason: "target_zero" },
      { status: "ordinal", comparison: "at", actualLetter: "B", targetLetter: "B" },
    ];
    expect(countComparisons(results.map((r) => comparisonOf(r, 2)))).toEqual({ above: 1, at: 3, below: 1, notMeasurable: 2, total: 7 });
  });
});

describe("trend against the previous year", () => {
  const args = (current: ResolvedYear, previous: ResolvedYear, polarity: "positive" | "negative" = "positive") => ({
    current,
    previous,
    polarity,
    decimals: 2,
    predecessorName: undefined,
    gradeTable: undefined,
  });

  it("meningkat / menurun / tetap, compared as printed", () => {
    expect(computeTrend(args(year(2024, "98.24"), year(2023, "98.29")))).toMatchObject({ status: "compared", direction: "down", assessment: "worse" });
    expect(computeTrend(args(year(2024, "86.111"), year(2023, "86.11")))).toMatchObject({ direction: "same", assessment: "same" });
    const up = computeTrend(args(year(2024, "75"), year(2023, "73")));
    expect(up.status === "compared" && [up.direction, up.difference.toFixed()]).toEqual(["up", "2"]);
  });

  it("for negative polarity a lower realisasi is an improvement", () => {
    expect(computeTrend(args(year(2024, "5"), year(2023, "7"), "negative"))).toMatchObject({ direction: "down", assessment: "better" });
  });

  it("says why it cannot compare: indicator changed, no previous data, nothing this year", () => {
    expect(computeTrend({ ...args(year(2024, "86.11"), year(2023)), predecessorName: "Persentase lama" })).toEqual({
      status: "indicator_changed",
      previousYear: 2023,
      predecessorName: "Persentase lama",
    });
    expect(computeTrend(args(year(2024, "86.11"), year(2023)))).toEqual({ status: "no_previous", previousYear: 2023 });
    expect(computeTrend(args(year(2024), year(2023, "50")))).toEqual({ status: "no_current", previousYear: 2023 });
  });

  it("compares letters for grade indicators without scores", () => {
    const r = computeTrend({
      ...args(year(2024, undefined, { gradeActual: { letter: "A" }, present: true }), year(2023, undefined, { gradeActual: { letter: "BB" }, present: true })),
      gradeTable: GRADE_TABLES.lheAkip,
    });
    expect(r).toEqual({ status: "compared_letters", previousYear: 2023, previousLetter: "BB", currentLetter: "A", assessment: "better" });
  });
});

describe("Renstra progress and national comparison", () => {
  it("progress = R / final target × 100 with the gap in points", () => {
    const r = computeRenstraProgress({ finalTarget: { kind: "point", value: d("100") }, actual: d("86.11"), polarity: "positive", negativeFormula: "2T-R", decimals: 2 });
    expect(r.status === "ok" && [r.progress.toFixed(2), r.gap.toFixed(2), r.reached]).toEqual(["86.11", "13.89", false]);
    const passed = computeRenstraProgress({ finalTarget: { kind: "point", value: d("80") }, actual: d("86.11"), polarity: "positive", negativeFormula: "2T-R", decimals: 2 });
    expect(passed.status === "ok" && [passed.progress.toFixed(4), passed.gap.toFixed(2), passed.reached]).toEqual(["107.6375", "-6.11", true]);
    expect(computeRenstraProgress({ finalTarget: undefined, actual: d("1"), polarity: "positive", negativeFormula: "2T-R", decimals: 2 })).toEqual({ status: "no_target" });
    expect(computeRenstraProgress({ finalTarget: { kind: "point", value: d("1") }, actual: undefined, polarity: "positive", negativeFormula: "2T-R", decimals: 2 })).toEqual({ status: "no_actual" });
  });

  it("negative polarity: the gap is how far realisasi is still above the target", () => {
    const r = computeRenstraProgress({ finalTarget: { kind: "point", value: d("5") }, actual: d("7"), polarity: "negative", negativeFormula: "2T-R", decimals: 2 });
    expect(r.status === "ok" && [r.progress.toFixed(2), r.gap.toFixed(), r.reached]).toEqual(["60.00", "2", false]);
  });

  it("national: difference in points with year and source; missing when absent", () => {
    const n = computeNational({ value: "83.38", year: 2023, kind: "realisasi", source: "Kemendagri" }, d("100"), "positive", 2);
    expect(n.status === "ok" && [n.difference.toFixed(2), n.position, n.assessment, n.year]).toEqual(["16.62", "higher", "better", 2023]);
    expect(computeNational(undefined, d("100"), "positive", 2)).toEqual({ status: "missing" });
    expect(computeNational({ value: "10", year: 2023, kind: "standar" }, d("12"), "negative", 2)).toMatchObject({ position: "higher", assessment: "worse" });
  });
});
