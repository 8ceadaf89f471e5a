/** Whole small files read through the shared buffer: the same text as readFileSync, and the hash the journal names. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { textHash } from "../../src/storage/lowdb/journal.js";
import { readFileText } from "../../src/storage/lowdb/read-file.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument } from "../support/documents.js";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("readFileText", () => {
  it("gives undefined for a missing file", async () => {
    const dir = await makeDir("lkjip-read-");
    expect(readFileText(join(dir, "tidak-ada.json"), true)).toBeUndefined();
  });

  it("reads UTF-8 text whole, and the hash of its bytes is the hash of the text as written", async () => {
    const dir = await makeDir("lkjip-read-");
    const path = join(dir, "a.json");
    const text = JSON.stringify({ name: "Dinas Sosial — Kota Dumai", note: "capaian ≥ 100 %, ½ target, é, 😀" });
    await writeFile(path, text, "utf8");
    const file = readFileText(path, true)!;
    expect(file.text).toBe(text);
    expect(file.sha256).toBe(textHash(text));
    expect(file.sha256).toBe(sha256(readFileSync(path)));
    expect(readFileText(path, false)).toEqual({ text, sha256: undefined });
  });

  it("reads a file larger than the shared buffer, and a short file after it without the longer one's rest", async () => {
    const dir = await makeDir("lkjip-read-");
    const long = join(dir, "long.json");
    const short = join(dir, "short.json");
    const longText = `"${"abcdéfgh".repeat(200_000)}"`; // about 1.8 MB
    await writeFile(long, longText, "utf8");
    await writeFile(short, '{"a":1}', "utf8");
    expect(readFileText(long, true)).toEqual({ text: longText, sha256: textHash(longText) });
    expect(readFileText(short, true)).toEqual({ text: '{"a":1}', sha256: textHash('{"a":1}') });
    // A file that fits the shared buffer, then a shorter one.
    const middle = join(dir, "middle.json");
    const middleText = "x".repeat(300_000);
    await writeFile(middle, middleText, "utf8");
    expect(readFileText(middle, false)!.text).toBe(middleText);
    expect(readFileText(short, false)!.text).toBe('{"a":1}');
  });

  it("decodes invalid bytes as readFileSync does, and hashes the bytes as they are", async () => {
    const dir = await makeDir("lkjip-read-");
    const path = join(dir, "rusak.json");
    const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]);
    await writeFile(path, bytes);
    const file = readFileText(path, true)!;
    expect(file.text).toBe(readFileSync(path, "utf8"));
    expect(file.text).toContain("\uFFFD");
    expect(file.sha256).toBe(sha256(bytes));
    expect(file.sha256).not.toBe(textHash(file.text));
  });

  it("keeps a journaled change to a document with non-ASCII text across a restart", async () => {
    const dir = await makeDir("lkjip-read-");
    const doc = agencyDocument("a1");
    doc.data.agency.name = "Dinas Sosial — Kabupaten Contoh (≥ 100 %)";
    let repo = new LowdbRepository({ dir, backupDays: 0 });
    await repo.agencies.update("a1", () => ({ next: doc, result: undefined }));
    await repo.agencies.update("a1", (d) => ({ next: { ...d!, revision: 7 }, result: undefined }));
    // The change is in the journal, not the file: were the journal's base not this file's hash, it would be ignored.
    expect(JSON.parse(readFileSync(join(dir, "instansi", "a1.json"), "utf8")).revision).not.toBe(7);
    repo = new LowdbRepository({ dir, backupDays: 0 });
    const read = await repo.agencies.read("a1");
    expect(read?.revision).toBe(7);
    expect(read?.data.agency.name).toBe("Dinas Sosial — Kabupaten Contoh (≥ 100 %)");
  });
});
