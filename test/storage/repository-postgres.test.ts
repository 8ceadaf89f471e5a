/**
 * The repository contract on PostgreSQL (a database created and dropped per
 * test), and what only a shared database has to show: two repositories, as
 * two processes, never lose each other's writes and never serve a stale copy;
 * the tables mirror the documents; an update id is claimed once.
 */
import { describe, expect, it } from "vitest";
import type { Repository } from "../../src/storage/repository.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { statement } from "../../src/storage/postgres/db.js";
import { JOURNAL_MAX_CHANGES } from "../../src/storage/journal-limits.js";
import type { AgencyDocument } from "../../src/storage/documents.js";
import { agencyDocument, userDocument } from "../support/documents.js";
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

/** Two repositories on one fresh database, as two processes would have (`open` makes more); the database is dropped afterwards. */
async function twoProcesses(run: (one: PgRepository, two: PgRepository, open: () => Promise<Repository>) => Promise<void>): Promise<void> {
  const b = await pgBackend();
  try {
    await run((await b.open()) as PgRepository, (await b.open()) as PgRepository, () => b.open());
  } finally {
    await b.cleanup();
  }
}

/** The SQL text of every statement the repository's connections send from now on, in order. */
function recordStatements(repo: PgRepository): string[] {
  const sent: string[] = [];
  const patched = new WeakSet<object>();
  repo.db.pool.on("acquire", (client) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
      sent.push(typeof config === "string" ? config : (config as { text: string }).text);
      return query(config, ...rest);
    };
  });
  return sent;
}

describe("PostgreSQL: several processes on one database", () => {
  it("two repositories updating one agency in turn never lose a write and never read a stale copy", () =>
    twoProcesses(async (one, two) => {
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
    }));

  it("writes an update of a cached document in one statement while the row is at the cached version, and runs it again on the current document when it is not", () =>
    twoProcesses(async (one, two) => {
      const statements = recordStatements(one);
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      statements.length = 0;
      const seen: number[] = [];
      const bump = (d: AgencyDocument | undefined) => {
        seen.push(d!.revision);
        d!.revision++;
        return { next: d, result: undefined };
      };
      await one.agencies.update("a1", bump);
      // Cached and unchanged: no row lock, only the change row (written over the cached version), sent with COMMIT and the check that it found its row.
      expect(statements).toHaveLength(3);
      expect(statements[0]).toBe("BEGIN");
      expect(statements[1]).toMatch(/UPDATE agencies SET version = version \+ 1.*WHERE id = \$1 AND version = \$3::bigint.*INSERT INTO agency_changes.*set_config\('lkjip.conflict'/s);
      expect(statements[2]).toBe("SELECT lkjip_check_conflicts(); COMMIT");
      // Another process writes; one's cached copy is now stale: the write over it changes nothing, the commit fails, and the update runs again, under the lock.
      await two.agencies.update("a1", bump);
      statements.length = 0;
      await one.agencies.update("a1", bump);
      expect(seen).toEqual([1, 2, 2, 3]);
      expect(statements.some((sql) => sql.includes("FOR UPDATE"))).toBe(true);
      expect((await two.agencies.read("a1"))!.revision).toBe(4);
      const rows = await one.db.query<{ n: number }>("SELECT count(*)::int AS n FROM agency_changes WHERE document_id = 'a1'");
      expect(rows.rows[0]!.n).toBe(3);
    }));

  it("an update whose function writes another document, or fails on a stale copy, runs again under the row lock", () =>
    twoProcesses(async (one, two) => {
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      await one.users.update("501", () => ({
        next: userDocument(501, "Sari"),
        result: undefined,
      }));
      const statements = recordStatements(one);
      // The nested write is refused before the user's row lock (the lock order stays: the user's row, then the agency's).
      let runs = 0;
      await one.users.update("501", async (u) => {
        runs++;
        await one.agencies.update("a1", (d) => {
          d!.revision++;
          return { next: d, result: undefined };
        });
        u!.agencies = ["a1"];
        return { next: u, result: undefined };
      });
      expect(runs).toBe(2);
      expect((await two.agencies.read("a1"))!.revision).toBe(2);
      expect((await two.users.read("501"))!.agencies).toEqual(["a1"]);
      const userLock = statements.findIndex((sql) => sql.includes("FROM users WHERE id = $1 FOR UPDATE"));
      expect(userLock).toBeGreaterThan(0);
      expect(statements.findIndex((sql) => sql.includes("agencies"))).toBeGreaterThan(userLock);
      // A function that fails on the stale cached copy succeeds on the current one.
      await two.agencies.update("a1", (d) => {
        d!.members.push({ userId: 502, name: "Budi", role: "editor", addedAt: "2025-01-15T03:00:00.000Z", addedBy: 501 });
        return { next: d, result: undefined };
      });
      const tried: number[] = [];
      await one.agencies.update("a1", (d) => {
        tried.push(d!.members.length);
        if (d!.members.length < 2) throw new Error("Budi belum anggota");
        d!.revision++;
        return { next: d, result: undefined };
      });
      expect(tried).toEqual([1, 2]);
      // One that fails on the current copy fails, and writes nothing.
      await expect(
        one.agencies.update("a1", () => {
          throw new Error("ditolak");
        }),
      ).rejects.toThrow("ditolak");
      expect((await two.agencies.read("a1"))!.revision).toBe(3);
    }));

  it("two repositories creating one agency at the same moment take turns: the second builds on the first", () =>
    twoProcesses(async (one, two) => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? one : two).agencies.update("baru", async (d) => {
            await new Promise((r) => setTimeout(r, Math.random() * 3));
            const next = d ?? { ...agencyDocument("baru"), revision: 0 };
            next.revision++;
            return { next, result: undefined };
          }),
        ),
      );
      expect((await one.agencies.read("baru"))!.revision).toBe(20);
      expect((await two.agencies.read("baru"))!.revision).toBe(20);
    }));

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
        next: userDocument(502, "Budi", { agencies: ["a1"], session: { v: 1, flow: "idle" }, lastUpdateId: 7 }),
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

  it("handles one user's updates one at a time across processes and records each update id with its changes", () =>
    twoProcesses(async (one, two) => {
      await one.users.update("501", () => ({
        next: userDocument(501, "Sari"),
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
      // The key is written into the statement's text (sent with BEGIN): quotes and backslashes stay data.
      expect(await one.updates.handle("user:o'\\'; DROP TABLE users; --", 9, async (seen) => seen)).toBe(false);
      expect(await two.updates.handle("user:o'\\'; DROP TABLE users; --", 9, async (seen) => seen)).toBe(true);
      expect((await two.users.read("501"))!.name).toBe("Sari");
    }));

  it("sends the reads an update will make (the user, the agency their copy has open) with the ledger's statement, and never answers a read with one sent before the transaction wrote the document", () =>
    twoProcesses(async (one, two) => {
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      await one.users.update("501", () => ({ next: userDocument(501, "Sari", { agencies: ["a1"], activeAgencyId: "a1" }), result: undefined }));
      // Another process moves both on: the reads sent ahead (over `one`'s cached versions) bring the new ones.
      await two.agencies.update("a1", (d) => {
        d!.revision = 7;
        return { next: d, result: undefined };
      });
      await two.users.update("501", (u) => {
        u!.name = "Sari W.";
        return { next: u, result: undefined };
      });
      const statements = recordStatements(one);
      const seen = await one.updates.handle("user:501", 1, async () => [(await one.users.read("501"))!.name, (await one.agencies.read("a1"))!.revision]);
      expect(seen).toEqual(["Sari W.", 7]);
      // One statement each, the reads sent right behind the ledger's (in its round trip), none sent again.
      expect(statements).toHaveLength(4);
      expect(statements[0]).toMatch(/^BEGIN; WITH locked AS \(SELECT pg_advisory_xact_lock/);
      expect(statements[1]).toMatch(/FROM users u LEFT JOIN sessions s/);
      expect(statements[2]).toMatch(/FROM agencies d/);
      expect(statements[3]).toMatch(/COMMIT$/);
      // Written in the transaction, then read: read again (the read sent ahead is from before the write).
      statements.length = 0;
      const after = await one.updates.handle("user:501", 2, async () => {
        await one.users.update("501", (u) => {
          u!.name = "Sari Wulandari";
          return { next: u, result: undefined };
        });
        return (await one.users.read("501"))!.name;
      });
      expect(after).toBe("Sari Wulandari");
      expect(statements.filter((sql) => sql.includes("FROM users u LEFT JOIN sessions s"))).toHaveLength(2);
      expect((await two.users.read("501"))!.name).toBe("Sari Wulandari");
    }));

  it("sends an update's writes with its COMMIT, and runs the whole update again when one of them finds its row moved on: nothing of the first run is stored", () =>
    twoProcesses(async (one, two) => {
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      await one.users.update("501", () => ({ next: userDocument(501, "Sari", { agencies: ["a1"], activeAgencyId: "a1" }), result: undefined }));
      const statements = recordStatements(one);
      let runs = 0;
      const answer = (updateId: number, value: number) =>
        one.updates.handle("user:501", updateId, async () => {
          runs++;
          const revision = await one.agencies.update("a1", (d) => {
            d!.auditSeq = Math.max(d!.auditSeq, value);
            d!.revision++;
            return { next: d, result: d!.revision };
          });
          await one.users.update("501", (u) => {
            u!.lastUpdateId = updateId;
            return { next: u, result: undefined };
          });
          return revision;
        });
      // Both cached and current: the two writes leave with the check and COMMIT, after the ledger's round trip.
      expect(await answer(1, 10)).toBe(2);
      expect(runs).toBe(1);
      expect(statements).toHaveLength(6);
      expect(statements[3]).toMatch(/^WITH v AS \(UPDATE agencies SET version = version \+ 1/);
      expect(statements[4]).toMatch(/^WITH v AS \(UPDATE users SET version = version \+ 1/);
      expect(statements[5]).toBe("SELECT lkjip_check_conflicts(); COMMIT");
      // Another process moves the agency on: the first run's write misses, the commit fails, and the update runs again on the current document.
      await two.agencies.update("a1", (d) => {
        d!.revision = 20;
        return { next: d, result: undefined };
      });
      runs = 0;
      expect(await answer(2, 30)).toBe(21);
      expect(runs).toBe(2);
      const agency = (await two.agencies.read("a1"))!;
      expect([agency.revision, agency.auditSeq]).toEqual([21, 30]);
      expect((await two.users.read("501"))!.lastUpdateId).toBe(2);
      // Recorded once: the first run's ledger row was rolled back with it.
      expect(await two.updates.handle("user:501", 2, async (seen) => seen)).toBe(true);
      const changes = await one.db.query<{ n: number }>("SELECT count(*)::int AS n FROM agency_changes WHERE document_id = 'a1'");
      expect(changes.rows[0]!.n).toBe(3);
    }));

  it("sends the day's backup of a cached agency with the update's COMMIT, with the statement that drops the oldest day", async () => {
    const b = await pgBackend();
    try {
      let now = new Date("2025-03-01T08:00:00Z");
      const repo = (await b.open({ now: () => now, backupDays: 2 })) as PgRepository;
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      const write = (revision: number) =>
        repo.updates.handle("user:501", revision, () =>
          repo.agencies.update("a1", (d) => {
            d!.revision = revision;
            return { next: d, result: undefined };
          }),
        );
      for (const [day, revision] of [["02", 2], ["03", 3]] as const) {
        now = new Date(`2025-03-${day}T08:00:00Z`);
        const statements = recordStatements(repo);
        await write(revision);
        // The ledger's round trip (with the officer's row read ahead), then the write and the backup leave with
        // the check and COMMIT.
        expect(statements).toEqual([
          expect.stringMatching(/^BEGIN; WITH locked AS/),
          expect.stringMatching(/FROM users u LEFT JOIN sessions s/),
          expect.stringMatching(/^WITH v AS \(UPDATE agencies SET version/),
          expect.stringMatching(/^INSERT INTO agency_backups/),
          expect.stringMatching(/^DELETE FROM agency_backups/),
          "SELECT lkjip_check_conflicts(); COMMIT",
        ]);
        repo.db.pool.removeAllListeners("acquire");
      }
      // A later write the same day takes no backup.
      const statements = recordStatements(repo);
      await write(4);
      expect(statements.some((sql) => sql.includes("agency_backups"))).toBe(false);
      // Copied after the day's first write; the oldest of three days dropped.
      expect((await repo.backups.list("a1")).map((x) => x.id)).toEqual(["2025-03-03", "2025-03-02"]);
      expect((await repo.backups.read("a1", "2025-03-03"))!.revision).toBe(3);
      expect((await repo.backups.read("a1", "2025-03-02"))!.revision).toBe(2);
    } finally {
      await b.cleanup();
    }
  });

  it("updates a document read earlier in the same transaction over the version read, without the row lock", () =>
    twoProcesses(async (one, two) => {
      await two.users.update("501", () => ({ next: userDocument(501, "Sari"), result: undefined }));
      const statements = recordStatements(one);
      // `one` has not seen the user: the read (sent with the ledger's statement) is what the update builds on.
      await one.updates.handle("user:501", 1, async () => {
        await one.users.read("501");
        await one.users.update("501", (u) => {
          u!.lastUpdateId = 1;
          return { next: u, result: undefined };
        });
      });
      expect(statements).toHaveLength(4);
      expect(statements[1]).toMatch(/FROM users u LEFT JOIN sessions s/);
      expect(statements[2]).toMatch(/^WITH v AS \(UPDATE users SET version = version \+ 1/);
      expect(statements.some((sql) => sql.includes("FOR UPDATE"))).toBe(false);
      expect((await two.users.read("501"))!.lastUpdateId).toBe(1);
    }));

  it("hands out a read sent ahead once, and only for the version it asked about", () =>
    twoProcesses(async (one) => {
      const ahead = [{ key: "uji/1", version: "3", query: statement("SELECT $1::int AS x", [42]) }];
      const got = await one.db.tx(
        async () => {
          const other = one.db.takeReadAhead("uji/1", "4"); // the cached version moved on since it was sent
          const again = one.db.takeReadAhead("uji/1", "3");
          return [other, again];
        },
        undefined,
        () => ahead,
      );
      expect(got).toEqual([undefined, undefined]);
      const rows = await one.db.tx(async () => (await one.db.takeReadAhead("uji/1", "3"))?.rows, undefined, () => ahead);
      expect(rows).toEqual([{ x: 42 }]);
      // Outside a transaction, and for a key nobody sent, there is nothing to take.
      expect(one.db.takeReadAhead("uji/1", "3")).toBeUndefined();
      expect(await one.db.tx(async () => one.db.takeReadAhead("uji/2", "3"), undefined, () => ahead)).toBeUndefined();
    }));

  it("stores a small change as a change row, replays the rows in another process, and writes the document in full every so often", () =>
    twoProcesses(async (one, two, open) => {
      await one.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      const stored = async () => (await one.db.query<{ revision: number }>("SELECT (doc->>'revision')::int AS revision FROM agencies WHERE id = 'a1'")).rows[0]!.revision;
      const rows = async () => (await one.db.query<{ ops: string }>("SELECT ops FROM agency_changes WHERE document_id = 'a1' ORDER BY version")).rows.map((r) => r.ops);
      const setRevision = (repo: PgRepository, revision: number) =>
        repo.agencies.update("a1", (d) => {
          d!.revision = revision;
          return { next: d, result: undefined };
        });
      await setRevision(one, 2);
      await setRevision(two, 3);
      expect(await stored()).toBe(1);
      expect(await rows()).toEqual(['[[["revision"],2]]', '[[["revision"],3]]']);
      expect((await one.agencies.read("a1"))!.revision).toBe(3);
      // The document row is written again once JOURNAL_MAX_CHANGES rows are on top of it; the rows go.
      for (let r = 4; r <= JOURNAL_MAX_CHANGES + 1; r++) await setRevision(r % 2 ? one : two, r);
      expect(await stored()).toBe(1);
      expect(await rows()).toHaveLength(JOURNAL_MAX_CHANGES);
      await setRevision(one, JOURNAL_MAX_CHANGES + 2);
      expect(await stored()).toBe(JOURNAL_MAX_CHANGES + 2);
      expect(await rows()).toEqual([]);
      expect((await two.agencies.read("a1"))!.revision).toBe(JOURNAL_MAX_CHANGES + 2);
      // A change row edited by hand no longer matches its checksum: the document is validated in full again,
      // and one that does not validate is reported, not trusted.
      await setRevision(one, JOURNAL_MAX_CHANGES + 3);
      const [row] = (await one.db.query<{ checked: string; sum: string; ops: string }>(
        "SELECT a.checked, c.sum, c.ops FROM agencies a JOIN agency_changes c ON c.document_id = a.id WHERE a.id = 'a1'",
      )).rows;
      expect(row!.checked).toMatch(/^1:[0-9a-f]{32}$/);
      expect(row!.sum).toMatch(/^[0-9a-f]{32}$/);
      await one.db.query(`UPDATE agency_changes SET ops = '[[["members"],"semua"]]' WHERE document_id = 'a1'; UPDATE agencies SET version = version + 1 WHERE id = 'a1'`);
      await expect((await open()).agencies.read("a1")).rejects.toThrow(/instansi\/a1 tidak dapat dibaca: members/);
      // With its checksum matching (as if this program had written it) the same row is trusted: not validated again.
      await one.db.query(`UPDATE agency_changes SET sum = md5(ops) WHERE document_id = 'a1'; UPDATE agencies SET version = version + 1 WHERE id = 'a1'`);
      expect((await (await open()).agencies.read("a1"))!.members).toBe("semua");
      await one.db.query(`UPDATE agency_changes SET ops = '[[["revision"],${JOURNAL_MAX_CHANGES + 3}]]' WHERE document_id = 'a1'; UPDATE agencies SET version = version + 1 WHERE id = 'a1'`);
      expect((await (await open()).agencies.read("a1"))!.revision).toBe(JOURNAL_MAX_CHANGES + 3);
      // A change row that does not fit the document makes it unavailable; nothing is written over it.
      await one.db.query(`INSERT INTO agency_changes (document_id, version, ops) VALUES ('a1', 9999, '[[["x","y"],1]]'); UPDATE agencies SET version = version + 1 WHERE id = 'a1'`);
      await expect((await open()).agencies.read("a1")).rejects.toThrow("instansi/a1 tidak dapat dibaca: perubahan: jalur x tidak ada");
    }));

  it("prepares each parameterised statement once per connection, named by its text", async () => {
    expect(statement("SELECT $1::int", [1])).toEqual({ name: statement("SELECT $1::int", [2]).name, text: "SELECT $1::int", values: [1] });
    expect(statement("SELECT $1::int", [1]).name).not.toBe(statement("SELECT $1::bigint", [1]).name);
    const b = await pgBackend();
    try {
      const repo = (await b.open()) as PgRepository;
      // One transaction holds one connection: the writes join it, and the connection's prepared statements can be seen.
      const prepared = await repo.db.tx(async (client) => {
        await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
        for (let i = 0; i < 3; i++) {
          await repo.agencies.update("a1", (d) => {
            d!.revision++;
            return { next: d, result: undefined };
          });
        }
        const r = await client.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements WHERE name LIKE 'lkjip\\_%'");
        return r.rows.map((row) => row.statement);
      });
      // The row lock and the change row, each prepared once and executed three times.
      expect(prepared.filter((sql) => sql.includes("FOR UPDATE"))).toHaveLength(1);
      expect(prepared.filter((sql) => sql.includes("INSERT INTO agency_changes"))).toHaveLength(1);
      expect((await repo.agencies.read("a1"))!.revision).toBe(4);
    } finally {
      await b.cleanup();
    }
  });
});
