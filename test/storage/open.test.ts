import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { agencyCacheSize, databasePoolSize, openRepository } from "../../src/storage/open.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { freePort } from "../support/fake-bot-api.js";
import { createTestDatabase } from "../support/postgres.js";

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

  it("keeps 10 connections to PostgreSQL unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(databasePoolSize({})).toBe(10);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: "" })).toBe(10);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: " 4 " })).toBe(4);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: "1" })).toBe(1);
    expect(databasePoolSize({ DATABASE_POOL_SIZE: "100" })).toBe(100);
  });

  it.each(["0", "101", "-3", "tiga", "2.5"])("refuses DATABASE_POOL_SIZE=%s with a message naming the variable and an example, even without DATABASE_URL", async (raw) => {
    const message = `DATABASE_POOL_SIZE harus bilangan bulat 1–100 (jumlah koneksi ke PostgreSQL per proses), bukan "${raw}". Contoh: DATABASE_POOL_SIZE=10`;
    expect(() => databasePoolSize({ DATABASE_POOL_SIZE: raw })).toThrow(message);
    await expect(openRepository({ DATABASE_POOL_SIZE: raw }, "unused")).rejects.toThrow(message);
  });

  it("works on as many transactions at once as DATABASE_POOL_SIZE gives connections, the others waiting their turn", async () => {
    const db = await createTestDatabase();
    try {
      for (const [setting, connections] of [["2", 2], [undefined, 10]] as const) {
        const repo = (await openRepository({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: setting }, "unused")) as PgRepository;
        let inside = 0;
        let most = 0;
        let release!: () => void;
        const gate = new Promise<void>((r) => (release = r));
        const runs = Array.from({ length: connections + 1 }, () =>
          repo.db.tx(async (client) => {
            await client.query("SELECT 1");
            most = Math.max(most, ++inside);
            await gate;
            inside--;
          }),
        );
        try {
          // Every connection taken and one transaction waiting for one (or more inside than there should be).
          while ((inside < connections || repo.db.pool.waitingCount < 1) && most <= connections) await new Promise((r) => setTimeout(r, 5));
          expect(most).toBe(connections);
          expect(repo.db.pool.totalCount).toBe(connections);
        } finally {
          release();
          await Promise.all(runs);
          await repo.close();
        }
      }
    } finally {
      await db.drop();
    }
  });

  it("opens lowdb files under the data directory with the configured cache when DATABASE_URL is unset", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-open-"));
    dirs.push(dir);
    const repo = await openRepository({ AGENCY_CACHE_SIZE: "12" }, dir);
    expect(repo).toBeInstanceOf(LowdbRepository);
    expect((repo as LowdbRepository).options).toMatchObject({ dir, cacheSize: 12 });
    await repo.close();
  });

  it("opens PostgreSQL when DATABASE_URL is set", async () => {
    const db = await createTestDatabase();
    const repo = await openRepository({ DATABASE_URL: ` ${db.url} ` }, "unused");
    expect(repo).toBeInstanceOf(PgRepository);
    await repo.close();
    await db.drop();
  });

  it("stops the start with the reason when PostgreSQL cannot be reached, without the URL's password", async () => {
    const port = await freePort(); // nothing listens there
    const opened = openRepository({ DATABASE_URL: `postgres://lkjip:rahasia@127.0.0.1:${port}/lkjip` }, "unused");
    await expect(opened).rejects.toThrow(`PostgreSQL (DATABASE_URL) tidak dapat dihubungi: connect ECONNREFUSED 127.0.0.1:${port}`);
    await expect(opened).rejects.not.toThrow(/rahasia/);
  });
});
