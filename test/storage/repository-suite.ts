/**
 * The behaviour every repository implementation must have, run against
 * lowdb and PostgreSQL (repository-lowdb.test.ts, repository-postgres.test.ts).
 */
import { AsyncResource } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Services } from "../../src/app/services.js";
import { STORAGE_SCHEMA_VERSION, type UserDocument } from "../../src/storage/documents.js";
import { DocumentUnavailable, INVITATION_INDEX_ID, type Repository } from "../../src/storage/repository.js";
import { agencyDocument } from "../support/documents.js";

export interface Backend {
  /** A repository on the test storage; each call is a fresh one on the same data (a restart, or another process). */
  open(options?: { now?: () => Date; cacheSize?: number; backupDays?: number }): Promise<Repository>;
  /** Replace the stored agency document by one that does not validate. */
  corrupt(agencyId: string): Promise<void>;
  /** The stored agency document exactly as stored (to check it is never overwritten). */
  raw(agencyId: string): Promise<string | undefined>;
  /** Remove the storage. */
  cleanup(): Promise<void>;
}

const user = (id: number, session: unknown = null): UserDocument => ({
  schemaVersion: STORAGE_SCHEMA_VERSION,
  id,
  name: `Pengguna ${id}`,
  createdAt: "2025-01-15T03:00:00.000Z",
  agencies: ["a1"],
  activeAgencyId: "a1",
  session,
  joinFailures: [],
});

export function repositorySuite(name: string, fresh: () => Promise<Backend>): void {
  /** Each test gets empty storage of its own. */
  const test = (title: string, body: (b: Backend) => Promise<void>) =>
    it(title, async () => {
      const b = await fresh();
      try {
        await body(b);
      } finally {
        await b.cleanup();
      }
    });
  describe(`${name}: repository contract`, () => {
    test("creates, reads (frozen, shared), lists, and validates before writing", async (b) => {
      const repo = await b.open();
      expect(await repo.agencies.read("a1")).toBeUndefined();
      const result = await repo.agencies.update("a1", (current) => {
        expect(current).toBeUndefined();
        return { next: agencyDocument("a1"), result: "dibuat" };
      });
      expect(result).toBe("dibuat");
      await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
      const a1 = (await repo.agencies.read("a1"))!;
      expect(a1).toEqual(agencyDocument("a1"));
      expect(Object.isFrozen(a1.data.objectives[0]!.indicators[0])).toBe(true);
      expect(await repo.agencies.list()).toEqual(["a1", "a2"]);

      const before = await b.raw("a1");
      await expect(
        repo.agencies.update("a1", (d) => {
          d!.revision = -1;
          return { next: d, result: undefined };
        }),
      ).rejects.toThrow();
      await expect(
        repo.agencies.update("a1", () => {
          throw new Error("dibatalkan");
        }),
      ).rejects.toThrow("dibatalkan");
      expect(await b.raw("a1")).toBe(before);
      expect((await repo.agencies.read("a1"))!.revision).toBe(1);
      expect((await (await b.open()).agencies.read("a1"))!.revision).toBe(1);
      await repo.close();
    });

    test("checks every new audit entry in full before writing, and keeps the stored ones as they are", async (b) => {
      const repo = await b.open();
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      const entry = { seq: 1, at: "2025-01-15T03:00:00.000Z", userId: 501, userName: "Sari", field: "objectives/S1/name", label: "Nama sasaran", old: "Lama", new: "Baru" };
      const before = await b.raw("a1");
      for (const bad of [{ ...entry, at: "kemarin" }, { ...entry, label: undefined }, { ...entry, userId: "501" }, "bukan entri"]) {
        await expect(
          repo.agencies.update("a1", (d) => {
            d!.audit.push(bad as never);
            d!.auditSeq = 1;
            return { next: d, result: undefined };
          }),
        ).rejects.toThrow();
        expect(await b.raw("a1")).toBe(before);
      }
      await repo.agencies.update("a1", (d) => {
        d!.audit.push(entry);
        d!.auditSeq = 1;
        return { next: d, result: undefined };
      });
      const second = { ...entry, seq: 2, old: "Baru", new: "Lagi" };
      await repo.agencies.update("a1", (d) => {
        d!.audit.push(second);
        d!.auditSeq = 2;
        return { next: d, result: undefined };
      });
      expect((await (await b.open()).agencies.read("a1"))!.audit).toEqual([entry, second]);
      await repo.close();
    });

    test("hands an update a private copy: what the flows change in it leaves the version read before untouched", async (b) => {
      const repo = await b.open();
      const seeded = agencyDocument("a1");
      seeded.invitations = [{ id: "abc123", codeHash: "0".repeat(64), role: "editor", createdBy: 501, createdAt: "2025-01-15T03:00:00.000Z", expiresAt: "2025-01-22T03:00:00.000Z", multiUse: true, usedBy: [] }];
      await repo.agencies.update("a1", () => ({ next: seeded, result: undefined }));
      await repo.users.update("501", () => ({ next: user(501, { v: 1, flow: "entry", agencyId: "a1", current: "actual:I1:2024" }), result: undefined }));
      const agencyBefore = (await repo.agencies.read("a1"))!;
      const userBefore = (await repo.users.read("501"))!;
      await repo.agencies.update("a1", (d) => {
        d!.members[0]!.role = "editor";
        d!.members.push({ userId: 502, name: "Budi", role: "admin", addedAt: "2025-01-16T03:00:00.000Z", addedBy: 501 });
        d!.invitations[0]!.usedBy.push(502);
        d!.invitations[0]!.revokedAt = "2025-01-16T03:00:00.000Z";
        return { next: d, result: undefined };
      });
      await repo.users.update("501", (u) => {
        u!.agencies.push("a2");
        u!.joinFailures.push("2025-01-16T03:00:00.000Z");
        expect(() => ((u!.session as { current: string }).current = "x")).toThrow(TypeError); // the state is replaced whole, never changed in place
        u!.session = null;
        return { next: u, result: undefined };
      });
      expect(agencyBefore.members).toEqual(seeded.members);
      expect(agencyBefore.invitations).toEqual(seeded.invitations);
      expect(userBefore).toEqual(user(501, { v: 1, flow: "entry", agencyId: "a1", current: "actual:I1:2024" }));
      const after = await b.open();
      const agency = (await after.agencies.read("a1"))!;
      expect(agency.members.map((m) => [m.userId, m.role])).toEqual([
        [501, "editor"],
        [502, "admin"],
      ]);
      expect(agency.invitations[0]).toMatchObject({ usedBy: [502], revokedAt: "2025-01-16T03:00:00.000Z" });
      expect(await after.users.read("501")).toMatchObject({ agencies: ["a1", "a2"], joinFailures: ["2025-01-16T03:00:00.000Z"], session: null });
      await after.close();
      await repo.close();
    });

    test("never loses concurrent read-modify-writes on one document", async (b) => {
      const repo = await b.open();
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      await Promise.all(
        Array.from({ length: 200 }, () =>
          repo.agencies.update("a1", async (d) => {
            await new Promise((r) => setTimeout(r, Math.random() * 2));
            d!.revision++;
            return { next: d, result: undefined };
          }),
        ),
      );
      expect((await repo.agencies.read("a1"))!.revision).toBe(201);
      expect((await (await b.open()).agencies.read("a1"))!.revision).toBe(201);
      await repo.close();
    });

    test("reports a document that does not validate as unavailable and never overwrites it", async (b) => {
      const repo = await b.open();
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      await b.corrupt("a1");
      const stored = await b.raw("a1");
      const fresh = await b.open();
      await expect(fresh.agencies.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
      await expect(fresh.agencies.update("a1", (d) => ({ next: d, result: undefined }))).rejects.toBeInstanceOf(DocumentUnavailable);
      expect(await b.raw("a1")).toBe(stored);
      await repo.close();
      await fresh.close();
    });

    test("keeps users and their conversation state across a restart", async (b) => {
      const repo = await b.open();
      await repo.users.update("501", () => ({ next: user(501), result: undefined }));
      await repo.users.update("501", (u) => {
        u!.session = { v: 1, flow: "entry", agencyId: "a1", current: "actual:I1:2024" };
        u!.lastUpdateId = 42;
        return { next: u, result: undefined };
      });
      await repo.users.update("501", (u) => {
        u!.name = "Sari Wulandari";
        return { next: u, result: undefined };
      });
      const again = await b.open();
      expect(await again.users.read("501")).toEqual({ ...user(501, { v: 1, flow: "entry", agencyId: "a1", current: "actual:I1:2024" }), name: "Sari Wulandari", lastUpdateId: 42 });
      expect(await again.users.list()).toEqual(["501"]);
      await repo.close();
      await again.close();
    });

    test("keeps each region's agencies: added, renamed, removed, in order, across a restart, refusing what does not validate", async (b) => {
      const repo = await b.open();
      const at = (h: number) => `2025-01-15T0${h}:00:00.000Z`;
      const add = (region: string, id: string, name: string, addedAt: string) =>
        repo.regions.update(region, (current) => {
          const doc = current ?? { schemaVersion: STORAGE_SCHEMA_VERSION, agencies: [] };
          doc.agencies.push({ id, name, addedAt });
          return { next: doc, result: undefined };
        });
      expect(await repo.regions.read("kota-dumai")).toBeUndefined();
      await add("kota-dumai", "a1", "Dinas Sosial Kota Dumai", at(3));
      await add("kota-dumai", "a2", "Dinas Kesehatan Kota Dumai", at(4));
      await add("kabupaten-siak", "a3", "Dinas Sosial Kabupaten Siak", at(3));
      await repo.regions.update("kota-dumai", (doc) => {
        doc!.agencies[0]!.name = "Dinas Sosial dan PM Kota Dumai";
        return { next: doc, result: undefined };
      });
      await expect(add("kota-dumai", "bukan id/", "x", at(5))).rejects.toThrow();
      const again = await b.open();
      expect(await again.regions.read("kota-dumai")).toEqual({
        schemaVersion: STORAGE_SCHEMA_VERSION,
        agencies: [
          { id: "a1", name: "Dinas Sosial dan PM Kota Dumai", addedAt: at(3) },
          { id: "a2", name: "Dinas Kesehatan Kota Dumai", addedAt: at(4) },
        ],
      });
      expect(await again.regions.list()).toEqual(["kabupaten-siak", "kota-dumai"]);
      await again.regions.update("kota-dumai", (doc) => {
        doc!.agencies = doc!.agencies.filter((a) => a.id !== "a1");
        return { next: doc, result: undefined };
      });
      expect((await (await b.open()).regions.read("kota-dumai"))!.agencies.map((a) => a.id)).toEqual(["a2"]);
      expect((await (await b.open()).regions.read("kabupaten-siak"))!.agencies.map((a) => a.id)).toEqual(["a3"]);
      await repo.close();
      await again.close();
    });

    test("keeps the invitation index and the audit archive", async (b) => {
      const repo = await b.open();
      const hash = (c: string) => c.repeat(64);
      await repo.invitations.update(INVITATION_INDEX_ID, () => ({
        next: {
          schemaVersion: STORAGE_SCHEMA_VERSION,
          codes: {
            [hash("a")]: { agencyId: "a1", invitationId: "inv001", expiresAt: "2025-01-22T03:00:00.000Z" },
            [hash("b")]: { agencyId: "a2", invitationId: "inv002", expiresAt: "2025-01-22T03:00:00.000Z" },
          },
        },
        result: undefined,
      }));
      await repo.invitations.update(INVITATION_INDEX_ID, (index) => {
        delete index!.codes[hash("a")];
        return { next: index, result: undefined };
      });
      expect(Object.keys((await (await b.open()).invitations.read(INVITATION_INDEX_ID))!.codes)).toEqual([hash("b")]);

      const entry = (seq: number) => ({ seq, at: "2025-01-15T03:00:00.000Z", userId: 501, userName: "Sari", field: `objectives/S1/indicators/I1/years/2024/actual`, label: "Realisasi", old: String(seq), new: String(seq + 1) });
      await repo.auditArchive.append("a1", [entry(1), entry(2)]);
      // A move repeated (its agency write had failed) adds only what is new.
      await repo.auditArchive.append("a1", [entry(2), entry(3)]);
      await repo.auditArchive.append("a2", [entry(1)]);
      const archive = (await (await b.open()).auditArchive.read("a1"))!;
      expect(archive.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(archive.entries[2]).toEqual(entry(3));
      expect(archive.agencyId).toBe("a1");
      expect(await repo.auditArchive.read("a9")).toBeUndefined();
      await repo.close();
    });

    test("moves old audit entries to the archive through edits without losing any; undo finds them", async (b) => {
      const { editAgency, allAuditEntries, undoChange, AUDIT_RECENT } = await import("../../src/app/edits.js");
      const repo = await b.open();
      const services: Services = { repo, now: () => new Date("2025-01-15T03:00:00Z"), random: (n) => randomBytes(n) };
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      const actor = { userId: 501, name: "Sari" };
      for (let i = 1; i <= AUDIT_RECENT + 20; i++) {
        await editAgency(services, "a1", actor, "editor", (d) => {
          d.objectives[0]!.indicators[0]!.years["2024"]!.target = String(i);
        });
      }
      const doc = (await repo.agencies.read("a1"))!;
      expect(doc.audit.length).toBeLessThanOrEqual(AUDIT_RECENT);
      const all = await allAuditEntries(services, doc);
      expect(all.map((e) => e.seq)).toEqual(Array.from({ length: AUDIT_RECENT + 20 }, (_, i) => i + 1));
      // An archived entry is still found; undoing it is refused because the value changed since. The last one is undone.
      await expect(undoChange(services, "a1", actor, 1)).rejects.toThrow("sudah diubah lagi");
      await undoChange(services, "a1", actor, AUDIT_RECENT + 20);
      expect((await repo.agencies.read("a1"))!.data.objectives[0]!.indicators[0]!.years["2024"]!.target).toBe(String(AUDIT_RECENT + 19));
      await repo.close();
    });

    test("a new reporting year, moved in one process and taken back in another: its entries, most of them archived, restore the data exactly", async (b) => {
      const { startNewYear, undoNewYear, canUndoNewYear } = await import("../../src/app/new-year.js");
      const { AUDIT_RECENT } = await import("../../src/app/edits.js");
      const services = (repo: Repository): Services => ({ repo, now: () => new Date("2025-01-15T03:00:00Z"), random: (n) => randomBytes(n) });
      const first = await b.open();
      const seeded = agencyDocument("a1");
      // 80 budget lines with pagu and realisasi: the move empties 160 values, more than the document keeps.
      seeded.data.budgetLines = Array.from({ length: 80 }, (_, i) => ({ id: `P${i + 1}`, level: "program" as const, name: `Program ${i + 1}`, indicatorIds: [], budget: "1000000", spent: "900000" }));
      await first.agencies.update("a1", () => ({ next: seeded, result: undefined }));
      const before = structuredClone((await first.agencies.read("a1"))!.data);
      const actor = { userId: 501, name: "Sari" };
      const moved = await startNewYear(services(first), "a1", actor, before.agency.reportingYear);
      expect(moved.changes.length).toBeGreaterThan(AUDIT_RECENT);
      expect(new Set(moved.changes.map((e) => e.partOf))).toEqual(new Set([moved.changes[0]!.seq]));
      expect(moved.doc.data.budgetLines.every((l) => l.budget === undefined && l.spent === undefined)).toBe(true);
      await first.close();
      const second = await b.open();
      expect(await canUndoNewYear(services(second), "a1", 501)).toBe(true);
      await undoNewYear(services(second), "a1", actor, before.agency.reportingYear + 1);
      expect((await second.agencies.read("a1"))!.data).toEqual(before);
      expect(await canUndoNewYear(services(second), "a1", 501)).toBe(false);
      await second.close();
    });

    test("takes a backup on the first write of each day, keeps 7, and restores one, setting the current document aside", async (b) => {
      let now = new Date("2025-01-01T08:00:00Z");
      const repo = await b.open({ now: () => now });
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      for (let day = 2; day <= 10; day++) {
        now = new Date(`2025-01-${String(day).padStart(2, "0")}T08:00:00Z`);
        for (const k of [0, 1]) {
          await repo.agencies.update("a1", (d) => {
            d!.revision = day * 10 + k;
            // A change audited on the days from the 8th: a copy names the newest it holds.
            if (day >= 8) d!.audit.push({ seq: d!.audit.length + 1, at: now.toISOString(), userId: 501, userName: `Petugas ${day}.${k}`, field: "profile/decimals", label: "Profil", new: k });
            return { next: d, result: undefined };
          });
        }
      }
      const list = await repo.backups.list("a1");
      expect(list.map((b) => b.id)).toEqual(["2025-01-10", "2025-01-09", "2025-01-08", "2025-01-07", "2025-01-06", "2025-01-05", "2025-01-04"]);
      expect(list.every((b) => b.valid)).toBe(true);
      // Each day's copy is taken at its first write, which it holds (the 8th's: the first change, #1).
      expect(list.slice(0, 4).map((b) => b.lastChange)).toEqual([
        { seq: 5, at: "2025-01-10T08:00:00.000Z", userName: "Petugas 10.0" },
        { seq: 3, at: "2025-01-09T08:00:00.000Z", userName: "Petugas 9.0" },
        { seq: 1, at: "2025-01-08T08:00:00.000Z", userName: "Petugas 8.0" },
        undefined,
      ]);
      expect((await repo.backups.read("a1", "2025-01-09"))!.revision).toBe(90);
      expect(await repo.backups.read("a1", "../../etc")).toBeUndefined();

      await b.corrupt("a1");
      const restored = await repo.backups.restore("a1", "2025-01-09");
      expect(restored.revision).toBe(90);
      expect((await repo.agencies.read("a1"))!.revision).toBe(90);
      expect((await (await b.open()).agencies.read("a1"))!.revision).toBe(90);
      await expect(repo.backups.restore("a1", "2024-12-31")).rejects.toBeInstanceOf(DocumentUnavailable);
      await repo.close();
    });

    test("names each day's backup after the day in Western Indonesian time, which starts at 17.00 UTC", async (b) => {
      let now = new Date("2025-01-01T16:59:00Z"); // 23.59 WIB on the 1st
      const repo = await b.open({ now: () => now });
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
      now = new Date("2025-01-01T17:00:00Z"); // 00.00 WIB on the 2nd, still the 1st in UTC
      await repo.agencies.update("a1", (d) => {
        d!.revision = 2;
        return { next: d, result: undefined };
      });
      expect((await repo.backups.list("a1")).map((x) => x.id)).toEqual(["2025-01-02", "2025-01-01"]);
      expect((await repo.backups.read("a1", "2025-01-02"))!.revision).toBe(2);
      await repo.close();
    });

    test("an update that waits while a restore replaces the agency is applied to the restored document", async (b) => {
      // The restore reads the clock while it holds the agency (to name the copy it sets aside): the update is sent
      // then, from the test's own context, as another officer's message would be (not from within the restore's).
      let during: (() => void) | undefined;
      const fromOutside = AsyncResource.bind((fn: () => void) => fn());
      const repo = await b.open({
        now: () => {
          during?.();
          during = undefined;
          return new Date("2025-01-09T08:00:00Z");
        },
      });
      await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined })); // the day's backup: revision 1
      await repo.agencies.update("a1", (d) => ({ next: { ...d!, revision: 2 }, result: undefined }));
      let waiting: Promise<number> | undefined;
      during = () =>
        fromOutside(() => {
          waiting = repo.agencies.update("a1", (d) => ({ next: { ...d!, revision: d!.revision + 100 }, result: d!.revision + 100 }));
        });
      expect((await repo.backups.restore("a1", "2025-01-09")).revision).toBe(1);
      expect(waiting).toBeDefined();
      expect(await waiting).toBe(101);
      expect((await repo.agencies.read("a1"))!.revision).toBe(101);
      expect((await (await b.open()).agencies.read("a1"))!.revision).toBe(101);
      await repo.close();
    });
  });
}
