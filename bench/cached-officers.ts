/**
 * Officers on their own cached agencies who read each reply and think before answering again: the load of
 * `npm run bench:webhook` and `npm run bench:polling`, which differ only in how an answer reaches the bot.
 */
import { cp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { LowdbRepository } from "../src/storage/lowdb/repository.js";
import { answerNext, type Pipeline } from "./load.js";
import { seedLowdb, storeName } from "./seed.js";

const DATA = join("bench", ".data");

/** The lowdb store of `agencies` agencies (no audit entries), seeded the first time it is asked for. */
export async function cachedStore(agencies: number): Promise<string> {
  const store = join(DATA, `lowdb-${storeName(agencies, 0)}`);
  if (!existsSync(store)) await seedLowdb(store, agencies, 0, () => {});
  return store;
}

/** A fresh copy of `store` in a folder named `name`, every agency fitting the cache; `remove` closes and deletes it. */
export async function freshCopy(store: string, name: string, agencies: number): Promise<{ repo: LowdbRepository; remove: () => Promise<void> }> {
  const dir = join(DATA, name);
  await rm(dir, { recursive: true, force: true });
  await cp(store, dir, { recursive: true });
  const repo = new LowdbRepository({ dir, cacheSize: agencies + 10 });
  return {
    repo,
    remove: async () => {
      await repo.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `agencies` officers, one on each agency: they start spread over one think time, then answer (through
 * `p.deliver`), wait until it resolves, think `thinkMs`, and answer again, until `seconds` have passed.
 * The latency of each answer, and the seconds until the last officer stopped.
 */
export async function officersAnswering(p: Pipeline, agencies: number, thinkMs: number, seconds: number): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  let k = 0;
  const officer = async (n: number) => {
    await sleep((n / agencies) * thinkMs);
    while (performance.now() < end) {
      const latency = await answerNext(p, n, k++);
      if (latency === undefined) return;
      latencies.push(latency);
      await sleep(thinkMs);
    }
  };
  await Promise.all(Array.from({ length: agencies }, (_, n) => officer(n)));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}
