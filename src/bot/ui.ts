/** Building replies: Telegram HTML from prompts (values escaped), inline buttons, documents. */
import { say, sayList, type MessageParams } from "../messages/catalog.js";
import { escapeHtml, TELEGRAM_LIMIT } from "../domain/draft/render/telegram.js";
import { formatCount } from "../domain/numbers/format.js";
import type { TimeZoneName } from "../domain/schema/agency.js";
import { IANA_ZONES } from "../app/time-zone.js";

export interface Button {
  /** Plain text label (not HTML). */
  label: string;
  /** callback_data, at most 64 bytes. */
  data: string;
}

export type Out =
  | { kind: "text"; html: string; keyboard?: Button[][] }
  | { kind: "document"; filename: string; data: Uint8Array; caption?: string }
  | { kind: "photo"; filename: string; data: Uint8Array; caption?: string }
  | { kind: "later"; make: () => Promise<Out[]> }
  /** A message to another private chat (an admin told that someone joined); its failure stops nothing. */
  | { kind: "notify"; chatId: number; html: string; keyboard?: Button[][] };

/**
 * Replies made once the update is stored and acknowledged, when they are sent: files and drafts made on the
 * export thread (0.3–2 s, longer behind other officers' files). Made while the update was handled, they held
 * its slot of the router's limit and, with PostgreSQL, its transaction and pooled connection for that long,
 * so a few officers exporting at once held up everyone's answers. `make` stores nothing; what it throws is said
 * as any error of an update is.
 */
export function later(make: () => Promise<Out[]>): Out {
  return { kind: "later", make };
}

/**
 * Messages to the private chats of `userIds`, sent after the replies to this update: once each, and none to
 * `actor`, the officer who did what they are told of (the reply tells them). `htmlText`: the same message for
 * all, or each one's own; `keyboard`: buttons under it (they act on what the message names, not on the
 * receiver's active agency: see AGENCY_FREE in router.ts).
 */
export function notifyOthers(userIds: Iterable<number>, actor: number, htmlText: string | ((userId: number) => string), keyboard?: Button[][]): Out[] {
  const told = new Set(userIds);
  told.delete(actor);
  return [...told].map((userId) => ({ kind: "notify", chatId: userId, html: typeof htmlText === "string" ? htmlText : htmlText(userId), ...(keyboard ? { keyboard } : {}) }));
}

/** An HTML message from a prompt key; every parameter is escaped. */
export function html(key: string, params: MessageParams = {}): string {
  return say(key, params, escapeHtml);
}

/** A label at the start of a line, as a sentence starts: "sumber data — 1.1 …" as "Sumber data — 1.1 …", "editor (sekali pakai)" as "Editor (sekali pakai)". */
export function sentenceStart(text: string): string {
  return text.charAt(0).toLocaleUpperCase("id-ID") + text.slice(1);
}

/** A plain-text label from a prompt key. */
/** A date as Indonesian writes it, in time zone `zone` (an agency's: app/time-zone.ts): "15 Januari 2025". */
export const longDate = (iso: string, zone: TimeZoneName) =>
  new Date(iso).toLocaleDateString("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: IANA_ZONES[zone] });

/** A moment in time zone `zone`, named: "16 Jan 2025, 14.30 WITA". */
export const dateTime = (iso: string, zone: TimeZoneName) =>
  `${new Date(iso).toLocaleString("id-ID", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: IANA_ZONES[zone] })} ${zone}`;

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

/**
 * What Telegram accepts in one message's inline keyboard: at most 100 buttons,
 * 8 in a row, and 10 KB as JSON (limits it enforces without documenting them:
 * github.com/tginfo/Telegram-Limits issues 187 and 228). The fake Telegram
 * refuses beyond them (src/local/fake-telegram.ts).
 */
export const TELEGRAM_KEYBOARD = { buttons: 100, perRow: 8, jsonBytes: 10_240 } as const;

/** What `splitKeyboard` fills a keyboard to: the bytes kept well under Telegram's, so a label's escaping or a longer id still fits. */
export const KEYBOARD_BUDGET = { ...TELEGRAM_KEYBOARD, jsonBytes: 8_000 } as const;

/**
 * A keyboard split into keyboards Telegram accepts, rows kept whole and in
 * order (a row wider than 8 is cut into rows of 8). One keyboard when it fits:
 * a long list (an agency with hundreds of indicators, an indicator with many
 * budget lines) goes out over several messages instead of being refused.
 */
export function splitKeyboard(rows: Button[][], budget = KEYBOARD_BUDGET): Button[][][] {
  if (rows.length === 0) return [];
  if (fitsSurely(rows, budget)) return [rows];
  const keyboards: Button[][][] = [];
  let current: Button[][] = [];
  let buttons = 0;
  let bytes = 0;
  for (const wide of rows) {
    for (let i = 0; i < wide.length; i += budget.perRow) {
      const row = wide.slice(i, i + budget.perRow);
      const rowBytes = Buffer.byteLength(JSON.stringify(row.map((b) => ({ text: b.label, callback_data: b.data })))) + 1;
      if (current.length > 0 && (buttons + row.length > budget.buttons || bytes + rowBytes > budget.jsonBytes)) {
        keyboards.push(current);
        current = [];
        buttons = 0;
        bytes = 0;
      }
      current.push(row);
      buttons += row.length;
      bytes += rowBytes;
    }
  }
  if (current.length > 0) keyboards.push(current);
  return keyboards;
}

/**
 * Whether a keyboard fits without measuring its JSON (most replies: a few short
 * buttons, every answer): no JSON character takes more than 6 bytes (`\u001f`),
 * and a button's keys and punctuation take 32.
 */
function fitsSurely(rows: Button[][], budget: { buttons: number; perRow: number; jsonBytes: number }): boolean {
  let buttons = 0;
  let bytes = 2;
  for (const row of rows) {
    if (row.length > budget.perRow) return false;
    buttons += row.length;
    bytes += 3;
    for (const b of row) bytes += 32 + 6 * (b.label.length + b.data.length);
  }
  return buttons <= budget.buttons && bytes <= budget.jsonBytes;
}

/** Telegram accepts at most 4096 characters per message: split at line boundaries, never inside a tag. */
export function splitHtml(htmlText: string, limit = TELEGRAM_LIMIT): string[] {
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

/** How many messages lines take, added one by one: splitHtml's way of splitting, counted without making the messages. */
export class MessageCount {
  private sent = 0;
  private current = 0;

  get messages(): number {
    return this.sent + (this.current > 0 ? 1 : 0);
  }

  add(line: string): this {
    const candidate = this.current > 0 ? this.current + 1 + line.length : line.length;
    if (candidate <= TELEGRAM_LIMIT) this.current = candidate;
    else {
      if (this.current > 0) this.sent++;
      let rest = line.length;
      for (; rest > TELEGRAM_LIMIT; rest -= TELEGRAM_LIMIT) this.sent++;
      this.current = rest;
    }
    return this;
  }

  copy(): MessageCount {
    const c = new MessageCount();
    c.sent = this.sent;
    c.current = this.current;
    return c;
  }
}

/**
 * Room left in one keyboard of KEYBOARD_BUDGET, counted as splitKeyboard counts it, at worst: each button with
 * its comma and the brackets of a row of its own.
 */
export class KeyboardRoom {
  private buttons = 0;
  private bytes = 2;

  constructor(fixed: readonly Button[] = []) {
    this.add(fixed);
  }

  /** Adds the buttons if they fit; says whether they did. */
  add(buttons: readonly Button[]): boolean {
    let bytes = 0;
    for (const b of buttons) bytes += Buffer.byteLength(JSON.stringify({ text: b.label, callback_data: b.data })) + 4;
    if (this.buttons + buttons.length > KEYBOARD_BUDGET.buttons || this.bytes + bytes > KEYBOARD_BUDGET.jsonBytes) return false;
    this.buttons += buttons.length;
    this.bytes += bytes;
    return true;
  }

  copy(): KeyboardRoom {
    const c = new KeyboardRoom();
    c.buttons = this.buttons;
    c.bytes = this.bytes;
    return c;
  }
}

/** What a page of a list holds around its items, and how an item is shown. */
export interface PageShape<T> {
  head: readonly string[];
  tail: readonly string[];
  /** Buttons every page has (the page buttons at their longest included). */
  fixed: readonly Button[];
  maxMessages: number;
  line: (item: T) => string;
  buttons?: (item: T) => Button[];
}

/**
 * A list's items in pages, in order, each page as long as it can be: its lines with the head and tail in at
 * most `maxMessages` messages, its buttons with the fixed ones in one keyboard. A single item too long for a
 * page still gets one of its own.
 */
export function pagesOf<T>(items: Iterable<T>, shape: PageShape<T>): T[][] {
  const start = shape.head.reduce((c, line) => c.add(line), new MessageCount());
  const fits = (c: MessageCount) => shape.tail.reduce((t, line) => t.add(line), c.copy()).messages <= shape.maxMessages;
  const pages: T[][] = [];
  let page: T[] = [];
  let counted = start.copy();
  let room = new KeyboardRoom(shape.fixed);
  for (const item of items) {
    const line = shape.line(item);
    const buttons = shape.buttons?.(item) ?? [];
    if (page.length > 0 && (!fits(counted.copy().add(line)) || !room.copy().add(buttons))) {
      pages.push(page);
      page = [];
      counted = start.copy();
      room = new KeyboardRoom(shape.fixed);
    }
    page.push(item);
    counted.add(line);
    room.add(buttons);
  }
  pages.push(page);
  return pages;
}

/** Page `page` (counted from 0) kept within `pages` pages: a button of an older, longer list still shows a page. */
export function pageWithin(page: number, pages: number): number {
  return Math.min(Math.max(page, 0), pages - 1);
}

/** "◀ Halaman 2" and "Halaman 4 ▶" around page `page` (counted from 0) of `pages`, their data made by `data`. */
export function pageButtons(page: number, pages: number, data: (page: number) => string): Button[] {
  const nav: Button[] = [];
  if (page > 0) nav.push(button(label("umum.tombol_halaman_sebelum", { nomor: formatCount(page) }), data(page - 1)));
  if (page < pages - 1) nav.push(button(label("umum.tombol_halaman_sesudah", { nomor: formatCount(page + 2) }), data(page + 1)));
  return nav;
}

/** The page buttons at their longest (a millionth page), for a PageShape's `fixed`. */
export function longestPageButtons(data: (page: number) => string): Button[] {
  return [button(label("umum.tombol_halaman_sebelum", { nomor: formatCount(999_999) }), data(999_998)), button(label("umum.tombol_halaman_sesudah", { nomor: formatCount(999_999) }), data(999_998))];
}

/**
 * The most messages a list of members, invitations or agencies is sent in whole. An agency may have 500
 * members with names of 200 characters (28 messages and 5 keyboards): longer lists come in pages.
 */
export const LIST_MESSAGES_MAX = 5;

/** A list whose every item is a line and perhaps buttons (see `listInPages`). */
export interface PagedList<T> {
  head: readonly string[];
  items: readonly T[];
  line: (item: T) => string;
  buttons?: (item: T) => Button[];
  /** Lines after the items, on every page ("Pilih anggota …"). */
  tail: readonly string[];
  /** Button rows after the items' buttons, on every page. */
  fixed: readonly Button[][];
  /** The data of the button to page `page` (counted from 0). */
  pageData: (page: number) => string;
  /** What the items are, for the note under a page: "anggota", "undangan", "instansi". */
  unit: string;
}

/**
 * The list whole when its lines take at most LIST_MESSAGES_MAX messages and its buttons one keyboard;
 * otherwise its page `page` (counted from 0, kept within the pages there are: a button of an older, longer
 * list still shows a page), then the note with the page buttons and the page's own.
 */
export function listInPages<T>(list: PagedList<T>, page = 0): Out[] {
  const lines = list.items.map(list.line);
  const buttons = list.items.map((item) => list.buttons?.(item) ?? []);
  const whole = [...list.head, ...lines, ...list.tail];
  const counted = whole.reduce((c, line) => c.add(line), new MessageCount());
  if (counted.messages <= LIST_MESSAGES_MAX && new KeyboardRoom(list.fixed.flat()).add(buttons.flat())) {
    return withKeyboard(splitHtml(whole.join("\n")), [...buttons.filter((row) => row.length > 0), ...list.fixed]);
  }
  const indexes = list.items.map((_, k) => k);
  const fixed = [...list.fixed.flat(), ...longestPageButtons(list.pageData)];
  const pages = pagesOf(indexes, { head: list.head, tail: list.tail, fixed, maxMessages: LIST_MESSAGES_MAX, line: (k) => lines[k]!, buttons: (k) => buttons[k]! });
  const p = pageWithin(page, pages.length);
  const shown = pages[p]!;
  const texts = splitHtml([...list.head, ...shown.map((k) => lines[k]!), ...list.tail].join("\n"));
  texts.push(html("umum.halaman_daftar", { jumlah: formatCount(lines.length), satuan: list.unit, maks: LIST_MESSAGES_MAX, halaman: formatCount(p + 1), dari: formatCount(pages.length) }));
  const nav = pageButtons(p, pages.length, list.pageData);
  return withKeyboard(texts, [nav, ...shown.map((k) => buttons[k]!), ...list.fixed].filter((row) => row.length > 0));
}

/** The messages, the last one with the keyboard. */
export function withKeyboard(texts: string[], keyboard: Button[][]): Out[] {
  return texts.map((h, k) => (k === texts.length - 1 ? text(h, keyboard) : text(h)));
}
