import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { computeAchievement, type AchievementResult } from "../../src/domain/calc/achievement.js";
import { computeGradeAchievement } from "../../src/domain/calc/grade-achievement.js";
import { GRADE_TABLES, letterForScore, parseGrade } from "../../src/domain/calc/grade.js";

const d = (v: string) => new Decimal(v);
const point = (v: string) => ({ kind: "point" as const, value: d(v) });
const value2 = (r: AchievementResult) => {
  if (r.status !== "ok") throw new Error(`not ok: ${JSON.stringify(r)}`);
  return r.value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
};

describe("capaian, positive polarity: R / T × 100", () => {
  it("computes exactly", () => {
    expect(value2(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: point("80"), actual: d("86.11") }))).toBe("107.64");
    const r = computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: point("57"), actual: d("56") });
    expect(r.status === "ok" && r.value.toFixed(10)).toBe("98.2456140351");
    expect(r.status === "ok" && r.formula).toBe("R/T");
  });
});

describe("capaian, negative polarity", () => {
  it("default (2T − R) / T × 100", () => {
    const r = computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: point("10"), actual: d("12") });
    expect(value2(r)).toBe("80.00");
    expect(r.status === "ok" && r.formula).toBe("(2T-R)/T");
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: point("10"), actual: d("8") }))).toBe("120.00");
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: point("10"), actual: d("0") }))).toBe("200.00");
    // Realisasi above twice the target gives a negative capaian: reported as it is.
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: point("10"), actual: d("25") }))).toBe("-50.00");
  });

  it("alternative T / R × 100, with R = 0 not computable", () => {
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "T/R", target: point("10"), actual: d("12") }))).toBe("83.33");
    expect(computeAchievement({ polarity: "negative", negativeFormula: "T/R", target: point("10"), actual: d("0") })).toEqual({
      status: "not_computable",
      reason: "actual_zero",
    });
  });
});

describe("capaian edge cases are statuses, never numbers", () => {
  it("target missing or zero → tidak dapat dihitung; realisasi missing → belum diisi", () => {
    expect(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: undefined, actual: d("5") })).toEqual({
      status: "not_computable",
      reason: "target_missing",
    });
    expect(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: point("0"), actual: d("5") })).toEqual({
      status: "not_computable",
      reason: "target_zero",
    });
    expect(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: point("0"), actual: undefined })).toEqual({
      status: "not_computable",
      reason: "target_zero",
    });
    expect(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: point("80"), actual: undefined })).toEqual({
      status: "not_filled",
    });
  });
});

describe("range targets", () => {
  const range = { kind: "range" as const, min: d("80"), max: d("90") };
  it("inside the range is 100%; below uses the lower bound, above the upper bound", () => {
    expect(value2(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: range, actual: d("85") }))).toBe("100.00");
    expect(value2(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: range, actual: d("72") }))).toBe("90.00");
    expect(value2(computeAchievement({ polarity: "positive", negativeFormula: "2T-R", target: range, actual: d("99") }))).toBe("110.00");
  });
  it("negative polarity mirrors it", () => {
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: range, actual: d("72") }))).toBe("110.00");
    expect(value2(computeAchievement({ polarity: "negative", negativeFormula: "2T-R", target: range, actual: d("99") }))).toBe("90.00");
  });
});

describe("grade indicators", () => {
  const ikm = GRADE_TABLES.ikm;
  const lhe = GRADE_TABLES.lheAkip;

  it("computes on scores when both are numeric: A (81,50) vs 80,15 → 98,34%", () => {
    expect(value2(computeGradeAchievement(lhe, { letter: "A", score: "81.5" }, { score: "80.15" }))).toBe("98.34");
  });

  it("compares letters on the ordinal scale when there are no scores", () => {
    expect(computeGradeAchievement(ikm, { letter: "B" }, { letter: "B" })).toEqual({ status: "ordinal", comparison: "at", actualLetter: "B", targetLetter: "B" });
    expect(computeGradeAchievement(ikm, { letter: "B" }, { letter: "A" })).toMatchObject({ status: "ordinal", comparison: "above" });
    expect(computeGradeAchievement(ikm, { letter: "B" }, { letter: "C" })).toMatchObject({ status: "ordinal", comparison: "below" });
    // A score on one side is placed in its letter first: 80,00 is B on the IKM table.
    expect(computeGradeAchievement(ikm, { letter: "B" }, { score: "80" })).toMatchObject({ status: "ordinal", comparison: "at", actualLetter: "B" });
    expect(computeGradeAchievement(lhe, { letter: "BB" }, { letter: "A" })).toMatchObject({ status: "ordinal", comparison: "above" });
  });

  it("maps scores to letters at the table's boundaries", () => {
    expect(letterForScore(ikm, d("88.31"))).toBe("A");
    expect(letterForScore(ikm, d("88.30"))).toBe("B");
    expect(letterForScore(ikm, d("76.61"))).toBe("B");
    expect(letterForScore(ikm, d("76.60"))).toBe("C");
    expect(letterForScore(ikm, d("65"))).toBe("C");
    expect(letterForScore(ikm, d("64.99"))).toBe("D");
    expect(letterForScore(ikm, d("24.99"))).toBeUndefined();
    expect(letterForScore(lhe, d("90"))).toBe("A");
    expect(letterForScore(lhe, d("90.01"))).toBe("AA");
    expect(letterForScore(lhe, d("80"))).toBe("BB");
    expect(letterForScore(lhe, d("30"))).toBe("D");
    expect(letterForScore(lhe, d("30.01"))).toBe("C");
  });

  it("parses what officers type, including a Cyrillic В and lower case", () => {
    expect(parseGrade("A (81,50)", lhe)).toEqual({ ok: true, value: { letter: "A", score: "81.5" } });
    expect(parseGrade("\u0412", ikm)).toEqual({ ok: true, value: { letter: "B" } });
    expect(parseGrade("b", ikm)).toEqual({ ok: true, value: { letter: "B" } });
    expect(parseGrade("80,15", lhe)).toEqual({ ok: true, value: { score: "80.15" } });
    expect(parseGrade("A 81,50", lhe)).toEqual({ ok: true, value: { letter: "A", score: "81.5" } });
  });

  it("rejects letters outside the table and scores that contradict the letter", () => {
    expect(parseGrade("E", ikm)).toMatchObject({ ok: false, error: { code: "table", problem: { code: "unknown_letter", letter: "E" } } });
    expect(parseGrade("A (75)", lhe)).toMatchObject({ ok: false, error: { code: "table", problem: { code: "score_outside_letter" } } });
    expect(parseGrade("120", lhe)).toMatchObject({ ok: false, error: { code: "table", problem: { code: "score_out_of_range" } } });
    expect(parseGrade("bagus", ikm)).toMatchObject({ ok: false, error: { code: "not_a_grade" } });
    expect(parseGrade("", ikm)).toMatchObject({ ok: false, error: { code: "empty" } });
  });
});
