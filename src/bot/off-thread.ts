/**
 * Work done on the export thread (export/worker-pool.ts) for an officer: a
 * file, a draft or an imported spreadsheet that cannot be made or read there
 * (too large for the thread's heap, too slow, too many waiting) is said in
 * Indonesian, with what to do.
 */
import { say } from "../messages/catalog.js";
import { UserError } from "../app/errors.js";
import { formatCount } from "../domain/numbers/format.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { ExportFailed, exportWorker, type ExportWorker } from "../export/worker-pool.js";

type Refusal = Exclude<ExportFailed["reason"], "error">;

/** `work` on the export thread; a failure that is not a fault becomes the officer's message `said(reason, seconds allowed)`. */
export async function onExportThread<T>(work: (thread: ExportWorker) => Promise<T>, said: (reason: Refusal, seconds: number) => string): Promise<T> {
  const thread = exportWorker();
  try {
    return await work(thread);
  } catch (e) {
    if (!(e instanceof ExportFailed) || e.reason === "error") throw e; // a fault: logged, the officer gets the general message
    throw new UserError([said(e.reason, Math.round(thread.timeoutMs / 1000))]);
  }
}

/** A file or draft of `file` on the export thread, with the messages of /ekspor or /draf (naming the agency's size). */
export function offThread<T>(file: AgencyFile, what: "ekspor" | "draf", work: (thread: ExportWorker) => Promise<T>): Promise<T> {
  return onExportThread(work, (reason, detik) => {
    if (reason === "busy") return say(`${what}.sibuk`);
    if (reason === "timeout") return say(`${what}.terlalu_lama`, { detik });
    const indikator = file.objectives.reduce((n, o) => n + o.indicators.length, 0);
    return say(`${what}.terlalu_besar`, { indikator: formatCount(indikator), baris: formatCount(file.budgetLines.length) });
  });
}
