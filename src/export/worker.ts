/**
 * The worker thread started by worker-pool.ts: the files of /ekspor and
 * /grafik (Word, Excel, chart images), the messages of /draf and the reading
 * of files sent for /impor, one job at a time, each answered with its result
 * (a file's bytes moved, not copied) or the error.
 */
import { readlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { parentPort, threadId } from "node:worker_threads";
import { draftChapter } from "../domain/draft/chapter.js";
import { renderDraft } from "../domain/draft/index.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { deepFreeze } from "../storage/freeze.js";
import { chartPng, exportDocx, xlsxWith } from "./index.js";
import type { SpreadsheetRead } from "../import/spreadsheet.js";
import { whole, type ExportJob, type MadeFile, type WorkerReply, type WorkerRequest } from "./worker-pool.js";

/**
 * A module loaded with its first use (exceljs is only needed for workbooks). The thread runs its TypeScript as
 * CommonJS, through tsx's require hook (worker-pool.ts), so such a module is required, not imported: `import()`
 * would ask Node's ES module loader, which has no TypeScript hooks in this thread (they would cost a thread of
 * their own, about 27 MB).
 */
const later = <T>(path: string): T => createRequire(import.meta.url)(path) as T;

async function run(file: AgencyFile | undefined, job: ExportJob): Promise<Omit<MadeFile, "threadId"> | { messages: string[] } | { read: SpreadsheetRead }> {
  if (job.kind === "read") {
    const { readSpreadsheet } = later<typeof import("../import/spreadsheet.js")>("../import/spreadsheet.js"); // exceljs and JSZip: loaded with the first import
    return { read: await readSpreadsheet(job.bytes, job.name) };
  }
  if (job.kind === "template") {
    const { importTemplate } = later<typeof import("../import/template.js")>("../import/template.js"); // exceljs, as for an import
    return { filename: "templat-impor-lkjip.xlsx", data: await importTemplate() };
  }
  if (!file) throw new Error(`${job.kind} tanpa data instansi`);
  switch (job.kind) {
    case "docx":
      return exportDocx(file, job.part);
    case "xlsx":
      return xlsxWith(later<typeof import("./xlsx.js")>("./xlsx.js").renderXlsx, file);
    case "chart": {
      const png = await chartPng(file, job.chart, job.indicatorId);
      return { filename: png.filename, data: png.data, chart: { title: png.chart.title, width: png.chart.width, height: png.chart.height } };
    }
    case "draft":
      return { messages: renderDraft(draftChapter(file), job.sections, "html") };
  }
}

/**
 * This thread at the lowest CPU priority (nice 19), so that on a machine of few cores the bot's own thread,
 * answering officers, comes first: at 500 answers a second with a Word file a second on two cores, the answers'
 * p99 was 64 and 94 ms with this thread at the bot's priority and 25–46 ms at the lowest (docs/benchmark.md, item 43).
 * Linux sets one thread's priority when given its id (/proc/thread-self); elsewhere the thread keeps the process's.
 */
function lowestPriority(): void {
  if (process.platform !== "linux") return;
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 19);
  } catch {
    // not allowed or not available: the thread keeps the process's priority
  }
}

lowestPriority();
const port = parentPort!;
port.on("message", (request: WorkerRequest) => {
  // Frozen as the bot's stored files are: the lookups that index a stored file work on frozen arrays only.
  run(request.file && deepFreeze(request.file), request.job).then(
    (result) => {
      if (!("data" in result)) {
        port.postMessage({ id: request.id, ok: true, result: { ...result, threadId } } satisfies WorkerReply);
        return;
      }
      // A file is moved to the main thread rather than copied.
      const data = whole(result.data);
      port.postMessage({ id: request.id, ok: true, result: { ...result, data, threadId } } satisfies WorkerReply, [data.buffer as ArrayBuffer]);
    },
    (e: unknown) => {
      port.postMessage({ id: request.id, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerReply);
    },
  );
});
