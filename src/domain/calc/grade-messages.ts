/** What is wrong with a typed predikat, in Indonesian (for /isi, imports and /cek alike). */
import { say, type Escape } from "../../messages/catalog.js";
import { numberErrorMessage } from "../numbers/messages.js";
import { formatDecimal } from "../numbers/format.js";
import { Decimal } from "../decimal.js";
import type { GradeParseError } from "./grade.js";

/** The message for `error`, naming the table `table` where the letter or score does not fit it. */
export function gradeErrorMessage(error: GradeParseError, table: string, escape?: Escape): string {
  if (error.code === "number") return numberErrorMessage(error.error, "grade");
  if (error.code === "table") {
    const p = error.problem;
    // A score as Indonesian writes it, with two decimals as tables print them ("81,50", stored as "81.5").
    const shown = "score" in p ? { ...p, score: formatDecimal(new Decimal(p.score), 2) } : p;
    return say(`predikat.${p.code}`, { ...shown, tabel: table, contoh: say("contoh.grade") }, escape);
  }
  return say(`predikat.${error.code}`, { ...("input" in error ? { input: error.input } : {}), contoh: say("contoh.grade") }, escape);
}
