/**
 * Drafting and Word export timings, run by bench/run.ts in a process of its
 * own with the bot's memory settings, so the heap the storage measurements
 * leave behind (a full agency cache, an overload's garbage) does not weigh on
 * them: `node --import tsx bench/domain.ts` prints its result as JSON.
 */
import { performance } from "node:perf_hooks";
import { parseAgency } from "../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../src/domain/schema/agency.js";
import { computeAgency } from "../src/domain/calc/agency.js";
import { draftChapter } from "../src/domain/draft/chapter.js";
import { renderDraft } from "../src/domain/draft/index.js";
import { SECTION_IDS } from "../src/domain/draft/document.js";
import { exportDocx } from "../src/export/index.js";
import { ExportWorker } from "../src/export/worker-pool.js";
import { produce } from "immer";
import { budgetOverview } from "../src/bot/flows/budget-list.js";
import { applyPlan } from "../src/import/plan.js";
import { MAX_ROWS } from "../src/import/limits.js";
import { deepFreeze } from "../src/storage/freeze.js";
import { benchAgency } from "./generate.js";
import { largeAgencyParts } from "./large-agency.js";

export interface DomainResult {
  draftMedianMs: number;
  draftP90Ms: number;
  docxMedianMs: number;
  /** As the bot makes it, on its export thread: the first file (the thread starts with it), then the median of the next 10. */
  docxThreadFirstMs: number;
  docxThreadMedianMs: number;
  /** An agency of 1,000 indicators and 5,000 budget lines (the most lines the schema allows), on the bot's thread: /anggaran's overview, the agency computed afresh (as after an edit). */
  largestBudgetOverviewMs: number;
  /** … and the agency's computation alone (what /status does first after an edit). */
  largestComputeMs: number;
  /** An import of the most rows allowed (1,999 new sub kegiatan) applied to a draft of the benchmark's agency, as "Simpan" does on the bot's thread. */
  importSaveMs: number;
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

function file(n: number) {
  const parsed = parseAgency(benchAgency(n));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

/** 60 agencies, the first 10 as warm-up: compute, draft every section, render Markdown. */
function drafts(): number[] {
  const times: number[] = [];
  for (let n = 0; n < 60; n++) {
    const f = file(n);
    const t = performance.now();
    renderDraft(draftChapter(f, computeAgency(f)), SECTION_IDS, "md");
    times.push(performance.now() - t);
  }
  return sorted(times.slice(10));
}

/** 12 Word files with charts, the first 2 as warm-up. */
async function exports(): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < 12; n++) {
    const f = file(n);
    const t = performance.now();
    await exportDocx(f);
    times.push(performance.now() - t);
  }
  return sorted(times.slice(2));
}

/** The same files made by the bot's export thread (src/export/worker-pool.ts), copying the agency there and the file back. */
async function threadExports(): Promise<{ first: number; rest: number[] }> {
  const pool = new ExportWorker();
  const times: number[] = [];
  try {
    for (let n = 0; n < 11; n++) {
      const f = file(n);
      const t = performance.now();
      await pool.make(f, { kind: "docx", part: "bab3" });
      times.push(performance.now() - t);
    }
  } finally {
    await pool.close();
  }
  return { first: times[0]!, rest: sorted(times.slice(1)) };
}

/**
 * Commands the bot answers on its own thread, on an agency of 10 sasaran of 100 indicators (a fifth of the
 * indicators the schema allows) and 5,000 budget lines (the most it allows): every officer's answer waits behind them. Medians of 10 after 2 of warm-up,
 * each on a fresh copy of the agency, so nothing computed before is reused.
 */
function largest(): { overview: number; compute: number } {
  const input = { ...benchAgency(3), ...largeAgencyParts(100, 5000) };
  const copies = Array.from({ length: 24 }, () => {
    const parsed = parseAgency(input);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    return parsed.file;
  });
  const median = (work: (f: AgencyFile) => unknown, files: AgencyFile[]) => {
    const times = files.map((f) => {
      const t = performance.now();
      work(f);
      return performance.now() - t;
    });
    return sorted(times.slice(2))[5]!;
  };
  return { overview: median((f) => budgetOverview(f, true), copies.slice(0, 12)), compute: median((f) => computeAgency(f), copies.slice(12)) };
}

/** /impor's "Simpan" of the most rows allowed, each a new sub kegiatan, on an immer draft of a stored (frozen) agency: the median of 5 after 1. */
function importSave(): number {
  const stored = deepFreeze(file(7));
  const budget = Array.from({ length: MAX_ROWS - 1 }, (_, i) => ({ row: i + 2, program: `Program ${i % 3}`, activity: `Kegiatan ${i % 7}`, subActivity: `Sub kegiatan ${i}`, budget: String(1_000_000 + i) }));
  const times: number[] = [];
  for (let n = 0; n < 6; n++) {
    const t = performance.now();
    produce(stored, (draft) => void applyPlan(draft, { pk: [], budget }));
    times.push(performance.now() - t);
  }
  return sorted(times.slice(1))[2]!;
}

const d = drafts();
const w = await exports();
const thread = await threadExports();
const large = largest();
const imported = importSave();
const result: DomainResult = {
  draftMedianMs: d[Math.floor(d.length / 2)]!,
  draftP90Ms: d[Math.floor(0.9 * d.length)]!,
  docxMedianMs: w[Math.floor(w.length / 2)]!,
  docxThreadFirstMs: thread.first,
  docxThreadMedianMs: thread.rest[Math.floor(thread.rest.length / 2)]!,
  largestBudgetOverviewMs: large.overview,
  largestComputeMs: large.compute,
  importSaveMs: imported,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
