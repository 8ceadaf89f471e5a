/**
 * The process the crash test kills: the bot on a data directory, fed one
 * answer per stdin line ({"updateId": n, "n": k}). It picks an answer that
 * fits the question being asked, and prints "ACK <json>" once the bot has
 * acknowledged the answer as stored, or "NACK" otherwise.
 */
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import { defaultServices } from "../../src/app/services.js";
import { decodeKey } from "../../src/app/entry/keys.js";
import { createBot } from "../../src/bot/bot.js";
import { readState } from "../../src/bot/state.js";
import { FAKE_BOT_INFO, FakeTelegram } from "../../src/local/fake-telegram.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";

export const CRASH_USER = { id: 801, first_name: "Petugas", is_bot: false };

const dir = process.argv[2]!;
const repo = new LowdbRepository({ dir });
const services = { ...defaultServices(repo), random: (n: number) => randomBytes(n) };
const telegram = new FakeTelegram(1);
const bot = createBot({ token: "1:CRASH", services, botInfo: FAKE_BOT_INFO, logger: { error: (m, e) => process.stderr.write(`${m} ${String(e)}\n`) } });
telegram.install(bot);

function answerFor(key: string, k: number): string {
  const q = decodeKey(key);
  if (q?.q === "national") return `${k} 2023 Sumber ${k}`;
  if (q?.q === "factors") return `Butir jawaban ${k}`;
  return String(k);
}

process.stdout.write("READY\n");
for await (const line of createInterface({ input: process.stdin })) {
  const { updateId, n } = JSON.parse(line) as { updateId: number; n: number };
  const user = await repo.users.read(String(CRASH_USER.id));
  const { state } = readState(user?.session);
  const current = state.flow === "entry" ? state.current : undefined;
  const text = current ? answerFor(current, n) : "/isi";
  const before = telegram.sent.length;
  await bot.handleUpdate({
    update_id: updateId,
    message: { message_id: updateId, date: 0, chat: { id: CRASH_USER.id, type: "private", first_name: "Petugas" }, from: CRASH_USER, text },
  });
  const reply = telegram.sent.slice(before).map((m) => m.text).join("\n");
  process.stdout.write(reply.startsWith("✅ Tersimpan") && current ? `ACK ${JSON.stringify({ key: current, text })}\n` : "NACK\n");
}
