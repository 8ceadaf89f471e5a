/** The drafting engine's entry points: draft a chapter and render chosen sections in a format. */
import { computeAgency, type AgencyResult } from "../calc/agency.js";
import type { AgencyFile } from "../schema/agency.js";
import { draftChapter, selectSections } from "./chapter.js";
import { SECTION_IDS, type Chapter, type SectionId } from "./document.js";
import { renderMarkdown } from "./render/markdown.js";
import { renderTelegram } from "./render/telegram.js";
import { renderText } from "./render/text.js";
import { wordingFile } from "./templates.js";

export type DraftFormat = "md" | "html" | "teks";
export const DRAFT_FORMATS: DraftFormat[] = ["md", "html", "teks"];

/** "semua", "1".."8", "ringkasan", "penutup", or a comma list ("1,3"). Undefined when not understood. */
export function parseSectionChoice(choice: string): SectionId[] | undefined {
  const wanted = choice.trim().toLowerCase();
  if (wanted === "" || wanted === "semua") return [...SECTION_IDS];
  const ids = wanted.split(/[,\s]+/).filter(Boolean);
  if (ids.some((id) => !SECTION_IDS.includes(id as SectionId))) return undefined;
  return SECTION_IDS.filter((id) => ids.includes(id));
}

export function telegramOptions() {
  const words = wordingFile<{ telegram: { tabel_lengkap: string; catatan: string } }>("kosakata");
  return { fullTableNote: words.telegram.tabel_lengkap, noticeLabel: words.telegram.catatan };
}

/** Render the chosen sections: one string for md/teks; Telegram messages (≤ 4096 chars each) for html. */
export function renderDraft(chapter: Chapter, sections: readonly SectionId[], format: DraftFormat): string[] {
  const chosen = selectSections(chapter, sections);
  if (format === "md") return [renderMarkdown(chapter, chosen)];
  if (format === "teks") return [renderText(chapter, chosen)];
  return renderTelegram(chosen, telegramOptions());
}

export function draftAgency(file: AgencyFile, result: AgencyResult = computeAgency(file)): Chapter {
  return draftChapter(file, result);
}
