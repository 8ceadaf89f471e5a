/**
 * Webhook mode: Telegram posts updates to an HTTP endpoint (grammY's
 * `webhookCallback` on Node's http server). Requests without Telegram's
 * secret-token header are refused (401). An update whose handling takes
 * longer than the time limit (a large import, a busy moment) is acknowledged
 * at the limit and finishes in the background, so Telegram does not resend
 * it; a resent or duplicated update is recognised by its id anyway. A body
 * that is not an update (not JSON, no update_id) gets 400, one over 1 MB 413,
 * without being read whole. With
 * RepliesAfterAck (main.ts), the request is answered once the update is
 * stored, before its replies are sent.
 * GET /sehat answers "ok" for load balancers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../bot/router.js";
import { wholeNumberSetting } from "../settings.js";
import { say } from "../messages/catalog.js";

export interface WebhookOptions {
  bot: Bot;
  /** Path Telegram posts to, e.g. "/telegram". */
  path: string;
  secretToken: string;
  port: number;
  host?: string;
  logger: Logger;
  /** Answer Telegram after this long at the latest (Telegram waits about a minute; grammY's default is 10 s). */
  timeoutMilliseconds?: number;
}

/** WEBHOOK_MAX_CONNECTIONS as Telegram's `max_connections`: 1–100 (Telegram's own default is 40), 100 when unset. */
export function webhookConnections(value: string | undefined): number {
  return wholeNumberSetting({ name: "WEBHOOK_MAX_CONNECTIONS", meaning: "pengiriman pembaruan yang dibuka Telegram sekaligus", min: 1, max: 100, fallback: 100 }, value);
}

/**
 * SHUTDOWN_GRACE_MS: how long a stopping process still sends the replies of
 * updates it has stored (0–600,000; 8,000 when unset, under the 10 s a
 * container gets before it is killed).
 */
export function shutdownGrace(value: string | undefined): number {
  return wholeNumberSetting({ name: "SHUTDOWN_GRACE_MS", meaning: "milidetik untuk menyelesaikan pembaruan dan mengirim balasan saat berhenti", min: 0, max: 600_000, fallback: 8_000 }, value);
}

/** PORT: the webhook's HTTP server (1–65535; 8080 when unset). */
export function webhookPort(value: string | undefined): number {
  return wholeNumberSetting({ name: "PORT", meaning: "port server HTTP untuk webhook", min: 1, max: 65_535, fallback: 8_080 }, value);
}

/** WEBHOOK_URL as a whole address (its path is the path served); a value that is not one stops the start, saying so. */
export function webhookAddress(value: string): URL {
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // said below
  }
  throw new Error(say("cli.webhook_url_salah", { nilai: value }));
}

/** Telegram's updates are a few kilobytes; a body larger than this is not one, and is not read into memory. */
export const MAX_UPDATE_BYTES = 1024 * 1024;

/** A request whose body is not an update: answered with `status` (400, or 413 when too large), not logged as a failure. */
class NotAnUpdate extends Error {
  constructor(readonly status: 400 | 413) {
    super(`bukan pembaruan Telegram (${status})`);
  }
}

/** The update in the request's body: at most MAX_UPDATE_BYTES of JSON, an object with a numeric `update_id`. */
function readUpdate(req: IncomingMessage): Promise<Update> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_UPDATE_BYTES) return reject(new NotAnUpdate(413));
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_UPDATE_BYTES) return void chunks.push(chunk);
      req.off("data", onData).resume(); // the rest is drained, not kept
      reject(new NotAnUpdate(413));
    };
    req
      .on("data", onData)
      .once("end", () => {
        let value: unknown;
        try {
          value = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        } catch {
          return reject(new NotAnUpdate(400));
        }
        const isUpdate = typeof value === "object" && value !== null && !Array.isArray(value) && Number.isSafeInteger((value as { update_id?: unknown }).update_id);
        if (isUpdate) resolve(value as Update);
        else reject(new NotAnUpdate(400));
      })
      .once("error", reject);
  });
}

/** grammY's adapter for Node's http server, with the body read by `readUpdate`; the secret token is checked before it is read. */
function nodeAdapter(req: IncomingMessage, res: ServerResponse) {
  const secret = req.headers["x-telegram-bot-api-secret-token"];
  return {
    get update() {
      return readUpdate(req);
    },
    header: Array.isArray(secret) ? secret[0] : secret,
    end: () => res.end(),
    respond: (json: string) => res.writeHead(200, { "Content-Type": "application/json" }).end(json),
    unauthorized: () => res.writeHead(401).end("secret token is wrong"),
  };
}

export function startWebhookServer(options: WebhookOptions): Promise<Server> {
  const handle = webhookCallback(options.bot, nodeAdapter, {
    secretToken: options.secretToken,
    onTimeout: "return",
    timeoutMilliseconds: options.timeoutMilliseconds ?? 8_000,
  });
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/sehat") {
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST" || path !== options.path) {
      res.writeHead(404).end();
      return;
    }
    (handle(req, res) as Promise<unknown>).catch((e: unknown) => {
      if (e instanceof NotAnUpdate) {
        if (!res.headersSent) res.writeHead(e.status, { connection: "close" }).end();
        return;
      }
      options.logger.error("gagal menangani webhook", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve(server));
  });
}
