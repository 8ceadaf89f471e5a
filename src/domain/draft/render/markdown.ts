/** Markdown: headings, paragraphs, lists and GitHub-style tables, for pasting into editors that read Markdown. */
import type { Block, Chapter, Section, Table } from "../document.js";
import { displayCells, flatHeaders } from "./layout.js";

const escapeCell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(t: Table): string {
  const headers = flatHeaders(t.columns);
  const align = t.columns.map((c) => (c.align === "right" ? "---:" : c.align === "center" ? ":---:" : "---"));
  const lines = [
    `**Tabel ${t.number}** ${t.caption}`,
    "",
    `| ${headers.map(escapeCell).join(" | ")} |`,
    `| ${align.join(" | ")} |`,
    ...t.rows.map((r, i) => {
      const cells = displayCells(t, i).map((c, k) => {
        const indent = t.columns[k]?.label && c ? "\u00a0\u00a0".repeat(r.indent ?? 0) : "";
        const text = escapeCell(indent + c);
        if (!c) return text;
        if (r.kind === "total") return `**${text}**`;
        return r.italic ? `*${text}*` : text;
      });
      return `| ${cells.join(" | ")} |`;
    }),
    "",
    `*${t.source}*`,
  ];
  if (t.note) lines.push("", `*${t.note}*`);
  return lines.join("\n");
}

function block(b: Block): string {
  switch (b.type) {
    case "heading":
      return `${"#".repeat(b.level)} ${b.text}`;
    case "paragraph":
      return b.text;
    case "list":
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${item.text}`).join("\n");
    case "table":
      return table(b);
    case "notice":
      return `> **Catatan pemeriksaan:** ${b.text}`;
  }
}

export function renderSectionMarkdown(section: Section): string {
  return [`## ${section.title}`, ...section.blocks.map(block)].join("\n\n");
}

export function renderMarkdown(chapter: Chapter, sections = chapter.sections): string {
  return [`# ${chapter.title}`, ...sections.map(renderSectionMarkdown)].join("\n\n") + "\n";
}
