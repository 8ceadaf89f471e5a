/**
 * The repository contract on PostgreSQL (a database created and dropped per
 * test), and what only a shared database has to show: two repositories, as
 * two processes, never lose each other's writes and never serve a stale copy;
 * the tables mirror the documents; an update id is claimed once.
 */
import { describe, expect, it } from "vitest";
import type { Repository } from "../../src/storage/repository.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { agencyDocument } from "../support/documents.js";
import { createTestDatabase } from "../support/postgres.js";
import { repositorySuite, type Backend } from "./repository-suite.js";

async function pgBackend(): Promise<Backend & { repos: PgRepository[] }> {
  const database = await createTestDatabase();
  const repos: PgRepository[] = [];
  const admin = await PgRepository.open({ url: database.url });
  repos.push(admin);
  return {
    repos,
    async open(options = {}): Promise<Repository> {
      const repo = await PgRepository.open({ url: database.url, ...options });
      repos.push(repo);
      return repo;
    },
    async corrupt(agencyId) {
      await admin.db.query("UPDATE agencies SET doc = jsonb_set(doc, '{members}', '\"semua\"'), version = version + 1 WHERE id = $1", [agencyId]);
    },
    async raw(agencyId) {
      const r = await admin.db.query<{ doc: string }>("SELECT doc::text AS doc FROM agencies WHERE id = $1", [agencyId]);
      return r.rows[0]?.doc;
    },
    async cleanup() {
      // close() of a repository the test already closed is harmless.
      for (const repo of repos) await repo.close().catch(() => undefined);
      await database.drop();
    },
  };
}

repositorySuite("PostgreSQL", pgBackend);

describe("PostgreSQL: several processes on one database", () => {
  it("two repositories updating one agency in turn never lose a write and never read a stale copy", async () => {
    const b = await pgBackend();
    try {
      const one = (await b.open()) as PgRepository;
      const two = (await b.open()) as PgRepository;
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      expect((await two.agencies.read("a1"))!.revision).toBe(1); // cached by `two` now
      await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          (i % 2 === 0 ? one : two).agencies.update("a1", async (d) => {
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            d!.revision++;
            d!.auditSeq = Math.max(d!.auditSeq, i);
            return { next: d, result: undefined };
          }),
        ),
      );
      // Each sees the other's last write (the version check replaces its cached copy).
      expect((await one.agencies.read("a1"))!.revision).toBe(101);
      expect((await two.agencies.read("a1"))!.revision).toBe(101);
    } finally {
      await b.cleanup();
    }
  });

  it("mirrors members, sessions and archived audit entries in their tables", async () => {
    const b = await pgBackend();
    try {
      const repo = (await b.open()) as PgRepository;
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1", 501), result: undefined }));
      await repo.agencies.update("a1", (d) => {
        d!.members.push({ userId: 502, name: "Budi", role: "editor", addedAt: "2025-01-15T03:00:00.000Z", addedBy: 501 });
        return { next: d, result: undefined };
      });
      const members = await repo.db.query("SELECT user_id::int AS user_id, role FROM memberships WHERE agency_id = 'a1' ORDER BY user_id");
      expect(members.rows).toEqual([
        { user_id: 501, role: "admin" },
        { user_id: 502, role: "editor" },
      ]);
      await repo.users.update("502", () => ({
        next: { schemaVersion: 1, id: 502, name: "Budi", createdAt: "2025-01-15T03:00:00.000Z", agencies: ["a1"], session: { v: 1, flow: "idle" }, lastUpdateId: 7, joinFailures: [] },
        result: undefined,
      }));
      const session = await repo.db.query("SELECT state, last_update_id::int AS last FROM sessions WHERE user_id = '502'");
      expect(session.rows).toEqual([{ state: { v: 1, flow: "idle" }, last: 7 }]);
      const profile = await repo.db.query("SELECT doc FROM users WHERE id = '502'");
      expect(profile.rows[0]!.doc).not.toHaveProperty("session");
    } finally {
      await b.cleanup();
    }
  });

  it("handles one user's updates one at a time across processes and records each update id with its changes", async () => {
    const b = await pgBackend();
    try {
      const one = (await b.open()) as PgRepository;
      const two = (await b.open()) as PgRepository;
      await one.users.update("501", () => ({
        next: { schemaVersion: 1, id: 501, name: "Sari", createdAt: "2025-01-15T03:00:00.000Z", agencies: [], session: null, joinFailures: [] },
        result: undefined,
      }));
      const order: string[] = [];
      const work = (repo: PgRepository, name: string, updateId: number) =>
        repo.updates.handle("user:501", updateId, async (seen) => {
          order.push(`${name} ${seen ? "lama" : "baru"}`);
          await new Promise((r) => setTimeout(r, 30));
          order.push(`${name} selesai`);
        });
      // The same update at both processes: one handles it, the other waits and then learns it was handled.
      await Promise.all([work(one, "satu", 7), work(two, "dua", 7)]);
      expect(order.filter((o) => o.endsWith("baru"))).toHaveLength(1);
      expect(order.filter((o) => o.endsWith("lama"))).toHaveLength(1);
      expect(order[1]!.endsWith("selesai")).toBe(true);
      // A handler that fails stores nothing, and its update is not recorded.
      await expect(
        one.updates.handle("user:501", 8, async () => {
          await one.users.update("501", (u) => {
            u!.name = "Berubah";
            return { next: u, result: undefined };
          });
          throw new Error("gagal");
        }),
      ).rejects.toThrow("gagal");
      expect((await two.users.read("501"))!.name).toBe("Sari");
      expect(await two.updates.handle("user:501", 8, async (seen) => seen)).toBe(false);
      expect(await one.updates.handle("user:501", 8, async (seen) => seen)).toBe(true);
    } finally {
      await b.cleanup();
    }
  });
});
