import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LowdbCollection } from "../../src/storage/lowdb/collection.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { migrate, UnsupportedVersion } from "../../src/storage/migrations.js";
import { DocumentUnavailable } from "../../src/storage/repository.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument } from "../support/documents.js";

describe("lowdb repository", () => {
  it("writes one file per agency and validates before writing", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir });
    const doc = agencyDocument("a1");
    await repo.agencies.update("a1", () => ({ next: doc, result: undefined }));
    await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
    expect(await readdir(join(dir, "instansi"))).toEqual(["a1.json", "a2.json"]);
    const onDisk = JSON.parse(await readFile(join(dir, "instansi", "a1.json"), "utf8"));
    expect(onDisk.data.agency.id).toBe("a1");

    // An invalid document is refused and nothing changes on disk. (The agency data itself is validated
    // with the full schema by every edit before it gets here: see test/bot and editAgency.)
    const before = await readFile(join(dir, "instansi", "a1.json"), "utf8");
    await expect(
      repo.agencies.update("a1", (d) => {
        d!.revision = -1;
        d!.members = "semua" as never;
        return { next: d, result: undefined };
      }),
    ).rejects.toThrow();
    expect(await readFile(join(dir, "instansi", "a1.json"), "utf8")).toBe(before);
    expect((await repo.agencies.read("a1"))!.revision).toBe(1);
    expect(await repo.agencies.list()).toEqual(["a1", "a2"]);
  });

  it("refuses ids that could escape the data directory", async () => {
    const repo = new LowdbRepository({ dir: await makeDir("lkjip-store-") });
    for (const id of ["../x", ".hidden", "a/b", "", "a".repeat(65)]) await expect(repo.agencies.read(id)).rejects.toThrow("Invalid document id");
  });

  it("a file that does not parse or validate is reported unavailable and never overwritten", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    const path = join(dir, "instansi", "a1.json");
    for (const broken of ['{"schemaVersion": 1, "revision": ', JSON.stringify({ ...agencyDocument("a1"), members: "semua" })]) {
      await writeFile(path, broken);
      const fresh = new LowdbRepository({ dir });
      await expect(fresh.agencies.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
      await expect(fresh.agencies.update("a1", (d) => ({ next: d, result: undefined }))).rejects.toBeInstanceOf(DocumentUnavailable);
      expect(await readFile(path, "utf8")).toBe(broken);
    }
  });

  it("upgrades older documents step by step and refuses newer ones", () => {
    const migrations = { 0: (d: Record<string, unknown>) => ({ ...d, renamed: d.old, old: undefined }) };
    expect(migrate({ old: 5 }, migrations, 1)).toEqual({ renamed: 5, old: undefined, schemaVersion: 1 });
    expect(() => migrate({ schemaVersion: 2 }, migrations, 1)).toThrow(UnsupportedVersion);
    expect(() => migrate({ schemaVersion: 0 }, {}, 1)).toThrow("tidak ada migrasi dari versi skema 0");
  });

  it("a collection reads a version-0 file through its migration and writes it back in the new shape", async () => {
    const dir = await makeDir("lkjip-store-");
    const schema = z.strictObject({ schemaVersion: z.literal(1), name: z.string() });
    const collection = new LowdbCollection({ dir, name: "uji", schema, migrations: { 0: (d) => ({ name: String(d.nama) }) } });
    await writeFile(join(dir, "x.json"), JSON.stringify({ nama: "lama" }));
    expect(await collection.read("x")).toEqual({ schemaVersion: 1, name: "lama" });
    await collection.update("x", (d) => ({ next: d, result: undefined }));
    expect(JSON.parse(await readFile(join(dir, "x.json"), "utf8"))).toEqual({ schemaVersion: 1, name: "lama" });
  });

  it("never loses concurrent read-modify-writes on one document", async () => {
    const repo = new LowdbRepository({ dir: await makeDir("lkjip-store-") });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    await Promise.all(
      Array.from({ length: 300 }, () =>
        repo.agencies.update("a1", async (d) => {
          await new Promise((r) => setTimeout(r, Math.random() * 2));
          d!.revision++;
          return { next: d, result: undefined };
        }),
      ),
    );
    expect((await repo.agencies.read("a1"))!.revision).toBe(301);
    expect((await new LowdbRepository({ dir: repo.options.dir }).agencies.read("a1"))!.revision).toBe(301);
  });

  it("keeps a bounded number of documents in memory and re-reads evicted ones from disk", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, cacheSize: 3, backupDays: 0 });
    for (let i = 0; i < 10; i++) await repo.agencies.update(`a${i}`, () => ({ next: agencyDocument(`a${i}`), result: undefined }));
    for (let i = 0; i < 10; i++) expect((await repo.agencies.read(`a${i}`))!.data.agency.id).toBe(`a${i}`);
    expect((repo.agencies as unknown as { entries: Map<string, unknown> }).entries.size).toBeLessThanOrEqual(3);
  });
});

describe("daily backups", () => {
  it("keep the last 7 days and restore one, setting the current (damaged) file aside", async () => {
    const dir = await makeDir("lkjip-store-");
    let now = new Date("2025-01-01T08:00:00Z");
    const repo = new LowdbRepository({ dir, now: () => now });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    for (let day = 2; day <= 10; day++) {
      now = new Date(`2025-01-${String(day).padStart(2, "0")}T08:00:00Z`);
      await repo.agencies.update("a1", (d) => {
        d!.revision = day * 10;
        return { next: d, result: undefined };
      });
      await repo.agencies.update("a1", (d) => {
        d!.revision = day * 10 + 1;
        return { next: d, result: undefined };
      });
    }
    const list = await repo.backups.list("a1");
    expect(list.map((b) => b.id)).toEqual(["2025-01-10", "2025-01-09", "2025-01-08", "2025-01-07", "2025-01-06", "2025-01-05", "2025-01-04"]);
    expect(list.every((b) => b.valid)).toBe(true);
    // The backup of a day holds the first write of that day.
    expect((await repo.backups.read("a1", "2025-01-09"))!.revision).toBe(90);

    const path = join(dir, "instansi", "a1.json");
    await writeFile(path, "{ rusak");
    await expect(new LowdbRepository({ dir }).agencies.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
    const restored = await repo.backups.restore("a1", "2025-01-09");
    expect(restored.revision).toBe(90);
    expect((await repo.agencies.read("a1"))!.revision).toBe(90);
    const aside = (await readdir(join(dir, "cadangan", "a1"))).filter((n) => n.startsWith("sebelum-pemulihan-"));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, "cadangan", "a1", aside[0]!), "utf8")).toBe("{ rusak");
    await expect(repo.backups.restore("a1", "2024-12-31")).rejects.toBeInstanceOf(DocumentUnavailable);
  });
});

describe("audit archive", () => {
  it("moves the oldest entries out of the agency document without losing any, and undo still finds them", async () => {
    const { harness, registerAgency, ADMIN } = await import("../support/bot-harness.js");
    const { editAgency, allAuditEntries, undoChange, AUDIT_RECENT } = await import("../../src/app/edits.js");
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 100");
    await h.driver.press(ADMIN, "✅ Simpan");
    const actor = { userId: ADMIN.id, name: "Sari" };
    for (let i = 1; i <= 450; i++) {
      await editAgency(h.services, id, actor, "editor", (d) => {
        d.objectives[0]!.indicators[0]!.years["2024"]!.actual = String(i);
      });
    }
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.audit.length).toBeLessThanOrEqual(AUDIT_RECENT);
    const all = await allAuditEntries(h.services, doc);
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 451 }, (_, i) => i + 1));
    // The very first realisasi (archived) can still be looked up; undoing it conflicts because the value changed since.
    await expect(undoChange(h.services, id, actor, 2)).rejects.toThrow("sudah diubah lagi");
    await undoChange(h.services, id, actor, 451);
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("449");
  });
});
