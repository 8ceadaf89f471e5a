/** What both quick checks (`cek` of numbers and of a predikat) say of a computed capaian. */
import { say, type Escape } from "../messages/catalog.js";
import { Decimal } from "./decimal.js";
import type { AchievementResult } from "./calc/achievement.js";
import { categorize, type Scale } from "./calc/scale.js";
import { formatPercent } from "./numbers/format.js";

/** Why the capaian was not computed, as the officer reads it. */
export function notComputed(result: Exclude<AchievementResult, { status: "ok" }>, escape?: Escape): { ok: false; text: string } {
  const reason = result.status === "not_computable" ? result.reason : "target_missing";
  return { ok: false, text: say("cek.tidak_dapat_dihitung", { alasan: say(`cek.alasan.${reason}`) }, escape) };
}

/** The capaian as printed (two decimals) and its category on `scale`, read from the printed value. */
export function rated(value: Decimal, scale: Scale): { capaian: string; category: string } {
  return { capaian: formatPercent(value, 2), category: categorize(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP), scale) };
}
