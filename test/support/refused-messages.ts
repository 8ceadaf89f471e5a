/**
 * After every test: no message the bot sent was refused by the fake Telegram
 * as the real one would refuse it (HTML it cannot parse; text, keyboards,
 * photos or files over Telegram's limits; empty text: `telegramRefusal` in
 * src/local/fake-telegram.ts). Such a message is logged by the router and
 * never reaches the officer, so no test may pass with one.
 */
import { afterEach, expect } from "vitest";
import { FakeTelegram } from "../../src/local/fake-telegram.js";

afterEach(() => {
  const refused = FakeTelegram.refusedAnywhere.splice(0);
  expect(refused, "messages Telegram would refuse").toEqual([]);
});
