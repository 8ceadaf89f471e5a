/**
 * Writes that survive a power failure or a crash of the machine, not only a
 * crash of the process: every lowdb file write goes through here.
 *
 * A `write` or a `rename` is done once the kernel has it in its page cache; a
 * process killed after that loses nothing, but a machine that stops loses
 * whatever the kernel had not yet written out (on ext4, up to half a minute
 * of answers already acknowledged to their officers). So:
 *
 * - an append (a journal line, audit entries) is followed by `fdatasync`
 *   before it resolves, which also makes the file's new length durable;
 * - a file is replaced by writing a temporary file, `fdatasync`-ing it,
 *   renaming it over the old one and `fsync`-ing the folder, so the new name
 *   is on the disk and never points at a file whose bytes are not;
 * - a file or folder that is created has its folder synced too.
 *
 * What it costs: an `fdatasync` of an appended line took 0.14–0.29 ms at
 * the median, 0.05–0.10 ms of it CPU time, on the benchmark machine's
 * virtual disk; with two per answer, lowdb's answers cost about 0.4 ms more
 * CPU (docs/benchmark.md, item 34). The waits for the disk go through
 * libuv's thread pool, so that the process serves other officers meanwhile;
 * an append's write stays synchronous (journal.ts says why).
 */
import { closeSync, fdatasync, fstatSync, openSync, writeSync } from "node:fs";
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

/** `fdatasync` through the thread pool. */
function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (e) => (e ? reject(e) : resolve())));
}

/**
 * Append `text` to the file at `path` (created if missing) and resolve once
 * it is on the disk. The write itself is synchronous (a few kilobytes into
 * the page cache); only the wait for the disk goes through the thread pool,
 * so other answers are served meanwhile. On an error part of the text may be
 * in the file: the caller must not append after it as if the line were whole.
 */
export async function appendDurably(path: string, text: string): Promise<void> {
  const fd = openSync(path, "a");
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
 * Append `text` to a file already open for appending (`fd`, from `openSync(path, "a")` of a file that
 * exists and whose name is on the disk) and resolve once it is on the disk, as `appendDurably` does.
 * The caller keeps `fd` open until its last append has resolved.
 */
export function appendToOpenFile(fd: number, text: string): Promise<void> {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  return datasync(fd);
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
