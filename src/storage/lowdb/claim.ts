/**
 * One process per lowdb data folder. Each process keeps its own copies of
 * the documents it uses and appends changes computed from them, so a second
 * process on the same folder would store answers against copies the first
 * has since changed (and the first against the second's): answers lost, or
 * journals that no longer apply. Several processes need PostgreSQL.
 *
 * The claim is a Unix socket in Linux's abstract namespace, named after the
 * folder's real path: the kernel lets only one process listen on a name, and
 * frees it the moment that process ends, however it ends (no lock file left
 * behind by a crash, no stale-lock check that two processes could pass at
 * once). It holds within one network namespace: processes in separate
 * containers sharing a volume do not see each other's claims. On other
 * systems there is no claim.
 */
import { createHash } from "node:crypto";
import { mkdirSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:net";

/** Another process has claimed the folder. */
export class DataDirInUse extends Error {
  constructor(readonly dir: string) {
    super(`data folder in use: ${dir}`);
    this.name = "DataDirInUse";
  }
}

export interface DataDirClaim {
  /** Give the folder up (the end of the process does it too); resolves once another process may claim it. */
  release(): Promise<void>;
}

/** The abstract socket name of a folder (its real path, hashed to fit the 107 bytes a name may have). */
function claimName(realDir: string): string {
  return `\0lkjip-data-${createHash("sha256").update(realDir).digest("hex")}`;
}

/**
 * Claim `dir` (created if missing) for this process, or throw DataDirInUse. Within one process the
 * folder may be claimed once; the tests' restarts open repositories without claiming.
 */
export async function claimDataDir(dir: string): Promise<DataDirClaim> {
  if (process.platform !== "linux") return { release: () => Promise.resolve() };
  mkdirSync(dir, { recursive: true });
  const realDir = realpathSync(dir);
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => reject(e.code === "EADDRINUSE" ? new DataDirInUse(realDir) : e));
    server.listen(claimName(realDir), () => resolve());
  });
  // The claim must not keep the process alive by itself.
  server.unref();
  return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
