/** The repository the environment asks for: PostgreSQL when DATABASE_URL is set, otherwise lowdb files under the data directory. */
import type { Repository } from "./repository.js";
import { DEFAULT_AGENCY_CACHE, DEFAULT_POOL_SIZE, StorageUnreachable } from "./repository.js";
import { LowdbRepository } from "./lowdb/repository.js";
import { wholeNumberSetting } from "../settings.js";

export interface StorageEnv {
  DATABASE_URL?: string | undefined;
  /** Agency documents kept parsed in memory per process (default 64). */
  AGENCY_CACHE_SIZE?: string | undefined;
  /** Connections to PostgreSQL per process (default DEFAULT_POOL_SIZE). */
  DATABASE_POOL_SIZE?: string | undefined;
}

/** AGENCY_CACHE_SIZE as a whole number from 1 to 100000; anything else stops the start with a message naming the variable. */
export function agencyCacheSize(env: StorageEnv): number {
  return wholeNumberSetting({ name: "AGENCY_CACHE_SIZE", meaning: "jumlah instansi yang disimpan di memori", min: 1, max: 100_000, fallback: DEFAULT_AGENCY_CACHE }, env.AGENCY_CACHE_SIZE);
}

/**
 * DATABASE_POOL_SIZE as a whole number from 1 to 100 (checked even without DATABASE_URL, so a mistyped value is
 * found before the database is switched on). Every update of a private chat holds one connection for its whole
 * transaction, so this is also how many such updates a process works on at once.
 */
export function databasePoolSize(env: StorageEnv): number {
  return wholeNumberSetting({ name: "DATABASE_POOL_SIZE", meaning: "jumlah koneksi ke PostgreSQL per proses", min: 1, max: 100, fallback: DEFAULT_POOL_SIZE }, env.DATABASE_POOL_SIZE);
}

export async function openRepository(env: StorageEnv, dataDir: string): Promise<Repository> {
  const cacheSize = agencyCacheSize(env);
  const poolSize = databasePoolSize(env);
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const { PgRepository } = await import("./postgres/repository.js");
    try {
      return await PgRepository.open({ url, cacheSize, poolSize });
    } catch (e) {
      // The cause names the host and port or the refusal, never the URL (it may hold a password).
      const reason = e instanceof StorageUnreachable ? `tidak dapat dihubungi: ${message(e.cause)}` : `tidak dapat dibuka: ${message(e)}`;
      throw new Error(`PostgreSQL (DATABASE_URL) ${reason}`, { cause: e });
    }
  }
  return new LowdbRepository({ dir: dataDir, cacheSize });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
