/** Methodology profile: the choices an agency declares once (METHOD.md §3–§5). */
import { z } from "zod";
import { scaleProblems, SCALE_PRESET_IDS, type Band } from "../calc/scale.js";
import { NonNegativeDecimal, Text } from "./common.js";

export const BandSchema = z.strictObject({
  label: Text(60),
  min: NonNegativeDecimal.optional(),
  minInclusive: z.boolean().default(true),
  max: NonNegativeDecimal.optional(),
  maxInclusive: z.boolean().default(false),
});

export const CustomScaleSchema = z
  .strictObject({
    name: Text(120),
    source: Text(200).optional(),
    bands: z.array(BandSchema).min(1).max(12),
  })
  .superRefine((scale, ctx) => {
    for (const problem of scaleProblems(scale.bands as Band[])) {
      ctx.addIssue({ code: "custom", path: ["bands"], params: { kode: `skala_${problem.code}`, ...problem } });
    }
  });

export const ScaleChoice = z.union([z.enum(SCALE_PRESET_IDS as [string, ...string[]]), CustomScaleSchema]);

export const EFFICIENCY_METHODS = ["rasio", "selisih", "penghematan"] as const;
export type EfficiencyMethod = (typeof EFFICIENCY_METHODS)[number];
export const NEGATIVE_FORMULAS = ["2T-R", "T/R"] as const;
export type NegativeFormula = (typeof NEGATIVE_FORMULAS)[number];

export const ProfileSchema = z.strictObject({
  /** Category scale: a preset id or a custom scale. */
  scale: ScaleChoice.default("permendagri86"),
  efficiency: z
    .strictObject({
      method: z.enum(EFFICIENCY_METHODS).default("rasio"),
      /** `selisih` only: |capaian − serapan| within this many points counts as "cukup efisien" / proporsional. */
      band: NonNegativeDecimal.default("0"),
    })
    .default({ method: "rasio", band: "0" }),
  /** Negative polarity: `2T-R` = (2T − R)/T × 100 (PermenPANRB 6/2022), or `T/R` = T/R × 100. */
  negativeFormula: z.enum(NEGATIVE_FORMULAS).default("2T-R"),
  /** Decimal places printed for percentages (0–2). */
  decimals: z.number().int().min(0).max(2).default(2),
  moneyStyle: z.enum(["rp", "rp-dash"]).default("rp"),
  /** Cap applied to each capaian when averaging (e.g. "120"); the uncapped value is still shown. */
  averageCap: NonNegativeDecimal.optional(),
  /** Budget lines absorbed below this percentage are listed with their reasons. */
  absorptionThreshold: NonNegativeDecimal.default("80"),
  /** Text after "Sumber:" under tables; default names the agency's own data. */
  dataSource: Text(200).optional(),
});

export type Profile = z.output<typeof ProfileSchema>;
export type CustomScale = z.output<typeof CustomScaleSchema>;
