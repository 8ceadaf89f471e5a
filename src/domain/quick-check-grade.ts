/**
 * The quick check for a predikat (IKM, LHE AKIP: METHOD.md §3): `B A`, `80,15 A (81,50)`, `B (78,40) A (81,50) lhe`.
 * With both scores known the capaian is computed on them as for any indicator; with a letter only, the letters are
 * compared on the table's order (met / not met), as the drafts do.
 */
import { say, type Escape } from "../messages/catalog.js";
import { Decimal } from "./decimal.js";
import { computeGradeAchievement } from "./calc/grade-achievement.js";
import { formatGrade, gradeTable, parseGrade, type GradeTableId, type GradeValue } from "./calc/grade.js";
import { gradeErrorMessage } from "./calc/grade-messages.js";
import type { Scale } from "./calc/scale.js";
import { formatDecimal } from "./numbers/format.js";
import { latinizeLookAlikes } from "./numbers/normalize.js";
import type { CheckCommand, QuickCheck } from "./quick-check.js";
import { notComputed, rated } from "./quick-check-result.js";

/** A predikat's letter starts it: "B", "a", "AA", "A(81,50)" (the words are joined so), "В" (Cyrillic). */
export function looksLikeGrade(token: string): boolean {
  return /^(AA|A|BB|B|CC|C|D)(\(|$)/i.test(latinizeLookAlikes(token));
}

/** The words naming a table: "ikm", "lhe", "akip". */
export function gradeTableWord(word: string): GradeTableId | undefined {
  const w = word.toLowerCase().replace(/^--/, "");
  return w === "ikm" ? "ikm" : w === "lhe" || w === "akip" || w === "lhe-akip" ? "lheAkip" : undefined;
}

const score = (d: Decimal) => formatDecimal(d, Math.max(2, Math.min(d.decimalPlaces(), 6)));

/** The table both values fit: the one named, LHE AKIP for its own letters (AA, BB, CC), else IKM, else LHE AKIP. */
function readBoth(
  actualText: string,
  targetText: string,
  named: GradeTableId | undefined,
  escape?: Escape,
): { ok: true; table: GradeTableId; actual: GradeValue; target: GradeValue } | { ok: false; text: string } {
  const lheOnly = [actualText, targetText].some((t) => /^(AA|BB|CC)/i.test(latinizeLookAlikes(t)));
  const tables: GradeTableId[] = named ? [named] : lheOnly ? ["lheAkip"] : ["ikm", "lheAkip"];
  // Neither table fits: what is wrong under each, each naming its table.
  const wrong: string[] = [];
  for (const id of tables) {
    const table = gradeTable(id);
    const actual = parseGrade(actualText, table);
    const target = parseGrade(targetText, table);
    if (actual.ok && target.ok) return { ok: true, table: id, actual: actual.value, target: target.value };
    wrong.push(
      actual.ok
        ? say("cek.salah_target", { pesan: target.ok ? "" : gradeErrorMessage(target.error, table.name) }, escape)
        : say("cek.salah_realisasi", { pesan: gradeErrorMessage(actual.error, table.name) }, escape),
    );
  }
  return { ok: false, text: [...new Set(wrong)].join("\n") };
}

export function gradeCheck(actualText: string, targetText: string, named: GradeTableId | undefined, scale: Scale, command: CheckCommand, escape?: Escape): QuickCheck {
  const read = readBoth(actualText, targetText, named, escape);
  if (!read.ok) return read;
  const table = gradeTable(read.table);
  const result = computeGradeAchievement(table, read.target, read.actual);
  const shown = (v: GradeValue) => formatGrade(v, score);
  const tabel = `${table.name}, ${table.source}`;
  if (result.status === "ordinal") {
    return {
      ok: true,
      met: result.comparison !== "below",
      text: say("cek.predikat_urutan", { realisasi: shown(read.actual), target: shown(read.target), [result.comparison]: true, tabel, perintah: command }, escape),
    };
  }
  if (result.status !== "ok") return notComputed(result, escape);
  const { capaian, category } = rated(result.value, scale);
  const text = say(
    "cek.hasil_predikat",
    {
      capaian,
      kategori: category,
      rumus: `${score(new Decimal(read.actual.score!))} / ${score(new Decimal(read.target.score!))} × 100% = ${capaian}`,
      realisasi: shown(read.actual),
      target: shown(read.target),
      tabel,
      skala: `${scale.name} (${scale.source})`,
    },
    escape,
  );
  return { ok: true, text, value: result.value, category };
}
