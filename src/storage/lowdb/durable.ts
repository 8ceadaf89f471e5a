/**
 * Writes that survive a power failure or a crash of the machine, not only a
 * crash of the process: every lowdb file write goes through here.
 *
 * A `write` or a `rename` is done once the kernel has it in its page cache; a
 * process killed after that loses nothing, but a machine that stops loses
 * whatever the kernel had not yet written out (on ext4, up to half a minute
 * of answers already acknowledged to their officers). So:
 *
 * - an append (a journal line, audit entries) goes through a descriptor
 *   opened with `O_DSYNC` (`openForAppend`): the write returns once its bytes
 *   and the file's new length are on the disk, as a write followed by
 *   `fdatasync` does, in one system call;
 * - a file is replaced by writing a temporary file, `fdatasync`-ing it,
 *   renaming it over the old one and `fsync`-ing the folder, so the new name
 *   is on the disk and never points at a file whose bytes are not;
 * - a file or folder that is created has its folder synced too.
 *
 * What it costs: syncing an appended line took 0.14–0.29 ms at the median,
 * 0.05–0.10 ms of it CPU time, on the benchmark machines' virtual disks;
 * with two per answer, lowdb's answers cost about 0.4 ms more CPU
 * (docs/benchmark.md, item 34). An append is one job of libuv's thread pool,
 * so the process serves other officers while the disk works, and its own
 * thread neither writes nor waits (item 37; before, it wrote the line itself
 * and handed the pool only the `fdatasync`).
 */
import { closeSync, constants, fstatSync, openSync, write } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { dirname } from "node:path";

/** Sync a folder, so that names created, renamed or removed in it are on the disk. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Append, create if missing, and return from each write only once it is on the disk (data and length). */
const DURABLE_APPEND = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_DSYNC;

/**
 * The file at `path` (created if missing) opened for durable appends: each write through the
 * descriptor is on the disk when it returns. Whoever opens it closes it.
 */
export function openForAppend(path: string): number {
  return openSync(path, DURABLE_APPEND, 0o666);
}

/**
 * Append `text` to the file at `path` (created if missing) and resolve once
 * it is on the disk. On an error part of the text may be in the file: the
 * caller must not append after it as if the line were whole.
 */
export async function appendDurably(path: string, text: string): Promise<void> {
  const fd = openForAppend(path);
  let created = false;
  try {
    created = fstatSync(fd).size === 0;
    await appendToOpenFile(fd, text);
  } finally {
    closeSync(fd);
  }
  // An empty file may be one this call created: its name must reach the disk too.
  if (created) await syncFolder(dirname(path));
}

/**
 * Append `text` through `fd`, from `openForAppend` (of a file whose name is on the disk), and resolve
 * once it is on the disk, as `appendDurably` does: the write and its wait for the disk are one job of
 * the thread pool. The caller keeps `fd` open until its last append has resolved, and starts no other
 * append through it meanwhile.
 */
export function appendToOpenFile(fd: number, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  return new Promise((resolve, reject) => writeFrom(fd, bytes, 0, resolve, reject));
}

/** Write `bytes` from `at` on; a write that took only part of them (a full disk, a signal) is continued. */
function writeFrom(fd: number, bytes: Buffer, at: number, resolve: () => void, reject: (e: Error) => void): void {
  write(fd, bytes, at, bytes.length - at, null, (e, written) => {
    if (e) reject(e);
    else if (at + written < bytes.length) writeFrom(fd, bytes, at + written, resolve, reject);
    else resolve();
  });
}

/**
 * Replace the file at `path` with `text` (UTF-8, or bytes) atomically and
 * durably: a crash at any moment leaves the old file or the new one, and
 * once this resolves the new one survives a power failure. `tmp` is the
 * temporary file's path, in the same folder.
 */
export async function replaceDurably(path: string, text: string | Uint8Array, tmp = `${path}.tmp`): Promise<void> {
  const handle = await open(tmp, "w");
  try {
    await handle.writeFile(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncFolder(dirname(path));
}

/** The folders `mkdir(dir, { recursive: true })` created, given the first one it reports: their parents are synced. */
function createdParents(dir: string, first: string | undefined): string[] {
  const parents: string[] = [];
  if (first === undefined) return parents;
  for (let d = dir; ; d = dirname(d)) {
    parents.push(dirname(d));
    if (d === first || dirname(d) === d) return parents;
  }
}

/** `mkdir -p` whose new folders survive a power failure. */
export async function makeFolder(dir: string): Promise<void> {
  for (const parent of createdParents(dir, await mkdir(dir, { recursive: true }))) await syncFolder(parent);
}
