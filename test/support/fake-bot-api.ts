/**
 * A Bot API server on loopback for tests that talk to it over HTTP, the
 * real entry point in child processes (TELEGRAM_API_ROOT points here) or a
 * bot built as it builds one: it answers every method and records the calls;
 * a message Telegram would refuse is answered as Telegram answers it
 * (telegramRefusal in src/local/fake-telegram.ts). Long polling gets the
 * updates `deliver` queued until an offset confirms them; a method can be
 * refused, or its connection cut, to play a failing Telegram.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";
import { FAKE_BOT_INFO, telegramRefusal } from "../../src/local/fake-telegram.js";

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

export interface FakeBotApi {
  url: string;
  calls: ApiCall[];
  /** Queue an update for getUpdates (long polling); it is delivered until a getUpdates' offset confirms it. */
  deliver(update: Update): void;
  /** Updates queued and not yet confirmed. */
  pending(): Update[];
  close(): Promise<void>;
}

export interface FakeBotApiOptions {
  /** Awaited before a send… method is answered (to hold replies back). */
  beforeSend?: (method: string, payload: Record<string, unknown>) => Promise<void>;
  /**
   * Files by file_id, for getFile and the file download URL. "stall": the download sends its headers and
   * half its bytes, then nothing; "stall-getFile": getFile itself is never answered.
   */
  files?: Map<string, Uint8Array | "stall" | "stall-getFile">;
  /** Awaited before getUpdates is answered, with its offset (what the call confirms). */
  onGetUpdates?: (offset: number) => Promise<void>;
  /** The webhook getWebhookInfo reports (none when unset). */
  webhook?: string;
  /**
   * Methods answered with an error, e.g. getUpdates with 409 (another process polls) or getMe with 401 (a token
   * Telegram does not know), or "reset": the connection cut without an answer. A function decides at each call.
   */
  refuse?: Record<string, Refusal | "reset" | (() => Refusal | "reset" | undefined)>;
}

/** An error answer of the Bot API. */
export interface Refusal {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

const STALLED = new Uint8Array(1000);

export async function startFakeBotApi(token: string, options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const calls: ApiCall[] = [];
  let messageId = 1;
  let queue: Update[] = [];
  let wake: (() => void) | undefined;
  const server: Server = createServer((req, res) => {
    const download = new RegExp(`^/file/bot${token.replace(/[:]/g, "\\:")}/documents/(.+)$`).exec(req.url ?? "");
    if (download) {
      const file = options.files?.get(decodeURIComponent(download[1]!));
      if (file === undefined || file === "stall-getFile") res.writeHead(404).end();
      else if (file === "stall") {
        res.writeHead(200, { "content-length": String(STALLED.length) });
        res.write(STALLED.subarray(0, STALLED.length / 2));
      } else res.writeHead(200, { "content-length": String(file.length) }).end(file);
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const match = new RegExp(`^/bot${token.replace(/[:]/g, "\\:")}/(\\w+)`).exec(req.url ?? "");
      if (!match) {
        res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
        return;
      }
      const method = match[1]!;
      const body = Buffer.concat(chunks).toString("utf8");
      let payload: Record<string, unknown> = {};
      if ((req.headers["content-type"] ?? "").includes("json") && body) payload = JSON.parse(body) as Record<string, unknown>;
      if (method.startsWith("send")) await options.beforeSend?.(method, payload);
      const refusal = options.refuse?.[method];
      const refusedHere = typeof refusal === "function" ? refusal() : refusal;
      if (refusedHere === "reset") {
        // The network: the connection is cut without an answer.
        calls.push({ method, payload });
        req.socket.destroy();
        return;
      }
      if (refusedHere) {
        calls.push({ method, payload });
        res.writeHead(refusedHere.error_code, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, ...refusedHere }));
        return;
      }
      if (method === "getFile" && options.files?.get(String(payload.file_id)) === "stall-getFile") return;
      calls.push({ method, payload });
      // What Telegram would refuse is answered as Telegram does, and fails the test (refused-messages.ts).
      const refused = telegramRefusal(method, payload);
      if (refused) {
        res.writeHead(refused.response.error_code, { "content-type": "application/json" }).end(JSON.stringify(refused.response));
        return;
      }
      let result: unknown = true;
      if (method === "getMe") result = FAKE_BOT_INFO;
      if (method === "getWebhookInfo") result = { url: options.webhook ?? "", has_custom_certificate: false, pending_update_count: 0 };
      if (method === "getFile") result = { file_id: payload.file_id, file_unique_id: `u-${String(payload.file_id)}`, file_path: `documents/${String(payload.file_id)}` };
      // Long polling: the updates not confirmed by the offset, or none after a short wait (Telegram holds the
      // request up to its timeout) unless one is queued meanwhile.
      if (method === "getUpdates") {
        const offset = Number(payload.offset ?? 0);
        await options.onGetUpdates?.(offset);
        queue = queue.filter((u) => u.update_id >= offset);
        if (queue.length === 0 && Number(payload.timeout ?? 0) > 0) {
          await new Promise<void>((r) => {
            const timer = setTimeout(r, 100);
            wake = () => {
              clearTimeout(timer);
              r();
            };
          });
          wake = undefined;
        }
        result = queue.slice(0, Number(payload.limit ?? 100));
      }
      if (method.startsWith("send")) result = { message_id: messageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id ?? 0), type: "private" }, text: payload.text ?? "" };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    deliver: (update) => {
      queue.push(update);
      wake?.();
    },
    pending: () => [...queue],
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
