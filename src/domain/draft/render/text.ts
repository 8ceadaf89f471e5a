/** Plain text: for the terminal, e-mail, or any editor; tables as aligned monospace grids. */
import type { Block, Chapter, Section } from "../document.js";
import { monospaceTable } from "./layout.js";

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return b.text;
    case "paragraph":
      return b.text;
    case "list":
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${item.text}`).join("\n");
    case "table":
      return [`Tabel ${b.number} ${b.caption}`, "", ...monospaceTable(b), "", b.source, ...(b.note ? [b.note] : [])].join("\n");
    case "notice":
      return `[Catatan pemeriksaan] ${b.text}`;
  }
}

export function renderSectionText(section: Section): string {
  return [section.title.toUpperCase(), ...section.blocks.map(block)].join("\n\n");
}

export function renderText(chapter: Chapter, sections = chapter.sections): string {
  return [chapter.title, ...sections.map(renderSectionText)].join("\n\n\n") + "\n";
}
