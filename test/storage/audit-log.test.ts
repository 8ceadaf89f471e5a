/**
 * The lowdb audit archive as files: an append-only log per agency, a line cut
 * short by a crash, a damaged line, and archives written by earlier versions.
 */
import { appendFile, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AuditArchiveSchema, STORAGE_SCHEMA_VERSION, type AuditEntry } from "../../src/storage/documents.js";
import { LowdbCollection } from "../../src/storage/lowdb/collection.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { DocumentUnavailable } from "../../src/storage/repository.js";
import { makeDir } from "../support/bot-harness.js";

const entry = (seq: number): AuditEntry => ({ seq, at: "2025-01-15T03:00:00.000Z", userId: 501, userName: "Sari", field: "objectives/S1/indicators/I1/years/2024/actual", label: "Realisasi 2024 — Persentase PSKS aktif", old: String(seq), new: String(seq + 1) });
const seqs = async (repo: LowdbRepository, id: string) => (await repo.auditArchive.read(id))?.entries.map((e) => e.seq);

/** A fresh store whose agency a1 has entries 1 and 2 archived: the store, its folder, the archive file and its text. */
async function archiveOfTwo(): Promise<{ dir: string; repo: LowdbRepository; path: string; text: string }> {
  const dir = await makeDir("lkjip-riwayat-");
  const repo = new LowdbRepository({ dir, backupDays: 0 });
  await repo.auditArchive.append("a1", [entry(1), entry(2)]);
  const path = join(dir, "riwayat", "a1.log");
  return { dir, repo, path, text: await readFile(path, "utf8") };
}

describe("lowdb audit archive", () => {
  it("appends one line per entry; a move costs its entries, not the archive", async () => {
    const { dir, repo, path, text: first } = await archiveOfTwo();
    await repo.auditArchive.append("a1", [entry(3)]);
    const second = await readFile(path, "utf8");
    expect(second.startsWith(first)).toBe(true);
    expect(second.split("\n")).toHaveLength(4); // three lines and the final newline
    expect(second.split("\n")[2]).toMatch(/^[0-9a-f]{16} \{"seq":3,/);
    expect(await seqs(new LowdbRepository({ dir }), "a1")).toEqual([1, 2, 3]);
    await expect(repo.auditArchive.append("../a1", [entry(4)])).rejects.toThrow(/Invalid document id/);
  });

  it("ignores a last line a crash cut short and cuts it off before the next append; any other damaged line makes the archive unavailable", async () => {
    const { repo, path, text: whole } = await archiveOfTwo();
    const firstLine = whole.split("\n")[0]!;
    // An append stopped part way into its first line (the agency write that would have followed never happened).
    await appendFile(path, firstLine.slice(0, 40));
    expect(await seqs(repo, "a1")).toEqual([1, 2]);
    // The move is repeated after the restart: the torn piece is cut off, the entries land on lines of their own.
    await repo.auditArchive.append("a1", [entry(3), entry(4)]);
    expect(await seqs(repo, "a1")).toEqual([1, 2, 3, 4]);
    expect((await readFile(path, "utf8")).startsWith(whole)).toBe(true);
    // A damaged line that is not the last is not skipped silently.
    await writeFile(path, `${firstLine.replace('"seq":1,', '"seq":9,')}\n${whole}`); // its checksum no longer matches
    await expect(repo.auditArchive.read("a1")).rejects.toBeInstanceOf(DocumentUnavailable);
  });

  it("reads an archive an earlier version wrote as a document first, and appends after it", async () => {
    const dir = await makeDir("lkjip-riwayat-");
    const older = new LowdbCollection({ dir: join(dir, "riwayat"), name: "riwayat", schema: AuditArchiveSchema });
    await older.update("a1", () => ({ next: { schemaVersion: STORAGE_SCHEMA_VERSION, agencyId: "a1", entries: [entry(1), entry(2)] }, result: undefined }));
    await older.flush();
    const repo = new LowdbRepository({ dir, backupDays: 0 });
    expect(await seqs(repo, "a1")).toEqual([1, 2]);
    await repo.auditArchive.append("a1", [entry(2), entry(3)]);
    expect(await seqs(new LowdbRepository({ dir }), "a1")).toEqual([1, 2, 3]);
    expect((await readdir(join(dir, "riwayat"))).sort()).toEqual(["a1.json", "a1.jurnal", "a1.log"]);
  });
});
