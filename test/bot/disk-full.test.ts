/**
 * lowdb's disk fills up while an officer answers: the write of the answer
 * stops part-way through its journal line (as a file system does when its
 * last free block is used up) and then fails with ENOSPC. The officer is
 * told that the server's storage is full and nothing was stored; the line
 * cut short is never appended after, and a restart does not read it; once
 * there is room again the same answer is stored, once. The same for a file
 * system remounted read-only (EROFS), as Linux does after disk errors.
 *
 * While `disk.failing` is set, `node:fs`'s `write` (the journals' appends,
 * src/storage/lowdb/durable.ts) fails with that error, after writing half of
 * what it was given once when `disk.partial` is set; a file written whole (a
 * document rewritten, its temporary file) fails too.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ADMIN, askedForTarget2023, harness, plain } from "../support/bot-harness.js";
import { STORAGE_FULL, STORAGE_READ_ONLY } from "../support/storage-messages.js";

const { disk, diskError } = vi.hoisted(() => ({
  /** `failing`: the error every write gets; `partial`: the next write takes half its bytes first (a disk filling up). */
  disk: { failing: undefined as undefined | "ENOSPC" | "EROFS", partial: false },
  diskError: (code: "ENOSPC" | "EROFS"): NodeJS.ErrnoException =>
    Object.assign(new Error(code === "ENOSPC" ? "ENOSPC: no space left on device, write" : "EROFS: read-only file system, write"), { code, syscall: "write" }),
}));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  type Callback = (e: NodeJS.ErrnoException | null, written: number, buffer: NodeJS.ArrayBufferView) => void;
  const write = (fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number, position: number | null, callback: Callback) => {
    if (disk.failing === undefined) return fs.write(fd, buffer, offset, length, position, callback);
    if (disk.partial) {
      disk.partial = false;
      return fs.write(fd, buffer, offset, Math.max(1, Math.floor(length / 2)), position, callback);
    }
    const error = diskError(disk.failing);
    process.nextTick(() => callback(error, 0, buffer));
  };
  return { ...fs, default: { ...fs, write }, write };
});

// A whole file written anew (a document rewritten, a backup) fails too: its temporary file is created, empty.
vi.mock("node:fs/promises", async (importOriginal) => {
  const fsp = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof fsp.open = async (...args) => {
    const handle = await fsp.open(...args);
    const failing = disk.failing;
    if (failing !== undefined) handle.writeFile = () => Promise.reject(diskError(failing));
    return handle;
  };
  return { ...fsp, default: { ...fsp, open }, open };
});


describe("a full disk (lowdb)", () => {
  it("tells the officer nothing was stored, never appends after the line cut short, and stores the answer once there is room", async () => {
    const h = await harness();
    const id = await askedForTarget2023(h, ADMIN);
    const journal = join(h.dir, "instansi", `${id}.jurnal`);
    const before = await readFile(journal, "utf8");

    disk.failing = "ENOSPC";
    disk.partial = true;
    expect(plain(await h.driver.send(ADMIN, "75"))).toBe(STORAGE_FULL);
    // Half a line reached the journal (no line end); the next answer does not go after it.
    const cut = await readFile(journal, "utf8");
    expect(cut.startsWith(before)).toBe(true);
    expect(cut.length).toBeGreaterThan(before.length);
    expect(cut.endsWith("\n")).toBe(false);
    expect(plain(await h.driver.send(ADMIN, "75"))).toBe(STORAGE_FULL);
    expect(await readFile(journal, "utf8")).toBe(cut);
    expect(h.errors).toHaveLength(2);
    expect(h.errors[0]).toMatch(/^ruang penyimpanan penuh: Error: ENOSPC/);

    // What a restart would read: nothing of the answer.
    const read = await h.restart().repo.agencies.read(id);
    expect(read!.data.objectives[0]!.indicators[0]!.years["2023"]).toBeUndefined();

    disk.failing = undefined;
    expect(plain(await h.driver.send(ADMIN, "75"))).toContain("✅ Tersimpan — Target 2023: 75%.");
    // Read as the files are now (a crash here, before the store's close writes every document whole).
    const after = h.restart();
    const doc = (await after.repo.agencies.read(id))!;
    expect(doc.data.objectives[0]!.indicators[0]!.years["2023"]).toEqual({ target: "75" });
    expect(doc.audit.filter((e) => e.field === "objectives/S1/indicators/I1/years/2023")).toHaveLength(1);
    expect(plain(await after.driver.send(ADMIN, "/isi"))).toContain("Berapa realisasi 2023 indikator ini?");
    await after.repo.close();
    await h.repo.close();
  });
});


describe("a file system remounted read-only (lowdb)", () => {
  it("tells the officer nothing was stored and what is stored can still be read; once writable, the answer is stored", async () => {
    const h = await harness();
    const id = await askedForTarget2023(h, ADMIN);

    disk.failing = "EROFS";
    expect(plain(await h.driver.send(ADMIN, "75"))).toBe(STORAGE_READ_ONLY);
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain("Persentase PSKS aktif");
    expect(h.errors).toEqual([expect.stringMatching(/^penyimpanan hanya dapat dibaca: Error: EROFS/)]);

    disk.failing = undefined;
    expect(plain(await h.driver.send(ADMIN, "75"))).toContain("✅ Tersimpan — Target 2023: 75%.");
    const read = await h.restart().repo.agencies.read(id);
    expect(read!.data.objectives[0]!.indicators[0]!.years["2023"]).toEqual({ target: "75" });
    await h.repo.close();
  });
});
