/**
 * Where the heavy steps of a file run: chart rendering (resvg) and zlib
 * compression. Called on the main thread (the command line, the benchmark's
 * own measurement), they run on libuv's thread pool, in parallel and off that
 * thread. Called on the bot's export thread (worker-pool.ts), they run on
 * that thread itself: the pool is shared with the bot's main thread, whose
 * answers are written to disk through it, and a file's rendering and
 * compression there made those writes wait (docs/benchmark.md, item 43).
 */
import { isMainThread } from "node:worker_threads";

export const ON_LIBUV_POOL = isMainThread;
