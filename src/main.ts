/**
 * `npm start`: without TELEGRAM_BOT_TOKEN, the local chat on the embedded demo
 * data; with it, the bot on Telegram by long polling (auto-retry on 429/5xx,
 * command list registered).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { defaultServices } from "./app/services.js";
import { botCommands, consoleLogger, createBot } from "./bot/bot.js";
import { localDataDir, runLocalChat } from "./local/chat.js";
import { LowdbRepository } from "./storage/lowdb/repository.js";

const dataDir = process.env.DATA_DIR ?? "data";
const token = process.env.TELEGRAM_BOT_TOKEN?.trim();

if (!token) {
  await runLocalChat({ dataDir: localDataDir(dataDir), input: process.stdin, output: process.stdout });
} else {
  const repo = new LowdbRepository({ dir: dataDir });
  const bot = createBot({ token, services: defaultServices(repo), logger: consoleLogger(token) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60 }));
  await bot.api.setMyCommands(botCommands());
  const stop = () => void bot.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await bot.start({ onStart: (me) => console.log(`Bot @${me.username} berjalan (long polling). Data: ${dataDir}`) });
}
