/**
 * An agency file (.json, made by /ekspor json in another agency) sent to /impor: its content merged into the
 * active agency (import/merge-agency.ts) — how a Dinas registered twice is brought into one registration before
 * the other is closed. A preview says what is added, what is filled and which answers differ; nothing is stored
 * before "Gabungkan". The file is not kept in the conversation: "Gabungkan" downloads it again from Telegram and
 * checks it is the one previewed.
 *
 * The file is parsed, checked and merged on the bot's thread, as an edit is: about 65 ms for an agency of the
 * benchmark's size, about 300 ms for one near the schema's limits (100 indicators a sasaran, 5,000 budget lines:
 * 1.6 MB); it is rare (once for a Dinas registered twice), and files above 5 MB are refused unread.
 */
import { createHash } from "node:crypto";
import { describeField, indicatorName } from "../../app/describe.js";
import { editAgency } from "../../app/edits.js";
import { EditRejected } from "../../app/errors.js";
import { Decimal } from "../../domain/decimal.js";
import { formatCount as count, formatMegabytes, formatMoney, formatPlain } from "../../domain/numbers/format.js";
import { AgencyFileSchema, type AgencyFile } from "../../domain/schema/agency.js";
import { formatIssues } from "../../domain/schema/issues.js";
import { parseAgencyJson } from "../../domain/schema/parse-agency.js";
import { mergeAgency, type MergeResult } from "../../import/merge-agency.js";
import { say } from "../../messages/catalog.js";
import type { AgencyDocument } from "../../storage/documents.js";
import { IDLE, type State } from "../state.js";
import { flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, escapeHtml, html, label, sentenceStart, splitHtml, text } from "../ui.js";

/** The largest agency file merged (an agency near the schema's limits is about 1.6 MB). */
export const MAX_AGENCY_FILE_BYTES = 5 * 1024 * 1024;
/** Differences listed in the preview; the others are counted. */
const SHOWN_DIFFERENCES = 30;

/** Fetch a file sent earlier by its Telegram file id. */
export type FetchFile = (fileId: string) => Promise<Uint8Array>;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** The file as an agency file, or the reply saying why it is not one. */
function read(name: string, bytes: Uint8Array): { file: AgencyFile } | { reply: Outcome } {
  if (bytes.length > MAX_AGENCY_FILE_BYTES) {
    return { reply: outcome([text(html("impor.gabung.terlalu_besar", { nama: name, ukuran: formatMegabytes(bytes.length), maks: formatMegabytes(MAX_AGENCY_FILE_BYTES) }))], IDLE) };
  }
  const parsed = parseAgencyJson(new TextDecoder().decode(bytes));
  if (!parsed.ok) return { reply: outcome([text(html("impor.gabung.tidak_sah", { nama: name })), text(escapeHtml(parsed.errors.slice(0, 10).join("\n")))], IDLE) };
  return { file: parsed.file };
}

/** A long text cut after its last whole word within 100 characters. */
function clip(text: string): string {
  if (text.length <= 100) return text;
  const cut = text.slice(0, 100);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 60 ? cut.lastIndexOf(" ") : 100).replace(/[;,.]$/, "")}…`;
}

/** An answer as the preview shows it: numbers as Indonesian writes them, lists joined, none said. */
function shown(value: unknown): string {
  if (value === undefined || value === null) return say("impor.gabung.tidak_ada_nilai");
  if (typeof value === "string") return /^-?\d+(\.\d+)?$/.test(value) ? formatPlain(new Decimal(value), 6) : clip(value) || say("impor.gabung.kosong");
  if (Array.isArray(value)) return value.length === 0 ? say("impor.gabung.kosong") : shown(value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join("; "));
  const v = value as Record<string, unknown>;
  if ("min" in v && "max" in v) return `${shown(v.min)}–${shown(v.max)}`;
  if ("letter" in v || ("score" in v && !("value" in v))) return [v.letter, v.score !== undefined ? `(${shown(v.score)})` : undefined].filter(Boolean).join(" ");
  if ("numerator" in v || "actual" in v) return v.actual !== undefined ? shown(v.actual) : `${shown(v.numerator)}/${shown(v.denominator)}`;
  if ("value" in v && "year" in v) return `${shown(v.value)} (${String(v.kind ?? "")} ${String(v.year)})`.replace("( ", "(");
  if ("indicator" in v) return `${String(v.indicator)}: ${shown(v.target)} → ${shown(v.actual)}`;
  return shown(JSON.stringify(value));
}

/** An answer of the field `field` as the preview shows it: a polarity in words, Rupiah as Rupiah. */
function shownAt(field: string, value: unknown): string {
  if (field.endsWith("/polarity") && (value === "positive" || value === "negative")) return label(`impor.gabung.polaritas.${value}`);
  if (/\/(budget|spent)$/.test(field) && typeof value === "string" && /^\d+(\.\d+)?$/.test(value)) return formatMoney(new Decimal(value));
  return shown(value);
}

/** The indicator a path names ("objectives/S1/indicators/I2"), as "1.2 Nama". */
function indicatorAt(file: AgencyFile, field: string): string {
  const [, objectiveId, , indicatorId] = field.split("/");
  return indicatorName(file, objectiveId!, indicatorId!);
}

function previewLines(name: string, agency: AgencyDocument, source: AgencyFile, merged: AgencyFile, result: MergeResult): string[] {
  const { counts } = result;
  const tahun = agency.data.agency.reportingYear;
  const lines = [
    html("impor.gabung.pratinjau", { nama: name, asal: source.agency.name, tahunAsal: source.agency.reportingYear, instansi: agency.data.agency.name }),
    html("impor.gabung.ditambah", { sasaran: count(counts.sasaran), indikator: count(counts.indikator), anggaran: count(counts.anggaran) }),
    html("impor.gabung.diisi", { diisi: count(counts.diisi) }),
    html("impor.gabung.tetap"),
  ];
  if (source.agency.reportingYear !== tahun) lines.push("", html("impor.gabung.tahun_lain", { tahunAsal: source.agency.reportingYear, tahun }));
  if (result.skipped.length > 0) {
    lines.push("", html("impor.gabung.dilewati", { jumlah: count(result.skipped.length) }));
    for (const s of result.skipped) {
      const [di_sini, di_berkas] = s.why === "jenis" ? [label(`impor.gabung.jenis.${s.kept}`), label(`impor.gabung.jenis.${s.file}`)] : [s.kept, s.file];
      lines.push(html(`impor.gabung.dilewati_${s.why}`, { indikator: indicatorAt(merged, s.field), di_sini, di_berkas }));
    }
  }
  if (result.differences.length > 0) {
    lines.push("", html("impor.gabung.berbeda", { jumlah: count(result.differences.length) }));
    for (const d of result.differences.slice(0, SHOWN_DIFFERENCES)) {
      lines.push(html("impor.gabung.berbeda_butir", { medan: sentenceStart(describeField(merged, d.field)), di_sini: shownAt(d.field, d.kept), di_berkas: shownAt(d.field, d.file) }));
    }
    if (result.differences.length > SHOWN_DIFFERENCES) lines.push(html("impor.gabung.berbeda_lain", { jumlah: count(result.differences.length - SHOWN_DIFFERENCES) }));
  }
  return lines;
}

const nothingToAdd = (r: MergeResult) => r.counts.sasaran + r.counts.indikator + r.counts.anggaran + r.counts.diisi === 0;

/** A .json sent to /impor: the preview of merging it into `agency`, and "Gabungkan". */
export function receiveAgencyFile(agency: AgencyDocument, name: string, bytes: Uint8Array, fileId: string): Outcome {
  const got = read(name, bytes);
  if ("reply" in got) return got.reply;
  const merged = structuredClone(agency.data) as AgencyFile;
  const result = mergeAgency(merged, got.file);
  // The preview comes from merging into a copy: exactly what "Gabungkan" will do to the same data.
  const valid = AgencyFileSchema.safeParse(merged);
  if (!valid.success) return outcome([text(html("impor.tidak_sah", { nama: name })), text(escapeHtml(formatIssues(valid.error, merged).slice(0, 10).join("\n")))], IDLE);
  const lines = previewLines(name, agency, got.file, merged, result);
  if (nothingToAdd(result)) {
    const done = [html("impor.gabung.tidak_ada", { nama: name, instansi: agency.data.agency.name }), ...lines.slice(4)];
    return outcome(splitHtml(done.join("\n")).map((h) => text(h)), IDLE);
  }
  const messages = splitHtml(lines.join("\n")).map((h) => text(h));
  const buttons = [[button(label("impor.gabung.tombol_simpan"), "mrg:save"), button(label("impor.tombol_batal"), "mrg:cancel")]];
  messages.push(text(html("impor.gabung.tanya", { instansi: agency.data.agency.name }), buttons));
  return outcome(messages, { v: 1, flow: "merge", agencyId: agency.data.agency.id, filename: name, fileId, sha256: sha256(bytes) });
}

/** "Gabungkan" or "Batal" of the preview: the file downloaded again, checked, and merged into the agency as it is now. */
export async function mergeCallback(turn: Turn, state: State, data: string, fetch: FetchFile): Promise<Outcome> {
  if (state.flow !== "merge") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  if (data === "mrg:cancel") return outcome([text(html("umum.dibatalkan"))], IDLE);
  const agency = await flowAgency(turn, state.agencyId, "editor");
  let bytes: Uint8Array;
  try {
    bytes = await fetch(state.fileId);
  } catch {
    return outcome([text(html("impor.gagal_unduh"))], IDLE);
  }
  if (sha256(bytes) !== state.sha256) return outcome([text(html("impor.gabung.berubah", { nama: state.filename }))], IDLE);
  const got = read(state.filename, bytes);
  if ("reply" in got) return got.reply;
  let result: MergeResult | undefined;
  await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
    result = mergeAgency(d, got.file);
  }).catch((e: unknown) => {
    if (e instanceof EditRejected) throw new EditRejected([say("impor.gabung.tidak_disimpan"), ...e.messages.slice(0, 20)]);
    throw e;
  });
  const { counts } = result!;
  const instansi = agency.data.agency.name;
  if (nothingToAdd(result!)) return outcome([text(html("impor.gabung.tidak_ada", { nama: state.filename, instansi }))], IDLE);
  const saved = html("impor.gabung.tersimpan", { instansi, sasaran: count(counts.sasaran), indikator: count(counts.indikator), anggaran: count(counts.anggaran), diisi: count(counts.diisi) });
  return outcome([text(`${saved}\n\n${html("impor.gabung.tutup_ganda")}`)], IDLE);
}
