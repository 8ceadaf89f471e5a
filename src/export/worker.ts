/**
 * The worker thread that makes the files of /ekspor and /grafik (started by
 * worker-pool.ts): Word, Excel and chart images of an agency, one job at a
 * time, each answered with the file's bytes (moved, not copied) or the error.
 */
import { parentPort, threadId } from "node:worker_threads";
import type { AgencyFile } from "../domain/schema/agency.js";
import { deepFreeze } from "../storage/freeze.js";
import { chartPng, exportDocx, exportXlsx, type ExportedFile } from "./index.js";
import type { ExportJob, WorkerReply, WorkerRequest } from "./worker-pool.js";

async function make(file: AgencyFile, job: ExportJob): Promise<ExportedFile & { chart?: { title: string; width: number; height: number } }> {
  switch (job.kind) {
    case "docx":
      return exportDocx(file, job.part);
    case "xlsx":
      return exportXlsx(file);
    case "chart": {
      const png = await chartPng(file, job.chart, job.indicatorId);
      return { filename: png.filename, data: png.data, chart: { title: png.chart.title, width: png.chart.width, height: png.chart.height } };
    }
  }
}

const port = parentPort!;
port.on("message", (request: WorkerRequest) => {
  // Frozen as the bot's stored files are: the lookups that index a stored file work on frozen arrays only.
  make(deepFreeze(request.file), request.job).then(
    (made) => {
      // Moved to the main thread rather than copied; a view on a shared pool (a small Buffer) is copied first.
      const whole = made.data.byteOffset === 0 && made.data.byteLength === made.data.buffer.byteLength;
      const data = whole ? made.data : new Uint8Array(made.data);
      const reply: WorkerReply = { id: request.id, ok: true, threadId, ...made, data };
      port.postMessage(reply, [data.buffer as ArrayBuffer]);
    },
    (e: unknown) => {
      const reply: WorkerReply = { id: request.id, ok: false, message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
      port.postMessage(reply);
    },
  );
});
