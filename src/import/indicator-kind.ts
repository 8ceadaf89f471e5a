/**
 * The kind of an indicator a Perjanjian Kinerja row adds (METHOD.md §3): a plain value, a ratio, or a predikat
 * with its table. From the sheet's Jenis column ("nilai", "rasio", "predikat IKM", as /ekspor xlsx writes it),
 * or, without one, from the row's figures: a predikat ("B", "A (81,50)") makes a predikat indicator, whose
 * table is the one its letters and scores fit, or the one its name names (Indeks/Survei Kepuasan Masyarakat:
 * IKM; SAKIP, AKIP: LHE AKIP).
 */
import { GRADE_TABLE_IDS, gradeTable, parseGrade, type GradeTableId } from "../domain/calc/grade.js";
import type { Indicator, IndicatorKind } from "../domain/schema/indicator.js";
import { say } from "../messages/catalog.js";
import { headerLetters, isGradeTarget } from "./pk-cells.js";

export interface KindCell {
  kind: IndicatorKind;
  /** For a predikat: the table the cell names ("predikat IKM"); undefined for "predikat" alone. */
  gradeTable?: GradeTableId;
}

/** What a name or a Jenis cell says of a predikat's table: IKM, LHE AKIP, or neither. */
function namedTable(text: string): GradeTableId | undefined {
  const letters = headerLetters(text);
  const ikm = /\b(ikm|skm)\b/i.test(text) || letters.includes("kepuasanmasyarakat") || letters.includes("mutupelayanan");
  const akip = /\b(lhe|sakip|akip)\b/i.test(text) || letters.includes("akuntabilitaskinerja");
  return ikm === akip ? undefined : ikm ? "ikm" : "lheAkip";
}

/** A Jenis cell: "nilai" (or "nilai biasa", "angka"), "rasio", "predikat" / "huruf" with its table or not; undefined when it is none of them. */
export function readKindCell(cell: string): KindCell | undefined {
  const h = headerLetters(cell);
  if (h === "nilai" || h === "nilaibiasa" || h === "angka" || h === "angkabiasa") return { kind: "value" };
  if (h === "rasio") return { kind: "ratio" };
  if (!h.startsWith("predikat") && !h.startsWith("huruf")) return undefined;
  const rest = cell.replace(/^\s*(predikat|huruf)(\s*\/\s*huruf)?/i, "");
  const table = namedTable(rest);
  // "predikat" followed by words that name no table ("predikat mutu"): not a kind this reads.
  if (table === undefined && headerLetters(rest) !== "") return undefined;
  return table ? { kind: "grade", gradeTable: table } : { kind: "grade" };
}

/**
 * The table of a new predikat indicator: the one the sheet states, else the only one every figure fits (letters
 * AA, BB, CC are LHE AKIP's; "A (84,24)" is LHE AKIP's A, not IKM's), else the one the indicator's name names.
 * Undefined when that leaves both: the officer writes it in the Jenis column.
 */
export function gradeTableFor(stated: GradeTableId | undefined, name: string, figures: readonly string[]): GradeTableId | undefined {
  if (stated) return stated;
  const fitting = GRADE_TABLE_IDS.filter((id) => figures.every((f) => parseGrade(f, gradeTable(id)).ok));
  if (fitting.length === 1) return fitting[0];
  const named = namedTable(name);
  return named && (fitting.length === 0 || fitting.includes(named)) ? named : undefined;
}

/** A stored indicator's kind, as a Jenis cell would say it. */
export const storedKind = (ind: Indicator): KindCell => (ind.gradeTable ? { kind: ind.kind, gradeTable: ind.gradeTable } : { kind: ind.kind });

/**
 * The kind of the indicator a row adds: its Jenis cell's, else a predikat when a figure is one ("B", "A (81,50)"),
 * else a ratio when it gives a numerator and denominator (`fractions`), else a plain value. A predikat's table as
 * `gradeTableFor` finds it; undefined when it finds none.
 */
export function newIndicatorKind(cell: KindCell | undefined, name: string, figures: readonly string[], fractions = false): KindCell | undefined {
  const kind: KindCell = cell ?? (figures.some(isGradeTarget) ? { kind: "grade" } : fractions ? { kind: "ratio" } : { kind: "value" });
  if (kind.kind !== "grade") return kind;
  const table = gradeTableFor(kind.gradeTable, name, figures);
  return table && { kind: "grade", gradeTable: table };
}

/** A kind as the messages name it: "nilai biasa", "rasio", "predikat IKM". */
export const kindName = (kind: { kind: IndicatorKind; gradeTable?: GradeTableId | undefined }): string => say(`impor.jenis_nama.${kind.gradeTable ?? kind.kind}`);
