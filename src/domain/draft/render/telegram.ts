/**
 * Telegram HTML: only the tags Telegram accepts (b, i, pre), every text
 * escaped, tables in <pre> laid out for a phone, and the whole output split
 * into messages of at most 4096 characters at block boundaries — never inside
 * a tag. Tables too wide for a phone become one "card" per row; rows marked
 * as detail (e.g. sub kegiatan) are left to the document export.
 */
import type { Block, Chapter, Section, Table } from "../document.js";
import { flatHeaders, monospaceTable, width } from "./layout.js";

export const TELEGRAM_LIMIT = 4096;
/** Characters that fit on one line of a <pre> block on a phone in portrait. */
export const PHONE_WIDTH = 34;

export interface TelegramOptions {
  /** Text under a table whose detail rows were left out. */
  fullTableNote: string;
  /** Label before a notice. */
  noticeLabel: string;
  limit?: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Wrap `text` to `size` columns; later lines get `indent`. Long words are cut. */
export function wrap(text: string, size: number, indent = ""): string[] {
  const lines: string[] = [];
  let line = "";
  for (let word of text.split(/\s+/).filter(Boolean)) {
    while (width(word) > size - width(indent)) {
      if (line) {
        lines.push(line);
        line = "";
      }
      const room = Math.max(1, size - width(lines.length > 0 ? indent : ""));
      const chars = [...word];
      lines.push((lines.length > 0 ? indent : "") + chars.slice(0, room).join(""));
      word = chars.slice(room).join("");
    }
    if (!word) continue;
    const prefix = line ? `${line} ` : lines.length > 0 ? indent : "";
    if (width(prefix + word) > size && line) {
      lines.push(line);
      line = indent + word;
    } else line = prefix + word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Table body lines for a phone (not yet escaped), and whether detail rows were left out. */
export function phoneTable(table: Table): { lines: string[]; omitted: boolean } {
  const rows = table.rows.filter((r) => !r.detail);
  const omitted = rows.length < table.rows.length;
  const grid = monospaceTable(table, rows);
  if (grid.every((l) => width(l) <= PHONE_WIDTH)) return { lines: grid, omitted };

  const headers = flatHeaders(table.columns);
  const labelIndex = Math.max(0, table.columns.findIndex((c) => c.label));
  const isTitle = (i: number) => i === labelIndex || (labelIndex > 0 && i === 0) || table.columns[i]!.merge === true;
  const lines: string[] = [];
  let lastGroup: string | undefined;
  for (const row of rows) {
    const cells = row.cells.map((c) => c.text);
    let title: string;
    if (row.kind === "total") {
      title = `Σ ${cells.filter((text, i) => isTitle(i) && text).join(" ")}`;
      lastGroup = undefined;
    } else {
      const group = table.columns.map((c, i) => (c.merge ? cells[i] : "")).filter(Boolean).join(" ");
      if (group && group !== lastGroup) {
        if (lines.length > 0) lines.push("");
        lines.push(...wrap(`▸ ${group}`, PHONE_WIDTH, "  "));
        lastGroup = group;
      }
      title = [labelIndex > 0 ? cells[0] : "", cells[labelIndex]].filter(Boolean).join(" ");
    }
    if (lines.length > 0) lines.push("");
    lines.push(...wrap(title, PHONE_WIDTH, "  "));
    const fields = table.columns
      .map((_c, i) => ({ i, header: headers[i]!, text: cells[i]! }))
      .filter(({ i, text }) => !isTitle(i) && text && text !== "-");
    const keyWidth = Math.min(14, Math.max(0, ...fields.map((f) => width(f.header))));
    for (const f of fields) {
      const key = width(f.header) > keyWidth ? [...f.header].slice(0, keyWidth - 1).join("") + "…" : f.header.padEnd(keyWidth);
      const prefix = `  ${key}: `;
      const valueLines = wrap(f.text, PHONE_WIDTH - width(prefix));
      valueLines.forEach((v, k) => lines.push((k === 0 ? prefix : " ".repeat(width(prefix))) + v));
    }
  }
  return { lines, omitted };
}

interface Piece {
  html: string;
}

/** A block as one or more HTML pieces, each small enough for a message on its own. */
function pieces(b: Block, options: TelegramOptions, limit: number): Piece[] {
  switch (b.type) {
    case "heading":
      return [{ html: `<b>${escapeHtml(b.text)}</b>` }];
    case "paragraph":
      return splitText(b.text, limit).map((t) => ({ html: escapeHtml(t) }));
    case "notice":
      return splitText(`⚠️ ${options.noticeLabel}: ${b.text}`, limit).map((t) => ({ html: `<i>${escapeHtml(t)}</i>` }));
    case "list":
      return b.items.flatMap((item, i) => splitText(`${b.ordered ? `${i + 1}.` : "•"} ${item.text}`, limit).map((t) => ({ html: escapeHtml(t) })));
    case "table": {
      const { lines, omitted } = phoneTable(b);
      const caption = `<b>Tabel ${escapeHtml(b.number)}</b> ${escapeHtml(b.caption)}`;
      const footer = [`<i>${escapeHtml(b.source)}</i>`];
      if (b.note) footer.push(`<i>${escapeHtml(b.note)}</i>`);
      if (omitted) footer.push(`<i>${escapeHtml(options.fullTableNote)}</i>`);
      const out: Piece[] = [];
      let chunk: string[] = [];
      const pre = (ls: string[]) => `<pre>${escapeHtml(ls.join("\n"))}</pre>`;
      const room = limit - caption.length - 20;
      for (const line of lines) {
        if (chunk.length > 0 && pre([...chunk, line]).length > room) {
          out.push({ html: out.length === 0 ? `${caption}\n${pre(chunk)}` : pre(chunk) });
          chunk = [];
        }
        chunk.push(line);
      }
      // A table without rows (its note says why) is its caption alone: an empty <pre> shows as blank lines.
      if (chunk.length > 0) out.push({ html: `${out.length === 0 ? `${caption}\n` : ""}${pre(chunk)}` });
      else out.push({ html: caption });
      out.push({ html: footer.join("\n") });
      return out;
    }
  }
}

/** Split text longer than `limit` (after escaping) at sentence, then word boundaries. */
function splitText(text: string, limit: number): string[] {
  if (escapeHtml(text).length <= limit) return [text];
  const sentences = text.match(/[^.!?]+[.!?]+(\s+|$)|[^.!?]+$/g) ?? [text];
  const out: string[] = [];
  let current = "";
  for (const s of sentences) {
    if (escapeHtml(current + s).length <= limit) current += s;
    else {
      if (current) out.push(current.trim());
      if (escapeHtml(s).length <= limit) current = s;
      else {
        const words = wrap(s, Math.floor(limit / 5));
        current = "";
        for (const w of words) {
          if (escapeHtml(`${current} ${w}`).length > limit) {
            out.push(current.trim());
            current = w;
          } else current = current ? `${current} ${w}` : w;
        }
      }
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Render sections as Telegram HTML messages, each at most `limit` characters. */
export function renderTelegram(sections: readonly Section[], options: TelegramOptions): string[] {
  const limit = options.limit ?? TELEGRAM_LIMIT;
  const messages: string[] = [];
  let current = "";
  const push = (html: string) => {
    if (current && current.length + 2 + html.length <= limit) current += `\n\n${html}`;
    else {
      if (current) messages.push(current);
      current = html;
    }
  };
  // A heading is never left alone at the end of a message: it travels with the next piece.
  let pendingHeadings: string[] = [];
  const pushPiece = (html: string, heading: boolean) => {
    if (heading) {
      pendingHeadings.push(html);
      return;
    }
    const joined = [...pendingHeadings, html].join("\n\n");
    pendingHeadings = [];
    if (joined.length <= limit) push(joined);
    else {
      for (const h of pendingHeadings) push(h);
      push(html);
    }
  };
  for (const section of sections) {
    pushPiece(`<b>${escapeHtml(section.title)}</b>`, true);
    for (const b of section.blocks) for (const p of pieces(b, options, limit)) pushPiece(p.html, b.type === "heading");
  }
  for (const h of pendingHeadings) push(h);
  if (current) messages.push(current);
  return messages;
}

export function renderTelegramChapter(chapter: Chapter, options: TelegramOptions, sections = chapter.sections): string[] {
  return renderTelegram(sections, options);
}
