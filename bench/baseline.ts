/**
 * The naive baseline, run by bench/run.ts in a process of its own (its single
 * file needs far more memory than the heap limit the bot runs with):
 * `node --import tsx bench/baseline.ts <agencies> <dir>` prints its result as JSON.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { benchDocument } from "./generate.js";
import { closedLoop, officerStream, pipeline, type Stats } from "./load.js";
import { NaiveRepository, type NaiveData } from "./naive-repository.js";
import { officerDocument } from "./seed.js";

export interface BaselineResult {
  agencies: number;
  answers: Stats;
  fileMb: number;
}

async function main(agencies: number, dir: string): Promise<BaselineResult> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const file = join(dir, "db.json");
  const data: NaiveData = { agencies: {}, users: {}, invitations: {}, regions: {}, auditArchive: {} };
  for (let n = 0; n < agencies; n++) {
    data.agencies[`uji-${String(n).padStart(5, "0")}`] = benchDocument(n);
    data.users[String(officerDocument(n).id)] = officerDocument(n);
  }
  const text = JSON.stringify(data, null, 2);
  await writeFile(file, text);
  const repo = await NaiveRepository.open(file);
  const p = pipeline(repo);
  process.stderr.write("[naive] answers…\n");
  const answers = await closedLoop(p, 40, 4, officerStream(agencies, 5, 13));
  await rm(dir, { recursive: true, force: true });
  return { agencies, answers, fileMb: Math.round(Buffer.byteLength(text) / 1024 / 1024) };
}

const [agencies, dir] = process.argv.slice(2);
process.stdout.write(`${JSON.stringify(await main(Number(agencies), dir!))}\n`);
