/**
 * The lowdb adapter of one document file. Reading is synchronous: a document
 * is a small file, almost always in the page cache, and one readFileSync
 * costs a few dozen microseconds where the promise API's open, stat, read and
 * close each travel through libuv's four-thread pool (measured with the
 * benchmark: under load those round trips, not the disk, made the slowest
 * answers wait). Writing stays lowdb's DataFile: the whole text to a
 * temporary file, then a rename, in the background, so a crash leaves the
 * old file or the new one.
 */
import { readFileSync } from "node:fs";
import type { Adapter } from "lowdb";
import { DataFile } from "lowdb/node";

export interface TextFormat<T> {
  parse: (text: string) => T;
  stringify: (data: T) => string;
}

export class DocumentFile<T> implements Adapter<T> {
  private readonly file: DataFile<T>;

  constructor(
    private readonly path: string,
    private readonly format: TextFormat<T>,
  ) {
    this.file = new DataFile<T>(path, format);
  }

  read(): Promise<T | null> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return Promise.resolve(null);
      return Promise.reject(e);
    }
    try {
      return Promise.resolve(this.format.parse(text));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  write(data: T): Promise<void> {
    return this.file.write(data);
  }
}
