/**
 * Run by test/app/young-garbage.test.ts in a process of its own with
 * `--expose-gc` and `--single-threaded` (for the same figure every time):
 * loads the benchmark's 40-indicator, 200-line agency again and again, as
 * the bot does for an agency not in its cache, asks the guided
 * entry for the next question (and, with a question skipped, for the whole
 * list), drops it and runs a young-generation collection. Prints how much
 * those collections moved to the old generation: an agency no longer used
 * should die young.
 */
import v8 from "node:v8";
import { benchDocument } from "../../bench/generate.js";
import { encodeKey } from "../../src/app/entry/keys.js";
import { missingQuestions, nextMissing } from "../../src/app/entry/missing.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";

const LOADS = Number(process.argv[2]);

const gc = (globalThis as unknown as { gc: (options?: { type: "minor" | "major" }) => void }).gc;
const text = JSON.stringify(benchDocument(1).data);
const oldSpaceUsed = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!.space_used_size;

/** One agency loaded and asked for its next question; returns only numbers. */
function loadAndAsk(): number {
  const file = deepFreeze(JSON.parse(text)) as AgencyFile;
  const { next, count } = nextMissing(file);
  return count + missingQuestions(file, new Set([encodeKey(next!)])).length;
}

/** A young-generation collection; returns how much it moved to the old generation. */
function minorCollection(): number {
  const before = oldSpaceUsed();
  gc({ type: "minor" });
  return oldSpaceUsed() - before;
}

for (let i = 0; i < 5; i++) loadAndAsk(); // the code compiled and the memo tables made
gc({ type: "major" });
gc({ type: "major" });
let promotedBytes = 0;
let questions = 0;
for (let i = 0; i < LOADS; i++) {
  questions += loadAndAsk();
  promotedBytes += minorCollection();
}
promotedBytes += minorCollection() + minorCollection();
console.log(JSON.stringify({ promotedBytes, questions }));
