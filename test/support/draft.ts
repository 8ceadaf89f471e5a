/** Helpers to read drafted sections in tests. */
import type { Block, Chapter, Paragraph, Section, SectionId, Table } from "../../src/domain/draft/document.js";

export function section(chapter: Chapter, id: SectionId): Section {
  const s = chapter.sections.find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

/** Every paragraph of a section, list items included, in order. */
export function paragraphsOf(blocks: readonly Block[]): Paragraph[] {
  return blocks.flatMap((b) => (b.type === "paragraph" ? [b] : b.type === "list" ? b.items : []));
}

export function texts(s: Section): string[] {
  return paragraphsOf(s.blocks).map((p) => p.text);
}

export function tables(chapter: Chapter): Table[] {
  return chapter.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === "table"));
}

/** The one paragraph of a section that mentions `needle`, with `also` if given. */
export function sentence(s: Section, needle: string, also?: string): string {
  const found = texts(s).filter((t) => t.includes(needle) && (also === undefined || t.includes(also)));
  if (found.length !== 1) throw new Error(`expected one paragraph with ${needle} in section ${s.id}, found ${found.length}`);
  return found[0]!;
}
