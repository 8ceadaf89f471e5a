/**
 * Long polling (src/server/polling.ts) against the fake Bot API over HTTP: many officers at a time, each
 * officer's updates in order, a batch confirmed to Telegram only once its updates are stored, and one slow
 * update holding only its own officer. `npm start`'s long polling itself (the real entry point in a child
 * process) is in test/bot/webhook.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Update } from "grammy/types";
import { createTelegramBot } from "../../src/bot/bot.js";
import type { Download } from "../../src/bot/flows/import.js";
import { LongPolling, type PollingOptions } from "../../src/server/polling.js";
import { ADMIN, OFFICER, askedForTarget2023, harness, registerAgency, type Harness } from "../support/bot-harness.js";
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "../support/fake-bot-api.js";
import { until } from "../support/until.js";

const TOKEN = "123:POLL";

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The fake Bot API and a bot polling it as `npm start` does (getMe included), on the harness's storage. */
async function polling(h: Harness, apiOptions: FakeBotApiOptions = {}, extra: Pick<PollingOptions, "batchLimitMs" | "retryMs" | "maxRetryMs"> & { download?: Download } = {}) {
  const { download, ...timing } = extra;
  const api = await startFakeBotApi(TOKEN, apiOptions);
  const errors: string[] = [];
  // As `npm start` builds it: replies after each update is stored, retries and deadlines on every call.
  const { bot } = createTelegramBot({
    token: TOKEN,
    services: h.services,
    apiRoot: api.url,
    logger: { error: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.message : String(e)}`) },
    ...(download ? { download } : {}),
  });
  await bot.init();
  const poller = new LongPolling({ bot, logger: { error: (m, e) => errors.push(`${m}: ${String(e)}`) }, allowedUpdates: ["message", "callback_query"], pollSeconds: 1, ...timing });
  cleanup.push(async () => {
    await poller.stop();
    await api.close();
  });
  return { api, poller, errors };
}

/** The texts the bot sent to `chatId`, in order. */
function sentTo(api: FakeBotApi, chatId: number): string[] {
  return api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId).map((c) => String(c.payload.text));
}

describe("long polling", () => {
  it("answers another officer while one officer's reply waits for Telegram", async () => {
    const h = await harness();
    // Telegram takes no message for ADMIN (until the test ends). ADMIN's update counts as handled once stored,
    // so the next batch is taken at once, well before the batch limit (set high here).
    const { api, poller } = await polling(h, { beforeSend: (_m, p) => (p.chat_id === ADMIN.id ? new Promise(() => undefined) : Promise.resolve()) }, { batchLimitMs: 60_000 });
    api.deliver(h.telegram.textUpdate(ADMIN, "/cek 86,11 80"));
    void poller.start();
    await until(() => api.calls.some((c) => c.method === "getUpdates" && Number(c.payload.offset) > 0), "the first batch confirmed");
    api.deliver(h.telegram.textUpdate(OFFICER, "/cek 56/57 97,5"));
    await until(() => sentTo(api, OFFICER.id).length === 1, "OFFICER's reply");
    expect(sentTo(api, OFFICER.id)[0]).toContain("Capaian: 100,76%");
    expect(sentTo(api, ADMIN.id)).toEqual([]);
  });

  it("handles each officer's updates of a batch in order, and confirms the batch only once they are stored", async () => {
    const h = await harness();
    const id = await askedForTarget2023(h, ADMIN);
    const batch: Update[] = [
      h.telegram.textUpdate(ADMIN, "90"),
      h.telegram.textUpdate(OFFICER, "/cek 86,11 80"),
      h.telegram.textUpdate(ADMIN, "80"),
      h.telegram.textUpdate(ADMIN, "70"),
    ];
    const last = batch[batch.length - 1]!.update_id;
    let atConfirmation: unknown;
    const { api, poller } = await polling(h, {
      onGetUpdates: async (offset) => {
        if (offset > last && atConfirmation === undefined) atConfirmation = (await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years;
      },
    });
    for (const u of batch) api.deliver(u);
    void poller.start();
    await until(() => atConfirmation !== undefined, "the batch confirmed");
    // Stored in the order sent, before Telegram was told the batch was handled.
    expect(atConfirmation).toMatchObject({ "2024": { target: "80", actual: "86.11" }, "2023": { target: "90", actual: "80" }, "2022": { target: "70" } });
    await until(() => sentTo(api, ADMIN.id).length === 6, "ADMIN's replies");
    expect(sentTo(api, ADMIN.id).filter((t) => t.startsWith("✅"))).toEqual(["✅ Tersimpan — Target 2023: 90%.", "✅ Tersimpan — Realisasi 2023: 80%.\nCapaian 2023: <b>88,89%</b> (Tinggi).", "✅ Tersimpan — Target 2022: 70%."]);
    expect(api.pending()).toEqual([]);
  });

  it("answers the other officers of a batch while one officer's update is at work", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    let release: (() => void) | undefined;
    const download: Download = () => new Promise((_, reject) => (release = () => reject(new Error("putus"))));
    const { api, poller } = await polling(h, {}, { batchLimitMs: 60_000, download });
    api.deliver(h.telegram.documentUpdate(ADMIN, "f1", "pk.csv", 100));
    api.deliver(h.telegram.textUpdate(OFFICER, "/cek 86,11 80"));
    void poller.start();
    await until(() => sentTo(api, OFFICER.id).length === 1, "OFFICER's reply");
    expect(release).toBeDefined();
    expect(sentTo(api, ADMIN.id)).toEqual([]);
    release!();
    await until(() => sentTo(api, ADMIN.id).length === 1, "ADMIN's reply");
    expect(sentTo(api, ADMIN.id)[0]).toBe("Berkas tidak dapat diunduh dari Telegram. Silakan kirim ulang.");
  });

  it("an update still at work after the batch limit holds only its officer's later updates, in this batch and the next, which follow it in order", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    let release: (() => void) | undefined;
    const download: Download = () => new Promise((_, reject) => (release = () => reject(new Error("putus"))));
    const { api, poller, errors } = await polling(h, {}, { batchLimitMs: 200, download });
    api.deliver(h.telegram.documentUpdate(ADMIN, "f1", "pk.csv", 100));
    api.deliver(h.telegram.textUpdate(ADMIN, "/status"));
    void poller.start();
    await until(() => release !== undefined, "the download begun");
    api.deliver(h.telegram.textUpdate(ADMIN, "/bantuan"));
    api.deliver(h.telegram.textUpdate(OFFICER, "/cek 86,11 80"));
    // The next batch was taken (the first confirmed at the limit): OFFICER is answered, ADMIN's updates wait.
    await until(() => sentTo(api, OFFICER.id).length === 1, "OFFICER's reply");
    expect(sentTo(api, ADMIN.id)).toEqual([]);
    release!();
    await until(() => sentTo(api, ADMIN.id).length === 3, "ADMIN's replies");
    const [first, second, third] = sentTo(api, ADMIN.id);
    expect(first).toBe("Berkas tidak dapat diunduh dari Telegram. Silakan kirim ulang.");
    expect(second).toContain("Status Dinas Sosial Kabupaten Contoh");
    expect(third).toContain("/cek");
    expect(third).not.toContain("Status Dinas Sosial");
    expect(errors).toEqual([]);
  });

  it("stop() waits for the batch at work and confirms it, so a restart does not get it again", async () => {
    const h = await harness();
    const { api, poller } = await polling(h);
    api.deliver(h.telegram.textUpdate(OFFICER, "/cek 86,11 80"));
    const done = poller.start();
    await until(() => sentTo(api, OFFICER.id).length === 1, "OFFICER's reply");
    await poller.stop();
    await done;
    expect(api.pending()).toEqual([]);
    const last = api.calls.filter((c) => c.method === "getUpdates").at(-1)!;
    expect(last.payload).toMatchObject({ timeout: 0, limit: 1 });
  });

  it("a getUpdates that fails is asked again after a pause that doubles, up to a longest, and after Telegram's own when it gives one", async () => {
    const h = await harness();
    let answer = 0;
    const refusals = [
      { error_code: 502, description: "Bad Gateway" },
      { error_code: 502, description: "Bad Gateway" },
      { error_code: 502, description: "Bad Gateway" },
      { error_code: 502, description: "Bad Gateway" },
      undefined, // answered: the next failure is the first in a row again
      { error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } },
      { error_code: 500, description: "Internal Server Error" },
    ];
    const { api, poller, errors } = await polling(h, { refuse: { getUpdates: () => refusals[answer++] } }, { retryMs: 20, maxRetryMs: 50 });
    const done = poller.start();
    await until(() => errors.length === 6, "six failures");
    await until(() => api.calls.filter((c) => c.method === "getUpdates").length >= 8, "asked again after the last");
    await poller.stop();
    await done;
    // Telegram's 5xx reach the loop at once: auto-retry would have paused 3 s, 6 s … before each itself.
    expect(errors.map((e) => e.slice(0, e.indexOf("):") + 1))).toEqual([
      "gagal mengambil pembaruan (ke-1 berturut-turut; dicoba lagi dalam 20 ms)",
      "gagal mengambil pembaruan (ke-2 berturut-turut; dicoba lagi dalam 40 ms)",
      "gagal mengambil pembaruan (ke-3 berturut-turut; dicoba lagi dalam 50 ms)",
      "gagal mengambil pembaruan (ke-4 berturut-turut; dicoba lagi dalam 50 ms)",
      "gagal mengambil pembaruan (ke-1 berturut-turut; dicoba lagi dalam 0 ms)",
      "gagal mengambil pembaruan (ke-2 berturut-turut; dicoba lagi dalam 40 ms)",
    ]);
    expect(errors[0]).toContain("GrammyError: Call to 'getUpdates' failed! (502: Bad Gateway)");
  });

  it("a network failure of getUpdates is asked again after the loop's pause, not auto-retry's, which grows to an hour", async () => {
    const h = await harness();
    // Telegram out of reach for getUpdates: its connections are cut without an answer.
    const { api, poller, errors } = await polling(h, { refuse: { getUpdates: "reset" } }, { retryMs: 20 });
    void poller.start();
    // Auto-retry would wait 3 s after the first failure, 6 s after the second; the loop's pauses are 20, 40, 50 … ms.
    await until(() => api.calls.filter((c) => c.method === "getUpdates").length >= 4, "four attempts", 2_500);
    expect(errors[0]).toBe("gagal mengambil pembaruan (ke-1 berturut-turut; dicoba lagi dalam 20 ms): HttpError: Network request for 'getUpdates' failed!");
  });

  it("stop() ends the pause after a refused getUpdates at once", async () => {
    const h = await harness();
    const { api, poller } = await polling(h, { refuse: { getUpdates: { error_code: 400, description: "Bad Request: wrong parameter" } } }, { retryMs: 600_000, maxRetryMs: 600_000 });
    const done = poller.start();
    await until(() => api.calls.some((c) => c.method === "getUpdates"), "a getUpdates");
    // Within the test's time limit only if the pause (ten minutes) ends with stop().
    await poller.stop();
    await done;
  });
});
