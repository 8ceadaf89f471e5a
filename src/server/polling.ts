/**
 * Long polling with many officers at a time.
 *
 * grammY's own `bot.start()` handles the updates of a batch one after another, each to its end, replies
 * included: one officer's Word export, a file download, or a reply Telegram is slow to take (up to the call
 * deadline, api-calls.ts) held every other officer's message. Here the updates of a batch are handled
 * together: one officer's updates in the order they came (the router's per-user lock keeps their replies in
 * order too), different officers at once, up to the router's concurrency limit. With RepliesAfterAck
 * (main.ts) an update counts as handled once what it changed is stored; its replies are sent after.
 *
 * A batch is confirmed to Telegram (the next getUpdates' offset) only once its updates are handled, so an
 * update the process had not stored when it stopped or crashed comes again and is handled then (a repeat is
 * recognised by its id). An update still at work after BATCH_LIMIT_MS (a large import) does not hold the
 * next batch: it is confirmed and finishes on its own, as the webhook answers Telegram at its time limit.
 * A bot that has a webhook is not polled (WebhookInUse): that is the webhook's processes' to change.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { GrammyError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "../bot/router.js";

/** How long the updates of a batch may hold the next batch. */
export const BATCH_LIMIT_MS = 2_000;

/**
 * The pause after getUpdates failed (the network, Telegram's 5xx): 3 s after the first failure in a row, twice
 * as long after each further one, at most 30 s, or as long as Telegram asks (429). Long polling is not retried
 * by auto-retry (api-calls.ts), whose pauses after network failures grow to an hour: after an outage of half
 * an hour the bot would have waited that long again before asking.
 */
export const RETRY_MS = 3_000;
export const MAX_RETRY_MS = 30_000;

export interface PollingOptions {
  bot: Bot;
  logger: Logger;
  allowedUpdates: readonly string[];
  batchLimitMs?: number;
  /** How long Telegram holds a getUpdates call open when there is nothing to deliver (seconds). */
  pollSeconds?: number;
  /** The first pause after a failed getUpdates, and the longest (RETRY_MS, MAX_RETRY_MS). */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Telegram refused the polling for good: another process polls with this token (409) or the token is wrong (401). */
export class PollingRefused extends Error {
  constructor(readonly refusal: GrammyError) {
    super(refusal.description, { cause: refusal });
    this.name = "PollingRefused";
  }
}

/** The bot has a webhook: its updates go to the webhook's processes, which long polling would take them from. */
export class WebhookInUse extends Error {
  constructor(readonly url: string) {
    super(`webhook ${url}`);
    this.name = "WebhookInUse";
  }
}

/** Who sent an update; their updates are handled one after another. */
function sender(update: Update): number | undefined {
  return (update.message ?? update.edited_message)?.from?.id ?? update.callback_query?.from.id;
}

export class LongPolling {
  private offset = 0;
  private running = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  /** Each sender's last update begun: the next one waits for it. */
  private readonly tails = new Map<number | undefined, Promise<void>>();

  constructor(private readonly options: PollingOptions) {}

  /** Polls until `stop()`; rejects with WebhookInUse when the bot has a webhook, PollingRefused when Telegram refuses the polling. */
  start(): Promise<void> {
    if (this.loop) return this.loop;
    this.running = true;
    this.loop = this.run();
    return this.loop;
  }

  /**
   * No new batch; waits for the batch at work (its updates stored, or the batch limit), then confirms what
   * was handled to Telegram, so that it is not delivered again.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    if (this.offset > 0) await this.options.bot.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).catch(() => undefined);
  }

  private async run(): Promise<void> {
    const { bot } = this.options;
    // grammY's bot.start() deletes a webhook it finds: a process started without WEBHOOK_URL by mistake in a
    // webhook deployment would take every update from the webhook's processes, and on stopping leave the bot
    // with neither until they restart. Here it stops instead, saying so.
    const { url } = await bot.api.getWebhookInfo();
    if (url) throw new WebhookInUse(url);
    let failures = 0;
    while (this.running) {
      let updates: Update[];
      try {
        updates = await bot.api.getUpdates(
          { offset: this.offset, limit: 100, timeout: this.options.pollSeconds ?? 30, allowed_updates: [...this.options.allowedUpdates] as never },
          this.abort.signal as never,
        );
      } catch (e) {
        if (!this.running) return;
        if (e instanceof GrammyError && (e.error_code === 401 || e.error_code === 409)) throw new PollingRefused(e);
        failures++;
        const asked = e instanceof GrammyError ? e.parameters.retry_after : undefined;
        const pause = asked !== undefined ? asked * 1000 : Math.min(this.options.maxRetryMs ?? MAX_RETRY_MS, (this.options.retryMs ?? RETRY_MS) * 2 ** (failures - 1));
        this.options.logger.error(`gagal mengambil pembaruan (ke-${failures} berturut-turut; dicoba lagi dalam ${pause} ms)`, e);
        await sleep(pause, undefined, { signal: this.abort.signal }).catch(() => undefined);
        continue;
      }
      failures = 0;
      if (updates.length === 0) continue;
      await this.handle(updates);
      this.offset = updates[updates.length - 1]!.update_id + 1;
    }
  }

  /**
   * The batch's updates, each sender's in order, different senders at once; for at most the batch limit. A
   * sender's update still at work then holds that sender's later updates, in this batch or the next, not others.
   */
  private async handle(updates: Update[]): Promise<void> {
    const handled = updates.map((u) => {
      const key = sender(u);
      const handle = () => this.options.bot.handleUpdate(u).catch((e: unknown) => this.options.logger.error("kesalahan pada pembaruan", e));
      const before = this.tails.get(key);
      const done = before ? before.then(handle) : handle();
      this.tails.set(key, done);
      void done.then(() => {
        if (this.tails.get(key) === done) this.tails.delete(key);
      });
      return done;
    });
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.batchLimitMs ?? BATCH_LIMIT_MS)));
    try {
      await Promise.race([Promise.all(handled), limit]);
    } finally {
      clearTimeout(timer);
    }
  }
}
