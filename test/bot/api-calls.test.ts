/**
 * A Bot API that stops answering, or cannot be reached, must not hold an officer: each call to it, its retries
 * included, ends at a deadline (src/bot/api-calls.ts). Real HTTP through grammY's client, to the fake Bot API
 * on loopback or to a port where nothing listens; the same retries and deadline as `npm start`.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Transformer } from "grammy";
import type { Update } from "grammy/types";
import { API_REQUEST_TIMEOUT_SECONDS, ApiCallDeadline, callDeadline } from "../../src/bot/api-calls.js";
import { createTelegramBot } from "../../src/bot/bot.js";
import { FAKE_BOT_INFO } from "../../src/local/fake-telegram.js";
import { ADMIN, askedForTarget2023, harness, plain, type Harness } from "../support/bot-harness.js";
import { freePort, startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";

const TOKEN = "123:TEST";
const GIVEN_UP = (method: string, ms: number) => `gagal mengirim balasan: Bot API '${method}' tidak selesai dalam ${ms} ms (percobaan ulang termasuk)`;

let api: FakeBotApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** A second bot on the harness's storage, built as `npm start` builds it, talking to the Bot API at `apiRoot` over HTTP. */
function botOverHttp(h: Harness, apiRoot: string, deadlineMs: number) {
  const errors: string[] = [];
  const { bot, repliesAfterAck } = createTelegramBot({
    token: TOKEN,
    services: h.services,
    apiRoot,
    deadlineMs,
    logger: { error: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.message : String(e)}`) },
  });
  bot.botInfo = FAKE_BOT_INFO;
  /** The update handled and its replies sent, or given up. */
  const handled = async (update: Update) => {
    await bot.handleUpdate(update);
    await repliesAfterAck.settled();
  };
  return { handled, errors };
}

/** The fake Bot API, never answering a send… call while `stalled.now`; `stalled.attempts` counts the send calls begun. */
async function stallingApi() {
  const stalled = { now: false, attempts: 0 };
  api = await startFakeBotApi(TOKEN, {
    beforeSend: () => {
      stalled.attempts++;
      return stalled.now ? new Promise<void>(() => undefined) : Promise.resolve();
    },
  });
  return { api, stalled };
}

async function target2023(h: Harness, id: string): Promise<unknown> {
  return (await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2023"]?.target;
}

describe("calls to the Bot API end", () => {
  it("a reply Telegram never answers is given up at the deadline, the answer stays stored, and the officer's next message is answered", async () => {
    const h = await harness();
    const id = await askedForTarget2023(h, ADMIN);
    const { api, stalled } = await stallingApi();
    const { handled, errors } = botOverHttp(h, api.url, 300);

    stalled.now = true;
    const began = Date.now();
    await handled(h.telegram.textUpdate(ADMIN, "90"));
    // Without the deadline: grammY's 60 s for the request, then auto-retry's retries without end.
    expect(Date.now() - began).toBeLessThan(API_REQUEST_TIMEOUT_SECONDS * 1000);
    expect(errors).toEqual([GIVEN_UP("sendMessage", 300)]);
    expect(stalled.attempts).toBe(1);
    expect(await target2023(h, id)).toBe("90");

    stalled.now = false;
    await handled(h.telegram.textUpdate(ADMIN, "80"));
    const sent = api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
    expect(sent).toHaveLength(2);
    expect(sent[0]).toBe("✅ Tersimpan — Realisasi 2023: 80%.\nCapaian 2023: <b>88,89%</b> (Tinggi).");
    expect(sent[1]).toContain("Berapa <b>target 2022</b> indikator ini?");
    expect(errors).toHaveLength(1);
  });

  it("Telegram out of reach: auto-retry's retries end at the deadline too, and the conversation goes on", async () => {
    const h = await harness();
    const id = await askedForTarget2023(h, ADMIN);
    const { handled, errors } = botOverHttp(h, `http://127.0.0.1:${await freePort()}`, 1000);

    // Refused connections are retried after 3 s, 6 s, 12 s … without a limit; the deadline ends them.
    await handled(h.telegram.textUpdate(ADMIN, "90"));
    expect(errors).toEqual([GIVEN_UP("sendMessage", 1000)]);
    expect(await target2023(h, id)).toBe("90");
    // The officer goes on where the stored answer left them (through the harness's bot, Telegram back).
    expect(plain(await h.driver.send(ADMIN, "80"))).toContain("✅ Tersimpan — Realisasi 2023: 80%.");
  });

  it("a reply of several messages stops at the first one not sent: the rest would wait as long and arrive without it", async () => {
    const h = await harness();
    await askedForTarget2023(h, ADMIN);
    await h.driver.send(ADMIN, "/draf");
    const parts = (await h.driver.pressData(ADMIN, "draf:semua")).length;
    expect(parts).toBeGreaterThan(1);

    const { api, stalled } = await stallingApi();
    const { handled, errors } = botOverHttp(h, api.url, 300);
    stalled.now = true;
    await handled(h.telegram.callbackUpdate(ADMIN, "draf:semua", h.telegram.latestMessageId()));
    expect(stalled.attempts).toBe(1);
    expect(errors).toEqual([GIVEN_UP("sendMessage", 300)]);

    // With Telegram answering, the same button sends all of them.
    stalled.now = false;
    stalled.attempts = 0;
    await handled(h.telegram.callbackUpdate(ADMIN, "draf:semua", h.telegram.latestMessageId()));
    expect(stalled.attempts).toBe(parts);
    expect(errors).toHaveLength(1);
  });

  it("long polling's getUpdates has no deadline; every other call ends at it, its signal aborted", async () => {
    // A stand-in for the Bot API below the deadline: answers after 100 ms, unless the call's signal aborts first.
    const slow = ((_m: string, _p: unknown, signal?: AbortSignal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve({ ok: true, result: [] }), 100);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(new Error("aborted"));
        });
      })) as unknown as Parameters<Transformer>[0];
    const deadline = callDeadline(30);
    await expect(deadline(slow, "getUpdates", {} as never)).resolves.toEqual({ ok: true, result: [] });
    await expect(deadline(slow, "sendMessage", { chat_id: 1, text: "x" })).rejects.toThrow(new ApiCallDeadline("sendMessage", 30));
    // The caller's own signal still counts, and its abort is not taken for the deadline.
    const own = new AbortController();
    const call = deadline(slow, "getUpdates", {} as never, own.signal as never);
    own.abort();
    await expect(call).rejects.toThrow("aborted");
    const ownSend = new AbortController();
    const send = deadline(slow, "sendMessage", { chat_id: 1, text: "x" }, ownSend.signal as never);
    ownSend.abort();
    await expect(send).rejects.toThrow("aborted");
  });
});
