/**
 * Downloading a file an officer sent (/impor), from a Bot API server on
 * loopback: the bytes arrive through getFile and the file URL; a download
 * or a getFile that stalls fails after the timeout instead of holding the
 * officer's update (and lock, and with PostgreSQL a transaction) for good.
 */
import { Api, type Context } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { telegramDownload } from "../../src/bot/bot.js";
import { startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";

const TOKEN = "1:DOWNLOAD";
const PK = new TextEncoder().encode("Sasaran;Indikator;Satuan;Target\nMeningkatnya kesejahteraan sosial;Persentase PSKS aktif;%;80\n");

let api: FakeBotApi;
afterEach(async () => api.close());

async function withFiles(files: [string, Uint8Array | "stall" | "stall-getFile"][]): Promise<Context> {
  api = await startFakeBotApi(TOKEN, { files: new Map(files) });
  return { api: new Api(TOKEN, { apiRoot: api.url }) } as unknown as Context;
}

describe("downloading an officer's file from Telegram", () => {
  it("reads the file's bytes through getFile and its download URL", async () => {
    const ctx = await withFiles([["pk-1", PK]]);
    expect(await telegramDownload(TOKEN, api.url)(ctx, "pk-1")).toEqual(PK);
    expect(api.calls).toEqual([{ method: "getFile", payload: { file_id: "pk-1" } }]);
  });

  it.each([
    ["a download that stops half-way", "stall"],
    ["a getFile that is never answered", "stall-getFile"],
  ] as const)("gives up on %s after the timeout", async (_, stall) => {
    const ctx = await withFiles([["pk-2", stall]]);
    const started = performance.now();
    await expect(telegramDownload(TOKEN, api.url, 300)(ctx, "pk-2")).rejects.toThrow();
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(290);
    expect(waited).toBeLessThan(2000);
  });
});
