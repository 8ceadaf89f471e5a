/**
 * `npm start`:
 *   without TELEGRAM_BOT_TOKEN   the local chat on the embedded demo data;
 *   with it                      the bot on Telegram by long polling;
 *   with WEBHOOK_URL as well     an HTTP server for Telegram's webhook (several processes may share
 *                                one PostgreSQL database, see README "Deployment").
 * Storage: PostgreSQL when DATABASE_URL is set, otherwise lowdb files under DATA_DIR (default data/).
 */
import { createHash } from "node:crypto";
import { defaultServices } from "./app/services.js";
import { fillDirectory } from "./app/directory.js";
import { ALLOWED_UPDATES, botCommands, consoleLogger, createTelegramBot, redact, TELEGRAM_API_ROOT } from "./bot/bot.js";
import { localDataDir, runLocalChat } from "./local/chat.js";
import { shutdownGrace, startWebhookServer, webhookAddress, webhookConnections, webhookPort } from "./server/webhook.js";
import { LongPolling } from "./server/polling.js";
import { startFailure } from "./server/start-failure.js";
import { openRepository } from "./storage/open.js";
import { claimDataDir, DataDirInUse } from "./storage/lowdb/claim.js";
import { say } from "./messages/catalog.js";
import { exportHeapMb } from "./export/worker-pool.js";

const env = process.env;
const dataDir = env.DATA_DIR ?? "data";
const token = env.TELEGRAM_BOT_TOKEN?.trim();

/** lowdb's folder for this process alone (src/storage/lowdb/claim.ts): a second process on it stops here, saying why. */
async function claimOrStop(dir: string): Promise<void> {
  try {
    await claimDataDir(dir);
  } catch (e) {
    console.error(e instanceof DataDirInUse ? say("cli.folder_dipakai", { folder: e.dir }) : e instanceof Error ? e.message : String(e));
    process.exit(1);
  }
}

try {
  exportHeapMb(env.EXPORT_HEAP_MB); // read when the first file is made: a wrong value stops the start instead
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}

if (!token) {
  // The chat's output read by a program that stops early (`npm start | head`): end quietly, not with EPIPE.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code !== "EPIPE") throw e;
    process.exit(0);
  });
  await claimOrStop(localDataDir(dataDir));
  await runLocalChat({ dataDir: localDataDir(dataDir), input: process.stdin, output: process.stdout });
} else {
  const fail = (e: unknown): never => {
    console.error(redact(e instanceof Error ? e.message : String(e), token));
    process.exit(1);
  };
  let maxConnections = 0;
  let grace = 0;
  let port = 0;
  let webhook: URL | undefined;
  try {
    maxConnections = webhookConnections(env.WEBHOOK_MAX_CONNECTIONS);
    grace = shutdownGrace(env.SHUTDOWN_GRACE_MS);
    port = webhookPort(env.PORT);
    const webhookUrl = env.WEBHOOK_URL?.trim();
    webhook = webhookUrl ? webhookAddress(webhookUrl) : undefined;
  } catch (e) {
    fail(e);
  }
  const logger = consoleLogger(token);
  const apiRoot = env.TELEGRAM_API_ROOT?.trim() || TELEGRAM_API_ROOT;
  if (!env.DATABASE_URL?.trim()) await claimOrStop(dataDir);
  const repo = await openRepository(env, dataDir).catch(fail);
  // An update counts as handled once stored, its replies are sent after: Telegram's webhook connections stay
  // free, and long polling takes the next batch while replies are still going out. Every Bot API call is retried
  // and ends (src/bot/api-calls.ts): a Bot API that stops answering must not hold an officer.
  const services = defaultServices(repo);
  const { bot, repliesAfterAck } = createTelegramBot({ token, services, logger, apiRoot });
  const storage = env.DATABASE_URL ? "PostgreSQL" : `lowdb (${dataDir})`;
  // On SIGTERM or SIGINT: no new updates (`closeIntake`); the updates at work are finished and the replies of those
  // stored are sent (for at most SHUTDOWN_GRACE_MS: a Bot API that does not answer must not hold the process),
  // then the storage closes.
  const stopOn = (closeIntake: () => unknown) => {
    const stop = async () => {
      await closeIntake();
      if (!(await repliesAfterAck.settled(grace))) console.error(`[lkjip] berhenti: ${repliesAfterAck.pending} pembaruan masih bekerja atau mengirim balasan setelah ${grace} ms`);
      await repo.close().catch((e: unknown) => {
        console.error(`[lkjip] gagal menutup penyimpanan — ${e instanceof Error ? e.message : String(e)}`);
        process.exitCode = 1;
      });
      process.exit();
    };
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  };
  // What cannot start on Telegram stops the start, saying why (src/server/start-failure.ts), not with a stack trace.
  const cannotStart = async (e: unknown): Promise<never> => {
    await repo.close().catch(() => undefined);
    return fail(startFailure(e, apiRoot));
  };
  await bot.init().catch(cannotStart);
  // Agencies stored before the directory of regions existed are added to it once, in the background (a few seconds
  // for thousands of agencies): until then, registering an agency is not told of one of them registered already.
  fillDirectory(services).then(
    (n) => n > 0 && console.log(`[lkjip] ${n} instansi yang sudah tersimpan dicatat dalam daftar per wilayah`),
    (e: unknown) => console.error(`[lkjip] gagal mencatat instansi per wilayah — ${e instanceof Error ? e.message : String(e)}`),
  );
  if (webhook) {
    // The secret Telegram sends with every update; derived from the token unless set, so all processes agree.
    const secretToken = env.WEBHOOK_SECRET?.trim() || createHash("sha256").update(`lkjip-webhook:${token}`).digest("hex");
    const server = await startWebhookServer({ bot, path: webhook.pathname, secretToken, port, logger }).catch(cannotStart);
    if (env.WEBHOOK_SET !== "0") {
      await bot.api.setWebhook(webhook.href, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES], max_connections: maxConnections }).catch(cannotStart);
      await bot.api.setMyCommands(botCommands()).catch(cannotStart);
    }
    stopOn(() => server.close());
    console.log(`Bot @${bot.botInfo.username} siap menerima webhook di port ${port}${webhook.pathname}. Penyimpanan: ${storage}`);
  } else {
    // Many officers at a time, each batch confirmed to Telegram once handled (src/server/polling.ts).
    await bot.api.setMyCommands(botCommands()).catch(cannotStart);
    const polling = new LongPolling({ bot, logger, allowedUpdates: ALLOWED_UPDATES });
    stopOn(() => polling.stop());
    console.log(`Bot @${bot.botInfo.username} berjalan (long polling). Penyimpanan: ${storage}`);
    await polling.start().catch(cannotStart);
  }
}
