/**
 * `npm run bench:webhook [-- options]`: updates delivered the way Telegram
 * delivers them to a webhook — at most `--connections` requests in flight
 * (Telegram's max_connections; the rest wait their turn), the next update
 * on a connection only when the previous request was answered — to the real
 * HTTP server of `npm start`'s webhook mode, with a Bot API that answers each
 * call after `--api-ms` (the round trip to api.telegram.org). Compares the
 * request answered after the replies were sent with the request answered
 * once the update is stored (RepliesAfterAck, what `npm start` does).
 *   --agencies N     agencies in the lowdb store, one officer each (default 200; all kept in the cache)
 *   --connections C  requests in flight (default 40, Telegram's default max_connections)
 *   --api-ms M       Bot API round trip (default 100)
 *   --think-ms T     an officer's pause between a reply and the next answer (default 1000)
 *   --seconds S      per mode (default 10)
 */
import { Agent, request } from "node:http";
import type { Update } from "grammy/types";
import { RepliesAfterAck } from "../src/bot/replies-after-ack.js";
import { startWebhookServer } from "../src/server/webhook.js";
import { freePort } from "../test/support/fake-bot-api.js";
import { pipeline, stats } from "./load.js";
import { cachedStore, freshCopy, officersAnswering } from "./cached-officers.js";
import { benchArgs } from "./args.js";

const args = benchArgs();
const AGENCIES = args.number("agencies", 200);
const CONNECTIONS = args.number("connections", 40);
const API_MS = args.number("api-ms", 100);
const THINK_MS = args.number("think-ms", 1000);
const SECONDS = args.number("seconds", 10);
const SECRET = "bench-webhook";

interface ModeResult {
  mode: string;
  answersPerSecond: number;
  /** From the moment an answer was ready to send until Telegram's request was answered (waiting for a connection included). */
  p50: number;
  p99: number;
  apiCallsPerSecond: number;
  errors: number;
}

async function runMode(store: string, acknowledgeOnceStored: boolean): Promise<ModeResult> {
  const { repo, remove } = await freshCopy(store, "lowdb-webhook", AGENCIES);
  const acks = acknowledgeOnceStored ? new RepliesAfterAck() : undefined;
  const p = pipeline(repo, { apiDelayMs: API_MS, ...(acks ? { repliesAfterAck: acks } : {}) });
  await p.bot.init();
  const port = await freePort();
  const server = await startWebhookServer({ bot: p.bot, path: "/telegram", secretToken: SECRET, port, host: "127.0.0.1", logger: { error: (m) => p.errors.push(m) } });
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  p.deliver = (update: Update) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(update);
      const req = request(
        { agent, host: "127.0.0.1", port, path: "/telegram", method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-telegram-bot-api-secret-token": SECRET } },
        (res) => {
          res.resume();
          res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on("error", reject);
      req.end(body);
    });

  const callsBefore = p.apiCalls.count;
  // Each officer waits for its request to be answered (the Bot API falling quiet for its chat is not
  // observable: the think time covers the replies).
  const { latencies, seconds } = await officersAnswering(p, AGENCIES, THINK_MS, SECONDS);
  await acks?.settled();
  const apiCalls = p.apiCalls.count - callsBefore;
  agent.destroy();
  await new Promise((r) => server.close(r));
  await remove();
  const s = stats(latencies, seconds);
  return {
    mode: acknowledgeOnceStored ? "answered once stored (npm start)" : "answered after the replies",
    answersPerSecond: Math.round(s.perSecond),
    p50: s.p50,
    p99: s.p99,
    apiCallsPerSecond: Math.round(apiCalls / seconds),
    errors: p.errors.length,
  };
}

const store = await cachedStore(AGENCIES);
const results = [await runMode(store, false), await runMode(store, true)];
const offered = Math.round(AGENCIES / (THINK_MS / 1000));
console.log(`Webhook deliveries: ${AGENCIES} officers (one agency each, all cached), each answering ${THINK_MS} ms after the previous request was answered (at most ${offered} answers/s offered); ${CONNECTIONS} connections; Bot API round trip ${API_MS} ms; ${SECONDS} s per mode.\n`);
console.log("| Telegram's request answered | answers/s | p50 / p99 until answered, ms | Bot API calls/s | errors |");
console.log("|---|---|---|---|---|");
for (const r of results) console.log(`| ${r.mode} | ${r.answersPerSecond} | ${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} | ${r.apiCallsPerSecond} | ${r.errors} |`);
