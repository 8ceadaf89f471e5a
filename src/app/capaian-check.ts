/**
 * A table's written capaian compared with the one computed from its target and realisasi: reports' own arithmetic
 * is often wrong (Kabupaten Kotawaringin Timur's LKjIP 2024 writes 101,01% for 100 of 100), and the drafts will
 * say the computed one. Used by /tempel and /impor, which never store a capaian.
 */
import { currentYear } from "../domain/calc/agency.js";
import type { AchievementResult, Polarity } from "../domain/calc/achievement.js";
import type { Decimal } from "../domain/decimal.js";
import { parseNumber } from "../domain/numbers/parse.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { findByNames } from "./by-name.js";

export interface WrittenCapaian {
  objective: string;
  name: string;
  /** As the table writes it: "100.76", "107,6%", "101 %". */
  text: string;
}

export interface CapaianDiffers {
  /** The item's index among those given. */
  index: number;
  computed: Decimal;
  /** The other polarity, when the written figure is its formula's capaian (the indicator's polarity is then likely wrong). */
  otherPolarity?: Polarity;
}

/**
 * The items whose written capaian differs from the reporting year's computed in `stored` (the agency as the table
 * would leave it), compared as far as written: "101%" is 100,76% rounded. Items without a computed capaian, or whose
 * text is not a number, are not compared.
 */
export function capaianDiffers(stored: AgencyFile, items: readonly WrittenCapaian[]): CapaianDiffers[] {
  return items.flatMap((item, index): CapaianDiffers[] => {
    const ind = findByNames(stored, item.objective, item.name);
    const typed = parseNumber(item.text.replace(/\s*%$/, ""), { kind: "decimal" });
    if (!ind || !typed.ok) return [];
    const computed = currentYear(ind, stored).current.achievement;
    if (computed.status !== "ok") return [];
    const places = /[.,](\d+)\s*%?$/.exec(item.text)?.[1]?.length ?? 0;
    const agrees = (a: AchievementResult) => a.status === "ok" && a.value.toDecimalPlaces(places).equals(typed.value);
    if (agrees(computed)) return [];
    const other: Polarity = ind.polarity === "positive" ? "negative" : "positive";
    const flipped = ind.kind === "grade" ? undefined : currentYear({ ...ind, polarity: other }, stored).current.achievement;
    return [{ index, computed: computed.value, ...(flipped && agrees(flipped) ? { otherPolarity: other } : {}) }];
  });
}
