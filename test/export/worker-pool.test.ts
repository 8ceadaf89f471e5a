/**
 * The export thread (src/export/worker-pool.ts): files made there are the
 * ones the export code makes, on another thread; a file too large for the
 * thread's heap, too slow, or one job too many fails with its reason and
 * leaves the bot's process (and the next job) unharmed; an idle thread ends.
 */
import { readdirSync, readFileSync } from "node:fs";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { benchAgency } from "../../bench/generate.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { renderDraft } from "../../src/domain/draft/index.js";
import { exportDocx, exportXlsx } from "../../src/export/index.js";
import { readSpreadsheet } from "../../src/import/spreadsheet.js";
import { ExportFailed, ExportWorker } from "../../src/export/worker-pool.js";
import { until } from "../support/until.js";
import { readDocx } from "../support/docx.js";
import { largeAgencyParts } from "../../bench/large-agency.js";
import { PK_HEADER, xlsx } from "../support/spreadsheets.js";

/** The benchmark's agency: 10 sasaran of 4 indicators, 200 budget lines. */
function benchFile(): AgencyFile {
  const parsed = parseAgency(benchAgency(3));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

/** An agency of 10 sasaran of `perObjective` indicators and `lines` budget lines. */
function largeFile(perObjective: number, lines: number): AgencyFile {
  const parsed = parseAgency({ ...benchAgency(3), ...largeAgencyParts(perObjective, lines) });
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

/** How many of this process's threads run at the lowest priority (nice 19), from Linux's /proc. */
function lowestPriorityThreads(): number {
  let n = 0;
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after "(comm) ": state is the 1st, nice the 17th.
    if (stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16] === "19") n++;
  }
  return n;
}

const workers: ExportWorker[] = [];
function pool(options: ConstructorParameters<typeof ExportWorker>[0] = {}): ExportWorker {
  const w = new ExportWorker(options);
  workers.push(w);
  return w;
}
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.close()));
});

async function failure(p: Promise<unknown>): Promise<ExportFailed> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof ExportFailed)) throw new Error(`expected ExportFailed, got ${String(e)}`);
  return e;
}

describe("the export thread", () => {
  it("makes the same Word and Excel files and drafts as the export and draft code, on a thread of its own", { timeout: 60_000 }, async () => {
    const file = benchFile();
    const w = pool();
    const docx = await w.make(file, { kind: "docx", part: "bab3" });
    expect(docx.threadId).not.toBe(threadId);
    const here = await exportDocx(file, "bab3");
    expect(docx.filename).toBe("dinas-sosial-kabupaten-uji-3-2024-bab-iii.docx");
    // The same text, tables, pages and chart images (media names and the creation time differ from one file to the next).
    const [there, local] = [await readDocx(docx.data), await readDocx(here.data)];
    expect(there.blocks).toEqual(local.blocks);
    expect(there.pages).toEqual(local.pages);
    expect(there.media.map((m) => m.data)).toEqual(local.media.map((m) => m.data));
    if (process.platform === "linux") expect(lowestPriorityThreads()).toBe(1); // the export thread gives way to the bot's (nice 19)
    const xlsx = await w.make(file, { kind: "xlsx" });
    expect(xlsx.filename).toBe((await exportXlsx(file)).filename);
    expect(xlsx.threadId).toBe(docx.threadId); // the same thread made both
    const draft = await w.draft(file, ["1", "6"]);
    expect(draft).toEqual(renderDraft(draftChapter(file), ["1", "6"], "html"));
    expect(draft[0]).toContain("3.1 Perbandingan Target dan Realisasi Kinerja Tahun 2024");
    const chart = await w.make(file, { kind: "chart", chart: "capaian" });
    expect([chart.filename, chart.chart?.title]).toEqual(["dinas-sosial-kabupaten-uji-3-2024-grafik-capaian.png", "Capaian Kinerja per Indikator Tahun 2024"]);
    expect([...chart.data.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it("reads a spreadsheet sent for /impor as the reader does, the bytes moved to the thread", { timeout: 60_000 }, async () => {
    const w = pool();
    const book = await xlsx([{ name: "PK", rows: [PK_HEADER, [1, "Sasaran A", "Indikator 1", "%", 97.5, 98.25, 1_500_000_000, 1_200_000_000]] }]);
    const expected = await readSpreadsheet(book, "pk.xlsx");
    const sent = new Uint8Array(book);
    const read = await w.read("pk.xlsx", sent);
    expect(read).toEqual(expected);
    expect(read.ok && read.sheets[0]!.rows[1]).toEqual([1, "Sasaran A", "Indikator 1", "%", 97.5, 98.25, 1_500_000_000, 1_200_000_000]);
    expect(sent.byteLength).toBe(0); // moved, not copied
    expect(await w.read("kosong.csv", new TextEncoder().encode("\n\n"))).toEqual({ ok: false, reason: "empty" });
    // The same bytes again, moved already: nothing to read, said at once (moving them again sent nothing, and the job
    // waited for its timeout, holding up every file after it); the next file is read.
    expect(await w.read("pk.xlsx", sent)).toEqual({ ok: false, reason: "not_spreadsheet" });
    expect(await w.read("pk.xlsx", new Uint8Array(book))).toEqual(expected);
  });

  it("a file too large for the thread's heap fails as such; the bot's process goes on and the next file is made", { timeout: 120_000 }, async () => {
    const w = pool({ heapMb: 48 });
    const failed = await failure(w.make(largeFile(100, 2000), { kind: "docx", part: "bab3" }));
    expect([failed.reason, failed.message]).toEqual(["memory", "memori pembuat berkas (48 MB) tidak cukup"]);
    expect(w.running).toBe(false);
    const next = await w.make(benchFile(), { kind: "docx", part: "ringkasan" });
    expect(next.filename).toBe("dinas-sosial-kabupaten-uji-3-2024-ringkasan.docx");
  });

  it("a file not made in time fails and ends the thread; an error in the export code fails that file only", { timeout: 60_000 }, async () => {
    const slow = pool({ timeoutMs: 50 }); // less than the thread takes to start
    const late = await failure(slow.make(benchFile(), { kind: "xlsx" }));
    expect([late.reason, late.message]).toEqual(["timeout", "berkas tidak selesai dalam 50 ms"]);
    expect(slow.running).toBe(false);

    const w = pool();
    const broken = await failure(w.make(benchFile(), { kind: "chart", chart: "tren", indicatorId: "tidak-ada" }));
    expect(broken.reason).toBe("error");
    expect(w.running).toBe(true);
    expect((await w.make(benchFile(), { kind: "chart", chart: "tren", indicatorId: "I1_1" })).filename).toBe("dinas-sosial-kabupaten-uji-3-2024-grafik-tren-I1_1.png");
  });

  it("makes the /templat workbook once: a refusal is tried again, the workbook made is kept and handed out as a copy", { timeout: 60_000 }, async () => {
    const w = pool({ maxQueued: 1 });
    const file = benchFile();
    const first = w.make(file, { kind: "chart", chart: "capaian" });
    const second = w.make(file, { kind: "chart", chart: "efisiensi" });
    const refused = await failure(w.template());
    expect(refused.reason).toBe("busy");
    await Promise.all([first, second]);
    const made = await w.template(); // tried again, not the refusal kept
    expect(made.filename).toBe("templat-impor-lkjip.xlsx");
    const read = await readSpreadsheet(made.data, made.filename);
    expect(read.ok && read.sheets.map((s) => s.name)).toEqual(["Perjanjian Kinerja", "Anggaran", "Petunjuk"]);
    await w.close();
    const kept = await w.template();
    expect(w.running).toBe(false);
    expect(kept.data).toEqual(made.data);
    await w.read(kept.filename, kept.data); // an officer's file is moved to the thread: the kept workbook is not
    expect(kept.data.byteLength).toBe(0);
    expect((await w.template()).data).toEqual(made.data);
  });

  it("takes one file at a time and at most maxQueued waiting; an idle thread ends, a prepared one too", { timeout: 60_000 }, async () => {
    const w = pool({ maxQueued: 1, idleMs: 300 });
    w.prepare();
    expect(w.running).toBe(true);
    await until(() => !w.running, "the prepared thread, unused, to end", 5_000);
    const file = benchFile();
    const first = w.make(file, { kind: "chart", chart: "capaian" });
    const second = w.make(file, { kind: "chart", chart: "efisiensi" });
    const third = await failure(w.make(file, { kind: "xlsx" }));
    expect([third.reason, third.message]).toEqual(["busy", "1 berkas sedang menunggu"]);
    expect((await first).filename).toBe("dinas-sosial-kabupaten-uji-3-2024-grafik-capaian.png");
    expect((await second).filename).toBe("dinas-sosial-kabupaten-uji-3-2024-grafik-efisiensi.png");
    expect(w.running).toBe(true);
    await until(() => !w.running, "the idle thread to end", 5_000);
  });
});
