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
import { wholeNumberSetting } from "../settings.js";

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
