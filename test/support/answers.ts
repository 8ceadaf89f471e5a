/** Typed answers for the bot's entry questions, with the value each shows afterwards. */
import type { QuestionKey } from "../../src/app/entry/keys.js";

/**
 * Ten answers about one indicator, each a different question (targets and
 * realisations of three years, the Renstra target, pagu and spending, two
 * factors), with values derived from `n`: [question, typed answer, value as
 * shown afterwards].
 */
export function tenAnswers(indicatorId: string, n: number): [QuestionKey, string, string][] {
  return [
    [{ q: "actual", indicatorId, year: 2024 }, `${n},5`, `${n},5%`],
    [{ q: "target", indicatorId, year: 2023 }, `${n}`, `${n}%`],
    [{ q: "actual", indicatorId, year: 2023 }, `${n},25`, `${n},25%`],
    [{ q: "target", indicatorId, year: 2022 }, `${n + 1}`, `${n + 1}%`],
    [{ q: "actual", indicatorId, year: 2022 }, `${n + 2}`, `${n + 2}%`],
    [{ q: "final", indicatorId }, `${n + 3}`, `${n + 3}%`],
    [{ q: "budget", indicatorId, field: "budget" }, `${n} jt`, `Rp${n}.000.000`],
    [{ q: "budget", indicatorId, field: "spent" }, `${n * 1000}`, `Rp${(n * 1000).toLocaleString("id-ID")}`],
    [{ q: "factors", indicatorId, which: "supporting" }, `Faktor pendukung ${n}`, `Faktor pendukung ${n}`],
    [{ q: "factors", indicatorId, which: "followUp" }, `Tindak lanjut ${n}`, `Tindak lanjut ${n}`],
  ];
}
