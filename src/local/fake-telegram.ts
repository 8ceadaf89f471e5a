/**
 * A stand-in for the Telegram Bot API, used by the local chat mode and the
 * tests: an API transformer answers every call without network and records
 * it, and helpers build the updates a user would send (text, button presses,
 * documents). Failures can be injected to test retries and blocked users.
 */
import type { Bot, Transformer } from "grammy";
import { GrammyError, InputFile } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import { TELEGRAM_LIMIT } from "../domain/draft/render/telegram.js";
import { TELEGRAM_KEYBOARD } from "../bot/ui.js";
import { CAPTION_LIMIT, htmlProblems } from "./telegram-html.js";

export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 777000,
  is_bot: true,
  first_name: "Asisten LKjIP",
  username: "asisten_lkjip_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

export interface SentButton {
  text: string;
  callback_data: string;
}

export interface SentMessage {
  method: string;
  chatId: number;
  messageId: number;
  text: string;
  keyboard: SentButton[][];
  /** Bytes of a sent document or photo. */
  file?: { filename: string; data: Uint8Array };
  caption?: string;
}

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface Refusal {
  method: string;
  problem: string;
  text: string;
}

type Failure = { method: string; error?: Error; response?: { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } } };

function fileBytes(file: unknown): { filename: string; data: Uint8Array } | undefined {
  if (!(file instanceof InputFile)) return undefined;
  const raw = (file as unknown as { fileData: unknown }).fileData;
  const data = raw instanceof Uint8Array ? raw : new Uint8Array();
  return { filename: file.filename ?? "berkas", data };
}

export class FakeTelegram {
  readonly calls: { method: string; payload: Record<string, unknown> }[] = [];
  /** Files "uploaded" by users, by file id, served to the bot's download function. */
  readonly files = new Map<string, Uint8Array>();
  readonly sent: SentMessage[] = [];
  /** Message ids, as Telegram gives them: one rising sequence for the user's messages and the bot's. */
  private nextMessageId: number;
  private nextUpdateId: number;
  private failures: Failure[] = [];
  /** Messages refused as Telegram refuses them (HTML it cannot parse; text, caption or keyboard over the limits; empty): the method, the problem and the text. */
  readonly refused: Refusal[] = [];
  /** Every instance's refusals, for the tests' check after each test (test/support/refused-messages.ts). */
  static readonly refusedAnywhere: Refusal[] = [];

  /**
   * `firstUpdateId`, `firstMessageId`: where the numbering starts. A chat that goes on with data stored by an earlier
   * run (the local chat) starts both above what that run used, as Telegram's numbers keep rising: a stored update id
   * counts as handled, and buttons on messages numbered before the user's active agency was chosen are refused.
   */
  constructor(firstUpdateId = 1, firstMessageId = 1) {
    this.nextUpdateId = firstUpdateId;
    this.nextMessageId = firstMessageId;
  }

  /** Make the next call of `method` fail (once per call to this function). */
  failNext(method: string, error: Error): void {
    this.failures.push({ method, error });
  }

  /** Make the next call of `method` answer with an error response (e.g. 429 with retry_after). */
  failNextResponse(method: string, response: NonNullable<Failure["response"]>): void {
    this.failures.push({ method, response });
  }

  /** Chats of users who blocked the bot: every message sent there fails with 403 (see `blocked`). */
  readonly blockedChats = new Set<number>();

  /** A 403 "bot was blocked by the user" error as grammY reports it. */
  static blocked(method = "sendMessage"): GrammyError {
    return new GrammyError("Call to 'sendMessage' failed!", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }, method, {});
  }

  readonly transformer: Transformer = async (_prev, method, payload) => {
    const p = (payload ?? {}) as Record<string, unknown>;
    this.calls.push({ method, payload: p });
    const failure = this.failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      if (f!.response) return f!.response as never;
      throw f!.error;
    }
    const refusal = this.refusal(method, p);
    if (refusal) return refusal as never;
    const chatId = Number(p.chat_id ?? 0);
    if (this.blockedChats.has(chatId) && method.startsWith("send")) throw FakeTelegram.blocked(method);
    const date = Math.floor(Date.now() / 1000);
    const chat = { id: chatId, type: chatId < 0 ? "group" : "private", first_name: "Pengguna" };
    switch (method) {
      case "sendMessage":
      case "sendDocument":
      case "sendPhoto": {
        const messageId = this.nextMessageId++;
        const markup = p.reply_markup as { inline_keyboard?: SentButton[][] } | undefined;
        const file = fileBytes(p.document ?? p.photo);
        const msg: SentMessage = {
          method,
          chatId,
          messageId,
          text: String(p.text ?? ""),
          keyboard: markup?.inline_keyboard ?? [],
        };
        if (file) msg.file = file;
        if (typeof p.caption === "string") msg.caption = p.caption;
        this.sent.push(msg);
        return { ok: true, result: { message_id: messageId, date, chat, text: msg.text } as never };
      }
      case "getMe":
        return { ok: true, result: FAKE_BOT_INFO as never };
      case "getFile":
        return { ok: true, result: { file_id: String(p.file_id), file_unique_id: String(p.file_id), file_path: `documents/${String(p.file_id)}` } as never };
      default:
        return { ok: true, result: true as never };
    }
  };

  /** Telegram's answer to a message it cannot deliver as sent, recorded here and in `refusedAnywhere`; undefined when it would be delivered. */
  private refusal(method: string, p: Record<string, unknown>): Failure["response"] | undefined {
    const refused = telegramRefusal(method, p);
    if (!refused) return undefined;
    this.refused.push(refused.refusal);
    return refused.response;
  }

  install(bot: Bot): void {
    bot.api.config.use(this.transformer);
  }

  /** The download function for createBot: files come from `files`. */
  readonly download = async (_ctx: unknown, fileId: string): Promise<Uint8Array> => {
    const data = this.files.get(fileId);
    if (!data) throw new Error(`unknown file ${fileId}`);
    return data;
  };

  private base(user: FakeUser, chatId: number) {
    return {
      update_id: this.nextUpdateId++,
      from: { ...user, is_bot: false, language_code: "id" },
      chat: chatId > 0 ? { id: chatId, type: "private" as const, first_name: user.first_name } : { id: chatId, type: "group" as const, title: "Grup Kerja" },
    };
  }

  textUpdate(user: FakeUser, text: string, chatId = user.id): Update {
    const { update_id, from, chat } = this.base(user, chatId);
    const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(/\s/)[0]!.length }] : undefined;
    return {
      update_id,
      message: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from, text, ...(entities ? { entities } : {}) },
    } as Update;
  }

  /** An earlier message of the user's, edited to read `text` (it keeps its message id; Telegram sends the whole message again). */
  editedTextUpdate(user: FakeUser, text: string, chatId = user.id): Update {
    const { update_id, from, chat } = this.base(user, chatId);
    const date = Math.floor(Date.now() / 1000);
    return { update_id, edited_message: { message_id: Math.max(1, this.nextMessageId - 1), date: date - 60, edit_date: date, chat, from, text } } as Update;
  }

  /** The user blocks the bot (`kicked`) or starts it again (`member`). */
  membershipUpdate(user: FakeUser, status: "kicked" | "member"): Update {
    const { update_id, from, chat } = this.base(user, user.id);
    const bot = { id: FAKE_BOT_INFO.id, is_bot: true, first_name: FAKE_BOT_INFO.first_name, username: FAKE_BOT_INFO.username };
    const member = { user: bot, status: "member" };
    const kicked = { user: bot, status: "kicked", until_date: 0 };
    const [old, now] = status === "kicked" ? [member, kicked] : [kicked, member];
    return { update_id, my_chat_member: { chat, from, date: Math.floor(Date.now() / 1000), old_chat_member: old, new_chat_member: now } } as Update;
  }

  documentUpdate(user: FakeUser, fileId: string, fileName: string, fileSize: number, chatId = user.id): Update {
    const { update_id, from, chat } = this.base(user, chatId);
    return {
      update_id,
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat,
        from,
        document: { file_id: fileId, file_unique_id: fileId, file_name: fileName, file_size: fileSize },
      },
    } as Update;
  }

  /** A message that is neither text nor a document: a photo (a table photographed), a sticker or a voice note. */
  otherUpdate(user: FakeUser, kind: "photo" | "sticker" | "voice", chatId = user.id): Update {
    const { update_id, from, chat } = this.base(user, chatId);
    const content = {
      photo: { photo: [{ file_id: "foto", file_unique_id: "foto", width: 1280, height: 960 }] },
      sticker: { sticker: { file_id: "stiker", file_unique_id: "stiker", type: "regular", width: 512, height: 512, is_animated: false, is_video: false } },
      voice: { voice: { file_id: "suara", file_unique_id: "suara", duration: 3 } },
    }[kind];
    return { update_id, message: { message_id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), chat, from, ...content } } as Update;
  }

  callbackUpdate(user: FakeUser, data: string, messageId: number, chatId = user.id): Update {
    const { update_id, from, chat } = this.base(user, chatId);
    return {
      update_id,
      callback_query: {
        id: `cb${update_id}`,
        from,
        chat_instance: "lokal",
        data,
        message: { message_id: messageId, date: Math.floor(Date.now() / 1000), chat, text: "" },
      },
    } as Update;
  }

  /** The id of the latest message sent to or from the bot (what a forged button press claims to be on). */
  latestMessageId(): number {
    return Math.max(1, this.nextMessageId - 1);
  }

  /**
   * The latest message in a chat that has a button with this label: exact, or starting with it (in any case),
   * or so once the emoji and marks before the button's first letter or digit are set aside ("Capaian vs" for
   * "📊 Capaian vs serapan anggaran", as a label typed in the local chat).
   */
  findButton(chatId: number, label: string): { data: string; messageId: number } | undefined {
    const wanted = label.toLowerCase();
    // Emoji and marks before the first letter or digit set aside; a label of marks alone matches this way nothing.
    const bare = (text: string) => text.replace(/^[^\p{L}\p{N}]+/u, "").toLowerCase();
    for (let i = this.sent.length - 1; i >= 0; i--) {
      const msg = this.sent[i]!;
      if (msg.chatId !== chatId) continue;
      const buttons = msg.keyboard.flat();
      const hit =
        buttons.find((b) => b.text === label) ??
        buttons.find((b) => b.text.toLowerCase().startsWith(wanted)) ??
        (bare(label) === "" ? undefined : buttons.find((b) => bare(b.text).startsWith(bare(label))));
      if (hit) return { data: hit.callback_data, messageId: msg.messageId };
    }
    return undefined;
  }
}

/**
 * Whether Telegram would refuse this call's message or caption (telegram-html.ts):
 * its 400 answer and what was refused, also added to `FakeTelegram.refusedAnywhere`.
 * Shared with the tests' Bot API server on loopback (test/support/fake-bot-api.ts).
 */
export function telegramRefusal(method: string, p: Record<string, unknown>): { response: NonNullable<Failure["response"]>; refusal: Refusal } | undefined {
  const text = method === "sendMessage" ? String(p.text ?? "") : typeof p.caption === "string" && p.caption !== "" ? p.caption : undefined;
  const found = fileProblem(method, p) ?? textProblem(method, text, p.parse_mode) ?? keyboardProblem(p.reply_markup);
  if (!found) return undefined;
  const refusal = { method, problem: found.problem, text: text ?? "" };
  FakeTelegram.refusedAnywhere.push(refusal);
  return { response: { ok: false, error_code: found.code, description: found.description }, refusal };
}

/** What Telegram answers, and the problem as the tests report it. */
interface Problem {
  code: number;
  description: string;
  problem: string;
}

/** A 400 whose description is the problem without its details in parentheses ("message is too long"). */
const badRequest = (problem: string, description = problem.replace(/ \(.*\)$/, "")): Problem => ({ code: 400, description: `Bad Request: ${description}`, problem });

function textProblem(method: string, text: string | undefined, parseMode: unknown): Problem | undefined {
  if (text === undefined) return undefined;
  const limit = method === "sendMessage" ? TELEGRAM_LIMIT : CAPTION_LIMIT;
  if (parseMode !== "HTML") return text.length > limit ? badRequest(`message is too long (${text.length} characters, at most ${limit})`) : undefined;
  const problem = htmlProblems(text, limit)[0];
  if (problem === undefined) return undefined;
  return problem.startsWith("message ") ? badRequest(problem) : badRequest(problem, `can't parse entities: ${problem}`);
}

/** An inline keyboard past Telegram's limits (TELEGRAM_KEYBOARD in src/bot/ui.ts): "reply markup is too long". */
function keyboardProblem(markup: unknown): Problem | undefined {
  const rows = (markup as { inline_keyboard?: unknown[][] } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  const buttons = rows.reduce((n, row) => n + row.length, 0);
  if (buttons > TELEGRAM_KEYBOARD.buttons) return badRequest(`reply markup is too long (${buttons} buttons, at most ${TELEGRAM_KEYBOARD.buttons})`);
  const wide = rows.find((row) => row.length > TELEGRAM_KEYBOARD.perRow);
  if (wide) return badRequest(`reply markup is too long (${wide.length} buttons in a row, at most ${TELEGRAM_KEYBOARD.perRow})`);
  const bytes = Buffer.byteLength(JSON.stringify(markup));
  if (bytes > TELEGRAM_KEYBOARD.jsonBytes) return badRequest(`reply markup is too long (${bytes} bytes, at most ${TELEGRAM_KEYBOARD.jsonBytes})`);
  return undefined;
}

/**
 * What Telegram refuses in an upload (https://core.telegram.org/bots/api#sendphoto,
 * #sending-files): a photo over 10 MB, whose width and height add up to more than
 * 10,000 px or whose sides differ by more than 20 times; any file over 50 MB.
 */
export const FILE_LIMITS = { photoBytes: 10 * 1024 * 1024, photoSides: 10_000, photoRatio: 20, fileBytes: 50 * 1024 * 1024 } as const;

function fileProblem(method: string, p: Record<string, unknown>): Problem | undefined {
  const file = fileBytes(p.document ?? p.photo);
  if (!file) return undefined;
  const tooLarge = { code: 413, description: "Request Entity Too Large" };
  if (file.data.length > FILE_LIMITS.fileBytes) return { ...tooLarge, problem: `file too large (${file.data.length} bytes, at most ${FILE_LIMITS.fileBytes})` };
  if (method !== "sendPhoto") return undefined;
  if (file.data.length > FILE_LIMITS.photoBytes) return { ...tooLarge, problem: `photo too large (${file.data.length} bytes, at most ${FILE_LIMITS.photoBytes})` };
  const size = pngSize(file.data);
  if (size && (size.width + size.height > FILE_LIMITS.photoSides || Math.max(size.width, size.height) > FILE_LIMITS.photoRatio * Math.min(size.width, size.height))) {
    return badRequest(`photo of ${size.width} × ${size.height} px`, "PHOTO_INVALID_DIMENSIONS");
  }
  return undefined;
}

/** A PNG's width and height from its header (IHDR), or undefined for another format. */
function pngSize(data: Uint8Array): { width: number; height: number } | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length < 24 || signature.some((b, i) => data[i] !== b)) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** Telegram HTML to terminal text: tags dropped, entities decoded. */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<\/?(b|strong|i|em|u|s|code|pre|blockquote)>/g, "")
    .replace(/<a [^>]*>|<\/a>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}
