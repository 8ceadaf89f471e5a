/** What `npm start` says when it cannot start on Telegram (src/server/start-failure.ts): the exact Indonesian text. */
import { GrammyError } from "grammy";
import { describe, expect, it } from "vitest";
import { ApiCallDeadline } from "../../src/bot/api-calls.js";
import { PollingRefused, WebhookInUse } from "../../src/server/polling.js";
import { startFailure } from "../../src/server/start-failure.js";

const ROOT = "https://api.telegram.org";
const refused = (method: string, error_code: number, description: string) => new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code, description }, method, {});

describe("a start on Telegram that fails", () => {
  it("says why, and what to check", () => {
    expect(startFailure(new ApiCallDeadline("getMe", 120_000), ROOT)).toBe(
      "Telegram (https://api.telegram.org) tidak menjawab getMe dalam 120 detik, percobaan ulang termasuk, jadi bot tidak dapat dimulai. Periksa apakah server ini dapat menghubungi https://api.telegram.org (jaringan keluar, firewall, DNS), atau arahkan TELEGRAM_API_ROOT ke server Bot API yang dapat dihubungi.",
    );
    expect(startFailure(refused("getMe", 401, "Unauthorized"), ROOT)).toBe("Telegram menolak TELEGRAM_BOT_TOKEN (401 Unauthorized). Periksa token dari @BotFather, misalnya TELEGRAM_BOT_TOKEN=123456789:AAH… npm start");
    // A token not in a token's form gets 404 from Telegram.
    expect(startFailure(refused("getMe", 404, "Not Found"), ROOT)).toBe("Telegram menolak TELEGRAM_BOT_TOKEN (404 Not Found). Periksa token dari @BotFather, misalnya TELEGRAM_BOT_TOKEN=123456789:AAH… npm start");
    expect(startFailure(new PollingRefused(refused("getUpdates", 401, "Unauthorized")), ROOT)).toContain("Telegram menolak TELEGRAM_BOT_TOKEN (401 Unauthorized).");
    expect(startFailure(new PollingRefused(refused("getUpdates", 409, "Conflict")), ROOT)).toContain("Telegram menolak long polling: proses lain sedang menerima pembaruan untuk bot ini");
    expect(startFailure(new WebhookInUse("https://bot.example.go.id/telegram"), ROOT)).toContain("Bot ini sedang memakai webhook (https://bot.example.go.id/telegram)");
    expect(startFailure(refused("setWebhook", 400, "Bad Request: bad webhook: HTTPS url must be provided for webhook"), ROOT)).toBe(
      "Telegram menolak setWebhook saat bot dimulai (400: Bad Request: bad webhook: HTTPS url must be provided for webhook).",
    );
    expect(startFailure(new Error("lain"), ROOT)).toBe("lain");
  });
});
