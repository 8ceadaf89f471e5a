/**
 * Run by test/app/young-garbage.test.ts in a process of its own with
 * `--expose-gc`, the bot's V8 settings and `--single-threaded` (for the
 * same figure every time):
 * loads the benchmark's 40-indicator, 200-line agency again and again, as
 * the bot does for an agency not in its cache, asks the guided
 * entry for the next question (and, with a question skipped, for the whole
 * list), drops it and runs a young-generation collection (in mode "kept",
 * below: looks its indicators up, and drops it after one collection, before
 * the next). Prints how much those collections moved to the old generation:
 * an agency no longer used should die young.
 */
import v8 from "node:v8";
import { benchDocument } from "../../bench/generate.js";
import { encodeKey } from "../../src/app/entry/keys.js";
import { findIndicator, missingQuestions, nextMissing } from "../../src/app/entry/missing.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";

const LOADS = Number(process.argv[2]);
/**
 * "dropped" (default): asked for its questions and let go at once. "kept":
 * every indicator looked up by id (what each answer does first), then the
 * agency survives one young-generation collection while in use, as in the
 * bot's cache, and is let go before the next one. That collection keeps
 * alive whatever a WeakMap value reaches, even when its key has died: an
 * index of the indicators that held the indicators themselves moved them to
 * the old generation there (docs/benchmark.md, item 27).
 */
const MODE = process.argv[3] ?? "dropped";

/** `gc()` is a full collection; `gc({ type: "major" })` is not (Node 20's V8 runs it as a young one). */
const gc = (globalThis as unknown as { gc: (options?: { type: "minor" }) => void }).gc;
const text = JSON.stringify(benchDocument(1).data);
const oldSpaceUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!.space_used_size;

/** One agency loaded and asked for its next question; returns only numbers. */
function loadAndAsk(): number {
  const file = deepFreeze(JSON.parse(text)) as AgencyFile;
  const { next, count } = nextMissing(file);
  return count + missingQuestions(file, new Set([encodeKey(next!)])).length;
}

const ids = (JSON.parse(text) as AgencyFile).objectives.flatMap((o) => o.indicators.map((i) => i.id));
/** The bot's cache, for mode "kept". */
const cache: { file?: AgencyFile } = {};

/** One agency loaded into the cache and every indicator looked up; returns how many were found. */
function loadAndLookUp(): number {
  const file = deepFreeze(JSON.parse(text)) as AgencyFile;
  cache.file = file;
  return ids.filter((id) => findIndicator(file, id)?.id === id).length;
}

/** A young-generation collection; returns how much it moved to the old generation. */
function minorCollection(): number {
  const before = oldSpaceUsed();
  gc({ type: "minor" });
  return oldSpaceUsed() - before;
}

const work = MODE === "kept" ? loadAndLookUp : loadAndAsk;
for (let i = 0; i < 5; i++) work(); // the code compiled and the memo tables made
cache.file = undefined;
gc();
gc();
let promotedBytes = 0;
let questions = 0;
for (let i = 0; i < LOADS; i++) {
  questions += work();
  if (MODE === "kept") {
    minorCollection(); // in use: it survives this one, as it should
    cache.file = undefined;
  }
  promotedBytes += minorCollection();
}
promotedBytes += minorCollection() + minorCollection();
console.log(JSON.stringify({ promotedBytes, questions }));
