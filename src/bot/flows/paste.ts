/**
 * /tempel — the fast path: several "Sasaran | Indikator | Satuan | Target"
 * lines pasted at once, or a Perjanjian Kinerja table copied from a document
 * or a report's Tabel 3.2 or 3.4 with Realisasi and the final target (read by
 * src/import/pasted-table.ts), checked row by row, shown as a preview with
 * the report's own capaian checked, and stored only when the officer presses
 * "Simpan". A budget table pasted goes to /impor's preview instead.
 */
import { isDeepStrictEqual } from "node:util";
import { editAgency } from "../../app/edits.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { IDLE, MAX_PASTE_TEXT, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, splitHtml, text } from "../ui.js";
import { renumber } from "../../app/ids.js";
import { findOrAddIndicator, nameKey, sameName } from "../../app/by-name.js";
import { formatFor } from "../../app/entry/present.js";
import { capaianDiffers } from "../../app/capaian-check.js";
import { MAX_PASTED_LINES, pastedSheet, readPastedTable, type PastedTable } from "../../import/pasted-table.js";
import { answerFigure, answerProblem, sheetKind, type FigureKey } from "../../import/plan.js";
import { previewImport } from "./import.js";
import { kindName, newIndicatorKind, storedKind, type KindCell } from "../../import/indicator-kind.js";
import { unitInName } from "../../import/pk-cells.js";

type PasteState = Extract<State, { flow: "paste" }>;
type Row = NonNullable<PasteState["rows"]>[number];

export async function beginPaste(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "editor");
  return outcome([text(html("tempel.petunjuk"))], { v: 1, flow: "paste", agencyId: doc.data.agency.id });
}

/**
 * A stored indicator whose name starts with the row's name or the other way round ("… di luar panti" and "… di luar
 * panti (INDIKATOR SPM)"): likely the same, named differently by another document. Undefined when none is.
 */
function similarStored(file: AgencyFile, row: Row): Indicator | undefined {
  const key = nameKey(row.name);
  if (key.length < 20) return undefined;
  return file.objectives.flatMap((o) => o.indicators).find((i) => {
    const stored = nameKey(i.name);
    return stored.length >= 20 && stored !== key && (stored.startsWith(key) || key.startsWith(stored));
  });
}

function findPlace(file: AgencyFile, row: Row): { objectiveId?: string; indicator?: Indicator } {
  const o = file.objectives.find((x) => sameName(x.name, row.objective));
  if (!o) return {};
  const indicator = o.indicators.find((i) => sameName(i.name, row.name));
  return indicator ? { objectiveId: o.id, indicator } : { objectiveId: o.id };
}

/** The figures a row gives, as the answers /isi takes. */
const FIGURES = ["target", "actual", "final"] as const;
/** A figure's answer in the reporting year (the final target has no year). */
const figureKey = (q: (typeof FIGURES)[number], year: number): FigureKey => (q === "final" ? { q } : { q, year });
const FIGURE_PROBLEM = { target: "tempel.target_salah", actual: "tempel.realisasi_salah", final: "tempel.target_akhir_salah" } as const;

/** The target, the realisasi and the final target checked the way /isi would (see `answerProblem`), on the stored indicator or a new one of this kind. */
function checkFigures(file: AgencyFile, row: Row, existing: Indicator | undefined, kind: KindCell): string | undefined {
  for (const q of FIGURES) {
    const value = row[q];
    if (value === undefined) continue;
    const problem = answerProblem(file, existing, row.unit, figureKey(q, file.agency.reportingYear), value, kind);
    if (problem !== undefined) return label(FIGURE_PROBLEM[q], { pesan: problem });
  }
  return undefined;
}

/**
 * The row ready to store, or what is wrong with it: a unit not given is the stored indicator's. A new indicator
 * whose target is a predikat ("B") is a predikat indicator (unit "predikat" when none is given), of the table its
 * target or name shows; when neither does, the officer is told how to add it.
 */
function checkRow(file: AgencyFile, table: PastedTable, row: Row): { row: Row } | { problem: string } {
  const existing = findPlace(file, row).indicator;
  const kind = existing ? storedKind(existing) : newIndicatorKind(undefined, row.name, FIGURES.map((q) => row[q]).filter((v): v is string => v !== undefined));
  if (!kind) return { problem: label("tempel.target_predikat", { target: row.target ?? row.actual ?? row.final }) };
  const unit = row.unit || existing?.unit || (kind.kind === "grade" ? label("impor.satuan_predikat") : unitInName(row.name));
  if (!unit) return { problem: table.unitColumn ? label("tempel.kosong_kolom", { kolom: label("tempel.kolom.unit") }) : label("tempel.tanpa_satuan") };
  const full: Row = { ...row, unit };
  if (!existing && kind.kind === "grade") Object.assign(full, { kind: "grade", gradeTable: kind.gradeTable });
  const problem = checkFigures(file, full, existing, kind);
  return problem ? { problem } : { row: full };
}

/**
 * A message this long was most likely cut by Telegram, which splits a text longer than 4,096 characters into several
 * messages: the next message, if it has no header row of its own, goes on with the same table.
 */
const SPLIT_BY_TELEGRAM = 3500;

/**
 * The two parts of a paste Telegram split, joined where it cut: at a line break (dropped with the cut) or inside a
 * line, at a space; whichever reads with fewer problems (at a line break when both read alike).
 */
function joinSplit(before: string, after: string, reportingYear: number, endYear: number): { pasted: string; table: PastedTable } {
  const atBreak = `${before}\n${after}`;
  const inLine = `${before} ${after}`;
  const [a, b] = [readPastedTable(atBreak, reportingYear, endYear), readPastedTable(inLine, reportingYear, endYear)];
  return b.problems.length < a.problems.length ? { pasted: inLine, table: b } : { pasted: atBreak, table: a };
}

export async function pasteText(turn: Turn, state: PasteState, input: string): Promise<Outcome> {
  const doc = await flowAgency(turn, state.agencyId, "editor");
  const file = doc.data;
  const { reportingYear, strategicPlan } = file.agency;
  const alone = readPastedTable(input, reportingYear, strategicPlan.endYear);
  const continued = state.text !== undefined && (state.lastLength ?? 0) >= SPLIT_BY_TELEGRAM && !alone.header && state.text.length + input.length < MAX_PASTE_TEXT;
  const { pasted, table } = continued ? joinSplit(state.text!, input, reportingYear, strategicPlan.endYear) : { pasted: input, table: alone };
  if (table.lines > MAX_PASTED_LINES) return outcome([text(html("tempel.terlalu_banyak", { jumlah: formatCount(table.lines), maks: MAX_PASTED_LINES }))]);
  // A budget table ("No | Program | Anggaran | Sumber Dana", the PK's second table) is read as /impor reads a budget sheet.
  if (!table.header && !continued) {
    const sheet = pastedSheet(input, label("tempel.tabel_anggaran"));
    if (sheetKind(sheet) === "budget") return previewImport(doc, label("tempel.tabel_anggaran"), [sheet]);
  }
  // What was read is kept for a continuation; the rows of an earlier preview stay until this one has rows of its own.
  const next: PasteState = { ...state, text: pasted, lastLength: input.length };
  const problems = table.problems.map((p) => ({ line: p.line, message: label(`tempel.${p.key}`, p.params) }));
  const rows: Row[] = [];
  /** The line and the capaian written of each row read (the capaian is not stored: see capaianLines). */
  const written: { line: number; capaian?: string }[] = [];
  for (const { line, capaian, ...row } of table.rows) {
    const checked = checkRow(file, table, row);
    if ("problem" in checked) problems.push({ line, message: checked.problem });
    else {
      rows.push(checked.row);
      written.push({ line, capaian });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  if (rows.length === 0 && problems.length === 0) return outcome([text(html(table.header ? "tempel.hanya_judul" : "tempel.tidak_ada_baris"))], next);
  const preview = [html("tempel.pratinjau", { jumlah: rows.length, tahun: file.agency.reportingYear })];
  if (continued) preview.unshift(html("tempel.lanjutan"));
  // Which rows change their indicator, from storing them in a copy: a row as stored already is said to be.
  const copy = structuredClone(file);
  const { changed } = applyRows(copy, rows);
  rows.forEach((row, k) => {
    const place = findPlace(file, row);
    preview.push(
      html("tempel.baris", {
        nomor: k + 1,
        sasaran: row.objective,
        indikator: row.name,
        satuan: row.unit,
        target: row.target,
        realisasi: row.actual,
        akhir: row.final,
        tahun_akhir: strategicPlan.endYear,
        jenis: row.kind && kindName({ kind: row.kind, gradeTable: row.gradeTable }),
        baru: !place.indicator,
        mirip: place.indicator ? undefined : similarStored(file, row)?.code,
        ubah: place.indicator !== undefined && changed[k],
        sama: place.indicator !== undefined && !changed[k],
      }),
    );
  });
  const differ = capaianLines(copy, rows, written);
  if (differ.length > 0) preview.push("", html("tempel.capaian_berbeda"), ...differ);
  if (table.ignoredColumns.length > 0) preview.push("", html("tempel.kolom_diabaikan", { kolom: table.ignoredColumns.join(", ") }));
  if (table.laterColumns.length > 0) preview.push(html("tempel.kolom_tahun_depan", { kolom: table.laterColumns.join(", "), tahun: file.agency.reportingYear }));
  if (problems.length > 0) preview.push("", html("tempel.masalah"), ...problems.map((p) => html("tempel.masalah_baris", { nomor: p.line, pesan: p.message })));
  const messages = splitHtml(preview.join("\n")).map((h) => text(h));
  if (rows.length === 0) return outcome(messages, next);
  if (isDeepStrictEqual(copy, file)) return outcome([...messages, text(html("tempel.tidak_ada_perubahan", { tahun: reportingYear }))], next);
  messages.push(text(html("tempel.tanya_simpan", { jumlah: rows.length }), [[button(label("tempel.tombol_simpan"), "paste:save"), button(label("tempel.tombol_batal"), "paste:cancel")]]));
  return outcome(messages, { ...next, rows });
}

export async function pasteCallback(turn: Turn, state: State, data: string): Promise<Outcome> {
  if (state.flow !== "paste" || !state.rows) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  if (data === "paste:cancel") return outcome([text(html("umum.dibatalkan"))], IDLE);
  if (data !== "paste:save") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  await flowAgency(turn, state.agencyId, "editor");
  const rows = state.rows;
  let counts: Counts | undefined;
  await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => void (counts = applyRows(d, rows).counts));
  return outcome([text(html("tempel.tersimpan", { ...counts!, dengan_realisasi: rows.some((r) => r.actual !== undefined) }))], IDLE);
}

/** The rows whose Capaian column differs from the capaian computed (see capaian-check.ts), a line each. */
function capaianLines(stored: AgencyFile, rows: readonly Row[], written: readonly { line: number; capaian?: string }[]): string[] {
  const f = formatFor(stored);
  const items = rows.flatMap((row, k) => (written[k]!.capaian === undefined ? [] : [{ objective: row.objective, name: row.name, text: written[k]!.capaian!, line: written[k]!.line }]));
  return capaianDiffers(stored, items).map(({ index, computed, otherPolarity }) =>
    html("tempel.capaian_berbeda_baris", {
      nomor: items[index]!.line,
      nama: items[index]!.name,
      tertulis: items[index]!.text,
      hitungan: f.percent(computed),
      polaritas: otherPolarity && label(`tempel.polaritas_lain.${otherPolarity}`),
    }),
  );
}

type Counts = { sasaran: number; indikator: number; target: number; realisasi: number; akhir: number };

/**
 * The rows stored in `d` as Simpan stores them: the counts of what changed (a stored indicator's target, any
 * realisasi and final target only when it differs from the stored one), and for each row whether it changed its
 * indicator (a new one always does).
 */
function applyRows(d: AgencyFile, rows: readonly Row[]): { counts: Counts; changed: boolean[] } {
  const year = d.agency.reportingYear;
  const counts: Counts = { sasaran: 0, indikator: 0, target: 0, realisasi: 0, akhir: 0 };
  const changed = rows.map((row) => {
    const { indicator: ind, newObjective, newIndicator } = findOrAddIndicator(d, row.objective, row.name, row.unit);
    if (newObjective) counts.sasaran++;
    if (newIndicator) counts.indikator++;
    if (newIndicator && row.kind) {
      ind.kind = row.kind;
      if (row.gradeTable) ind.gradeTable = row.gradeTable;
    }
    /** What each figure is stored as: a ratio's realisasi with its numerator and denominator. */
    const stored = (q: (typeof FIGURES)[number]) => {
      const y = ind.years[String(year)];
      return JSON.stringify(q === "final" ? ind.strategicPlan?.finalTarget : q === "target" ? y?.target : [y?.actual, y?.numerator, y?.denominator]);
    };
    let any = newIndicator;
    for (const q of FIGURES) {
      const value = row[q];
      if (value === undefined) continue;
      const before = stored(q);
      answerFigure(d, ind, figureKey(q, year), value);
      if (stored(q) === before) continue;
      any = true;
      if (q === "target" && !newIndicator) counts.target++;
      if (q === "actual") counts.realisasi++;
      if (q === "final") counts.akhir++;
    }
    return any;
  });
  renumber(d);
  return { counts, changed };
}
