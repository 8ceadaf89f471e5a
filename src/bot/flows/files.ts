/** Word and Excel exports (/ekspor) and charts (/grafik), made on the export thread (export/worker-pool.ts). */
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import type { DocxPart } from "../../export/index.js";
import { findIndicator, hasActual } from "../../app/entry/missing.js";
import { exportWorker, type FileJob, type MadeFile } from "../../export/worker-pool.js";
import { offThread } from "../off-thread.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, later, text, type Out } from "../ui.js";
import { chooseIndicatorOut } from "./choose-indicator.js";
import { registerExporter } from "./export.js";

/** The file of `job`, made off the bot's thread. */
function made(file: AgencyFile, job: FileJob): Promise<MadeFile> {
  return offThread(file, "ekspor", (thread) => thread.make(file, job));
}

/** The Word file of one part of the report, with its caption (/ekspor, and /draf when a draft is too long for the chat). */
export async function wordDocument(file: AgencyFile, part: DocxPart): Promise<Out> {
  const word = await made(file, { kind: "docx", part });
  const caption = html("ekspor.docx_keterangan", { bagian: label(`ekspor.bagian.${part}`), instansi: file.agency.name, tahun: file.agency.reportingYear });
  return { kind: "document", filename: word.filename, data: word.data, caption };
}

function docxExporter(part: DocxPart, format: string, buttonKey: string) {
  registerExporter({
    format,
    buttonKey,
    async run(turn) {
      const { doc } = await activeAgency(turn);
      return [later(async () => [await wordDocument(doc.data, part)])];
    },
  });
}

export function registerFileExports(): void {
  docxExporter("bab3", "docx", "ekspor.tombol_docx");
  docxExporter("ringkasan", "ringkasan", "ekspor.tombol_ringkasan");
  docxExporter("penutup", "penutup", "ekspor.tombol_penutup");
  registerExporter({
    format: "xlsx",
    buttonKey: "ekspor.tombol_xlsx",
    async run(turn) {
      const { doc } = await activeAgency(turn);
      return [
        later(async () => {
          const file = await made(doc.data, { kind: "xlsx" });
          return [{ kind: "document", filename: file.filename, data: file.data, caption: html("ekspor.xlsx_keterangan", { instansi: doc.data.agency.name, tahun: doc.data.agency.reportingYear }) }];
        }),
      ];
    },
  });
}

export async function chartMenu(turn: Turn): Promise<Outcome> {
  await activeAgency(turn);
  exportWorker().prepare(); // the thread loads while the officer chooses
  return outcome([
    text(html("grafik.pilih"), [
      [button(label("grafik.tombol_capaian"), "chart:capaian")],
      [button(label("grafik.tombol_efisiensi"), "chart:efisiensi")],
      [button(label("grafik.tombol_tren"), "chart:tren")],
    ]),
  ]);
}

/** The indicator of a trend chart: a button per indicator, or per sasaran first for a large agency; with `objectiveId`, that sasaran's. */
export async function chooseTrend(turn: Turn, objectiveId?: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const make = (i: Indicator) => button(`${i.code ?? ""} ${i.name}`.slice(0, 60), `chart:tren:${i.id}`);
  return outcome([chooseIndicatorOut(doc.data, "tren", html("grafik.pilih_indikator"), make, [], objectiveId) ?? text(html("akses.tombol_kedaluwarsa"))]);
}

/** The years with a realisasi of indicator `indicatorId` (its predecessor's, the IKU it replaced, included), oldest first. */
function yearsMeasured(file: AgencyFile, indicatorId: string): string[] {
  const ind = findIndicator(file, indicatorId);
  if (!ind) return [];
  const years = [ind.years, ind.predecessor?.years ?? {}].flatMap((ys) =>
    Object.entries(ys)
      .filter(([, y]) => hasActual(ind.kind, y))
      .map(([year]) => year),
  );
  return [...new Set(years)].sort();
}

export async function chart(turn: Turn, kind: string, indicatorId?: string): Promise<Outcome> {
  if (kind === "tren" && !indicatorId) return chooseTrend(turn);
  const { doc } = await activeAgency(turn);
  if (kind !== "capaian" && kind !== "efisiensi" && kind !== "tren") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  if (indicatorId && !doc.data.objectives.some((o) => o.indicators.some((i) => i.id === indicatorId))) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  return outcome([
    later(async () => {
      const png = await made(doc.data, { kind: "chart", chart: kind, ...(indicatorId ? { indicatorId } : {}) });
      const { width, height } = png.chart!;
      // Telegram refuses photos whose sides add up to more than 10,000 px or whose ratio exceeds 20:
      // a very long chart (hundreds of indicators) goes out as a document instead.
      const asPhoto = width + height <= 10_000 && Math.max(width, height) / Math.min(width, height) <= 20;
      const judul = png.chart!.title;
      const measured = kind === "tren" ? yearsMeasured(doc.data, indicatorId!) : [];
      // A trend of one year (or none) is a point: said so, with where the earlier years are typed.
      const caption = kind === "tren" && measured.length < 2 ? html("grafik.tren_satu_tahun", { judul, tahun: measured[0] ?? "" }) : html("grafik.keterangan", { judul });
      return [{ kind: asPhoto ? "photo" : "document", filename: png.filename, data: png.data, caption }];
    }),
  ]);
}
