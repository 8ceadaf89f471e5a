/**
 * /impor — the officer sends an .xlsx or .csv (Perjanjian Kinerja and budget
 * sheets); every row is checked, a preview lists the problems per row, and
 * nothing is stored until "Simpan". /templat sends a template to fill in. An agency file (.json) is merged
 * instead (merge.ts).
 */
import type { Context } from "grammy";
import { editAgency } from "../../app/edits.js";
import { EditRejected } from "../../app/errors.js";
import { formatCount as count, formatMegabytes, formatMoney } from "../../domain/numbers/format.js";
import { Decimal } from "../../domain/decimal.js";
import { AgencyFileSchema } from "../../domain/schema/agency.js";
import { formatIssues } from "../../domain/schema/issues.js";
import { MAX_ROWS, MAX_XLSX_UNPACKED_BYTES } from "../../import/limits.js";
import { say } from "../../messages/catalog.js";
import { onExportThread } from "../off-thread.js";
import { IDLE, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, escapeHtml, html, label, later, splitHtml, text } from "../ui.js";
import { MAX_AGENCY_FILE_BYTES, receiveAgencyFile } from "./merge.js";
import { isDeepStrictEqual } from "node:util";
import type { PkRow } from "../../import/plan.js";
import type { BudgetRow } from "../../import/budget-sheet.js";
import type { Sheet } from "../../import/spreadsheet.js";
import type { AgencyDocument } from "../../storage/documents.js";
import { kindName } from "../../import/indicator-kind.js";
import { FACTOR_KINDS } from "../../app/entry/keys.js";
import { isRatioText } from "../../app/entry/answers.js";
import { DESCRIPTION_FIELDS } from "../../import/pk-cells.js";
import { aboveHundredLines } from "./import-warnings.js";
import { capaianDiffers } from "../../app/capaian-check.js";
import { formatFor } from "../../app/entry/present.js";

/** Telegram lets bots download files up to 20 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const SHOWN_PROBLEMS = 30;
const SHOWN_RENAMED = 10;
/** New indicators of one kind named in the preview ("Indikator baru berjenis rasio: …"). */
const SHOWN_OF_KIND = 5;

export type Download = (ctx: Context, fileId: string) => Promise<Uint8Array>;


export async function importHelp(turn: Turn): Promise<Outcome> {
  await activeAgency(turn, "editor");
  return outcome([text(html("impor.petunjuk"))]);
}

export async function sendTemplate(turn: Turn): Promise<Outcome> {
  await activeAgency(turn);
  return outcome([
    later(async () => {
      // Made on the export thread (exceljs is never loaded on the bot's), once per process.
      const template = await onExportThread((thread) => thread.template(), () => say("impor.templat_sibuk"));
      return [{ kind: "document", filename: template.filename, data: template.data, caption: html("impor.templat_keterangan") }];
    }),
  ]);
}

/** What to say about a file the import does not read but officers often send: old Excel, LibreOffice, old Word, PDF. */
function otherKind(name: string): string | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const kind = ext === "xls" ? "xls" : ext === "ods" ? "ods" : ext === "doc" || ext === "rtf" ? "word" : ext === "pdf" ? "pdf" : undefined;
  return kind && `impor.jenis_lain.${kind}`;
}

/** A document arrived: read it, plan the import, show the preview. */
export async function receiveDocument(turn: Turn, ctx: Context, download: Download): Promise<Outcome | undefined> {
  const doc = ctx.message?.document;
  if (!doc) return undefined;
  const { doc: agency } = await activeAgency(turn, "editor");
  const name = (doc.file_name ?? "berkas").slice(0, 200);
  if ((doc.file_size ?? 0) > MAX_IMPORT_BYTES) return outcome([text(html("impor.terlalu_besar", { ukuran: formatMegabytes(doc.file_size ?? 0), maks: formatMegabytes(MAX_IMPORT_BYTES) }))]);
  // An agency file (/ekspor json of another agency) is merged, not read as a table.
  const agencyFile = /\.json$/i.test(name);
  if (!/\.(xlsx|csv|txt|docx|json)$/i.test(name)) return outcome([text(html(otherKind(name) ?? "impor.bukan_lembar", { nama: name }))]);
  if (agencyFile && (doc.file_size ?? 0) > MAX_AGENCY_FILE_BYTES) {
    return outcome([text(html("impor.gabung.terlalu_besar", { nama: name, ukuran: formatMegabytes(doc.file_size ?? 0), maks: formatMegabytes(MAX_AGENCY_FILE_BYTES) }))]);
  }
  let bytes: Uint8Array;
  try {
    bytes = await download(ctx, doc.file_id);
  } catch {
    return outcome([text(html("impor.gagal_unduh"))]);
  }
  if (bytes.length > MAX_IMPORT_BYTES) return outcome([text(html("impor.terlalu_besar", { ukuran: formatMegabytes(bytes.length), maks: formatMegabytes(MAX_IMPORT_BYTES) }))]);
  if (agencyFile) return receiveAgencyFile(agency, name, bytes, doc.file_id);
  const { sheetKind } = await import("../../import/plan.js");
  // Read on the export thread: a workbook of 2,000 rows takes 100–370 ms and its memory grows with the file.
  const KEYS = { memory: "impor.memori_kurang", timeout: "impor.terlalu_lama", busy: "impor.sibuk" } as const;
  const read = await onExportThread((thread) => thread.read(name, bytes), (reason, detik) => say(KEYS[reason], { nama: name, detik }));
  if (!read.ok) {
    if (read.reason === "too_large") return outcome([text(html("impor.isi_terlalu_besar", { nama: name, maks: formatMegabytes(MAX_XLSX_UNPACKED_BYTES) }))]);
    const key = read.reason === "empty" ? "impor.kosong" : read.reason === "too_many_rows" ? "impor.terlalu_banyak_baris" : "impor.bukan_lembar";
    return outcome([text(html(key, { nama: name, maks: count(MAX_ROWS) }))]);
  }
  const known = read.sheets.filter((s) => sheetKind(s) !== undefined);
  if (known.length === 0) return outcome([text(html("impor.tanpa_kepala", { lembar: read.sheets[0]?.name ?? name }))]);
  return previewImport(agency, name, read.sheets);
}

/**
 * The preview of the rows of `sheets` (a file's, or a budget table pasted in /tempel), waiting for Simpan; `name`:
 * what the preview calls them.
 */
export async function previewImport(agency: AgencyDocument, name: string, sheets: Sheet[]): Promise<Outcome> {
  const { planImport, applyPlan, renamesOf } = await import("../../import/plan.js");
  const file = agency.data;
  const plan = planImport(file, sheets);
  const lines = [html("impor.pratinjau", { nama: name, tahun: file.agency.reportingYear })];
  // The preview counts come from applying the plan to a copy: exactly what "Simpan" will do.
  const preview = structuredClone(file) as typeof file;
  const { counts } = applyPlan(preview, plan);
  const valid = AgencyFileSchema.safeParse(preview);
  if (!valid.success) return outcome([text(html("impor.tidak_sah", { nama: name })), text(escapeHtml(formatIssues(valid.error, preview).slice(0, 10).join("\n")))], IDLE);
  if (plan.pk.length > 0) {
    const summary = { baris: count(plan.pk.length), sasaranBaru: count(counts.sasaran), indikatorBaru: count(counts.indikator), indikatorLama: count(counts.diperbarui), sama: count(counts.sama) };
    lines.push(html(counts.sama > 0 ? "impor.ringkasan_pk_sama" : "impor.ringkasan_pk", summary));
    for (const r of plan.pk.slice(0, 10)) {
      const figures = rowFigures(r).join(", ");
      lines.push(html("impor.contoh_baris", { baris: r.row, isi: `${r.objective} → ${r.name} (${r.unit})${figures ? `: ${figures}` : ""}` }));
    }
    if (plan.pk.length > 10) lines.push(html("impor.baris_lain", { jumlah: count(plan.pk.length - 10) }));
    if (counts.indikator > 0) {
      const kinds = newKinds(plan.pk);
      lines.push(html(plan.pk.every((r) => r.polarity) ? "impor.indikator_baru_berpolaritas" : "impor.indikator_baru_positif", { kecuali: kinds.length > 0 }));
      for (const k of kinds) lines.push(html("impor.indikator_baru_jenis", { jenis: k.name, nama: k.rows.slice(0, SHOWN_OF_KIND).join("; "), lagi: k.rows.length > SHOWN_OF_KIND ? count(k.rows.length - SHOWN_OF_KIND) : "" }));
      if (kinds.some((k) => k.ratio)) lines.push(html("impor.indikator_baru_rasio"));
    }
    lines.push(...aboveHundredLines(file, preview, plan.pk));
    for (const r of plan.kindDiffers.slice(0, SHOWN_RENAMED)) lines.push(html("impor.jenis_berbeda", { baris: r.row, di_berkas: r.written, nama: r.name, di_sini: kindName(r.stored) }));
    if (plan.kindDiffers.length > SHOWN_RENAMED) lines.push(html("impor.jenis_berbeda_lagi", { jumlah: count(plan.kindDiffers.length - SHOWN_RENAMED) }));
    for (const r of plan.renamed.slice(0, SHOWN_RENAMED)) lines.push(html(r.rename ? "impor.kode_nama_lain_ganti" : "impor.kode_nama_lain", { baris: r.row, kode: r.code, di_sini: r.stored, di_berkas: r.name }));
    if (plan.renamed.length > SHOWN_RENAMED) lines.push(html("impor.kode_nama_lain_lagi", { jumlah: count(plan.renamed.length - SHOWN_RENAMED) }));
  }
  if (plan.budget.length > 0) {
    lines.push(html("impor.ringkasan_anggaran", { baris: count(plan.budget.length), baru: count(counts.anggaran), diperbarui: countIfAny(counts.anggaranDiperbarui), sama: countIfAny(counts.anggaranSama) }));
    for (const r of plan.budget.slice(0, 10)) lines.push(html("impor.contoh_baris", { baris: r.row, isi: budgetRowText(r) }));
    if (plan.budget.length > 10) lines.push(html("impor.baris_lain", { jumlah: count(plan.budget.length - 10) }));
  }
  const differ = capaianDiffers(preview, plan.writtenCapaian);
  if (differ.length > 0) lines.push(html("impor.capaian_berbeda"));
  for (const { index, computed, otherPolarity } of differ.slice(0, SHOWN_PROBLEMS)) {
    const w = plan.writtenCapaian[index]!;
    const polaritas = otherPolarity && label(`tempel.polaritas_lain.${otherPolarity}`);
    lines.push(html("impor.capaian_berbeda_baris", { lembar: w.sheet, baris: w.row, nama: w.name, tertulis: w.text, hitungan: formatFor(preview).percent(computed), polaritas }));
  }
  if (differ.length > SHOWN_PROBLEMS) lines.push(html("impor.baris_lain", { jumlah: count(differ.length - SHOWN_PROBLEMS) }));
  for (const ignored of plan.ignoredColumns) lines.push(html("impor.catatan_kolom", { lembar: ignored.sheet, kolom: ignored.columns.join(", ") }));
  for (const later of plan.laterColumns) lines.push(html("impor.catatan_tahun_depan", { lembar: later.sheet, kolom: later.columns.join(", "), tahun: file.agency.reportingYear }));
  if (plan.computedSheets?.length) lines.push(html("impor.catatan_lembar_hitungan", { lembar: plan.computedSheets.join(", ") }));
  if (plan.problems.length > 0) {
    lines.push("", html("impor.masalah", { jumlah: count(plan.problems.length) }));
    for (const p of plan.problems.slice(0, SHOWN_PROBLEMS)) lines.push(html("impor.masalah_baris", { lembar: p.sheet, baris: p.row, kolom: p.column, pesan: p.message }));
    if (plan.problems.length > SHOWN_PROBLEMS) lines.push(html("impor.masalah_lain", { jumlah: count(plan.problems.length - SHOWN_PROBLEMS) }));
  }
  const messages = splitHtml(lines.join("\n")).map((h) => text(h));
  const good = plan.pk.length + plan.budget.length;
  if (good === 0) return outcome([...messages, text(html("impor.tidak_ada_yang_benar"))], IDLE);
  // The rows hold only what is stored (the bot's own workbook sent back unchanged): nothing to save.
  if (isDeepStrictEqual(preview, file)) return outcome([...messages, text(html("impor.tidak_ada_perubahan", { tahun: file.agency.reportingYear }))], IDLE);
  const renames = renamesOf(plan);
  const keyboard = [[button(label("impor.tombol_simpan"), "imp:save"), button(label("impor.tombol_batal"), "imp:cancel")]];
  if (renames.length > 0) keyboard.splice(1, 0, [button(label("impor.tombol_simpan_ganti_nama", { jumlah: renames.length }), "imp:rename")]);
  messages.push(text(html(renames.length > 0 ? "impor.tanya_simpan_ganti_nama" : "impor.tanya_simpan", { jumlah: count(good) }), keyboard));
  return outcome(messages, { v: 1, flow: "import", agencyId: file.agency.id, filename: name, pk: plan.pk, budget: plan.budget, ...(renames.length > 0 ? { renames } : {}) });
}

export async function importCallback(turn: Turn, state: State, data: string): Promise<Outcome> {
  if (state.flow !== "import") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  if (data === "imp:cancel") return outcome([text(html("umum.dibatalkan"))], IDLE);
  await flowAgency(turn, state.agencyId, "editor");
  const { applyPlan } = await import("../../import/plan.js");
  let counts = { sasaran: 0, indikator: 0, diperbarui: 0, sama: 0, anggaran: 0, anggaranSama: 0, anggaranDiperbarui: 0 };
  const renames = data === "imp:rename" ? (state.renames ?? []) : [];
  await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
    const applied = applyPlan(d, state, renames);
    // The data changed since the preview (another officer edited it): store nothing, say which rows.
    if (applied.problems.length > 0) throw new EditRejected([say("impor.tidak_disimpan"), ...applied.problems.slice(0, 20)]);
    counts = applied.counts;
  });
  return outcome(
    [text(html("impor.tersimpan", { sasaran: count(counts.sasaran), indikator: count(counts.indikator), diperbarui: count(counts.diperbarui), anggaran: count(counts.anggaran), anggaranDiperbarui: countIfAny(counts.anggaranDiperbarui), ganti: countIfAny(renames.length) }))],
    IDLE,
  );
}

/** A count for a message's optional part (`{{#ganti}}…{{/ganti}}`): empty when there is none, so the part is left out. */
const countIfAny = (n: number): string => (n > 0 ? count(n) : "");

/** A realisasi given as a figure, not as a numerator and denominator ("31/36", "31 dari 36"). */
const isFigure = (actual: string | undefined) => actual !== undefined && !isRatioText(actual);

/**
 * The new indicators of each kind other than a plain value, by name, as the preview lists them; `ratio`: a new ratio
 * indicator whose realisasi is a figure (its numerator and denominator are asked later).
 */
function newKinds(rows: readonly PkRow[]): { name: string; ratio: boolean; rows: string[] }[] {
  const kinds = new Map<string, { name: string; ratio: boolean; rows: string[] }>();
  for (const r of rows) {
    if (!r.kind) continue;
    const name = kindName({ kind: r.kind, gradeTable: r.gradeTable });
    const k = kinds.get(name) ?? kinds.set(name, { name, ratio: false, rows: [] }).get(name)!;
    k.rows.push(r.name);
    if (r.kind === "ratio" && [r.actual, ...(r.history ?? []).map((h) => h.actual)].some(isFigure)) k.ratio = true;
  }
  return [...kinds.values()];
}

/** What a Perjanjian Kinerja row gives, as the preview lists it ("target 100, realisasi 98,5, target 2023 95 …"). */
/** One figure of a row in the preview ("target 97,5", "pagu Rp1.373.500.000"). */
const item = (key: string, params: Record<string, string | number> = {}) => say(`impor.contoh_isi.${key}`, params);

/** A budget row as the preview shows it: its line under its parents, its pagu and realisasi. */
function budgetRowText(r: BudgetRow): string {
  const money = (v: string) => formatMoney(new Decimal(v));
  const figures = [r.budget && item("pagu", { isi: money(r.budget) }), r.spent && item("realisasi_anggaran", { isi: money(r.spent) })].filter(Boolean);
  const path = [r.program, r.activity, r.subActivity].filter(Boolean).join(" → ");
  return figures.length > 0 ? `${path}: ${figures.join(", ")}` : path;
}

function rowFigures(r: PkRow): string[] {
  const figures: string[] = [];
  if (r.polarity) figures.push(item(`polaritas.${r.polarity}`));
  if (r.target) figures.push(item("target", { isi: r.target }));
  if (r.actual) figures.push(item("realisasi", { isi: r.actual }));
  for (const h of [...(r.history ?? [])].sort((a, b) => b.year - a.year)) {
    if (h.target) figures.push(item("target_tahun", { tahun: h.year, isi: h.target }));
    if (h.actual) figures.push(item("realisasi_tahun", { tahun: h.year, isi: h.actual }));
  }
  if (r.final) figures.push(item("final", { isi: r.final }));
  if (r.national) figures.push(item("nasional", { isi: r.national.value, tahun: r.national.year }));
  else if (r.national === null) figures.push(item("nasional_tidak_ada"));
  for (const which of FACTOR_KINDS) if (r.factors?.[which] !== undefined) figures.push(item(which));
  for (const field of DESCRIPTION_FIELDS) if (r.texts?.[field] !== undefined) figures.push(item(field));
  if (r.predecessor?.name !== undefined) figures.push(item("iku_lama", { nama: r.predecessor.name }));
  if (r.budget) figures.push(item("pagu", { isi: r.budget }));
  if (r.spent) figures.push(item("realisasi_anggaran", { isi: r.spent }));
  return figures;
}
