/**
 * `npm run bench [-- options]`: the benchmark of issue 7.
 *   --agencies N     agencies stored (default 10000; 10 sasaran, 40 indicators, 3 history years, 200 budget lines each)
 *   --audit N        audit entries of earlier answers in each agency document (default 0; the document keeps 50–100)
 *   --answers N      answers per closed-loop measurement (default 4000)
 *   --rate R         answers per second for the fixed-rate measurements (default 500), --seconds S (default 10):
 *                    officers arrive at R/10 a second, 5 answers each (half of R offered), then answers
 *                    arrive at R/2 a second (bursts of 5), at R from 32 officers at work
 *                    (bursts of 60, their agencies cached), at R in bursts of 5
 *   --think T        after those, R × T officers on agencies of their own answer with a mean think time of T seconds
 *                    (default 10): R answers a second offered, nearly every one on an agency not in the cache
 *   --connections C  updates delivered to the bot at once in every measurement above, the others waiting their turn
 *                    as they wait at Telegram (default 100, the bot's WEBHOOK_MAX_CONNECTIONS; 0: no bound, as before run 43)
 *   --storage list   lowdb,postgres (default both; PostgreSQL is skipped with a note when it cannot be reached)
 *   --baseline N     agencies in the naive single-file store (default 1000; 0 skips it)
 *   --json FILE      write the results as JSON; --markdown FILE writes the report (docs/benchmark.md)
 * Stores are built once under bench/.data (and a database lkjip_bench_<N>_v<version>) and reused.
 * Each storage is measured in a process of its own with the bot's settings (bench/storage.ts), the drafts
 * and Word exports in another (bench/domain.ts); this process seeds the stores and writes the report.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpus, totalmem, type as osType, release } from "node:os";
import { existsSync } from "node:fs";
import { cp, rm, writeFile } from "node:fs/promises";
import pg from "pg";
import { join } from "node:path";
import { HOT_AT_WORK, type LoadStats } from "./load.js";
import type { BaselineResult } from "./baseline.js";
import type { DomainResult } from "./domain.js";
import { benchDatabaseUrl, seedLowdb, seedPostgres, storeName } from "./seed.js";
import { benchArgs, loadShape, loadShapeOptions } from "./args.js";
import { BOT_V8_FLAGS } from "./node-flags.js";
import { log, mb } from "./rss.js";
import type { StorageResult } from "./storage.js";
import { dropDatabase } from "../test/support/postgres.js";

const args = benchArgs();
const SHAPE = loadShape(args);
const { agencies: AGENCIES, answers: ANSWERS, rate: RATE, seconds: SECONDS, think: THINK, connections: CONNECTIONS } = SHAPE;
const AUDIT = args.number("audit", 0);
const STORAGES = args.text("storage", "lowdb,postgres").split(",");
const BASELINE = args.number("baseline", 1_000);
/**
 * Debian's PostgreSQL on this machine (scripts/postgres.sh) is reached through
 * its Unix socket when there is one, as a bot on the database's machine should
 * connect (README, Deployment): no TCP over loopback, a little less system time
 * per answer (docs/benchmark.md, item 40).
 */
const LOCAL_SOCKET = "/var/run/postgresql";
const SOCKET_URL = `postgresql://lkjip_test:lkjip_test@localhost/postgres?host=${encodeURIComponent(LOCAL_SOCKET)}`;
const TCP_URL = "postgres://lkjip_test:lkjip_test@127.0.0.1:5432/postgres";
/** Set by `chooseAdminUrl` before the PostgreSQL measurements. */
let ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? TCP_URL;

/** The socket when there is one and the test role may log in there (scripts/postgres.sh), else TCP; a URL from the environment as it is. */
async function chooseAdminUrl(): Promise<void> {
  if (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL) return;
  if (!existsSync(join(LOCAL_SOCKET, ".s.PGSQL.5432"))) return;
  const client = new pg.Client({ connectionString: SOCKET_URL });
  try {
    await client.connect();
    ADMIN_URL = SOCKET_URL;
  } catch (e) {
    log(`[postgres] soket ${LOCAL_SOCKET} tidak dapat dipakai (${e instanceof Error ? e.message : String(e)}); memakai TCP.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
const DATA = join("bench", ".data");

/** Whether the database server runs on this machine (its CPU can then be read): a loopback address or a Unix socket path. */
function isLocal(url: string): boolean {
  const host = decodeURIComponent(new URL(url).hostname);
  return ["127.0.0.1", "localhost", "::1", "[::1]", ""].includes(host) || host.startsWith("/");
}

/** A fresh database copied from the seeded one (CREATE DATABASE … TEMPLATE), dropped after the run. */
async function workingCopy(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const template = new URL(url).pathname.slice(1);
  const name = `${template}_kerja`;
  await dropDatabase(ADMIN_URL, name);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return {
    url: copy.toString(),
    drop: () => dropDatabase(ADMIN_URL, name),
  };
}

/** How the benchmark reaches the database, for the report's first lines. */
function connection(url: string): string {
  const parsed = new URL(url);
  const socket = parsed.searchParams.get("host");
  if (socket?.startsWith("/")) return `PostgreSQL on this machine through its Unix socket (${socket})`;
  return `PostgreSQL over TCP to ${parsed.hostname}:${parsed.port || "5432"}${isLocal(url) ? " (this machine)" : ""}`;
}

/**
 * Write out what copying the database left behind, as `settle` does for
 * lowdb's copied files: `CREATE DATABASE … TEMPLATE` leaves the copy's pages
 * in the server's buffers and its write-ahead log, not yet in the database's
 * files. Measured without it, PostgreSQL's p99 at a fixed 500/s from 32
 * officers was 272–331 ms in a harness, and 31–110 ms with it (four
 * alternating pairs; docs/benchmark.md, item 40). Needs the pg_checkpoint role
 * (given to the test role by scripts/postgres.sh) or a superuser; without it
 * the run goes on as it is, and says so.
 */
async function checkpoint(url: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("CHECKPOINT");
    return true;
  } catch (e) {
    log(`[postgres] CHECKPOINT tidak dapat dijalankan (${e instanceof Error ? e.message : String(e)}); pengukuran berjalan tanpa itu.`);
    return false;
  } finally {
    await admin.end();
  }
}

/** Whether the PostgreSQL measurements started after a checkpoint (see `checkpoint`). */
let checkpointed = false;

/**
 * Write the copied store out to disk before measuring: the copy leaves
 * hundreds of megabytes of dirty pages, and the kernel's writeback of them
 * would otherwise slow the first measurement (and only it).
 */
function settle(): void {
  try {
    execFileSync("sync");
  } catch {
    // not available: measured as it is
  }
}

/** One storage's measurements, in a process of its own with the bot's settings (bench/storage.ts), on the store prepared here. */
function storageResult(name: string, store: string[]): Promise<StorageResult> {
  return childResult(`${name} measurements`, ["--max-old-space-size=384", ...BOT_V8_FLAGS, "--expose-gc", "--import", "tsx", "bench/storage.ts", "--name", name, ...store, ...loadShapeOptions(SHAPE)]);
}

/** Run a benchmark script in a process of its own (node flags, then the script and its arguments); it prints its result as JSON. */
async function childResult<T>(what: string, args: string[]): Promise<T> {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout.on("data", (b: Buffer) => (output += b.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`${what} failed (exit ${code})`);
  return JSON.parse(output) as T;
}

/** The naive single-file store, in a child process with a large heap (bench/baseline.ts). */
async function baseline(): Promise<BaselineResult | undefined> {
  if (BASELINE <= 0) return undefined;
  log(`[naive] writing one file with ${BASELINE} agencies…`);
  return childResult("naive baseline", ["--max-old-space-size=8192", "--import", "tsx", "bench/baseline.ts", String(BASELINE), join(DATA, "naive")]);
}

/** Drafts and Word exports in a process of their own with the bot's memory settings (bench/domain.ts). */
function domainTimings(): Promise<DomainResult> {
  log("[domain] BAB III drafts and Word exports…");
  return childResult("domain timings", ["--max-old-space-size=384", ...BOT_V8_FLAGS, "--import", "tsx", "bench/domain.ts"]);
}

function machine(): string {
  const cpu = cpus();
  let disk = "";
  try {
    disk = execFileSync("df", ["-h", "."], { encoding: "utf8" }).split("\n")[1]?.replace(/\s+/g, " ") ?? "";
  } catch {
    // not available
  }
  return `${cpu.length} × ${cpu[0]?.model ?? "CPU"}, ${mb(totalmem())} MB RAM, ${osType()} ${release()}, Node ${process.version}${disk ? `, disk: ${disk}` : ""}`;
}

const fmt = (n: number, d = 1) => n.toFixed(d);

function report(results: StorageResult[], domain: DomainResult, naive: Awaited<ReturnType<typeof baseline>>): string {
  const targetCell = (target: string) => (target ? ` ${target} ` : " ");
  /** The rows of one load run: its rate, its latency, how busy the main thread was, and the /isi messages that opened its bursts (when there were any). */
  const runRows = (run: (r: StorageResult) => LoadStats, rate: string, rateTarget: string, latency: string, p99Target: string) => [
    `| ${rate} | ${results.map((r) => fmt(run(r).perSecond, 0)).join(" | ")} |${targetCell(rateTarget)}|`,
    `| … p50 / p99 ${latency}, ms | ${results.map((r) => `${fmt(run(r).p50)} / ${fmt(run(r).p99)}`).join(" | ")} |${targetCell(p99Target)}|`,
    `| … main thread busy (event loop utilisation; bot and load generator), % | ${results.map((r) => fmt(100 * run(r).busy, 0)).join(" | ")} | |`,
    ...(results.some((r) => run(r).opening.count > 0)
      ? [`| … /isi before a burst (${results.map((r) => run(r).opening.count).join(" / ")} times): p50 / p99, ms | ${results.map((r) => `${fmt(run(r).opening.p50)} / ${fmt(run(r).opening.p99)}`).join(" | ")} | |`]
      : []),
  ];
  const lines = [
    `Machine: ${machine()}`,
    `Data: ${AGENCIES} agencies × (10 sasaran, 40 indicators, 3 history years, 200 budget lines${AUDIT > 0 ? `, ${AUDIT} audit entries` : ""}); ${ANSWERS} answers per closed-loop run, 8 officers at work at once; ${CONNECTIONS > 0 ? `at most ${CONNECTIONS} updates delivered to the bot at once (as Telegram's max_connections)` : "updates delivered to the bot without bound"}${results.some((r) => r.storage === "PostgreSQL") ? `; ${connection(ADMIN_URL)}${checkpointed ? ", checkpointed after its working copy was made" : ""}` : ""}.`,
    "",
    "| measurement | " + results.map((r) => r.storage).join(" | ") + " | target |",
    "|---|" + results.map(() => "---|").join("") + "---|",
    ...runRows((r) => r.warmUp, `warm-up: the first ${results[0]?.warmUp.count ?? 0} answers after the store was opened (bursts of 5, random agencies; the runs below follow it): answers/s`, "", "latency", ""),
    `| … CPU per answer (with its share of /isi), ms: benchmark process / database server | ${results.map((r) => `${fmt(r.warmUp.cpu.botMs, 2)} / ${r.warmUp.cpu.databaseMs === undefined ? "–" : fmt(r.warmUp.cpu.databaseMs, 2)}`).join(" | ")} | |`,
    ...runRows((r) => r.answersHot, "answers/s, hot (officers on their own agency)", "≥ 500", "latency", "p99 ≤ 20"),
    ...runRows((r) => r.answersMixed, "answers/s, mixed (bursts of 5, random agencies)", "≥ 500", "latency", "p99 ≤ 20"),
    ...runRows((r) => r.answersCold, "answers/s, cold (every answer another agency)", "", "latency", ""),
    `| CPU per answer (with its share of /isi), hot / mixed / cold, ms: benchmark process | ${results.map((r) => [r.answersHot, r.answersMixed, r.answersCold].map((m) => fmt(m.cpu.botMs, 2)).join(" / ")).join(" | ")} | |`,
    `| … database server (on the same two cores) | ${results.map((r) => [r.answersHot, r.answersMixed, r.answersCold].map((m) => (m.cpu.databaseMs === undefined ? "–" : fmt(m.cpu.databaseMs, 2))).join(" / ")).join(" | ")} | |`,
    ...runRows((r) => r.arrivals, `officers arriving at ${RATE / 10}/s for ${SECONDS} s, 5 answers each (${RATE / 2} answers/s offered): achieved/s`, "", "latency", ""),
    ...runRows((r) => r.fixedHalf, `fixed rate ${RATE / 2}/s for ${SECONDS} s (mixed): achieved/s`, "", "latency from arrival", ""),
    ...runRows((r) => r.fixedRateHot, `fixed rate ${RATE}/s for ${SECONDS} s (hot: ${HOT_AT_WORK} officers at work, bursts of 60): achieved/s`, String(RATE), "latency from arrival", "p99 ≤ 20"),
    ...runRows((r) => r.fixedRateHotExports, `the same while officers of other agencies export their BAB III in Word every ${fmt((results[0]?.fixedRateHotExports.exports.everyMs ?? 0) / 1000, 0)} s: achieved/s`, String(RATE), "latency from arrival", "p99 ≤ 20"),
    `| … Word exports made meanwhile: count, p50 / longest from /ekspor to the document, ms | ${results.map((r) => `${r.fixedRateHotExports.exports.made}, ${fmt(r.fixedRateHotExports.exports.p50, 0)} / ${fmt(r.fixedRateHotExports.exports.max, 0)}`).join(" | ")} | |`,
    ...runRows((r) => r.fixedRate, `fixed rate ${RATE}/s for ${SECONDS} s (mixed): achieved/s`, String(RATE), "latency from arrival", "p99 ≤ 20"),
    ...runRows((r) => r.arrivalsFull, `officers arriving at ${RATE / 5}/s for ${SECONDS} s, 5 answers each (${RATE} answers/s offered): achieved/s`, String(RATE), "latency", "p99 ≤ 20"),
    ...runRows(
      (r) => r.thinking,
      `officers thinking: ${results[0]?.thinking.officers} officers, each on an agency of its own, answering ${THINK} s (mean) after each reply (${fmt(results[0]?.thinking.offered ?? 0, 0)} answers/s offered): achieved/s`,
      String(RATE),
      "latency from arrival",
      "p99 ≤ 20",
    ),
    `| /cek per second | ${results.map((r) => fmt(r.cek.perSecond, 0)).join(" | ")} | |`,
    `| process memory after the closed-loop runs: RSS / heap, MB | ${results.map((r) => `${r.memorySteady.rssMb} / ${r.memorySteady.heapMb}`).join(" | ")} | ≤ 300 |`,
    `| … after the ${RATE}/s overload, the thinking officers and /cek: RSS / heap, MB | ${results.map((r) => `${r.memory.rssMb} / ${r.memory.heapMb}`).join(" | ")} | ≤ 300 |`,
    `| … highest RSS during the runs (sampled every 100 ms), MB | ${results.map((r) => r.rssPeakMb).join(" | ")} | ≤ 300 |`,
    `| start-up until the first update is answered, ms | ${results.map((r) => fmt(r.startupMs, 0)).join(" | ")} | ≤ 2000 |`,
    `| errors logged | ${results.map((r) => r.errors).join(" | ")} | 0 |`,
    "",
    `Full BAB III draft of a 40-indicator agency (compute + draft + Markdown): median ${fmt(domain.draftMedianMs)} ms, p90 ${fmt(domain.draftP90Ms)} ms (target ≤ 50 ms median).`,
    `Word export of BAB III with charts: median ${fmt(domain.docxMedianMs, 0)} ms (target ≤ 500 ms); as the bot makes it, on its export thread: median ${fmt(domain.docxThreadMedianMs, 0)} ms, the first after the thread starts ${fmt(domain.docxThreadFirstMs, 0)} ms.`,
    `An agency of 1,000 indicators and 5,000 budget lines (the most lines the schema allows), on the bot's own thread: /anggaran's overview ${fmt(domain.largestBudgetOverviewMs, 0)} ms, its computation alone (what /status does first after an edit) ${fmt(domain.largestComputeMs, 0)} ms (medians).`,
    `An import of the most rows allowed (1,999 new sub kegiatan) saved into the benchmark's agency, on the bot's own thread: ${fmt(domain.importSaveMs, 0)} ms (median).`,
  ];
  if (naive) {
    const ours = results.find((r) => r.storage === "lowdb")?.answersMixed.perSecond;
    lines.push(
      `Baseline, one lowdb file holding ${naive.agencies} agencies (${naive.fileMb} MB, rewritten on every change): ${fmt(naive.answers.perSecond, 1)} answers/s, p50 ${fmt(naive.answers.p50, 0)} ms${ours ? `; the per-document store is ${fmt(ours / naive.answers.perSecond, 0)}× faster with ${AGENCIES / naive.agencies}× the data` : ""}.${
        (naive.fileMb * AGENCIES) / naive.agencies > 512
          ? ` With ${AGENCIES} agencies the single file (≈ ${fmt((naive.fileMb * AGENCIES) / naive.agencies / 1024, 1)} GB of JSON) cannot even be written: it exceeds the longest string V8 can build (512 MB).`
          : ""
      }`,
    );
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const results: StorageResult[] = [];
  if (STORAGES.includes("lowdb")) {
    const template = join(DATA, `lowdb-${storeName(AGENCIES, AUDIT)}`);
    log(`[lowdb] store with ${AGENCIES} agencies in ${template}…`);
    await seedLowdb(template, AGENCIES, AUDIT, (n) => n % 1000 === 0 && log(`  ${n}`));
    // Every run works on a fresh copy, so runs are comparable.
    const dir = join(DATA, "lowdb-kerja");
    await rm(dir, { recursive: true, force: true });
    await cp(template, dir, { recursive: true });
    settle();
    results.push(await storageResult("lowdb", ["--dir", dir]));
    await rm(dir, { recursive: true, force: true });
  }
  if (STORAGES.includes("postgres")) {
    let url: string | undefined;
    try {
      await chooseAdminUrl();
      url = await benchDatabaseUrl(ADMIN_URL, AGENCIES, AUDIT);
    } catch (e) {
      log(`[postgres] tidak tersedia (${e instanceof Error ? e.message : String(e)}); dilewati.`);
    }
    if (url) {
      log(`[postgres] database with ${AGENCIES} agencies…`);
      await seedPostgres(url, AGENCIES, AUDIT, (n) => n % 1000 === 0 && log(`  ${n}`));
      const work = await workingCopy(url);
      checkpointed = await checkpoint(ADMIN_URL);
      settle();
      results.push(await storageResult("PostgreSQL", ["--url", work.url, "--local", isLocal(work.url) ? "1" : "0"]));
      await work.drop();
    }
  }
  const domain = await domainTimings();
  const naive = await baseline();
  const text = report(results, domain, naive);
  process.stdout.write(`${text}\n`);
  const json = { agencies: AGENCIES, auditEntries: AUDIT, answersPerRun: ANSWERS, machine: machine(), results, domain, baseline: naive };
  const jsonFile = args.text("json", "");
  const markdownFile = args.text("markdown", "");
  if (jsonFile) await writeFile(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
  else process.stdout.write(`\n${JSON.stringify(json)}\n`);
  if (markdownFile) await writeFile(markdownFile, `${text}\n`);
}


await main();
