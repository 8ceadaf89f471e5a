/** Sasaran (objective) and indicator schemas: the heart of the agency file. */
import { z } from "zod";
import { Decimal } from "../decimal.js";
import { GRADE_TABLE_IDS, gradeProblem, gradeTable, type GradeTableId } from "../calc/grade.js";
import { DecimalString, Id, NonNegativeDecimal, Text, TextList, Year, YearKey } from "./common.js";

export const RangeSchema = z.strictObject({ min: DecimalString, max: DecimalString });

export const GradeValueSchema = z.strictObject({
  letter: z
    .string()
    .regex(/^[A-Z]{1,2}$/, { error: "@huruf_predikat" })
    .optional(),
  score: NonNegativeDecimal.optional(),
});

/** A target: a number, a range {min,max}, or a grade {letter, score}. */
export const TargetSchema = z.union([DecimalString, RangeSchema, GradeValueSchema]);
/** A realisasi: a number or a grade. */
export const ActualSchema = z.union([DecimalString, GradeValueSchema]);

export const QuarterSchema = z.strictObject({
  target: TargetSchema.optional(),
  actual: ActualSchema.optional(),
});

export const YearValuesSchema = z.strictObject({
  target: TargetSchema.optional(),
  actual: ActualSchema.optional(),
  /** Ratio indicators: realisasi = numerator / denominator × ratioScale. */
  numerator: NonNegativeDecimal.optional(),
  denominator: NonNegativeDecimal.optional(),
  quarters: z.partialRecord(z.enum(["1", "2", "3", "4"]), QuarterSchema).optional(),
  note: Text(500).optional(),
});

export const FactorsSchema = z.strictObject({
  /** Faktor pendukung. Absent = not asked yet; [] = explicitly none. */
  supporting: TextList.optional(),
  /** Faktor penghambat. */
  inhibiting: TextList.optional(),
  /** Tindak lanjut / upaya / alternatif solusi. */
  followUp: TextList.optional(),
});

export const NationalSchema = z.strictObject({
  /** The national standard or national realisasi, in the indicator's unit. */
  value: DecimalString,
  /** The year the national figure refers to (may be earlier than the reporting year). */
  year: Year,
  /** "standar" = a national standard (e.g. SPM 100%), "realisasi" = a national realisasi. */
  kind: z.enum(["standar", "realisasi"]).default("realisasi"),
  source: Text(200).optional(),
});

export const StrategicPlanTargetsSchema = z.strictObject({
  /** Target akhir Renstra (the final-year target). */
  finalTarget: TargetSchema.optional(),
  /** Yearly Renstra targets, when known. */
  byYear: z.partialRecord(YearKey, TargetSchema).optional(),
});

export const DirectBudgetSchema = z.strictObject({
  budget: NonNegativeDecimal.optional(),
  spent: NonNegativeDecimal.optional(),
});

export const PredecessorSchema = z.strictObject({
  /** Name of the indicator this one replaced; its years are "not comparable". */
  name: Text(500),
  unit: Text(40).optional(),
  years: z.partialRecord(YearKey, YearValuesSchema).default({}),
});

export const INDICATOR_KINDS = ["value", "ratio", "grade"] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** The fields of an indicator, each with its own schema (see `indicatorRules` for the rules across fields). */
export const IndicatorFieldsSchema = z.strictObject({
  id: Id,
  /** Display number, e.g. "1.1". */
  code: Text(20).optional(),
  name: Text(500),
  unit: Text(40),
  polarity: z.enum(["positive", "negative"]).default("positive"),
  kind: z.enum(INDICATOR_KINDS).default("value"),
  /** Ratio indicators: factor applied to numerator/denominator (100 for a percentage). */
  ratioScale: NonNegativeDecimal.default("100"),
  numeratorLabel: Text(300).optional(),
  denominatorLabel: Text(300).optional(),
  /** Grade indicators: which table maps letters to scores. */
  gradeTable: z.enum(GRADE_TABLE_IDS as [GradeTableId, ...GradeTableId[]]).optional(),
  definition: Text(2000).optional(),
  dataSource: Text(300).optional(),
  responsibleUnit: Text(200).optional(),
  years: z.partialRecord(YearKey, YearValuesSchema).default({}),
  predecessor: PredecessorSchema.optional(),
  strategicPlan: StrategicPlanTargetsSchema.optional(),
  /** National figure; null = the officer confirmed none is available yet. */
  national: NationalSchema.nullable().optional(),
  factors: FactorsSchema.optional(),
  /** Budget entered directly; otherwise the sum of the linked budget lines. */
  budget: DirectBudgetSchema.optional(),
});

/** A rule an indicator breaks: where, and the message code with its parameters (see issues.ts). */
export interface RuleIssue {
  path: (string | number)[];
  params: Record<string, unknown>;
}

/**
 * The rules across an indicator's fields (targets and realisasi of the
 * right kind, ranges the right way round, ratios only on ratio indicators …),
 * for an indicator whose fields each passed their own schema.
 */
export function indicatorRules(ind: IndicatorFields, report: Report): void {
  if (ind.kind === "grade" && !ind.gradeTable) {
    report({ path: ["gradeTable"], params: { kode: "tabel_predikat_wajib" } });
  }
  if (ind.kind === "grade" && ind.polarity === "negative") {
    report({ path: ["polarity"], params: { kode: "polaritas_predikat" } });
  }
  if (ind.kind !== "grade" && ind.gradeTable) {
    report({ path: ["gradeTable"], params: { kode: "tabel_predikat_bukan_grade" } });
  }
  checkYears(ind, report, ind.years, ["years"]);
  if (ind.predecessor) checkYears(ind, report, ind.predecessor.years, ["predecessor", "years"]);
  if (ind.strategicPlan?.finalTarget !== undefined) checkTarget(ind, report, ind.strategicPlan.finalTarget, ["strategicPlan", "finalTarget"]);
  for (const [y, t] of Object.entries(ind.strategicPlan?.byYear ?? {})) checkTarget(ind, report, t, ["strategicPlan", "byYear", y]);
  if (new Decimal(ind.ratioScale).isZero()) {
    report({ path: ["ratioScale"], params: { kode: "skala_rasio_nol" } });
  }
}

// The checks below are functions of the module, not closures made for each indicator checked: the
// TypeScript loader (tsx) names every named closure it creates with a property definition, a cost
// on every answer (each answer checks the indicator it edits).
type IndicatorFields = z.output<typeof IndicatorFieldsSchema>;
type Report = (issue: RuleIssue) => void;
type Path = (string | number)[];

function isGrade(v: unknown): boolean {
  return typeof v === "object" && v !== null && !("min" in v);
}

function isRange(v: unknown): boolean {
  return typeof v === "object" && v !== null && "min" in v;
}

function checkTarget(ind: IndicatorFields, report: Report, target: unknown, path: Path): void {
  if (target === undefined) return;
  if (ind.kind === "grade") {
    if (!isGrade(target)) report({ path, params: { kode: "target_predikat" } });
  } else if (isGrade(target)) {
    report({ path, params: { kode: "predikat_bukan_grade" } });
  } else if (isRange(target)) {
    const r = target as { min: string; max: string };
    if (new Decimal(r.min).greaterThan(r.max)) {
      report({ path, params: { kode: "rentang_terbalik", min: r.min, max: r.max } });
    }
  }
  if (ind.kind === "grade" && isGrade(target) && ind.gradeTable) {
    const problem = gradeProblem(gradeTable(ind.gradeTable), target as { letter?: string; score?: string });
    if (problem) report({ path, params: { kode: `predikat_${problem.code}`, ...problem } });
  }
}

function checkYears(ind: IndicatorFields, report: Report, years: Record<string, z.output<typeof YearValuesSchema> | undefined>, base: Path): void {
  for (const [year, v] of Object.entries(years)) {
    if (!v) continue;
    const path = [...base, year];
    checkTarget(ind, report, v.target, [...path, "target"]);
    for (const [q, qv] of Object.entries(v.quarters ?? {})) checkTarget(ind, report, qv?.target, [...path, "quarters", q, "target"]);
    const hasRatio = v.numerator !== undefined || v.denominator !== undefined;
    if (ind.kind === "ratio") {
      if (hasRatio && v.actual !== undefined) {
        report({ path: [...path, "actual"], params: { kode: "rasio_dan_realisasi" } });
      }
      if (v.denominator !== undefined && new Decimal(v.denominator).isZero()) {
        report({ path: [...path, "denominator"], params: { kode: "penyebut_nol" } });
      }
    } else if (hasRatio) {
      report({ path: [...path, "numerator"], params: { kode: "rasio_bukan_ratio" } });
    }
    if (v.actual !== undefined) {
      if (ind.kind === "grade" && !isGrade(v.actual)) {
        report({ path: [...path, "actual"], params: { kode: "realisasi_predikat" } });
      }
      if (ind.kind !== "grade" && isGrade(v.actual)) {
        report({ path: [...path, "actual"], params: { kode: "predikat_bukan_grade" } });
      }
      if (ind.kind === "grade" && isGrade(v.actual) && ind.gradeTable) {
        const problem = gradeProblem(gradeTable(ind.gradeTable), v.actual as { letter?: string; score?: string });
        if (problem) report({ path: [...path, "actual"], params: { kode: `predikat_${problem.code}`, ...problem } });
      }
    }
  }
}

export const IndicatorSchema = IndicatorFieldsSchema.superRefine((ind, ctx) => indicatorRules(ind, (issue) => ctx.addIssue({ code: "custom", ...issue })));

export const ObjectiveSchema = z.strictObject({
  id: Id,
  code: Text(20).optional(),
  /** Sasaran strategis. */
  name: Text(500),
  /** Tujuan the sasaran serves, when the report names it. */
  goal: Text(500).optional(),
  indicators: z.array(IndicatorSchema).max(100).default([]),
});

export type Indicator = z.output<typeof IndicatorSchema>;
export type Objective = z.output<typeof ObjectiveSchema>;
export type YearValues = z.output<typeof YearValuesSchema>;
export type Target = z.output<typeof TargetSchema>;
export type Actual = z.output<typeof ActualSchema>;
export type Factors = z.output<typeof FactorsSchema>;
export type National = z.output<typeof NationalSchema>;
