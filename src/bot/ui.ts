/** Building replies: Telegram HTML from prompts (values escaped), inline buttons, documents. */
import { say, sayList, type MessageParams } from "../messages/catalog.js";
import { escapeHtml } from "../domain/draft/render/telegram.js";

export interface Button {
  /** Plain text label (not HTML). */
  label: string;
  /** callback_data, at most 64 bytes. */
  data: string;
}

export type Out =
  | { kind: "text"; html: string; keyboard?: Button[][] }
  | { kind: "document"; filename: string; data: Uint8Array; caption?: string }
  | { kind: "photo"; filename: string; data: Uint8Array; caption?: string };

/** An HTML message from a prompt key; every parameter is escaped. */
export function html(key: string, params: MessageParams = {}): string {
  return say(key, params, escapeHtml);
}

/** A plain-text label from a prompt key. */
export function label(key: string, params: MessageParams = {}): string {
  return say(key, params);
}

export function labels(key: string): string[] {
  return sayList(key);
}

export function text(htmlText: string, keyboard?: Button[][]): Out {
  return keyboard && keyboard.length > 0 ? { kind: "text", html: htmlText, keyboard } : { kind: "text", html: htmlText };
}

export function reply(key: string, params: MessageParams = {}, keyboard?: Button[][]): Out {
  return text(html(key, params), keyboard);
}

export function button(labelText: string, data: string): Button {
  if (Buffer.byteLength(data, "utf8") > 64) throw new Error(`callback data too long: ${data}`);
  return { label: labelText, data };
}

/** Lay buttons out `perRow` per row. */
export function grid(buttons: Button[], perRow = 2): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

/** Escape text typed by users before putting it in HTML we build ourselves. */
export { escapeHtml };

/** Telegram accepts at most 4096 characters per message: split at line boundaries, never inside a tag. */
export function splitHtml(htmlText: string, limit = 4096): string[] {
  if (htmlText.length <= limit) return [htmlText];
  const out: string[] = [];
  let current = "";
  for (const line of htmlText.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (candidate.length <= limit) current = candidate;
    else {
      if (current) out.push(current);
      // A single line longer than the limit is plain escaped text in our messages: cut between entities.
      let rest = line;
      while (rest.length > limit) {
        let cut = limit;
        const amp = rest.lastIndexOf("&", cut);
        if (amp > cut - 8 && rest.indexOf(";", amp) >= cut) cut = amp;
        out.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      current = rest;
    }
  }
  if (current) out.push(current);
  return out;
}
