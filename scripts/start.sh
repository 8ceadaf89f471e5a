#!/bin/sh
# `npm start`: the bot with the memory settings of a long-running server (README, Deployment).
# MALLOC_ARENA_MAX=2: glibc keeps fewer malloc arenas, so freed native memory goes back to the system.
# --max-old-space-size: V8 collects before its heap grows past this (MB); the bot uses about
# 50–80 MB with 64 cached agencies, so 384 leaves room for exports and imports.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
export NODE_OPTIONS="--max-old-space-size=${HEAP_LIMIT_MB:-384}${NODE_OPTIONS:+ $NODE_OPTIONS}"
exec tsx src/main.ts "$@"
