/**
 * One storage's measurements (answers, fixed rates, thinking officers, /cek,
 * memory, start-up), run by bench/run.ts in a process of its own with the
 * bot's settings (scripts/start.sh's heap limit and V8 flags), on a store it
 * prepared: `node … bench/storage.ts --name lowdb --dir DIR` or
 * `--name PostgreSQL --url URL --local 1`, with run.ts's --agencies, --answers,
 * --rate, --seconds, --think and --connections. It prints its result as JSON.
 * A process of its own, so its memory is the bot's: neither the seeding of
 * the store nor the other storage's runs leave their heap behind in it. The
 * store is opened as the bot opens it (`openRepository`, the environment of
 * `npm start`), so the process loads the code of its own storage only: the
 * `pg` driver, about 2 MB of heap and 8 MB of RSS, is not in lowdb's.
 */
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { openRepository } from "../src/storage/open.js";
import type { Repository } from "../src/storage/repository.js";
import { closedLoop, fixedRate, HOT_AT_WORK, officerArrivals, officerStream, pipeline, quickChecks, thinkingOfficers, whileExporting, type Exports, type LoadStats, type Stats } from "./load.js";
import { withCpu, type CpuPerAnswer } from "./cpu.js";
import { benchArgs, loadShape, type LoadShape } from "./args.js";
import { log, mb, rssPeakSinceMark } from "./rss.js";
import { startFakeBotApi, freePort } from "../test/support/fake-bot-api.js";

/** A closed-loop run with the CPU it took per answer (the /isi messages that opened bursts included). */
type Measured = LoadStats & { cpu: CpuPerAnswer };

export interface StorageResult {
  storage: string;
  startupMs: number;
  /**
   * The first answers after the store was opened (bursts of 5 on random agencies), before the closed loops:
   * the process compiles its code and, for PostgreSQL, opens its connections and prepares its statements
   * here, so the runs after it measure the bot as it runs once warm (from run 59, item 33).
   */
  warmUp: Measured;
  answersHot: Measured;
  answersMixed: Measured;
  answersCold: Measured;
  /** Officers arriving at RATE / 10 a second, five answers each (see officerArrivals). */
  arrivals: LoadStats & { offered: number };
  /** Answers arriving at RATE / 2 a second (bursts of 5), at RATE from HOT_AT_WORK officers at work (bursts of 60), then at RATE in bursts of 5 (see fixedRate). */
  fixedHalf: LoadStats & { target: number };
  fixedRateHot: LoadStats & { target: number };
  /** The same while officers of other agencies export their BAB III in Word every 2 s (from run 84, item 43). */
  fixedRateHotExports: LoadStats & { target: number; exports: Exports };
  fixedRate: LoadStats & { target: number };
  /** Officers arriving at RATE / 5 a second, five answers each (RATE answers/s offered), after the fixed-rate runs (from run 51, item 30). */
  arrivalsFull: LoadStats & { offered: number };
  /** RATE × THINK officers thinking THINK seconds on average before each answer (see thinkingOfficers). */
  thinking: Awaited<ReturnType<typeof thinkingOfficers>>;
  cek: Stats;
  /** After the closed-loop runs (the cache full, nothing queued). */
  memorySteady: { rssMb: number; heapMb: number };
  /** After the fixed-rate overload, the thinking officers and /cek. */
  memory: { rssMb: number; heapMb: number };
  /** The highest RSS sampled during this storage's runs (before any collection the bench forces). */
  rssPeakMb: number;
  errors: number;
}

/** Start the bot as `npm start` does (scripts/start.sh) in webhook mode on the store and time it until it answers its first update. */
async function startup(env: NodeJS.ProcessEnv): Promise<number> {
  const token = "1:STARTUP";
  const api = await startFakeBotApi(token);
  const port = await freePort();
  const started = performance.now();
  const child = spawn("sh", ["scripts/start.sh"], {
    env: { ...process.env, ...env, TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: api.url, WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`, PORT: String(port), WEBHOOK_SECRET: "bench" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr.on("data", (b: Buffer) => (output += b.toString()));
  try {
    while (!output.includes("siap menerima webhook")) {
      if (child.exitCode !== null || performance.now() - started > 60_000) throw new Error(`start-up failed:\n${output}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const update = { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 42, type: "private", first_name: "A" }, from: { id: 42, is_bot: false, first_name: "A" }, text: "/cek 86,11 80", entities: [{ type: "bot_command", offset: 0, length: 4 }] } };
    const r = await fetch(`http://127.0.0.1:${port}/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "bench" }, body: JSON.stringify(update) });
    await r.text();
    // Webhook mode answers Telegram once the update is stored and sends the reply after: answered = the reply sent.
    while (!api.calls.some((c) => c.method === "sendMessage")) {
      if (child.exitCode !== null || performance.now() - started > 60_000) throw new Error(`no reply:\n${output}`);
      await new Promise((r) => setTimeout(r, 1));
    }
    return performance.now() - started;
  } finally {
    const exited = new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once("exit", r)));
    child.kill("SIGTERM");
    await exited;
    await api.close();
  }
}

/** Memory after a full garbage collection (the process runs with --expose-gc). */
function memoryNow(): { rssMb: number; heapMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed) };
}

async function measureStorage(name: string, open: () => Promise<Repository>, env: NodeJS.ProcessEnv, database: boolean, shape: LoadShape): Promise<StorageResult> {
  const { agencies: AGENCIES, answers: ANSWERS, rate: RATE, seconds: SECONDS, think: THINK, connections: CONNECTIONS } = shape;
  log(`[${name}] start-up…`);
  const startupMs = await startup(env);
  rssPeakSinceMark(); // the storage's peak counts from here
  const repo = await open();
  const p = pipeline(repo, { deliveries: CONNECTIONS });
  const WARM_UP = Math.ceil(ANSWERS / 2);
  log(`[${name}] warm-up: ${WARM_UP} answers (bursts of 5 on random agencies)…`);
  const warmUp = await withCpu(() => closedLoop(p, WARM_UP, 8, officerStream(AGENCIES, 5, 7)), database);
  log(`[${name}] answers: hot (8 officers, full passes)…`);
  const answersHot = await withCpu(() => closedLoop(p, ANSWERS, 8, officerStream(AGENCIES, 60, 11)), database);
  log(`[${name}] answers: mixed (bursts of 5 on random agencies)…`);
  const answersMixed = await withCpu(() => closedLoop(p, ANSWERS, 8, officerStream(AGENCIES, 5, 13)), database);
  log(`[${name}] answers: cold (one answer per random agency)…`);
  const answersCold = await withCpu(() => closedLoop(p, Math.min(ANSWERS, 2_000), 8, officerStream(AGENCIES, 1, 17)), database);
  const memorySteady = memoryNow();
  log(`[${name}] officers arriving at ${RATE / 10}/s (5 answers each), then answers at ${RATE / 2}/s, at ${RATE}/s with ${HOT_AT_WORK} officers at work in bursts of 60 and at ${RATE}/s in bursts of 5, for ${SECONDS} s each…`);
  const arrivals = await officerArrivals(p, RATE / 10, SECONDS, 5, officerStream(AGENCIES, 5, 23));
  const fixedHalf = await fixedRate(p, RATE / 2, SECONDS, officerStream(AGENCIES, 5, 29));
  const fixedRateHot = await fixedRate(p, RATE, SECONDS, officerStream(AGENCIES, 60, 37), HOT_AT_WORK);
  log(`[${name}] the same while other officers export their BAB III in Word every 2 s…`);
  const fixedRateHotExports = await whileExporting(p, AGENCIES, 2_000, () => fixedRate(p, RATE, SECONDS, officerStream(AGENCIES, 60, 41), HOT_AT_WORK));
  const rate = await fixedRate(p, RATE, SECONDS, officerStream(AGENCIES, 5, 19));
  log(`[${name}] officers arriving at ${RATE / 5}/s (5 answers each, ${RATE} answers/s offered) for ${SECONDS} s…`);
  const arrivalsFull = await officerArrivals(p, RATE / 5, SECONDS, 5, officerStream(AGENCIES, 5, 31));
  const officers = Math.min(AGENCIES, Math.round(RATE * THINK));
  log(`[${name}] ${officers} officers thinking ${THINK} s before each answer, measured for ${SECONDS} s…`);
  const thinking = await thinkingOfficers(p, AGENCIES, officers, THINK * 1000, SECONDS);
  log(`[${name}] /cek…`);
  const cek = await quickChecks(p, 20_000, 8);
  const rssPeakMb = rssPeakSinceMark();
  const memory = memoryNow();
  await repo.close();
  if (p.errors.length > 0) log(`[${name}] errors: ${p.errors.slice(0, 3).join(" | ")}`);
  return { storage: name, startupMs, warmUp, answersHot, answersMixed, answersCold, arrivals, fixedHalf, fixedRateHot, fixedRateHotExports, fixedRate: rate, arrivalsFull, thinking, cek, memorySteady, memory, rssPeakMb, errors: p.errors.length };
}

async function main(): Promise<void> {
  const args = benchArgs();
  const name = args.text("name", "");
  const dir = args.text("dir", "");
  const url = args.text("url", "");
  const shape = loadShape(args);
  let result: StorageResult;
  // AGENCY_CACHE_SIZE and DATABASE_POOL_SIZE from the environment, as for `npm start` (whose start-up is measured with the same environment).
  const cache = { AGENCY_CACHE_SIZE: process.env.AGENCY_CACHE_SIZE, DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE };
  if (name === "lowdb" && dir) result = await measureStorage(name, () => openRepository(cache, dir), { DATA_DIR: dir }, false, shape);
  else if (name === "PostgreSQL" && url) result = await measureStorage(name, () => openRepository({ ...cache, DATABASE_URL: url }, dir), { DATABASE_URL: url }, args.text("local", "0") === "1", shape);
  else throw new Error("usage: bench/storage.ts --name lowdb --dir DIR | --name PostgreSQL --url URL [--local 1]");
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
