/**
 * `npm run bench:polling [-- options]`: long polling the way Telegram serves it. The bot asks getUpdates, which
 * answers after the Bot API round trip with the updates waiting (up to 100), or holds the call until one comes;
 * every other call (the replies) is answered after the round trip too. Compares grammY's own `bot.start()`
 * (the updates of a batch one after another, each to its end, replies included: what `npm start` did before)
 * with src/server/polling.ts (what `npm start` does). Latency: from the answer reaching Telegram until the
 * bot's replies to it were sent, what the officer waits for.
 *   --agencies N     agencies in the lowdb store, one officer each (default 100; all kept in the cache)
 *   --api-ms M       Bot API round trip (default 100)
 *   --think-ms T     an officer's pause between the replies and the next answer (default 1000)
 *   --seconds S      per mode (default 10)
 *   --modes LIST     bot.start,polling (default both; grammY's bot.start() drains its backlog at a few answers a second)
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Update } from "grammy/types";
import { RepliesAfterAck } from "../src/bot/replies-after-ack.js";
import { ALLOWED_UPDATES } from "../src/bot/bot.js";
import { LongPolling } from "../src/server/polling.js";
import { pipeline, stats } from "./load.js";
import { cachedStore, freshCopy, officersAnswering } from "./cached-officers.js";
import { benchArgs } from "./args.js";

const args = benchArgs();
const AGENCIES = args.number("agencies", 100);
const API_MS = args.number("api-ms", 100);
const THINK_MS = args.number("think-ms", 1000);
const SECONDS = args.number("seconds", 10);
const MODES = args.text("modes", "bot.start,polling").split(",") as Mode[];

type Mode = "bot.start" | "polling";

interface ModeResult {
  mode: string;
  answersPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

async function runMode(store: string, mode: Mode): Promise<ModeResult> {
  const { repo, remove } = await freshCopy(store, "lowdb-polling", AGENCIES);

  // Which update an update's work belongs to, through every await of its handling; `finished` resolves each
  // officer's delivery once its update's replies were sent.
  const current = new AsyncLocalStorage<number>();
  const finished = new Map<number, () => void>();
  const finish = (id: number | undefined) => {
    if (id === undefined) return;
    finished.get(id)?.();
    finished.delete(id);
  };
  class Tracked extends RepliesAfterAck {
    override acknowledge(work: Promise<void>, stored: Promise<void>): Promise<void> {
      const id = current.getStore();
      void work.finally(() => finish(id));
      return super.acknowledge(work, stored);
    }
  }
  const acks = mode === "polling" ? new Tracked() : undefined;
  const p = pipeline(repo, { apiDelayMs: API_MS, ...(acks ? { repliesAfterAck: acks } : {}) });
  const handleUpdate = p.bot.handleUpdate.bind(p.bot);
  p.bot.handleUpdate = (update, reply) =>
    current.run(update.update_id, async () => {
      try {
        await handleUpdate(update, reply);
      } finally {
        // Without RepliesAfterAck an update is handled once its replies were sent.
        if (!acks) finish(update.update_id);
      }
    });

  // Telegram's side of long polling: updates wait here until a getUpdates' offset confirms them.
  let waiting: Update[] = [];
  let wake: (() => void) | undefined;
  p.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === "deleteWebhook") return { ok: true, result: true } as never;
    if (method === "getWebhookInfo") return { ok: true, result: { url: "", has_custom_certificate: false, pending_update_count: 0 } } as never;
    if (method !== "getUpdates") return prev(method, payload, signal);
    const { offset = 0, limit = 100, timeout = 0 } = payload as { offset?: number; limit?: number; timeout?: number };
    await sleep(API_MS / 2);
    waiting = waiting.filter((u) => u.update_id >= offset);
    if (waiting.length === 0 && timeout > 0) {
      const stopped = () => wake?.();
      signal?.addEventListener("abort", stopped);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeout * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      signal?.removeEventListener("abort", stopped);
      wake = undefined;
    }
    await sleep(API_MS / 2);
    return { ok: true, result: waiting.slice(0, limit) } as never;
  });
  p.deliver = (update: Update) =>
    new Promise<void>((resolve) => {
      finished.set(update.update_id, resolve);
      waiting.push(update);
      wake?.();
    });

  await p.bot.init();
  const polling = new LongPolling({ bot: p.bot, logger: { error: (m) => p.errors.push(m) }, allowedUpdates: ALLOWED_UPDATES });
  const running = mode === "polling" ? polling.start() : p.bot.start({ allowed_updates: [...ALLOWED_UPDATES] });

  const { latencies, seconds } = await officersAnswering(p, AGENCIES, THINK_MS, SECONDS);
  if (mode === "polling") await polling.stop();
  else await p.bot.stop();
  await running;
  await acks?.settled();
  await remove();
  const s = stats(latencies, seconds);
  return {
    mode: mode === "polling" ? "src/server/polling.ts (npm start)" : "grammY's bot.start() (before)",
    answersPerSecond: Math.round(s.perSecond),
    p50: s.p50,
    p99: s.p99,
    max: s.max,
    errors: p.errors.length,
  };
}

const store = await cachedStore(AGENCIES);
const results: ModeResult[] = [];
for (const mode of MODES) results.push(await runMode(store, mode));
const offered = Math.round(AGENCIES / (THINK_MS / 1000));
console.log(`Long polling: ${AGENCIES} officers (one agency each, all cached), each answering ${THINK_MS} ms after the replies to the previous answer were sent (at most ${offered} answers/s offered); Bot API round trip ${API_MS} ms; ${SECONDS} s per mode.\n`);
console.log("| Updates taken by | answers/s | p50 / p99 / longest until the replies were sent, ms | errors |");
console.log("|---|---|---|---|");
for (const r of results) console.log(`| ${r.mode} | ${r.answersPerSecond} | ${r.p50.toFixed(1)} / ${r.p99.toFixed(1)} / ${r.max.toFixed(0)} | ${r.errors} |`);
