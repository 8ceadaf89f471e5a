/** The repository the environment asks for: PostgreSQL when DATABASE_URL is set, otherwise lowdb files under the data directory. */
import type { Repository } from "./repository.js";
import { LowdbRepository } from "./lowdb/repository.js";

export async function openRepository(env: { DATABASE_URL?: string | undefined }, dataDir: string): Promise<Repository> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const { PgRepository } = await import("./postgres/repository.js");
    return PgRepository.open({ url });
  }
  return new LowdbRepository({ dir: dataDir });
}
