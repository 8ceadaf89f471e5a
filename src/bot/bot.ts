/** Builds the grammY bot around the router; the transport (Telegram, webhook, local fake) is the caller's choice. */
import { Bot, type ApiClientOptions, type Context } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { say } from "../messages/catalog.js";
import type { Services } from "../app/services.js";
import { createRouter, type Logger } from "./router.js";
import type { Download } from "./flows/import.js";
import { RepliesAfterAck } from "./replies-after-ack.js";
import { API_REQUEST_TIMEOUT_SECONDS, limitApiCalls } from "./api-calls.js";

/**
 * The updates the bot asks Telegram for, by long polling and by webhook alike:
 * messages, button presses, and edited messages (answered with how to correct
 * an answer). Membership changes, reactions and the like are not asked for.
 */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query"] as const;

export const COMMAND_NAMES = ["start", "isi", "indikator", "status", "draf", "cek", "atur", "tempel", "anggaran", "profil", "instansi", "anggota", "undang", "undangan", "gabung", "riwayat", "ekspor", "grafik", "impor", "templat", "pulihkan", "tahun", "batal", "bantuan"];

/** The command list shown in Telegram's menu, in Indonesian. */
export function botCommands(): { command: string; description: string }[] {
  return COMMAND_NAMES.map((command) => ({ command, description: say(`perintah.${command}`) }));
}

export interface BotOptions {
  token: string;
  services: Services;
  botInfo?: UserFromGetMe;
  client?: ApiClientOptions;
  logger?: Logger;
  /** How files sent by users are fetched; default: Telegram's file download URL. */
  download?: Download;
  /** Acknowledge each update once stored and send its replies after (webhook mode and long polling, see replies-after-ack.ts). */
  repliesAfterAck?: RepliesAfterAck;
}

/**
 * How long a file's download from Telegram may take, getFile and the bytes together: it runs inside the
 * officer's update, which holds the officer's lock (and with PostgreSQL a transaction, which the server
 * ends after 60 s without a statement), so a download that stalls must fail rather than wait.
 */
export const DOWNLOAD_TIMEOUT_MS = 30_000;

/** Telegram's own Bot API server (TELEGRAM_API_ROOT may name a self-hosted one). */
export const TELEGRAM_API_ROOT = "https://api.telegram.org";

type ApiSignal = Parameters<Context["api"]["getFile"]>[1];

/** Fetch a file a user sent, through Telegram's file API, giving up after `timeoutMs`. */
export function telegramDownload(token: string, apiRoot = TELEGRAM_API_ROOT, timeoutMs = DOWNLOAD_TIMEOUT_MS): Download {
  return async (ctx, fileId) => {
    const signal = AbortSignal.timeout(timeoutMs);
    // grammY types its signal with the abort-controller package's class; Node's is what it uses at run time.
    const file = await ctx.api.getFile(fileId, signal as unknown as ApiSignal);
    if (!file.file_path) throw new Error("file_path missing");
    const response = await fetch(`${apiRoot}/file/bot${token}/${file.file_path}`, { signal });
    if (!response.ok) throw new Error(`download failed: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/** Never let the token reach a log line. */
export function redact(text: string, token: string): string {
  return token ? text.split(token).join("[TOKEN]") : text;
}

export function consoleLogger(token = ""): Logger {
  return {
    error(message, error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? "" : String(error);
      console.error(redact(`[lkjip] ${message}${detail ? ` — ${detail}` : ""}`, token));
    },
  };
}

export interface TelegramBotOptions {
  token: string;
  services: Services;
  logger?: Logger;
  /** The Bot API server (default https://api.telegram.org). */
  apiRoot?: string;
  /** How files sent by users are fetched; default: Telegram's file download URL under `apiRoot`. */
  download?: Download;
  /** How long one Bot API call may take, its retries included (default API_CALL_DEADLINE_MS). */
  deadlineMs?: number;
}

/**
 * The bot as `npm start` runs it on Telegram, by webhook or long polling: each update counts as handled once
 * stored and its replies are sent after (`repliesAfterAck`, whose `settled()` waits for them), and every Bot API
 * call is retried and ends (api-calls.ts).
 */
export function createTelegramBot(options: TelegramBotOptions): { bot: Bot; repliesAfterAck: RepliesAfterAck } {
  const apiRoot = options.apiRoot ?? TELEGRAM_API_ROOT;
  const repliesAfterAck = new RepliesAfterAck();
  const bot = createBot({
    token: options.token,
    services: options.services,
    client: { apiRoot, timeoutSeconds: API_REQUEST_TIMEOUT_SECONDS },
    download: options.download ?? telegramDownload(options.token, apiRoot),
    repliesAfterAck,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  limitApiCalls(bot.api, options.deadlineMs);
  return { bot, repliesAfterAck };
}

export function createBot(options: BotOptions): Bot {
  const logger = options.logger ?? consoleLogger(options.token);
  const config: ConstructorParameters<typeof Bot>[1] = {};
  if (options.botInfo) config.botInfo = options.botInfo;
  if (options.client) config.client = options.client;
  const bot = new Bot(options.token, config);
  bot.use(createRouter({ services: options.services, logger, download: options.download ?? telegramDownload(options.token), repliesAfterAck: options.repliesAfterAck }));
  bot.catch((err) => logger.error("kesalahan pada pembaruan", err.error));
  return bot;
}
