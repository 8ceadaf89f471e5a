/** Drafts the whole BAB III (plus the executive summary and the closing) from an agency file. */
import { computeAgency, type AgencyResult } from "../calc/agency.js";
import type { AgencyFile } from "../schema/agency.js";
import { DraftContext } from "./context.js";
import { SECTION_IDS, type Chapter, type Section, type SectionId } from "./document.js";
import { budgetSection } from "./sections/budget.js";
import { causesSection } from "./sections/causes.js";
import { closingSection } from "./sections/closing.js";
import { efficiencySection } from "./sections/efficiency.js";
import { historySection } from "./sections/history.js";
import { nationalSection } from "./sections/national.js";
import { programsSection } from "./sections/programs.js";
import { renstraSection } from "./sections/renstra.js";
import { summarySection } from "./sections/summary.js";
import { targetsSection } from "./sections/targets.js";

/** Section builders in document order. */
const BUILDERS: Record<SectionId, (ctx: DraftContext) => Section> = {
  ringkasan: summarySection,
  "1": targetsSection,
  "2": historySection,
  "3": renstraSection,
  "4": nationalSection,
  "5": causesSection,
  "6": efficiencySection,
  "7": programsSection,
  "8": budgetSection,
  penutup: closingSection,
};

export function draftChapter(file: AgencyFile, result: AgencyResult = computeAgency(file)): Chapter {
  const ctx = new DraftContext(file, result);
  const sections = SECTION_IDS.map((id) => BUILDERS[id](ctx));
  return { title: ctx.word("bab"), sections };
}

export function selectSections(chapter: Chapter, ids: readonly SectionId[]): Section[] {
  return chapter.sections.filter((s) => ids.includes(s.id));
}
