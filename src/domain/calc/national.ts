/**
 * Comparison with the national figure (METHOD.md §3): the difference in
 * points between the agency's realisasi and the national standard or
 * realisasi, with its year and source; "data nasional belum tersedia" when absent.
 */
import { Decimal, presented } from "../decimal.js";
import type { National } from "../schema/indicator.js";
import type { Polarity } from "./achievement.js";
import { assess, type Assessment } from "./trend.js";

export type NationalResult =
  | {
      status: "ok";
      national: Decimal;
      year: number;
      kind: National["kind"];
      source: string | undefined;
      actual: Decimal;
      /** realisasi − national, in points. */
      difference: Decimal;
      position: "higher" | "lower" | "equal";
      assessment: Assessment;
    }
  | { status: "missing" }
  | { status: "no_actual" };

export function computeNational(national: National | undefined, actual: Decimal | undefined, polarity: Polarity, decimals: number): NationalResult {
  if (!national) return { status: "missing" };
  if (actual === undefined) return { status: "no_actual" };
  const n = new Decimal(national.value);
  const difference = actual.minus(n);
  const c = presented(actual, decimals).comparedTo(presented(n, decimals));
  const position = c > 0 ? "higher" : c < 0 ? "lower" : "equal";
  return {
    status: "ok",
    national: n,
    year: national.year,
    kind: national.kind,
    source: national.source,
    actual,
    difference,
    position,
    assessment: assess(position === "higher" ? "up" : position === "lower" ? "down" : "same", polarity),
  };
}
