/**
 * CPU time spent during a measurement: by this process (the bot and the load
 * generator) and, when PostgreSQL runs on this machine, by its server
 * processes (read from Linux's /proc; undefined elsewhere). Divided by the
 * answers, they say how many answers a core can carry for each.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU milliseconds used so far by processes named `postgres` (undefined without /proc or without such processes). */
function serverCpuMs(): number | undefined {
  let ticks = 0;
  let found = false;
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile, or not ours to read
    }
    if (!stat.includes("(postgres)")) continue;
    // Fields after "(comm) ": state is the 1st, utime the 12th and stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
    found = true;
  }
  return found ? (ticks * 1000) / TICKS : undefined;
}

export interface CpuPerAnswer {
  /** CPU of the benchmark process (bot, store and load generator) per answer, ms. */
  botMs: number;
  /** CPU of the local PostgreSQL server per answer, ms (absent for lowdb or a remote server). */
  databaseMs?: number;
}

/** Run `measure` and divide the CPU it took by the answers it reports. */
export async function withCpu<S extends { count: number }>(measure: () => Promise<S>, database: boolean): Promise<S & { cpu: CpuPerAnswer }> {
  const server = database ? serverCpuMs() : undefined;
  const own = process.cpuUsage();
  const stats = await measure();
  const used = process.cpuUsage(own);
  const serverAfter = server === undefined ? undefined : serverCpuMs();
  const answers = Math.max(1, stats.count);
  const cpu: CpuPerAnswer = { botMs: (used.user + used.system) / 1000 / answers };
  if (server !== undefined && serverAfter !== undefined) cpu.databaseMs = (serverAfter - server) / answers;
  return { ...stats, cpu };
}
