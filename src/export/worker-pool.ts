/**
 * Word, Excel and chart files, and the drafted BAB III, made on a worker
 * thread (worker.ts), not on the bot's own thread; spreadsheets sent for
 * /impor are read there too, and the /templat workbook is made there. A BAB III in Word takes
 * 300–500 ms of CPU for an agency of 40 indicators, seconds for one of
 * hundreds, and a draft of every section 30–70 ms; on the bot's thread every
 * officer's answer waited that long behind it. And the memory it needs grows
 * with the agency: past the heap limit V8 ends the whole process, every
 * officer's work with it. On its own thread, with a heap limit of its own, a
 * file too large to make ends only that thread, and the officer is told.
 *
 * One thread, started on the first job (it loads the export code: about a
 * second) or ahead of one (`prepare`), does one job at a time, the others
 * waiting their turn (at most `maxQueued`); a job not done within
 * `timeoutMs` ends the thread. The thread ends after `idleMs` without work,
 * giving its memory back, and never keeps the process alive while idle.
 */
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AgencyFile } from "../domain/schema/agency.js";
import type { SectionId } from "../domain/draft/document.js";
import { wholeNumberSetting } from "../settings.js";
import type { SpreadsheetRead } from "../import/spreadsheet.js";
import type { ChartKind, DocxPart, ExportedFile } from "./index.js";

export type FileJob = { kind: "docx"; part: DocxPart } | { kind: "xlsx" } | { kind: "chart"; chart: ChartKind; indicatorId?: string };
/** A file, the messages (Telegram HTML) of the drafted sections, a spreadsheet sent for /impor read, or the /templat workbook. */
export type ExportJob = FileJob | { kind: "draft"; sections: SectionId[] } | { kind: "read"; name: string; bytes: Uint8Array } | { kind: "template" };

/** A file made, with the chart's title and size for a chart. */
export interface MadeFile extends ExportedFile {
  chart?: { title: string; width: number; height: number };
  /** The worker thread that made it. */
  threadId: number;
}
export type JobResult = MadeFile | { messages: string[]; threadId: number } | { read: SpreadsheetRead; threadId: number };

export interface WorkerRequest {
  id: number;
  job: ExportJob;
  /** The agency the file or draft is made of (none for a spreadsheet read or the template). */
  file?: AgencyFile;
}
export type WorkerReply = { id: number; ok: true; result: JobResult } | { id: number; ok: false; message: string };

/** Why a file was not made: too large for the thread's heap, too slow, too many waiting, or the thread failed. */
export class ExportFailed extends Error {
  constructor(
    readonly reason: "memory" | "timeout" | "busy" | "error",
    message: string,
  ) {
    super(message);
    this.name = "ExportFailed";
  }
}

export interface ExportWorkerOptions {
  /** Heap of the thread's old generation, MB (EXPORT_HEAP_MB; default 256). */
  heapMb?: number;
  /** Longest a file may take, thread start included, ms (default 120 s). */
  timeoutMs?: number;
  /** How long the thread stays after its last job, ms (default 1 minute: loaded it adds 25–35 MB to the process, while it makes Word files up to about 125 MB). */
  idleMs?: number;
  /** Jobs that may wait for the thread besides the one it makes (default 32: about 13 s of Word files of the benchmark's agency). */
  maxQueued?: number;
}

/** A job waiting for the thread, or being done: its request, and how its caller is answered. */
interface Pending extends WorkerRequest {
  resolve: (result: JobResult) => void;
  reject: (e: unknown) => void;
}

// The thread runs the TypeScript of worker.ts through tsx's require hook (as CommonJS), registered before the
// module is loaded. tsx's ES module hooks, as the bot's thread has them, would run on a thread of their own:
// about 27 MB more for the process while the export thread is there.
const BOOT = `const { workerData } = require("node:worker_threads");
require(workerData.tsx).register();
require(workerData.entry);`;

/**
 * `bytes` on a buffer of their own, which can be moved to another thread. An empty one is made anew: bytes moved to
 * the thread already are left empty here, on a buffer that can be neither copied nor moved again (moving it sends
 * nothing, so the job would wait until its timeout and hold up every file after it).
 */
export function whole(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) return new Uint8Array(0);
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

export class ExportWorker {
  private worker: Worker | undefined;
  private readonly queue: Pending[] = [];
  private current: { pending: Pending; timer: NodeJS.Timeout } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private templateFile: Promise<ExportedFile> | undefined;
  private readonly heapMb: number;
  readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly maxQueued: number;

  constructor(options: ExportWorkerOptions = {}) {
    this.heapMb = options.heapMb ?? 256;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.idleMs = options.idleMs ?? 60_000;
    this.maxQueued = options.maxQueued ?? 32;
  }

  /** Whether the thread is there (started and not ended since). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  /** The file of `job` for `file`; ExportFailed when it cannot be made. */
  async make(file: AgencyFile, job: FileJob): Promise<MadeFile> {
    return (await this.run(file, job)) as MadeFile;
  }

  /** The messages (Telegram HTML) of `sections` of the agency's BAB III; ExportFailed when they cannot be drafted. */
  async draft(file: AgencyFile, sections: SectionId[]): Promise<string[]> {
    return ((await this.run(file, { kind: "draft", sections })) as { messages: string[] }).messages;
  }

  /**
   * A spreadsheet, CSV or Word file sent for /impor, read as import/spreadsheet.ts reads it; ExportFailed when it
   * cannot be (a workbook whose reading needs more memory than the thread has). `bytes` are moved to the thread.
   */
  async read(name: string, bytes: Uint8Array): Promise<SpreadsheetRead> {
    return ((await this.run(undefined, { kind: "read", name, bytes })) as { read: SpreadsheetRead }).read;
  }

  /**
   * The import template (/templat), made with exceljs here so that the bot's thread never loads it: loading it and
   * making the first workbook there took 390–710 ms, stopping the thread for 340–360 ms at a stretch, and kept
   * 33 MB; each later workbook 25–60 ms. The same bytes every time: made once per process.
   */
  template(): Promise<ExportedFile> {
    this.templateFile ??= this.run(undefined, { kind: "template" }).then(
      (made) => ({ filename: (made as MadeFile).filename, data: (made as MadeFile).data }),
      (e: unknown) => {
        this.templateFile = undefined; // not made (the thread was busy, say): the next /templat tries again
        throw e;
      },
    );
    // A copy each time: bytes sent on (an officer's file moved to this thread for /impor, say) may be moved away.
    return this.templateFile.then((made) => ({ filename: made.filename, data: new Uint8Array(made.data) }));
  }

  private run(file: AgencyFile | undefined, job: ExportJob): Promise<JobResult> {
    if (this.queue.length >= this.maxQueued) {
      return Promise.reject(new ExportFailed("busy", `${this.queue.length} berkas sedang menunggu`));
    }
    return new Promise<JobResult>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, ...(file ? { file } : {}), resolve, reject });
      this.pump();
    });
  }

  /**
   * Start the thread ahead of a file likely to be asked for (the officer is choosing one from a menu), so
   * that its start (loading the export code, about a second) is not waited for; it ends after idleMs unused.
   */
  prepare(): void {
    if (this.worker || this.current) return;
    this.start();
    this.idle();
  }

  /** End the thread; jobs not made yet fail. */
  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new ExportFailed("error", "pembuat berkas dihentikan"));
    if (this.current) this.finish(new ExportFailed("error", "pembuat berkas dihentikan"));
    await this.stop();
  }

  private start(): Worker {
    clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: { tsx: createRequire(import.meta.url).resolve("tsx/cjs/api"), entry: fileURLToPath(new URL("./worker.ts", import.meta.url)) },
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
      // Its own flags only: the bot's V8 flags are for the bot's heap.
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    worker.on("message", (reply: WorkerReply) => this.replied(worker, reply));
    worker.on("error", (e: Error & { code?: string }) => this.ended(worker, e));
    worker.on("exit", (code) => this.ended(worker, new Error(`pembuat berkas berhenti (kode ${code})`)));
    this.worker = worker;
    return worker;
  }

  private pump(): void {
    if (this.current) return;
    const pending = this.queue.shift();
    if (!pending) {
      this.idle();
      return;
    }
    const worker = this.start();
    worker.ref();
    const timer = setTimeout(() => {
      this.finish(new ExportFailed("timeout", `berkas tidak selesai dalam ${this.timeoutMs} ms`));
      void this.stop().then(() => this.pump());
    }, this.timeoutMs);
    this.current = { pending, timer };
    try {
      const request: WorkerRequest = { id: pending.id, job: pending.job, ...(pending.file ? { file: pending.file } : {}) };
      // A spreadsheet's bytes are moved, not copied (a view on a shared pool, a small Buffer, is copied first).
      if (request.job.kind === "read") request.job = { ...request.job, bytes: whole(request.job.bytes) };
      worker.postMessage(request, request.job.kind === "read" ? [request.job.bytes.buffer as ArrayBuffer] : []);
    } catch (e) {
      // The job cannot be sent (a value that cannot be copied): it fails at once, rather than at its timeout
      // holding up every file after it, and the next one goes on.
      this.finish(new ExportFailed("error", e instanceof Error ? e.message : String(e)));
      this.pump();
    }
  }

  private replied(worker: Worker, reply: WorkerReply): void {
    if (worker !== this.worker || !this.current || reply.id !== this.current.pending.id) return;
    if (reply.ok) this.finish(undefined, reply.result);
    else this.finish(new ExportFailed("error", reply.message));
    this.pump();
  }

  /** The thread ended (its heap ran out, it failed, or it was stopped): the job it was making fails. */
  private ended(worker: Worker, e: Error & { code?: string }): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (this.current) {
      const memory = e.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.finish(new ExportFailed(memory ? "memory" : "error", memory ? `memori pembuat berkas (${this.heapMb} MB) tidak cukup` : e.message));
    }
    this.pump();
  }

  private finish(error: ExportFailed | undefined, result?: JobResult): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    if (error) current.pending.reject(error);
    else current.pending.resolve(result!);
  }

  /** Nothing to make: the thread stops holding the process up, and ends after idleMs. */
  private idle(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.stop(), this.idleMs);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    await worker.terminate();
  }
}

/** EXPORT_HEAP_MB: the export thread's heap limit, 32–16384 MB (256 when unset); anything else stops the start with a message. */
export function exportHeapMb(value: string | undefined): number {
  return wholeNumberSetting({ name: "EXPORT_HEAP_MB", meaning: "batas memori pembuat berkas dan draf, dalam MB", min: 32, max: 16_384, fallback: 256 }, value);
}

let shared: ExportWorker | undefined;

/** The process's export thread, with EXPORT_HEAP_MB as its heap limit (checked at start-up by main.ts). */
export function exportWorker(): ExportWorker {
  shared ??= new ExportWorker({ heapMb: exportHeapMb(process.env.EXPORT_HEAP_MB) });
  return shared;
}
