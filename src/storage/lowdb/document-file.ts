/**
 * The lowdb adapter of one document file. Reading is synchronous (how:
 * read-file.ts): a document is a small file, almost always in the page cache,
 * and reading it costs a few dozen microseconds where the promise API's open,
 * stat, read and close each travel through libuv's four-thread pool
 * (measured with the benchmark: under load those round trips, not the disk,
 * made the slowest answers wait). Writing stays lowdb's DataFile: the whole
 * text to a temporary file, then a rename, in the background, so a crash
 * leaves the old file or the new one.
 */
import type { Adapter } from "lowdb";
import { DataFile } from "lowdb/node";
import { textHash } from "./journal.js";
import { readFileText } from "./read-file.js";

export interface TextFormat<T> {
  /** `sha256`: the hash of the file's bytes (read-file.ts). */
  parse: (text: string, sha256: string) => T;
  stringify: (data: T) => string;
}

export class DocumentFile<T> implements Adapter<T> {
  private readonly file: DataFile<T>;

  constructor(
    private readonly path: string,
    private readonly format: TextFormat<T>,
  ) {
    // DataFile only writes here (`read` below reads); its parse is given the text's hash all the same.
    this.file = new DataFile<T>(path, { parse: (text) => format.parse(text, textHash(text)), stringify: format.stringify });
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

  write(data: T): Promise<void> {
    return this.file.write(data);
  }
}
