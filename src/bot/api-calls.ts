/**
 * How long the bot's calls to the Telegram Bot API may take, and how they are retried.
 *
 * A reply is sent while the officer's lock is held (one officer's replies go out in order, see router.ts), so a
 * call that never ends holds that officer's next messages, and in webhook mode it counts against the updates
 * still sending (replies-after-ack.ts) until Telegram's deliveries wait too. Left to themselves, neither grammY
 * nor its auto-retry plugin ends such a call soon: grammY waits 500 s for an answer, and auto-retry tries a call
 * that failed on the network again and again (every 3 s, then twice as long each time, up to an hour), with no
 * limit on the attempts. So:
 *   - each HTTP request to the Bot API gets an answer within API_REQUEST_TIMEOUT_SECONDS or fails;
 *   - auto-retry retries what Telegram asks to retry (429 "retry after", at most 60 s each, 5 times), its
 *     server errors and network failures;
 *   - and each call, its retries and waits included, ends within API_CALL_DEADLINE_MS. A reply not sent by
 *     then is logged and not sent (the answer it confirms is stored already), and the officer's next message
 *     is handled.
 * getUpdates (long polling) is left without a deadline and without auto-retry: the polling loop
 * (src/server/polling.ts) waits for Telegram as long as it takes, nothing waits behind it, and it pauses and
 * asks again itself after a failure (auto-retry's pauses would grow to an hour during a long outage).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import type { Api, Transformer } from "grammy";

/** One HTTP request's answer from the Bot API (grammY's `timeoutSeconds`; long polling asks Telegram to answer within 30 s). */
export const API_REQUEST_TIMEOUT_SECONDS = 60;

/** One Bot API call, its retries and the waits Telegram asked for included. */
export const API_CALL_DEADLINE_MS = 120_000;

/** Calls without the deadline or auto-retry's retries: the long polling loop waits for Telegram, and retries itself. */
const POLLING = new Set(["getUpdates"]);

/** A Bot API call that did not end within its deadline (its request aborted, or its retries stopped). */
export class ApiCallDeadline extends Error {
  constructor(
    readonly method: string,
    readonly ms: number,
    options?: ErrorOptions,
  ) {
    super(`Bot API '${method}' tidak selesai dalam ${ms} ms (percobaan ulang termasuk)`, options);
    this.name = "ApiCallDeadline";
  }
}

/** Ends every call but getUpdates after `ms`, its retries included (installed outside auto-retry). */
export function callDeadline(ms: number): Transformer {
  return async (prev, method, payload, signal) => {
    if (POLLING.has(method)) return prev(method, payload, signal);
    const deadline = AbortSignal.timeout(ms);
    // grammY types its signal with the abort-controller package's class; Node's is what it uses at run time.
    const both = (signal ? AbortSignal.any([signal as unknown as AbortSignal, deadline]) : deadline) as unknown as typeof signal;
    try {
      return await prev(method, payload, both);
    } catch (e) {
      // Said as what happened, not as grammY's "Network request failed" or auto-retry's "aborted while waiting".
      if (deadline.aborted && !signal?.aborted) throw new ApiCallDeadline(method, ms, { cause: e });
      throw e;
    }
  };
}

/**
 * Retries, then the deadline around them, on a bot's API (the per-update `ctx.api` copies them). getUpdates has
 * neither: the polling loop pauses and asks again itself (src/server/polling.ts), where auto-retry's pauses
 * after network failures would grow to an hour.
 */
export function limitApiCalls(api: Api, deadlineMs = API_CALL_DEADLINE_MS): void {
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 });
  api.config.use((prev, method, payload, signal) => (POLLING.has(method) ? prev(method, payload, signal) : retry(prev, method, payload, signal)));
  api.config.use(callDeadline(deadlineMs));
}
