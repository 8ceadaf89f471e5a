/** Files made from an agency: Word (BAB III, executive summary, closing), Excel, charts. */
import { fileStem } from "./file-name.js";
import { renderMustache } from "../domain/mustache.js";
import { computeAgency } from "../domain/calc/agency.js";
import { draftChapter } from "../domain/draft/chapter.js";
import type { SectionId } from "../domain/draft/document.js";
import { wordingFile } from "../domain/draft/templates.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { achievementChart, efficiencyChart, toPng, trendChart, type Chart } from "./charts.js";
import { renderDocx, type DocxFigure } from "./docx.js";

export interface ExportedFile {
  filename: string;
  data: Uint8Array;
}

export type DocxPart = "bab3" | "ringkasan" | "penutup";
export const DOCX_PARTS: DocxPart[] = ["bab3", "ringkasan", "penutup"];

const PART_SECTIONS: Record<DocxPart, SectionId[]> = {
  bab3: ["1", "2", "3", "4", "5", "6", "7", "8"],
  ringkasan: ["ringkasan"],
  penutup: ["penutup"],
};

function figureCaption(n: number, chart: Chart): string {
  const words = wordingFile<{ grafik: { gambar: string } }>("kosakata");
  return renderMustache(words.grafik.gambar, { nomor: `3.${n}`, judul: chart.title });
}

export async function exportDocx(file: AgencyFile, part: DocxPart = "bab3"): Promise<ExportedFile> {
  const result = computeAgency(file);
  const figures: DocxFigure[] = [];
  if (part === "bab3") {
    const charts: [string, Chart][] = [
      ["3.2", achievementChart(result)],
      ["3.6", efficiencyChart(result)],
    ];
    // Both charts render at once, off the main thread, while the chapter is drafted and the document built.
    charts.forEach(([afterTable, chart], i) => {
      const png = toPng(chart);
      png.catch(() => undefined); // awaited by renderDocx; this only keeps a failure before that from going unhandled
      figures.push({ afterTable, png, width: chart.width, height: chart.height, caption: figureCaption(i + 1, chart) });
    });
  }
  const chapter = draftChapter(file, result);
  const sections = chapter.sections.filter((s) => PART_SECTIONS[part].includes(s.id));
  const data = await renderDocx(sections, { ...(part === "bab3" ? { title: chapter.title } : {}), figures, description: file.agency.name });
  return { filename: `${fileStem(file)}-${part === "bab3" ? "bab-iii" : part}.docx`, data };
}

export async function exportXlsx(file: AgencyFile): Promise<ExportedFile> {
  // exceljs is loaded with the first workbook: the export thread making Word files and drafts does without it.
  const { renderXlsx } = await import("./xlsx.js");
  return xlsxWith(renderXlsx, file);
}

/** The workbook of exportXlsx, made by `renderXlsx` as the caller loaded it (the export thread requires it: worker.ts). */
export async function xlsxWith(renderXlsx: typeof import("./xlsx.js").renderXlsx, file: AgencyFile): Promise<ExportedFile> {
  const result = computeAgency(file);
  return { filename: `${fileStem(file)}-data.xlsx`, data: await renderXlsx(file, result, draftChapter(file, result)) };
}

export type ChartKind = "capaian" | "efisiensi" | "tren";

export async function chartPng(file: AgencyFile, kind: ChartKind, indicatorId?: string): Promise<ExportedFile & { chart: Chart }> {
  const result = computeAgency(file);
  const chart = kind === "capaian" ? achievementChart(result) : kind === "efisiensi" ? efficiencyChart(result) : trendChart(result, indicatorId!);
  return { filename: `${fileStem(file)}-grafik-${kind}${indicatorId ? `-${indicatorId}` : ""}.png`, data: await toPng(chart), chart };
}
