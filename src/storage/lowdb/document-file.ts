/**
 * The lowdb adapter of one document file. Reading is synchronous (how:
 * read-file.ts): a document is a small file, almost always in the page cache,
 * and reading it costs a few dozen microseconds where the promise API's open,
 * stat, read and close each travel through libuv's four-thread pool
 * (measured with the benchmark: under load those round trips, not the disk,
 * made the slowest answers wait). Writing is asynchronous: the whole text to
 * a temporary file (`.<name>.tmp`, as lowdb's own writer names it), synced,
 * then renamed over the file and the folder synced (durable.ts), so a crash
 * of the process or of the machine leaves the old file or the new one, and a
 * write that resolved survives both. lowdb's own writer (steno) does not
 * sync, so a power failure could lose a write it had reported done.
 */
import { basename, dirname, join } from "node:path";
import type { Adapter } from "lowdb";
import { replaceDurably } from "./durable.js";
import { readFileText } from "./read-file.js";

export interface TextFormat<T> {
  /** `sha256`: the hash of the file's bytes (read-file.ts). */
  parse: (text: string, sha256: string) => T;
  stringify: (data: T) => string;
}

export class DocumentFile<T> implements Adapter<T> {
  private readonly tmp: string;

  constructor(
    private readonly path: string,
    private readonly format: TextFormat<T>,
  ) {
    this.tmp = join(dirname(path), `.${basename(path)}.tmp`);
  }

  read(): Promise<T | null> {
    let file;
    try {
      file = readFileText(this.path, true);
    } catch (e) {
      return Promise.reject(e);
    }
    if (file === undefined) return Promise.resolve(null);
    try {
      return Promise.resolve(this.format.parse(file.text, file.sha256!));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Callers write one at a time per file (the collection's lock), so one temporary name is enough. */
  async write(data: T): Promise<void> {
    await replaceDurably(this.path, this.format.stringify(data), this.tmp);
  }
}
