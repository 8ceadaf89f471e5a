/** Budget lines: program → kegiatan → sub kegiatan, with pagu and realisasi anggaran. */
import { z } from "zod";
import { DecimalString, Id, NonNegativeDecimal, Text } from "./common.js";

export const BUDGET_LEVELS = ["program", "activity", "subActivity"] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];

/** The parent level each level must hang under. */
export const PARENT_LEVEL: Record<BudgetLevel, BudgetLevel | undefined> = {
  program: undefined,
  activity: "program",
  subActivity: "activity",
};

export const OutputSchema = z.strictObject({
  /** Output indicator of the program/kegiatan, e.g. "Persentase PSKS yang diberdayakan". */
  indicator: Text(500),
  unit: Text(40),
  target: DecimalString.optional(),
  actual: DecimalString.optional(),
});

export const BudgetLineSchema = z.strictObject({
  id: Id,
  level: z.enum(BUDGET_LEVELS),
  code: Text(40).optional(),
  name: Text(500),
  /** Id of the program (for a kegiatan) or kegiatan (for a sub kegiatan). */
  parentId: Id.optional(),
  /** Pagu (budget ceiling), Rupiah. Absent on a parent = sum of its children. */
  budget: NonNegativeDecimal.optional(),
  /** Realisasi anggaran (spent), Rupiah. Absent on a parent = sum of its children. */
  spent: NonNegativeDecimal.optional(),
  /** Indicators this line supports. */
  indicatorIds: z.array(Id).max(50).default([]),
  output: OutputSchema.optional(),
  /** Why absorption is low, or any note the officer wants printed. */
  note: Text(1000).optional(),
  /** Sumber dana, e.g. "APBD". */
  fundingSource: Text(100).optional(),
});

export type BudgetLine = z.output<typeof BudgetLineSchema>;
