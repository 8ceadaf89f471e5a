#!/bin/sh
# `npm start`: the bot with the memory settings of a long-running server (README, Deployment).
# MALLOC_ARENA_MAX=2: glibc keeps fewer malloc arenas, so freed native memory goes back to the system.
# --max-old-space-size: V8 collects before its heap grows past this (MB); the bot uses about
# 50–80 MB with 64 cached agencies, so 384 leaves room for exports and imports.
# --max-semi-space-size=8: a young generation of 2 × 8 MB, half V8's default. Under overload, with thousands
# of agencies loaded one after the other, the highest RSS was 217–228 MB against 284–306 MB with 2 × 32 MB
# (the setting before), and at 500 answers/s on cached agencies the p99 was lower (2.9–5.0 against
# 3.8–10.7 ms). The price: an answer on an agency not loaded yet costs about 18 % more CPU (4.4 times as
# many young collections, each half as long, and 2.5 times as many full ones), and at
# 500 answers/s with 100 agencies a second loaded for the first time the p99 went over 20 ms in 3 of 6
# runs, twice past 100 ms (3 of 10 with 32 MB, at most 42 ms), and to 140 ms in a full benchmark run on a
# slow hour (docs/benchmark.md, item 31). A host with memory to spare and that load may give
# NODE_OPTIONS=--max-semi-space-size=32 (it comes after this one).
# --no-allocation-site-pretenuring: V8 stops allocating objects straight into the old generation
# because objects made at the same place in the code survived before. Most of what an answer makes
# lives for one answer, but is made where a freshly loaded agency's objects are made; pretenured, it
# filled the old generation, and its full collections are what the 500 answers/s tail waits for
# (docs/benchmark.md, item 21).
# --heap-growing-percent=100: after a full collection V8 lets the old generation grow to twice what
# survived before the next one, where it chose less for this heap limit: at 500 answers/s from officers
# on cached agencies, 0–1 full collections per 10 s instead of 3, and the p99 2.3–8 instead of 3.4–16 ms,
# for about 40 MB more RSS (item 22).
# --v8-pool-size=1: one thread for V8's background work (concurrent marking and sweeping, compiling)
# instead of Node's four, so that on a small machine the bot's own thread keeps its core while a full
# collection runs. On the benchmark's two cores, at 500 answers/s with 100 new agencies a second, the
# bot's thread stopped answering for 120–430 ms in four of seven 10 s windows with four, at most 157 ms
# with one; the p99 was 15–117 against 10–43 ms, lower in six of seven alternating pairs, with the same
# memory and closed-loop speed (two threads: no better than four; docs/benchmark.md, item 29). It is a
# Node option: an operator's own NODE_OPTIONS come after it and may set another on a larger machine.
# V8-only flags are not allowed in NODE_OPTIONS, so node gets them here. The benchmark's processes take
# the same flags from bench/node-flags.ts; test/node-flags.test.ts checks that they agree.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export NODE_OPTIONS="--max-old-space-size=${HEAP_LIMIT_MB:-384} --max-semi-space-size=8 --v8-pool-size=1${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec node --no-allocation-site-pretenuring --heap-growing-percent=100 --import tsx src/main.ts "$@"
