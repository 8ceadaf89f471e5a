/**
 * Cells of a Perjanjian Kinerja table, however it arrives (a spreadsheet for
 * /impor, pasted text for /tempel): which column a header names, the unit a
 * target carries, and a target that is a predikat.
 */
import { latinizeLookAlikes } from "../domain/numbers/normalize.js";

export type PkColumn =
  /** The indicator's code ("Kode": 1.1), as the bot's own workbook has it. */
  | "code"
  | "objective"
  | "name"
  | "unit"
  | "target"
  | "actual"
  /** A ratio's numerator and denominator ("Pembilang 2024", "Penyebut 2024"), by year as Target and Realisasi. */
  | "numerator"
  | "denominator"
  | "budget"
  | "spent"
  /** Target akhir Renstra. */
  | "final"
  /** The national standard or realisasi, the year it refers to, which of the two it is, and its source. */
  | "national"
  | "nationalYear"
  | "nationalKind"
  | "nationalSource"
  /** Positif (makin tinggi makin baik) or negatif. */
  | "polarity"
  /** Jenis: nilai, rasio, predikat (see indicator-kind.ts). */
  | "kind"
  /** Faktor pendukung, faktor penghambat, tindak lanjut. */
  | "supporting"
  | "inhibiting"
  | "followUp"
  /** Texts describing the indicator: definisi/formula, sumber data, penanggung jawab, a ratio's labels. */
  | DescriptionField
  /** The IKU this indicator replaced ("IKU Lama"): its name, unit, and its target and realisasi by year. */
  | "predecessorName"
  | "predecessorUnit"
  | "predecessorTarget"
  | "predecessorActual";

/** The indicator's texts a sheet may carry (the bot's workbook does), each stored as /atur stores it. */
export const DESCRIPTION_FIELDS = ["definition", "dataSource", "responsibleUnit", "numeratorLabel", "denominatorLabel"] as const;
export type DescriptionField = (typeof DESCRIPTION_FIELDS)[number];

/** Letters only, lower case: "Target (2024)" → "target". */
export const headerLetters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, "");

/** The column a header cell names ("Sasaran Strategis", "Indikator Kinerja", "Target 2024" …); undefined for "No" and others. */
export function pkColumn(header: string): PkColumn | undefined {
  const h = headerLetters(header);
  if (h === "no" || h === "nomor") return undefined;
  if (h === "kode" || h === "kodeindikator" || h === "kodeiku") return "code";
  // The IKU replaced ("IKU Lama", "Satuan IKU Lama", "Target IKU Lama 2023"), before Indikator, Satuan and Target.
  if (h.includes("ikulama") || h.includes("indikatorlama")) {
    if (h.startsWith("satuan")) return "predecessorUnit";
    if (h.startsWith("target")) return "predecessorTarget";
    if (h.startsWith("realisasi")) return "predecessorActual";
    return h === "ikulama" || h === "indikatorlama" || h === "namaikulama" ? "predecessorName" : undefined;
  }
  if (h.startsWith("sasaran") || h === "tujuansasaran") return "objective";
  if (h.startsWith("indikator") || h === "iku") return "name";
  if (h.startsWith("satuan")) return "unit";
  if (h.startsWith("polaritas")) return "polarity";
  if (h === "jenis" || h === "jenisindikator") return "kind";
  // "Label Pembilang" names what the numerator counts; "Pembilang 2024" is its figure.
  if (/^(label|keterangan|uraian)pembilang/.test(h)) return "numeratorLabel";
  if (/^(label|keterangan|uraian)penyebut/.test(h)) return "denominatorLabel";
  if (h.startsWith("pembilang")) return "numerator";
  if (h.startsWith("penyebut")) return "denominator";
  // Before Target and Realisasi: "Target Nasional", "Realisasi Nasional", "Tahun Data Nasional".
  if (h.includes("nasional")) {
    if (h.startsWith("tahun")) return "nationalYear";
    if (h.startsWith("jenis")) return "nationalKind";
    if (h.startsWith("sumber")) return "nationalSource";
    return "national";
  }
  if (h.startsWith("definisi") || h.startsWith("formula") || h === "rumus" || h.startsWith("caraperhitungan") || h.startsWith("carapengukuran")) return "definition";
  if (h === "sumberdata" || h.startsWith("sumberdataindikator")) return "dataSource";
  if (h.includes("penanggungjawab")) return "responsibleUnit";
  // "Target Akhir Renstra", "Target Akhir Periode", "Target Akhir" alone; not "Target Akhir Tahun" (the year's).
  if (h.startsWith("target") && (h.includes("renstra") || h.includes("rpjmd") || h.startsWith("targetakhirperiode") || h === "targetakhir")) return "final";
  // A quarter's or a semester's figure is not the year's.
  if (/^(target|realisasi)/.test(h) && /triwulan|semester|^(target|realisasi)(sd|sampaidengan)?(tw|smt)/.test(h)) return undefined;
  if (h.startsWith("faktorpendukung")) return "supporting";
  if (h.startsWith("faktorpenghambat")) return "inhibiting";
  if (h.startsWith("tindaklanjut") || h.startsWith("rencanatindaklanjut") || h.startsWith("upaya") || h.startsWith("alternatifsolusi")) return "followUp";
  if (h.startsWith("target")) return "target";
  if (h.startsWith("realisasianggaran") || h.startsWith("realisasikeuangan") || h === "realisasirp") return "spent";
  if (h.startsWith("realisasi") || h.startsWith("capaianrealisasi")) return "actual";
  if (h === "pagu" || h === "pagurp" || h.startsWith("paguanggaran") || h === "anggaran" || h.startsWith("anggaranrp") || h === "alokasianggaran") return "budget";
  return undefined;
}

/**
 * The year a header names ("Target 2024", "Realisasi (2023)", "Target Tahun 2025", "Realisasi TA 2023");
 * undefined when it names none (the reporting year's column).
 */
export function headerYear(header: string): number | undefined {
  return headerYears(header)[0];
}

/** Every year a header names, in order: "Target Renstra 2021-2026" names two (a period). */
export function headerYears(header: string): number[] {
  return [...header.matchAll(/(?:^|\D)((?:19|20)\d\d)(?!\d)/g)].map((m) => Number(m[1]));
}

/** The unit a target carries when the table gives none: "%" from "100%" or "97,5 %". */
export const unitInTarget = (target: string | undefined): string | undefined => (target !== undefined && /\d\s*%$/.test(target) ? "%" : undefined);

/**
 * The unit an indicator's name gives when the table gives none: "%" for a percentage ("Persentase PSKS …", and the
 * spellings reports use too, "Presentase", "Prosentase"). Any other name says too little ("Jumlah …": orang, KPM?).
 */
export const unitInName = (name: string): string | undefined => (/^(persentase|presentase|prosentase)[\s(]/i.test(name.trim()) ? "%" : undefined);

/**
 * The reporting year's capaian column ("Capaian", "Persentase Capaian", "Capaian Kinerja (%)", "Capaian 2024"): read
 * only to compare with the capaian computed (src/app/capaian-check.ts), never stored.
 */
export const isCapaianHeader = (header: string, reportingYear: number | undefined): boolean =>
  /^(persentase|tingkat)?capaian(kinerja)?(persen)?$/.test(headerLetters(header)) && (headerYear(header) ?? reportingYear) === reportingYear;

/** A predikat as a target or realisasi ("B", "A (81,50)", "A 84,24", a Cyrillic "В"): only a grade indicator takes it. */
export const isGradeTarget = (value: string | undefined): boolean =>
  value !== undefined && /^(AA|BB|CC|[A-D])(\s*\(.*\)|\s*[:=-]?\s*\d[\d.,]*)?$/i.test(latinizeLookAlikes(value.trim()));

/**
 * A row without an indicator or a figure whose Sasaran cell is empty or a total ("JUMLAH", "Total"): the row of
 * another column's cells only (a Perjanjian Kinerja's Program and Anggaran beside merged Sasaran and Indikator
 * cells), or its total row. Passed over: it is no indicator, and nothing in it is read.
 */
export const isNoIndicatorRow = (objective: string | undefined): boolean => objective === undefined || objective === "" || isTotal(objective);

/** A total's cell: "JUMLAH", "J U M L A H", "Total", "Jumlah anggaran: Rp …", "Grand Total". */
export const isTotal = (cell: string): boolean => /^(jumlah|total|grandtotal)/.test(headerLetters(cell));

/** A cell of the row that numbers a table's columns ("(1) (2) (3) (4)"), or a row number ("1", "1.", "1)"). */
export const isNumberCell = (cell: string) => /^\(?\d{1,3}[.)]?\)?$/.test(cell);

/**
 * The row numbering a table's columns ("(1) (2) (3) (4)", "1 2 3 4"): numbers from 1 upwards, in more than one cell,
 * the others empty; a column left out of the numbering ("1 2 3 5 6 7", as a report's Tabel 3.4 has it) too. Numbers
 * that do not start at 1 or go down ("90 85") are data, and stay for the checks to report.
 */
export function isColumnNumbers(cells: readonly string[]): boolean {
  const numbers = cells.filter((c) => c !== "").map((c) => (isNumberCell(c) ? Number(c.replace(/\D/g, "")) : NaN));
  return numbers.length > 1 && numbers[0] === 1 && numbers.every((n, k) => k === 0 || n > numbers[k - 1]!);
}
