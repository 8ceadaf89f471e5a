/**
 * lowdb's disk fills up while an officer answers: the write of the answer
 * stops part-way through its journal line (as a file system does when its
 * last free block is used up) and then fails with ENOSPC. The officer is
 * told that the server's storage is full and nothing was stored; the line
 * cut short is never appended after, and a restart does not read it; once
 * there is room again the same answer is stored, once.
 *
 * While `disk.full` is set, `node:fs`'s `write` (the journals' appends,
 * src/storage/lowdb/durable.ts) writes half of what its first call was given
 * and reports that, and fails every later call; a file written whole (a
 * document rewritten, its temporary file) fails too.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ADMIN, harness, pasteTable, plain } from "../support/bot-harness.js";
import { registerAgency } from "../support/bot-harness.js";

const disk = vi.hoisted(() => ({ full: false, lastBytes: 0 }));

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  type Callback = (e: NodeJS.ErrnoException | null, written: number, buffer: NodeJS.ArrayBufferView) => void;
  const write = (fd: number, buffer: NodeJS.ArrayBufferView, offset: number, length: number, position: number | null, callback: Callback) => {
    if (!disk.full) return fs.write(fd, buffer, offset, length, position, callback);
    if (disk.lastBytes > 0) {
      const half = Math.max(1, Math.floor(length / 2));
      disk.lastBytes = 0;
      return fs.write(fd, buffer, offset, half, position, callback);
    }
    const error = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" });
    process.nextTick(() => callback(error, 0, buffer));
  };
  return { ...fs, default: { ...fs, write }, write };
});

// A whole file written anew (a document rewritten, a backup) fails too: its temporary file is created, empty.
vi.mock("node:fs/promises", async (importOriginal) => {
  const fsp = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof fsp.open = async (...args) => {
    const handle = await fsp.open(...args);
    if (disk.full) {
      handle.writeFile = () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC", errno: -28, syscall: "write" }));
    }
    return handle;
  };
  return { ...fsp, default: { ...fsp, open }, open };
});

const FULL =
  "⚠️ Ruang penyimpanan di server bot sudah penuh, jadi pesan Anda belum tersimpan. Data yang sudah tersimpan sebelumnya tetap aman. Beri tahu pengelola bot; setelah ruangnya ditambah, kirim lagi pesan yang sama.";

describe("a full disk (lowdb)", () => {
  it("tells the officer nothing was stored, never appends after the line cut short, and stores the answer once there is room", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Meningkatnya kesejahteraan sosial | Persentase PSKS aktif | % | 80");
    await h.driver.send(ADMIN, "/isi");
    expect(plain(await h.driver.send(ADMIN, "86,11"))).toContain("Berapa target 2023 indikator ini?");
    const journal = join(h.dir, "instansi", `${id}.jurnal`);
    const before = await readFile(journal, "utf8");

    disk.full = true;
    disk.lastBytes = 1;
    expect(plain(await h.driver.send(ADMIN, "75"))).toBe(FULL);
    // Half a line reached the journal (no line end); the next answer does not go after it.
    const cut = await readFile(journal, "utf8");
    expect(cut.startsWith(before)).toBe(true);
    expect(cut.length).toBeGreaterThan(before.length);
    expect(cut.endsWith("\n")).toBe(false);
    expect(plain(await h.driver.send(ADMIN, "75"))).toBe(FULL);
    expect(await readFile(journal, "utf8")).toBe(cut);
    expect(h.errors).toHaveLength(2);
    expect(h.errors[0]).toMatch(/^ruang penyimpanan penuh: Error: ENOSPC/);

    // What a restart would read: nothing of the answer.
    const read = await h.restart().repo.agencies.read(id);
    expect(read!.data.objectives[0]!.indicators[0]!.years["2023"]).toBeUndefined();

    disk.full = false;
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
