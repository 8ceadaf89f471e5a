import { mkdir, readFile, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LowdbCollection } from "../../src/storage/lowdb/collection.js";
import type { DocumentCache } from "../../src/storage/document-cache.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { migrate, UnsupportedVersion } from "../../src/storage/migrations.js";
import { DocumentUnavailable } from "../../src/storage/repository.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument } from "../support/documents.js";
import { storedText } from "../support/on-disk.js";

describe("lowdb repository", () => {
  it("writes one file per agency and validates before writing", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir });
    const doc = agencyDocument("a1");
    await repo.agencies.update("a1", () => ({ next: doc, result: undefined }));
    await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
    // Each file with its (empty) change journal, see journal.test.ts.
    expect(await readdir(join(dir, "instansi"))).toEqual(["a1.json", "a1.jurnal", "a2.json", "a2.jurnal"]);
    const onDisk = JSON.parse(await readFile(join(dir, "instansi", "a1.json"), "utf8"));
    expect(onDisk.data.agency.id).toBe("a1");

    // An invalid document is refused and nothing changes on disk. (The agency data itself is validated
    // with the full schema by every edit before it gets here: see test/bot and editAgency.)
    const before = await storedText(dir, "instansi", "a1");
    await expect(
      repo.agencies.update("a1", (d) => {
        d!.revision = -1;
        d!.members = "semua" as never;
        return { next: d, result: undefined };
      }),
    ).rejects.toThrow();
    expect(await storedText(dir, "instansi", "a1")).toBe(before);
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

  it("keeps a bounded number of documents in memory and re-reads evicted ones from disk", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, cacheSize: 3, backupDays: 0 });
    for (let i = 0; i < 10; i++) await repo.agencies.update(`a${i}`, () => ({ next: agencyDocument(`a${i}`), result: undefined }));
    for (let i = 0; i < 10; i++) expect((await repo.agencies.read(`a${i}`))!.data.agency.id).toBe(`a${i}`);
    expect((repo.agencies as unknown as { cache: DocumentCache<unknown> }).cache.size).toBeLessThanOrEqual(3);
  });

  it("keeps the agencies in steady use while agencies opened once come and go", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, cacheSize: 8, backupDays: 0 });
    const cache = (repo.agencies as unknown as { cache: DocumentCache<unknown> }).cache;
    const working = ["w1", "w2", "w3", "w4", "w5", "w6"];
    for (const id of [...working, "x1", "x2"]) await repo.agencies.update(id, () => ({ next: agencyDocument(id), result: undefined }));
    // A first load stays in probation (a quarter of the cache, first in, first out) until two more came after
    // it; loaded again soon after, it joins the main part.
    for (const id of working) expect((await repo.agencies.read(id))!.data.agency.id).toBe(id);
    for (let i = 0; i < 30; i++) {
      await repo.agencies.update(`once${i}`, () => ({ next: agencyDocument(`once${i}`), result: undefined }));
      expect((await repo.agencies.read(`once${i}`))!.data.agency.id).toBe(`once${i}`);
    }
    for (const id of working) expect(cache.peek(id), id).toBeDefined();
    expect(cache.size).toBe(8);
    expect(cache.peek("once29")).toBeDefined();
    expect(cache.peek("once27")).toBeUndefined();
    // What the cache still holds is what is on disk.
    await rm(join(dir, "instansi", "w1.json"));
    expect((await repo.agencies.read("w1"))!.data.agency.id).toBe("w1");
    expect((await new LowdbRepository({ dir, backupDays: 0 }).agencies.read("once0"))!.data.agency.id).toBe("once0");
  });

  it("lets go of the document of an entry it pushes out of the cache, never of one in use", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, cacheSize: 1, backupDays: 0 });
    type Entry = { doc: unknown; db: { data: unknown } };
    const cache = (repo.agencies as unknown as { cache: DocumentCache<Entry> }).cache;
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    const pushedOut = cache.peek("a1")!;
    expect(pushedOut.doc).toBeDefined();
    await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
    // An entry in V8's old generation keeps what it points to alive through young collections even once it
    // is garbage: the document it held would wait there for a full collection (docs/benchmark.md, item 27).
    expect(cache.peek("a1")).toBeUndefined();
    expect(pushedOut.doc).toBeUndefined();
    expect(pushedOut.db.data).toBeNull();

    // An entry whose lock is held (an update still at work) stays cached and whole, past the cache's size.
    let release: (() => void) | undefined;
    const slow = repo.agencies.update("a2", async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { next: undefined, result: undefined };
    });
    while (!release) await new Promise((r) => setImmediate(r));
    const inUse = cache.peek("a2")!;
    expect((await repo.agencies.read("a1"))!.data.agency.id).toBe("a1"); // read again from disk
    expect(cache.peek("a2")).toBe(inUse);
    expect((inUse.doc as { data: { agency: { id: string } } }).data.agency.id).toBe("a2");
    release();
    await slow;
    expect((await repo.agencies.read("a2"))!.data.agency.id).toBe("a2");
  });
});

describe("lowdb backups", () => {
  it("keep the damaged file itself next to the backups when restoring", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, now: () => new Date("2025-01-09T08:00:00Z") });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    const path = join(dir, "instansi", "a1.json");
    await writeFile(path, "{ rusak");
    await expect(new LowdbRepository({ dir }).agencies.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
    expect((await repo.backups.restore("a1", "2025-01-09")).revision).toBe(1);
    const aside = (await readdir(join(dir, "cadangan", "a1"))).filter((n) => n.startsWith("sebelum-pemulihan-") && n.endsWith(".json"));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, "cadangan", "a1", aside[0]!), "utf8")).toBe("{ rusak");
  });

  it("a restore that cannot write the restored file leaves the agency as it was, its journal included", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, now: () => new Date("2025-01-09T08:00:00Z") });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    await repo.agencies.update("a1", (doc) => ({ next: { ...doc!, revision: 2 }, result: undefined })); // journaled
    await repo.backups.idle();
    const path = join(dir, "instansi", "a1.json");
    expect(await readFile(join(dir, "instansi", "a1.jurnal"), "utf8")).toContain("revision");
    // The restored file cannot be written: a folder is where its temporary file goes.
    await mkdir(`${path}.tmp`);
    await expect(repo.backups.restore("a1", "2025-01-09")).rejects.toThrow();
    expect((await new LowdbRepository({ dir }).agencies.read("a1"))!.revision).toBe(2);
    expect((await repo.agencies.read("a1"))!.revision).toBe(2);

    await rmdir(`${path}.tmp`);
    expect((await repo.backups.restore("a1", "2025-01-09")).revision).toBe(1);
    expect((await new LowdbRepository({ dir }).agencies.read("a1"))!.revision).toBe(1);
    expect(await readdir(join(dir, "instansi"))).toEqual(["a1.json"]);
    // A copy of the agency's file and journal as they were (the clock is fixed: both attempts wrote the same names, the same bytes).
    const aside = (await readdir(join(dir, "cadangan", "a1"))).filter((n) => n.startsWith("sebelum-pemulihan-"));
    expect(aside.sort()).toEqual(["sebelum-pemulihan-2025-01-09T08-00-00-000Z.json", "sebelum-pemulihan-2025-01-09T08-00-00-000Z.jurnal"]);
  });

  it("a daily backup that cannot be written does not fail the answer and is taken with the agency's next write", async () => {
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, now: () => new Date("2025-01-09T08:00:00Z") });
    // The backup folder cannot be created: a file is in its way.
    await writeFile(join(dir, "cadangan"), "bukan folder");
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    await repo.backups.idle();
    expect((await new LowdbRepository({ dir }).agencies.read("a1"))!.revision).toBe(1);
    await rm(join(dir, "cadangan"));
    expect(await repo.backups.list("a1")).toEqual([]);
    await repo.agencies.update("a1", (d) => ({ next: { ...d!, revision: 2 }, result: undefined }));
    const list = await repo.backups.list("a1");
    expect(list.map((b) => [b.id, b.valid])).toEqual([["2025-01-09", true]]);
    expect((await repo.backups.read("a1", "2025-01-09"))!.revision).toBe(2);
  });

  it("a copy waiting in the queue holds the text to write, not the document", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const dir = await makeDir("lkjip-store-");
    const repo = new LowdbRepository({ dir, now: () => new Date("2025-01-09T08:00:00Z") });
    const queue = (): WeakRef<object> => {
      const doc = agencyDocument("a1");
      repo.backups.afterWrite("a1", doc);
      return new WeakRef(doc);
    };
    const held = queue();
    // The copy is written after an immediate it asks for once the queue reaches it; this one comes first.
    const whileQueued = await new Promise<boolean>((resolve) =>
      setImmediate(() => {
        gc();
        resolve(held.deref() !== undefined);
      }),
    );
    expect(whileQueued).toBe(false);
    await repo.backups.idle();
    expect(JSON.parse(await readFile(join(dir, "cadangan", "a1", "2025-01-09.json"), "utf8"))).toEqual(agencyDocument("a1"));
  });
});
