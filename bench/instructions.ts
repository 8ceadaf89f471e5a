/**
 * `npm run bench:instructions [-- options]`: the work of one data-entry
 * answer as a count of instructions, which, unlike time, hardly depends on
 * what else the machine is doing: the way to compare two versions of the
 * code (run it in each tree). The lowdb closed loop of `npm run bench`
 * (8 officers, /isi and its answers through the real bot pipeline) runs
 * under valgrind's callgrind, once with N answers and once with none, each
 * on a fresh copy of the store; the difference divided by the messages is
 * the count per message (bot, store and load generator; user space only, so
 * the kernel's file writes are not in it). The 1,000 answers before the
 * measured ones let V8 compile the hot code first. Node runs with
 * `--single-threaded` (garbage collection on the main thread; counted either
 * way). Four pairs of 1,000 answers gave 3.23–3.41 M per message: the count
 * of the run without answers varies by about 200 M, so measure 2,000 answers
 * or more and repeat. About 2 minutes per 1,000 answers, two runs at a time.
 *   --agencies N   agencies in the store (default 1000; under bench/.data, reused)
 *   --answers N    answers measured (default 2000)
 *   --burst B      answers per officer's visit (default 60: agencies stay cached; 1: each answer on another agency)
 *   --repeat R     pairs of runs (default 1), two at a time
 * Needs valgrind (Debian package `valgrind`).
 */
import { execFile, execFileSync } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { LowdbRepository } from "../src/storage/lowdb/repository.js";
import { benchArgs } from "./args.js";
import { closedLoop, officerStream, pipeline } from "./load.js";
import { BOT_V8_FLAGS } from "./node-flags.js";
import { seedLowdb, storeName } from "./seed.js";

const args = benchArgs();
const AGENCIES = args.number("agencies", 1_000);
const ANSWERS = args.number("answers", 2_000);
const BURST = args.number("burst", 60);
const REPEAT = args.number("repeat", 1);
const WARM_UP = 1_000;
const CONCURRENCY = 8;

/** In the child, under valgrind: warm up, then answer `answers` questions; prints the messages sent. */
async function child(dir: string, answers: number): Promise<void> {
  const repo = new LowdbRepository({ dir });
  const p = pipeline(repo);
  await closedLoop(p, WARM_UP, CONCURRENCY, officerStream(AGENCIES, BURST, 1011));
  const r = answers > 0 ? await closedLoop(p, answers, CONCURRENCY, officerStream(AGENCIES, BURST, 11)) : undefined;
  await repo.close();
  console.log(JSON.stringify({ messages: r ? r.count + r.opening.count : 0 }));
}

/** One run under callgrind on a fresh copy of the store: instructions of the whole process and messages measured. */
async function counted(template: string, answers: number): Promise<{ instructions: number; messages: number }> {
  const work = await mkdtemp(join(tmpdir(), "lkjip-instr-"));
  try {
    const dir = join(work, "store");
    await cp(template, dir, { recursive: true });
    const argv = ["--tool=callgrind", `--callgrind-out-file=${join(work, "callgrind.out")}`, "--smc-check=all-non-file"];
    argv.push(process.execPath, "--single-threaded", ...BOT_V8_FLAGS, "--import", "tsx", "bench/instructions.ts");
    argv.push("--child", dir, "--answers", String(answers), "--agencies", String(AGENCIES), "--burst", String(BURST));
    const { stdout, stderr } = await promisify(execFile)("valgrind", argv); // rejects with valgrind's output on a failure
    const collected = /Collected : (\d+)/.exec(stderr);
    if (!collected) throw new Error(`valgrind printed no instruction count:\n${stderr.slice(-2000)}`);
    return { instructions: Number(collected[1]), messages: JSON.parse(stdout.trim().split("\n").pop()!).messages };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!(ANSWERS >= 1 && REPEAT >= 1)) throw new Error("--answers and --repeat must be at least 1");
  try {
    execFileSync("valgrind", ["--version"], { stdio: "ignore" });
  } catch {
    throw new Error("valgrind is needed: apt-get install valgrind");
  }
  const template = join("bench", ".data", `lowdb-${storeName(AGENCIES, 0)}`);
  await seedLowdb(template, AGENCIES, 0, (n) => n % 1000 === 0 && process.stderr.write(`store: ${n} agencies\n`));
  const perMessage: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const [base, loaded] = await Promise.all([counted(template, 0), counted(template, ANSWERS)]);
    const each = (loaded.instructions - base.instructions) / loaded.messages;
    perMessage.push(each);
    console.log(`run ${i + 1}: ${loaded.messages} messages, ${(loaded.instructions / 1e9).toFixed(3)} − ${(base.instructions / 1e9).toFixed(3)} G instructions: ${(each / 1e6).toFixed(3)} M per message`);
  }
  const mean = perMessage.reduce((a, b) => a + b, 0) / perMessage.length;
  console.log(JSON.stringify({ agencies: AGENCIES, answers: ANSWERS, burst: BURST, instructionsPerMessage: Math.round(mean), runs: perMessage.map(Math.round) }));
}

const childAt = process.argv.indexOf("--child");
if (childAt > 0) await child(process.argv[childAt + 1]!, ANSWERS);
else await main();
