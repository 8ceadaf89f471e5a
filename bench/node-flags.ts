/**
 * The V8 flags the bot runs with (`npm start`: scripts/start.sh; the last,
 * the size of V8's thread pool, is Node's), given to the benchmark's child
 * processes so that they measure the bot as it runs (the reasons are in
 * scripts/start.sh). scripts/start.sh and package.json's
 * `bench` and `bench:webhook` scripts, which cannot import this, write the
 * same flags; test/node-flags.test.ts checks that they agree.
 */
export const BOT_V8_FLAGS = ["--max-semi-space-size=8", "--no-allocation-site-pretenuring", "--heap-growing-percent=100", "--v8-pool-size=1"] as const;
