/**
 * What a power failure would keep: a model of the disk, fed by wrapping
 * `node:fs` and `node:fs/promises` (vi.mock in the test file), for the files
 * under one folder.
 *
 * A file written to since its last `fsync`/`fdatasync` has data the disk may
 * not have; a folder in which a name was created, renamed or removed since
 * its last `fsync` may have lost that name. `unsynced` holds both, each with
 * the path whose change made it so. A write through a descriptor opened
 * with `O_DSYNC` or `O_SYNC` is on the disk when it returns: it leaves
 * nothing unsynced (but syncs nothing written before it either), and counts
 * in `synced`. A rename of a file whose data is not on
 * the disk yet is a violation by itself: after a power failure the new name
 * could point at an empty or partial file.
 *
 * No `node:fs` import here: this module is loaded by the mock factories, so
 * it takes the real modules from `process.getBuiltinModule`.
 */
import { dirname, resolve, sep } from "node:path";
import type * as Fs from "node:fs";
import type * as FsPromises from "node:fs/promises";

const realFs = process.getBuiltinModule("node:fs") as typeof Fs;

type AnyFn = (...args: unknown[]) => unknown;

export class DiskModel {
  /** Path whose data or names may not be on the disk → the path whose change made it so. */
  readonly unsynced = new Map<string, string>();
  readonly violations: string[] = [];
  /** Every sync of a tracked path, in order. */
  readonly synced: string[] = [];
  private readonly fds = new Map<number, string>();
  /** Descriptors whose every write is on the disk when it returns (opened with O_DSYNC or O_SYNC). */
  private readonly syncedFds = new Set<number>();
  private root: string | undefined;

  /** Track the files under `dir` from now on (and forget what was tracked before). */
  watch(dir: string): void {
    this.root = resolve(dir);
    this.unsynced.clear();
    this.violations.length = 0;
    this.synced.length = 0;
  }

  private tracked(path: unknown): string | undefined {
    if (this.root === undefined || (typeof path !== "string" && !(path instanceof URL))) return undefined;
    const p = resolve(path instanceof URL ? path.pathname : path);
    return p === this.root || p.startsWith(this.root + sep) ? p : undefined;
  }

  private dirty(path: string, cause = path): void {
    if (path === this.root || path.startsWith(this.root + sep)) this.unsynced.set(path, cause);
  }

  private wrote(path: unknown): void {
    const p = this.tracked(path);
    if (p) this.dirty(p);
  }

  /** A name created, renamed or removed: its folder. */
  private named(path: unknown): void {
    const p = this.tracked(path);
    if (p) this.dirty(dirname(p), p);
  }

  private sync(path: string | undefined): void {
    if (!path) return;
    this.unsynced.delete(path);
    this.synced.push(path);
  }

  private renamed(from: unknown, to: unknown): void {
    const a = this.tracked(from);
    if (a && this.unsynced.get(a) === a) this.violations.push(`renamed before its data was synced: ${a}`);
    if (a) this.unsynced.delete(a);
    this.named(from);
    this.named(to);
    const b = this.tracked(to);
    if (b) this.unsynced.delete(b); // its data is the synced data of `from`
  }

  private made(dir: unknown, first: unknown): void {
    const d = this.tracked(dir);
    if (!d || typeof first !== "string") return;
    const top = resolve(first);
    for (let p = d; ; p = dirname(p)) {
      this.dirty(dirname(p), p);
      if (p === top || dirname(p) === p) return;
    }
  }

  private static syncsEachWrite(flags: unknown): boolean {
    const { O_DSYNC, O_SYNC } = realFs.constants;
    if (typeof flags === "number") return (flags & O_DSYNC) === O_DSYNC || (flags & O_SYNC) === O_SYNC;
    return typeof flags === "string" && flags.includes("s");
  }

  /** A write through `fd` has returned: its file has unsynced data, unless the descriptor syncs each write. */
  private wroteFd(fd: number): void {
    const p = this.fds.get(fd);
    if (!p) return;
    if (this.syncedFds.has(fd)) this.synced.push(p);
    else this.dirty(p);
  }

  private static creates(flags: unknown): boolean {
    if (typeof flags === "number") return (flags & realFs.constants.O_CREAT) !== 0;
    return typeof flags === "string" && /[aw]/.test(flags);
  }

  /** Unsynced paths outside `except` (paths containing one of these folder names), as "path" or, for a folder, "path (the name changed in it)". */
  pending(except: string[] = []): string[] {
    const skip = (p: string) => except.some((name) => p.includes(`${sep}${name}${sep}`) || p.endsWith(`${sep}${name}`));
    return [...this.unsynced].filter(([p, cause]) => !skip(p) && !skip(cause)).map(([p, cause]) => (p === cause ? p : `${p} (${cause})`));
  }

  /** `node:fs` with its writing functions reported to the model. */
  wrapFs(fs: typeof Fs): typeof Fs {
    const model = this;
    const w = { ...fs } as Record<string, unknown>;
    const orig = fs as unknown as Record<string, AnyFn>;
    w.openSync = (path: unknown, flags?: unknown, mode?: unknown) => {
      const p = model.tracked(path);
      const isNew = p !== undefined && DiskModel.creates(flags ?? "r") && !realFs.existsSync(p);
      const fd = orig.openSync!(path, flags, mode) as number;
      if (p) model.fds.set(fd, p);
      if (p && DiskModel.syncsEachWrite(flags)) model.syncedFds.add(fd);
      if (isNew) model.named(p);
      return fd;
    };
    w.closeSync = (fd: number) => {
      model.fds.delete(fd);
      model.syncedFds.delete(fd);
      return orig.closeSync!(fd);
    };
    w.writeSync = (fd: number, ...rest: unknown[]) => {
      const r = orig.writeSync!(fd, ...rest);
      model.wroteFd(fd);
      return r;
    };
    w.ftruncateSync = (fd: number, ...rest: unknown[]) => {
      const r = orig.ftruncateSync!(fd, ...rest);
      const p = model.fds.get(fd);
      if (p) model.dirty(p);
      return r;
    };
    // The callback form (an append's one job on the thread pool): reported when it has returned.
    w.write = (fd: number, ...rest: unknown[]) => {
      const done = rest.pop() as (e: Error | null, ...results: unknown[]) => void;
      return orig.write!(fd, ...rest, (e: Error | null, ...results: unknown[]) => {
        if (!e) model.wroteFd(fd);
        done(e, ...results);
      });
    };
    const syncsFd = (name: string) => (fd: number) => {
      const r = orig[name]!(fd);
      model.sync(model.fds.get(fd));
      return r;
    };
    w.fsyncSync = syncsFd("fsyncSync");
    w.fdatasyncSync = syncsFd("fdatasyncSync");
    const syncsFdLater = (name: string) => (fd: number, done: (e: Error | null) => void) =>
      orig[name]!(fd, (e: Error | null) => {
        if (!e) model.sync(model.fds.get(fd));
        done(e);
      });
    w.fsync = syncsFdLater("fsync");
    w.fdatasync = syncsFdLater("fdatasync");
    const writesPath = (name: string) => (path: unknown, ...rest: unknown[]) => {
      const isNew = model.tracked(path) !== undefined && !realFs.existsSync(path as string);
      const r = orig[name]!(path, ...rest);
      model.wrote(path);
      if (isNew) model.named(path);
      return r;
    };
    w.writeFileSync = writesPath("writeFileSync");
    w.appendFileSync = writesPath("appendFileSync");
    w.mkdirSync = (path: unknown, options?: unknown) => {
      const first = orig.mkdirSync!(path, options);
      if ((options as { recursive?: boolean } | undefined)?.recursive) model.made(path, first);
      else model.named(path);
      return first;
    };
    w.renameSync = (from: unknown, to: unknown) => {
      orig.renameSync!(from, to);
      model.renamed(from, to);
    };
    for (const name of ["unlinkSync", "rmSync", "rmdirSync"]) {
      w[name] = (path: unknown, ...rest: unknown[]) => {
        const r = orig[name]!(path, ...rest);
        model.named(path);
        return r;
      };
    }
    return w as unknown as typeof Fs;
  }

  /** `node:fs/promises` with its writing functions reported to the model. */
  wrapPromises(fsp: typeof FsPromises): typeof FsPromises {
    const model = this;
    const w = { ...fsp } as Record<string, unknown>;
    const orig = fsp as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    w.open = async (path: unknown, flags?: unknown, mode?: unknown) => {
      const p = model.tracked(path);
      const isNew = p !== undefined && DiskModel.creates(flags ?? "r") && !realFs.existsSync(p);
      const handle = (await orig.open!(path, flags, mode)) as FsPromises.FileHandle;
      if (isNew) model.named(p);
      if (!p) return handle;
      return new Proxy(handle, {
        get(target, key) {
          const value = Reflect.get(target, key, target) as unknown;
          if (typeof value !== "function") return value;
          const fn = value as AnyFn;
          if (key === "sync" || key === "datasync") return async () => (await fn.call(target), model.sync(p));
          if (key === "write" || key === "writev" || key === "writeFile" || key === "appendFile" || key === "truncate")
            return async (...args: unknown[]) => {
              const r = await fn.apply(target, args);
              model.dirty(p);
              return r;
            };
          return fn.bind(target);
        },
      });
    };
    const writesPath = (name: string) => async (path: unknown, ...rest: unknown[]) => {
      const isNew = model.tracked(path) !== undefined && !realFs.existsSync(path as string);
      const r = await orig[name]!(path, ...rest);
      model.wrote(path);
      if (isNew) model.named(path);
      return r;
    };
    w.writeFile = writesPath("writeFile");
    w.appendFile = writesPath("appendFile");
    w.mkdir = async (path: unknown, options?: unknown) => {
      const first = await orig.mkdir!(path, options);
      if ((options as { recursive?: boolean } | undefined)?.recursive) model.made(path, first);
      else model.named(path);
      return first;
    };
    w.rename = async (from: unknown, to: unknown) => {
      await orig.rename!(from, to);
      model.renamed(from, to);
    };
    for (const name of ["unlink", "rm", "rmdir"]) {
      w[name] = async (path: unknown, ...rest: unknown[]) => {
        const r = await orig[name]!(path, ...rest);
        model.named(path);
        return r;
      };
    }
    return w as unknown as typeof FsPromises;
  }
}

/** The one model the mock factories of a test file share. */
export const disk = new DiskModel();
