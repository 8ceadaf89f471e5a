/**
 * Webhook mode: Telegram posts updates to an HTTP endpoint (grammY's
 * `webhookCallback` on Node's http server). Requests without Telegram's
 * secret-token header are refused (401). An update whose handling takes
 * longer than the time limit (a large import, a busy moment) is acknowledged
 * at the limit and finishes in the background, so Telegram does not resend
 * it; a resent or duplicated update is recognised by its id anyway. With
 * RepliesAfterAck (main.ts), the request is answered once the update is
 * stored, before its replies are sent.
 * GET /sehat answers "ok" for load balancers.
 */
import { createServer, type Server } from "node:http";
import { webhookCallback, type Bot } from "grammy";
import type { Logger } from "../bot/router.js";

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

/** Most deliveries Telegram keeps in flight to the webhook (Telegram allows 1–100, and uses 40 when not told). */
const DEFAULT_WEBHOOK_CONNECTIONS = 100;

/** WEBHOOK_MAX_CONNECTIONS as Telegram's `max_connections`: a whole number 1–100, 100 when unset. */
export function webhookConnections(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_WEBHOOK_CONNECTIONS;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`WEBHOOK_MAX_CONNECTIONS harus bilangan bulat 1 sampai 100 (contoh: WEBHOOK_MAX_CONNECTIONS=100), bukan "${value}".`);
  return n;
}

export function startWebhookServer(options: WebhookOptions): Promise<Server> {
  const handle = webhookCallback(options.bot, "http", {
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
    handle(req, res).catch((e: unknown) => {
      options.logger.error("gagal menangani webhook", e);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve(server));
  });
}
