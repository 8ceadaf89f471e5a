/**
 * Writes that survive a power failure (src/storage/lowdb/durable.ts): with
 * `node:fs` reported to a model of the disk (test/support/disk-model.ts),
 * nothing the bot has stored may still be unsynced when it replies, and no
 * file is renamed into place before its data is on the disk.
 */
import { mkdtemp, readFile, readdir } from "node:fs/promises";
import { appendFileSync, closeSync, openSync, write } from "node:fs";
import { promisify } from "node:util";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { tenAnswers } from "../support/answers.js";
import { disk } from "../support/disk-model.js";
import { appendDurably, makeFolder, openForAppend, replaceDurably } from "../../src/storage/lowdb/durable.js";
import { LowdbAuditLog } from "../../src/storage/lowdb/audit-log.js";
import { encodeKey } from "../../src/app/entry/keys.js";
import { currentValue } from "../../src/app/entry/present.js";
import { allAuditEntries } from "../../src/app/edits.js";
import { ADMIN, OFFICER, harness, joinByInvitation, plain, registerAgency } from "../support/bot-harness.js";

vi.mock("node:fs", async (importOriginal) => (await import("../support/disk-model.js")).disk.wrapFs(await importOriginal()));
vi.mock("node:fs/promises", async (importOriginal) => (await import("../support/disk-model.js")).disk.wrapPromises(await importOriginal()));

const temp = () => mkdtemp(join(tmpdir(), "lkjip-durable-"));

describe("durable writes", () => {
  it("appendDurably appends, creates the file, and leaves nothing unsynced", async () => {
    const dir = await temp();
    disk.watch(dir);
    const path = join(dir, "baru", "catatan.log");
    await makeFolder(join(dir, "baru"));
    await appendDurably(path, "satu\n");
    await appendDurably(path, "dua ✓\n");
    expect(await readFile(path, "utf8")).toBe("satu\ndua ✓\n");
    expect(disk.pending()).toEqual([]);
    expect(disk.violations).toEqual([]);
    // The new file's folder was synced once, when the first append created the file.
    expect(disk.synced.filter((p) => p === join(dir, "baru"))).toHaveLength(1);
    expect(disk.synced.filter((p) => p === path)).toHaveLength(2);
  });

  it("the model counts a write through a descriptor from openForAppend as on the disk, and one through a plain descriptor as not", async () => {
    const dir = await temp();
    const plainPath = join(dir, "biasa.log");
    const syncedPath = join(dir, "sinkron.log");
    appendFileSync(plainPath, "");
    appendFileSync(syncedPath, "");
    disk.watch(dir);
    for (const [path, fd] of [
      [plainPath, openSync(plainPath, "a")],
      [syncedPath, openForAppend(syncedPath)],
    ] as const) {
      await promisify(write)(fd, `${path}\n`);
      closeSync(fd);
    }
    expect(await readFile(syncedPath, "utf8")).toBe(`${syncedPath}\n`);
    expect(disk.pending()).toEqual([plainPath]);
    expect(disk.synced).toEqual([syncedPath]);
  });

  it("an audit move after a crash cuts the line the crash left short and syncs the cut before appending", async () => {
    const dir = await temp();
    const log = new LowdbAuditLog(dir);
    const entry = (seq: number) => ({ seq, at: "2025-01-15T03:00:00.000Z", userId: 501, userName: "Sari", field: "objectives/S1/indicators/I1/years/2024/actual", label: "Realisasi 2024", old: String(seq), new: String(seq + 1) });
    await log.append("a1", [entry(1)]);
    const path = join(dir, "a1.log");
    const whole = await readFile(path, "utf8");
    appendFileSync(path, whole.slice(0, 30)); // an append the crash cut short
    disk.watch(dir);
    await log.append("a1", [entry(2)]);
    expect(disk.pending()).toEqual([]);
    expect(disk.synced).toEqual([path, path]); // the cut, then the append
    expect((await log.read("a1"))?.entries.map((e) => e.seq)).toEqual([1, 2]);
  });

  it("replaceDurably syncs the new text before renaming it over the old file, then the folder", async () => {
    const dir = await temp();
    disk.watch(dir);
    const path = join(dir, "a", "b", "dokumen.json");
    await makeFolder(join(dir, "a", "b"));
    expect(disk.pending()).toEqual([]);
    await replaceDurably(path, '{"versi":1}');
    await replaceDurably(path, '{"versi":2}');
    expect(await readFile(path, "utf8")).toBe('{"versi":2}');
    expect(await readdir(join(dir, "a", "b"))).toEqual(["dokumen.json"]);
    expect(disk.pending()).toEqual([]);
    expect(disk.violations).toEqual([]);
    // The new folders' names (b in a, a in dir), then each write: data, then the renamed name.
    expect(disk.synced).toEqual([join(dir, "a"), dir, `${path}.tmp`, join(dir, "a", "b"), `${path}.tmp`, join(dir, "a", "b")]);
  });

  it("the model catches a write left unsynced and a rename before the sync", async () => {
    const dir = await temp();
    disk.watch(dir);
    const path = join(dir, "x.json");
    appendFileSync(path, "tanpa sync\n");
    expect(disk.pending()).toEqual([path, `${dir} (${path})`]);
    const { writeFile, rename } = await import("node:fs/promises");
    await writeFile(`${path}.tmp`, "baru");
    await rename(`${path}.tmp`, path);
    expect(disk.violations).toEqual([`renamed before its data was synced: ${path}.tmp`]);
  });

  it("every answer, invitation, compaction and audit move is on the disk before the bot replies; so are the backups and a restore once done", async () => {
    const h = await harness(await temp());
    disk.watch(h.dir);
    const atReply: string[] = [];
    let replies = 0;
    h.driver.bot.api.config.use((prev, method, payload, signal) => {
      if (method.startsWith("send") || method.startsWith("edit") || method === "answerCallbackQuery") {
        replies++;
        // The day's backup is written in the background after the answer (backups.ts): not part of what is acknowledged.
        const pending = disk.pending(["cadangan"]);
        if (pending.length > 0) atReply.push(`${method}: ${pending.join(", ")}`);
      }
      return prev(method, payload, signal);
    });

    const id = await registerAgency(h, ADMIN);
    const rows = Array.from({ length: 15 }, (_, i) => `Sasaran A | Indikator ${i + 1} | % | ${70 + i}`).join("\n");
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, rows);
    await h.driver.press(ADMIN, "✅ Simpan");
    expect(plain(await joinByInvitation(h, ADMIN, OFFICER))).toContain("Dinas Sosial Kabupaten Contoh");

    // 150 answers: the agency's journal is compacted (every 100 changes) and its oldest audit entries move to the archive.
    const setup = (await h.repo.agencies.read(id))!;
    const ids = setup.data.objectives.flatMap((o) => o.indicators.map((i) => i.id));
    const answers = ids.flatMap((indicatorId, k) => tenAnswers(indicatorId, k + 10));
    expect(answers).toHaveLength(150);
    for (const [i, [key, typed]] of answers.entries()) {
      const user = i % 2 === 0 ? ADMIN : OFFICER;
      await h.driver.pressData(user, `e:${encodeKey(key)}`);
      expect(plain(await h.driver.send(user, typed))).toMatch(/^✅ Tersimpan/);
    }

    expect(atReply).toEqual([]);
    expect(disk.violations).toEqual([]);
    expect(replies).toBeGreaterThan(300);
    const agencyFile = join(h.dir, "instansi", `${id}.json`);
    const synced = (path: string) => disk.synced.filter((p) => p === path).length;
    // Each answer's journal line was synced (the line that follows a compaction starts a new journal, synced as a temporary file);
    // the agency file was written when it was created and when its journal reached 100 changes.
    expect(synced(join(h.dir, "instansi", `${id}.jurnal`))).toBeGreaterThanOrEqual(140);
    expect(synced(join(h.dir, "instansi", `.${id}.json.tmp`))).toBeGreaterThanOrEqual(2);
    expect(synced(join(h.dir, "riwayat", `${id}.log`))).toBeGreaterThanOrEqual(1);
    expect(synced(join(h.dir, "undangan", ".index.json.tmp"))).toBeGreaterThanOrEqual(1);
    expect(synced(join(h.dir, "pengguna", `.${OFFICER.id}.json.tmp`))).toBeGreaterThanOrEqual(1);
    expect(synced(join(h.dir, "instansi"))).toBeGreaterThanOrEqual(3);

    // What was acknowledged is what a restarted bot reads: the journal's lines and the archived audit entries.
    const restarted = h.restart();
    const stored = (await restarted.repo.agencies.read(id))!;
    for (const [key, , shown] of answers) expect(currentValue(stored.data, key), encodeKey(key)).toBe(shown);
    expect((await allAuditEntries(restarted.services, stored)).filter((e) => e.seq > setup.auditSeq)).toHaveLength(150);
    expect(h.errors).toEqual([]);

    // Once the background copies are written, they too are on the disk; so is a restore.
    await h.repo.backups.idle();
    expect(disk.pending()).toEqual([]);
    const [backup] = await h.repo.backups.list(id);
    const copy = (await h.repo.backups.read(id, backup!.id))!;
    await h.repo.backups.restore(id, backup!.id);
    expect(disk.pending()).toEqual([]);
    expect(disk.violations).toEqual([]);
    expect(JSON.parse(await readFile(agencyFile, "utf8")).revision).toBe(copy.revision);
  }, 60_000);
});
