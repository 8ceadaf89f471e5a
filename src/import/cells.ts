/**
 * An imported cell as the checks read it: its text, a typed Excel number as the officer would type it, a figure's
 * "no figure" ("-", "tidak ada") as an empty cell, money.
 */
import { Decimal } from "../domain/decimal.js";
import { numberErrorMessage } from "../domain/numbers/messages.js";
import { parseNumber } from "../domain/numbers/parse.js";
import { isNone } from "../app/entry/answers.js";
import { say } from "../messages/catalog.js";
import type { CellValue } from "./spreadsheet.js";

/** A cell's text, its white space collapsed; a date as written (YYYY-MM-DD); undefined when empty. */
export function text(v: CellValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "object") return v.date;
  return String(v).replace(/\s+/g, " ").trim() || undefined;
}

/** A typed Excel number as the officer would type it (decimal comma, no exponent), for the answer parser. */
export function typedNumber(v: number): string {
  return new Decimal(v).toDecimalPlaces(6).toFixed().replace(".", ",");
}

/** A cell of Rupiah, read as /isi reads money: the amount, or the message. */
export function moneyCell(v: CellValue): { ok: true; value: string } | { ok: false; message: string } {
  if (v !== null && typeof v === "object") return { ok: false, message: say("impor.tanggal", { isi: v.date, contoh: "1.373.500.000" }) };
  const r = parseNumber(typeof v === "number" ? typedNumber(v) : String(v), { kind: "money" });
  return r.ok ? { ok: true, value: r.value.toFixed() } : { ok: false, message: numberErrorMessage(r.error, "money") };
}

/** A cell's text, a typed number as the officer would type it. */
export function cellText(v: CellValue): string | undefined {
  return typeof v === "number" ? typedNumber(v) : text(v);
}

/** A factor cell's text with its line breaks (items are often one per line in the cell). */
export function factorText(v: CellValue): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  return cellText(v);
}

/** A figure's cell (target, realisasi, pagu): "-", "tidak ada" and the like are how tables write "no figure", read as an empty cell. */
export function figureCell(v: CellValue): CellValue {
  return typeof v === "string" && isNone(v) ? null : v;
}

/** Pagu and realisasi anggaran of a row (either sheet): money as typed, or a problem in its column. */
export function readMoney(row: { budget?: string; spent?: string }, get: (f: "budget" | "spent") => CellValue, problem: (f: "budget" | "spent", message: string) => void): void {
  for (const f of ["budget", "spent"] as const) {
    const v = figureCell(get(f));
    if (v === null) continue;
    const n = moneyCell(v);
    if (n.ok) row[f] = n.value;
    else problem(f, n.message);
  }
}
