/** The lowdb change journal: answers are appended, replayed on restart, and folded into the file. */
import { appendFile, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { constants, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { STORAGE_SCHEMA_VERSION } from "../../src/storage/documents.js";
import { LowdbCollection } from "../../src/storage/lowdb/collection.js";
import { JOURNAL_MAX_CHANGES, journalLine, textHash } from "../../src/storage/lowdb/journal.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { DocumentUnavailable } from "../../src/storage/repository.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument, userDocument } from "../support/documents.js";

const open = (dir: string) => new LowdbRepository({ dir, backupDays: 0 });

/** The files under `dir` this process has open (Linux: /proc/self/fd), with each descriptor's open flags. */
function openFilesUnder(dir: string): { path: string; flags: number }[] {
  const open: { path: string; flags: number }[] = [];
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const path = readlinkSync(`/proc/self/fd/${fd}`);
      const flags = /^flags:\s+([0-7]+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, "utf8"))![1]!;
      if (path.startsWith(dir)) open.push({ path, flags: parseInt(flags, 8) });
    } catch {
      // closed meanwhile (the listing's own descriptor)
    }
  }
  return open;
}

/** Set the agency's revision (a small change, as an answer is). */
const setRevision = (repo: LowdbRepository, revision: number) =>
  repo.agencies.update("a1", (d) => {
    d!.revision = revision;
    return { next: d, result: undefined };
  });

async function seeded(): Promise<{ dir: string; repo: LowdbRepository; file: string; journal: string; original: string }> {
  const dir = await makeDir("lkjip-journal-");
  const repo = open(dir);
  await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
  const file = join(dir, "instansi", "a1.json");
  return { dir, repo, file, journal: join(dir, "instansi", "a1.jurnal"), original: await readFile(file, "utf8") };
}

describe("lowdb change journal", () => {
  it("appends small changes as one line each, replays them after a restart, and rewrites the file every so often", async () => {
    const { dir, repo, file, journal, original } = await seeded();
    for (let r = 2; r <= 4; r++) await setRevision(repo, r);
    // The file is untouched; the journal holds its base and one line per change.
    expect(await readFile(file, "utf8")).toBe(original);
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ base: textHash(original), checked: STORAGE_SCHEMA_VERSION });
    expect(lines[3]).toMatch(/^[0-9a-f]{16} \[\[\["revision"\],4\]\]$/);
    // A new process sees every change.
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(4);

    // The journal holds at most JOURNAL_MAX_CHANGES changes (revisions 2 … MAX + 1); the next one writes the
    // whole file and removes the journal.
    const again = open(dir);
    for (let r = 5; r <= JOURNAL_MAX_CHANGES + 1; r++) await setRevision(again, r);
    expect(await readFile(file, "utf8")).toBe(original);
    await setRevision(again, JOURNAL_MAX_CHANGES + 2);
    const rewritten = await readFile(file, "utf8");
    expect(JSON.parse(rewritten).revision).toBe(JOURNAL_MAX_CHANGES + 2);
    expect(await readFile(journal, "utf8")).toBe(`${JSON.stringify({ base: textHash(rewritten), checked: STORAGE_SCHEMA_VERSION })}\n`);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(JOURNAL_MAX_CHANGES + 2);
    // The next change goes to the new journal (not to the one it replaced, which `again` had kept open).
    await setRevision(again, JOURNAL_MAX_CHANGES + 3);
    expect((await readFile(journal, "utf8")).trimEnd().split("\n")).toHaveLength(2);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(JOURNAL_MAX_CHANGES + 3);
  });

  it("keeps a cached document's journal open for its appends, and closes it when the document leaves the cache, before the journal is replaced, and on close", async () => {
    const dir = await makeDir("lkjip-journal-");
    // A cache of 8 agencies: agencies opened for the first time share two places (document-cache.ts), first in, first out.
    const repo = new LowdbRepository({ dir, backupDays: 0, cacheSize: 8 });
    const journals = () => openFilesUnder(dir).filter((f) => f.path.endsWith(".jurnal"));
    const openJournals = () => journals().map((f) => basename(f.path)).sort();
    const revise = (id: string, revision: number) => repo.agencies.update(id, (d) => ({ next: d ? { ...d, revision } : agencyDocument(id), result: undefined }));
    await revise("a1", 1); // written in full: its journal is started, not opened for appending
    expect(openJournals()).toEqual([]);
    await revise("a1", 2);
    await revise("a1", 3);
    expect(openJournals()).toEqual(["a1.jurnal"]); // once, for both appends
    // Each append through it is on the disk when its write returns (durable.ts).
    const { O_APPEND, O_DSYNC } = constants;
    expect(journals().map((f) => f.flags & (O_APPEND | O_DSYNC))).toEqual([O_APPEND | O_DSYNC]);
    await revise("a2", 1);
    await revise("a2", 2);
    expect(openJournals()).toEqual(["a1.jurnal", "a2.jurnal"]);
    // a3 pushes a1 out of the cache.
    await revise("a3", 1);
    await revise("a3", 2);
    expect(openJournals()).toEqual(["a2.jurnal", "a3.jurnal"]);
    // The last of these compacts a2 (JOURNAL_MAX_CHANGES lines appended since revision 1): the journal kept open is
    // closed before it is replaced, and the new one is opened with the next append.
    for (let r = 3; r <= JOURNAL_MAX_CHANGES + 2; r++) await revise("a2", r);
    expect(openJournals()).toEqual(["a3.jurnal"]);
    await revise("a2", JOURNAL_MAX_CHANGES + 3);
    expect(openJournals()).toEqual(["a2.jurnal", "a3.jurnal"]);
    expect((await open(dir).agencies.read("a2"))!.revision).toBe(JOURNAL_MAX_CHANGES + 3);
    await repo.close();
    expect(openJournals()).toEqual([]);
    // After close, a change opens its journal again.
    await revise("a3", 3);
    expect((await open(dir).agencies.read("a3"))!.revision).toBe(3);
    await repo.close();
    expect(openJournals()).toEqual([]);
  });

  it("gives the open journals' places to the documents appended to most recently, and never closes one an update is at work on", async () => {
    const dir = await makeDir("lkjip-journal-");
    const schema = z.strictObject({ schemaVersion: z.literal(1), count: z.number() });
    // A cache large enough that no document leaves it (which would close its journal too).
    const collection = new LowdbCollection({ dir, name: "uji", schema, cacheSize: 40, openJournals: 2 });
    const write = (id: string, count: number) => collection.update(id, () => ({ next: { schemaVersion: 1 as const, count }, result: undefined }));
    const openJournals = () => openFilesUnder(dir).filter((f) => f.path.endsWith(".jurnal")).map((f) => basename(f.path)).sort();
    /** Written in full, then one change appended (which opens its journal). */
    const twice = async (id: string) => {
      await write(id, 1);
      await write(id, 2);
    };
    await twice("x1");
    await twice("x2");
    expect(openJournals()).toEqual(["x1.jurnal", "x2.jurnal"]);
    await twice("x3"); // x1 was appended to least recently
    expect(openJournals()).toEqual(["x2.jurnal", "x3.jurnal"]);
    await write("x2", 3); // now x3 is the least recent
    await twice("x4");
    expect(openJournals()).toEqual(["x2.jurnal", "x4.jurnal"]);

    /** An update of `id` to `count` that holds the document's lock until released. */
    const held = (id: string, count: number) => {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const done = collection.update(id, async (d) => {
        await gate;
        return { next: { ...d!, count }, result: undefined };
      });
      return { release, done };
    };
    // An update at work on x2, the least recent: its journal keeps its place, x4's goes to x5.
    const x2 = held("x2", 4);
    await twice("x5");
    expect(openJournals()).toEqual(["x2.jurnal", "x5.jurnal"]);
    // With both places held, x6 appends through a journal of its own for that append alone.
    const x5 = held("x5", 3);
    await twice("x6");
    expect(openJournals()).toEqual(["x2.jurnal", "x5.jurnal"]);
    x2.release();
    x5.release();
    await Promise.all([x2.done, x5.done]);
    await write("x1", 3);
    expect(openJournals()).toEqual(["x1.jurnal", "x5.jurnal"]);

    // Every change is in the files, read by another process.
    const again = new LowdbCollection({ dir, name: "uji", schema });
    const counts = await Promise.all(["x1", "x2", "x3", "x4", "x5", "x6"].map(async (id) => (await again.read(id))!.count));
    expect(counts).toEqual([3, 4, 2, 2, 3, 2]);
    await collection.closeJournals();
    expect(openJournals()).toEqual([]);
  });

  it("after a restart the next change is appended to the journal already on disk, not to a new one", async () => {
    const { dir, journal } = await seeded();
    // Written in full: the journal holds only its header.
    const before = await stat(journal);
    // Another process (a restart) reads the file with its journal and changes it.
    const again = open(dir);
    await setRevision(again, 2);
    const after = await stat(journal);
    expect(after.ino).toBe(before.ino);
    const lines = (await readFile(journal, "utf8")).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^[0-9a-f]{16} \[\[\["revision"\],2\]\]$/);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(2);
  });

  it("closing the store folds every journal into its file", async () => {
    const { dir, repo, file } = await seeded();
    await setRevision(repo, 7);
    await repo.users.update("501", () => ({ next: userDocument(501, "Sari", { agencies: ["a1"] }), result: undefined }));
    await repo.users.update("501", (u) => ({ next: { ...u!, name: "Sari W." }, result: undefined }));
    expect(await readdir(join(dir, "pengguna"))).toEqual(["501.json", "501.jurnal"]);
    await repo.close();
    expect(JSON.parse(await readFile(file, "utf8")).revision).toBe(7);
    expect(JSON.parse(await readFile(join(dir, "pengguna", "501.json"), "utf8")).name).toBe("Sari W.");
    // Only the journals' headers remain.
    expect((await readFile(join(dir, "instansi", "a1.jurnal"), "utf8")).split("\n")).toHaveLength(2);
    expect((await readFile(join(dir, "pengguna", "501.jurnal"), "utf8")).split("\n")).toHaveLength(2);
  });

  it("ignores a last line cut short by a crash, and rewrites the file with the next change", async () => {
    const { dir, repo, journal } = await seeded();
    await setRevision(repo, 2);
    await appendFile(journal, '[[["revision"],3');
    const restarted = open(dir);
    expect((await restarted.agencies.read("a1"))!.revision).toBe(2);
    await setRevision(restarted, 5);
    // Never appended after the broken line: the whole file was written instead, and the journal started again.
    expect((await readFile(journal, "utf8")).split("\n")).toHaveLength(2);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(5);
  });

  it("ignores a journal left over from before the file was rewritten (its base is another text)", async () => {
    const { dir, repo, file, journal } = await seeded();
    await setRevision(repo, 2);
    const stale = await readFile(journal, "utf8");
    await repo.close(); // the file now holds revision 2 and the journal is gone
    expect(JSON.parse(await readFile(file, "utf8")).revision).toBe(2);
    // As if a rewrite had stopped between writing the file and removing the journal.
    await writeFile(journal, `${stale}${JSON.stringify([[["revision"], 99]])}\n`);
    const restarted = open(dir);
    expect((await restarted.agencies.read("a1"))!.revision).toBe(2);
    // The next change starts a journal of its own in place of the stale one.
    await setRevision(restarted, 3);
    expect((await readFile(journal, "utf8")).split("\n")).toHaveLength(3);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(3);
  });

  it("a damaged journal makes the agency unavailable and nothing is written over it", async () => {
    const { dir, repo, file, journal } = await seeded();
    await setRevision(repo, 2);
    await setRevision(repo, 3);
    const lines = (await readFile(journal, "utf8")).split("\n");
    lines[1] = "{ rusak";
    const damaged = lines.join("\n");
    await writeFile(journal, damaged);
    const fileBefore = await readFile(file, "utf8");
    const restarted = open(dir);
    await expect(restarted.agencies.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
    await expect(setRevision(restarted, 4)).rejects.toThrow("baris jurnal 2 rusak");
    expect(await readFile(journal, "utf8")).toBe(damaged);
    expect(await readFile(file, "utf8")).toBe(fileBefore);

    // A line changed after it was written no longer matches its checksum.
    lines[1] = lines[2]!.replace("3", "9");
    await writeFile(journal, lines.join("\n"));
    await expect(open(dir).agencies.read("a1")).rejects.toThrow("baris jurnal 2 rusak");

    // Operations that do not fit the file are refused the same way.
    await writeFile(journal, `${lines[0]}\n${journalLine([[["x", "y"], 1]])}\n`);
    await expect(open(dir).agencies.read("a1")).rejects.toThrow("instansi/a1 tidak dapat dibaca: jalur x tidak ada");
  });

  it("restoring a backup sets the journal of the replaced file aside with it (and closes it)", async () => {
    const dir = await makeDir("lkjip-journal-");
    const repo = new LowdbRepository({ dir, now: () => new Date("2025-01-15T03:00:00.000Z") });
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    await setRevision(repo, 2);
    expect(await readdir(join(dir, "instansi"))).toEqual(["a1.json", "a1.jurnal"]);
    // The day's backup copy is written in the background (its folder open while it is synced): let it finish first.
    await repo.backups.idle();
    expect(openFilesUnder(dir).map((f) => basename(f.path))).toEqual(["a1.jurnal"]); // kept open for appends
    await repo.backups.restore("a1", "2025-01-15");
    expect(openFilesUnder(dir)).toEqual([]);
    expect(await readdir(join(dir, "instansi"))).toEqual(["a1.json"]);
    expect((await readdir(join(dir, "cadangan", "a1"))).sort()).toEqual(["2025-01-15.json", "sebelum-pemulihan-2025-01-15T03-00-00-000Z.json", "sebelum-pemulihan-2025-01-15T03-00-00-000Z.jurnal"]);
    expect((await repo.agencies.read("a1"))!.revision).toBe(1);
    expect((await open(dir).agencies.read("a1"))!.revision).toBe(1);
  });

  it("validates a document again only when its file or journal is not exactly what this program wrote", async () => {
    const dir = await makeDir("lkjip-journal-");
    let validations = 0;
    const schema = z.strictObject({ schemaVersion: z.literal(1), name: z.string(), count: z.number() }).refine(() => ++validations > 0);
    const collection = () => new LowdbCollection({ dir, name: "uji", schema });
    const write = (c: LowdbCollection<z.output<typeof schema>>, count: number) => c.update("x", () => ({ next: { schemaVersion: 1, name: "x", count }, result: undefined }));
    const first = collection();
    await write(first, 1);
    await write(first, 2);
    validations = 0;
    expect(await collection().read("x")).toEqual({ schemaVersion: 1, name: "x", count: 2 });
    expect(validations).toBe(0);
    // Edited by hand: the file no longer matches the journal's base, so the journal is ignored and the file checked.
    await writeFile(join(dir, "x.json"), JSON.stringify({ schemaVersion: 1, name: "x", count: "lima" }));
    await expect(collection().read("x")).rejects.toBeInstanceOf(DocumentUnavailable);
    await writeFile(join(dir, "x.json"), JSON.stringify({ schemaVersion: 1, name: "x", count: 5 }));
    expect(await collection().read("x")).toEqual({ schemaVersion: 1, name: "x", count: 5 });
    expect(validations).toBe(1);
  });
});
