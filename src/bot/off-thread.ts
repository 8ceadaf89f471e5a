/**
 * Work done on the export thread (export/worker-pool.ts) for an officer: a
 * file or a draft that cannot be made there (too large for the thread's
 * heap, too slow, too many waiting) is said in Indonesian, with what to do.
 */
import { say } from "../messages/catalog.js";
import { UserError } from "../app/errors.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { ExportFailed, exportWorker, type ExportWorker } from "../export/worker-pool.js";

/** `work` on the export thread; `what` names the messages: those of /ekspor (files) or /draf. */
export async function offThread<T>(file: AgencyFile, what: "ekspor" | "draf", work: (thread: ExportWorker) => Promise<T>): Promise<T> {
  const thread = exportWorker();
  try {
    return await work(thread);
  } catch (e) {
    if (!(e instanceof ExportFailed) || e.reason === "error") throw e; // a fault: logged, the officer gets the general message
    if (e.reason === "busy") throw new UserError([say(`${what}.sibuk`)]);
    if (e.reason === "timeout") throw new UserError([say(`${what}.terlalu_lama`, { detik: Math.round(thread.timeoutMs / 1000) })]);
    const indikator = file.objectives.reduce((n, o) => n + o.indicators.length, 0);
    throw new UserError([say(`${what}.terlalu_besar`, { indikator, baris: file.budgetLines.length })]);
  }
}
