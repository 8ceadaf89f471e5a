import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { agencyCacheSize, openRepository } from "../../src/storage/open.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";

describe("storage chosen by the environment", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("keeps 64 agencies in memory unless AGENCY_CACHE_SIZE says otherwise", () => {
    expect(agencyCacheSize({})).toBe(64);
    expect(agencyCacheSize({ AGENCY_CACHE_SIZE: " " })).toBe(64);
    expect(agencyCacheSize({ AGENCY_CACHE_SIZE: "200" })).toBe(200);
  });

  it.each(["0", "-5", "1e3", "abc", "12.5", "100001"])("refuses AGENCY_CACHE_SIZE=%s with a message naming the variable and an example", (raw) => {
    expect(() => agencyCacheSize({ AGENCY_CACHE_SIZE: raw })).toThrow(
      `AGENCY_CACHE_SIZE harus bilangan bulat 1–100000 (jumlah instansi yang disimpan di memori), bukan "${raw}". Contoh: AGENCY_CACHE_SIZE=64`,
    );
  });

  it("opens lowdb files under the data directory with the configured cache when DATABASE_URL is unset", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-open-"));
    dirs.push(dir);
    const repo = await openRepository({ AGENCY_CACHE_SIZE: "12" }, dir);
    expect(repo).toBeInstanceOf(LowdbRepository);
    expect((repo as LowdbRepository).options).toMatchObject({ dir, cacheSize: 12 });
    await repo.close();
  });
});
