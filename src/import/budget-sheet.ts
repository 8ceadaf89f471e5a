/**
 * A budget sheet's rows (program / kegiatan / sub kegiatan, as /templat's Anggaran sheet and the bot's own workbook
 * have them): which column holds what, and each row read and checked, every problem in its column. Applying the
 * rows is budget-rows.ts's.
 */
import { Decimal } from "../domain/decimal.js";
import { formatCount } from "../domain/numbers/format.js";
import { numberErrorMessage } from "../domain/numbers/messages.js";
import { normalizeInput } from "../domain/numbers/normalize.js";
import { parseNumber } from "../domain/numbers/parse.js";
import { unitKind } from "../app/entry/answers.js";
import { say } from "../messages/catalog.js";
import { figureCell, readMoney, text, typedNumber } from "./cells.js";
import { headerLetters } from "./pk-cells.js";
import type { CellValue, DateCell } from "./spreadsheet.js";

export interface BudgetRow {
  row: number;
  program: string;
  activity?: string;
  subActivity?: string;
  budget?: string;
  spent?: string;
  /** Indicator codes or names, comma separated. */
  indicators?: string[];
  note?: string;
  /** The line's own code ("1.06.04"), its funding source ("APBD"), and its output indicator. */
  code?: string;
  fundingSource?: string;
  output?: { indicator: string; unit: string; target?: string; actual?: string };
}

type OutputField = "outputIndicator" | "outputUnit" | "outputTarget" | "outputActual";
export type BudgetField = "code" | "program" | "activity" | "subActivity" | "budget" | "spent" | "indicators" | "note" | "fundingSource" | OutputField;

/** The column a budget sheet's header cell names ("Sub Kegiatan", "Pagu (Rp)", "Realisasi Keluaran" …). */
export function budgetColumn(header: string): BudgetField | undefined {
  const h = headerLetters(header);
  if (h === "kode" || h === "koderekening") return "code";
  if (h.startsWith("subkegiatan")) return "subActivity";
  if (h.startsWith("kegiatan")) return "activity";
  if (h.startsWith("program")) return "program";
  // The line's output indicator ("Keluaran", "Indikator Keluaran"), before the indicators it supports and its realisasi.
  if (h === "keluaran" || h.startsWith("indikatorkeluaran")) return "outputIndicator";
  if (h.startsWith("satuankeluaran")) return "outputUnit";
  if (h.startsWith("targetkeluaran")) return "outputTarget";
  if (h.startsWith("realisasikeluaran")) return "outputActual";
  if (h.startsWith("sumberdana")) return "fundingSource";
  if (h === "pagu" || h === "pagurp" || h.startsWith("paguanggaran") || h === "anggaran" || h.startsWith("alokasi")) return "budget";
  if (h.startsWith("realisasi")) return "spent";
  if (h.startsWith("indikator")) return "indicators";
  if (h === "catatan" || h === "keterangan" || h === "alasan") return "note";
  return undefined;
}

/**
 * A budget line's output indicator from its four cells: its name and unit, both needed, and its target and
 * realisasi, numbers in its unit as /isi reads them; undefined when its cells are empty (or wrong: problems).
 */
function readOutput(get: (f: BudgetField) => CellValue, problem: (f: BudgetField, message: string) => void): BudgetRow["output"] {
  const [indicator, unit] = [text(figureCell(get("outputIndicator"))), text(figureCell(get("outputUnit")))];
  const figures = (["outputTarget", "outputActual"] as const).map((f) => [f, figureCell(get(f))] as const).filter(([, v]) => v !== null);
  if (indicator === undefined && unit === undefined && figures.length === 0) return undefined;
  if (indicator === undefined) return void problem("outputIndicator", say("impor.keluaran_tanpa_nama"));
  if (unit === undefined) return void problem("outputUnit", say("impor.keluaran_tanpa_satuan"));
  if (indicator.length > 500) return void problem("outputIndicator", say("impor.terlalu_panjang", { maks: 500 }));
  if (unit.length > 40) return void problem("outputUnit", say("impor.terlalu_panjang", { maks: 40 }));
  const output: NonNullable<BudgetRow["output"]> = { indicator: normalizeInput(indicator), unit: normalizeInput(unit) };
  for (const [f, v] of figures) {
    if (typeof v === "object") return void problem(f, say("impor.tanggal", { isi: (v as DateCell).date, contoh: "100" }));
    const kind = unitKind(output.unit);
    const parsed = parseNumber(typeof v === "number" ? typedNumber(v) : String(v), { kind });
    if (!parsed.ok) return void problem(f, numberErrorMessage(parsed.error, kind));
    output[f === "outputTarget" ? "target" : "actual"] = parsed.value.toFixed();
  }
  return output;
}

/** An indicator a row names (a code or a name): its id (a new indicator's name), or what to say. */
export type ResolveRef = (ref: string) => { id: string } | { message: string };

/**
 * One budget row read: its line's path (each name at most 500 characters, a kegiatan under a program, a sub kegiatan
 * under a kegiatan, not a repeat of an earlier row's: `seen`), money, the indicators it supports, note, code,
 * funding source and output indicator. Problems go to `problem`, the row is returned either way.
 */
export function readBudgetRow(rowNumber: number, get: (f: BudgetField) => CellValue, problem: (f: BudgetField, message: string) => void, seen: Map<string, number>, resolve: ResolveRef): BudgetRow {
  const program = text(get("program"));
  const activity = text(get("activity"));
  const subActivity = text(get("subActivity"));
  if (!program) problem("program", say(activity || subActivity ? "impor.tanpa_program" : "impor.wajib"));
  if (subActivity && !activity) problem("subActivity", say("impor.tanpa_kegiatan"));
  for (const [f, v] of [["program", program], ["activity", activity], ["subActivity", subActivity]] as const) {
    if (v && v.length > 500) problem(f, say("impor.terlalu_panjang", { maks: 500 }));
  }
  if (program) {
    const key = [program, activity ?? "", subActivity ?? ""].join("\u0000").toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) problem(subActivity ? "subActivity" : activity ? "activity" : "program", say("impor.baris_ganda", { baris: first }));
    else seen.set(key, rowNumber);
  }
  const row: BudgetRow = { row: rowNumber, program: program ?? "" };
  if (activity) row.activity = activity;
  if (subActivity) row.subActivity = subActivity;
  readMoney(row, get, problem);
  const refCell = get("indicators");
  if (refCell !== null) {
    const ids: string[] = [];
    // A single code typed as a number (1.1) arrives as a number; a list is text separated by commas or semicolons.
    const refs = typeof refCell === "number" ? [new Decimal(refCell).toFixed()] : (text(refCell) ?? "").split(/[,;]/);
    for (const ref of refs.map((x) => x.trim()).filter(Boolean)) {
      const found = resolve(ref);
      if ("id" in found) ids.push(found.id);
      else problem("indicators", found.message);
    }
    if (ids.length > 50) problem("indicators", say("impor.terlalu_banyak_indikator", { maks: 50 }));
    row.indicators = ids;
  }
  const note = text(get("note"));
  if (note) {
    if (note.length > 1000) problem("note", say("impor.terlalu_panjang", { maks: formatCount(1000) }));
    else row.note = note;
  }
  for (const [f, max] of [["code", 40], ["fundingSource", 100]] as const) {
    const v = text(get(f));
    if (v === undefined) continue;
    if (v.length > max) problem(f, say("impor.terlalu_panjang", { maks: max }));
    else row[f] = normalizeInput(v);
  }
  const output = readOutput(get, problem);
  if (output) row.output = output;
  return row;
}
