/** The repository the environment asks for: PostgreSQL when DATABASE_URL is set, otherwise lowdb files under the data directory. */
import type { Repository } from "./repository.js";
import { DEFAULT_AGENCY_CACHE } from "./repository.js";
import { LowdbRepository } from "./lowdb/repository.js";

export interface StorageEnv {
  DATABASE_URL?: string | undefined;
  /** Agency documents kept parsed in memory per process (default 64). */
  AGENCY_CACHE_SIZE?: string | undefined;
}

/** AGENCY_CACHE_SIZE as a whole number from 1 to 100000; anything else stops the start with a message naming the variable. */
export function agencyCacheSize(env: StorageEnv): number {
  const raw = env.AGENCY_CACHE_SIZE?.trim();
  if (!raw) return DEFAULT_AGENCY_CACHE;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < 1 || n > 100_000) {
    throw new Error(`AGENCY_CACHE_SIZE harus bilangan bulat 1–100000 (jumlah instansi yang disimpan di memori), bukan "${raw}". Contoh: AGENCY_CACHE_SIZE=64`);
  }
  return n;
}

export async function openRepository(env: StorageEnv, dataDir: string): Promise<Repository> {
  const cacheSize = agencyCacheSize(env);
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const { PgRepository } = await import("./postgres/repository.js");
    return PgRepository.open({ url, cacheSize });
  }
  return new LowdbRepository({ dir: dataDir, cacheSize });
}
