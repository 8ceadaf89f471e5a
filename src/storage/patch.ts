/**
 * The difference between two versions of a JSON document as a list of
 * operations, and applying them. Stores write these instead of the whole
 * document when a change is small (see lowdb/journal.ts). Versions produced
 * by copy-on-write share their unchanged parts, so the comparison skips them
 * by identity and costs little more than the change itself.
 *
 * An operation is `[path]` (remove the property at path), `[path, value]`
 * (set it) or `[path, count, "drop"]` (remove the first `count` elements of
 * the array at path: audit entries moved to the archive); a path is a list
 * of object keys and array indexes. `undefined` properties count as absent,
 * as in JSON.
 */
export type Path = (string | number)[];
export type Op = [Path] | [Path, unknown] | [Path, number, "drop"];

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The operations that turn `before` into `after` (both JSON values). */
export function diff(before: unknown, after: unknown): Op[] {
  const ops: Op[] = [];
  walk(before, after, [], ops);
  return ops;
}

// A child's path is built only when the child differs: shared parts cost a comparison, nothing more.
function walk(a: unknown, b: unknown, path: Path, ops: Op[]): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (a[key] !== undefined && b[key] === undefined) ops.push([[...path, key]]);
    }
    for (const key of Object.keys(b)) {
      const value = b[key];
      if (value === undefined) continue;
      const old = a[key];
      if (old === value) continue;
      if (old === undefined) ops.push([[...path, key], value]);
      else walk(old, value, [...path, key], ops);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (b.length >= a.length) {
      // Same length or grown at the end (an appended audit entry): compare the common part, add the rest.
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) walk(a[i], b[i], [...path, i], ops);
      for (let i = a.length; i < b.length; i++) ops.push([[...path, i], b[i]]);
      return;
    }
    // Its first elements dropped, the rest the very same values, perhaps more added (audit entries moved out, one added).
    const dropped = droppedFront(a, b);
    if (dropped !== undefined) {
      ops.push([path, dropped, "drop"]);
      for (let i = a.length - dropped; i < b.length; i++) ops.push([[...path, i], b[i]]);
      return;
    }
  }
  if (typeof a === "number" && typeof b === "number" && Object.is(a, b)) return;
  ops.push([path, b]);
}

/** How many elements `b` dropped from the front of `a` when the rest of `a` starts `b` unchanged (the same values, by identity). */
function droppedFront(a: unknown[], b: unknown[]): number | undefined {
  const k = b.length === 0 ? -1 : a.indexOf(b[0]);
  if (k <= 0 || b.length < a.length - k) return undefined;
  for (let i = 1; i < a.length - k; i++) if (a[k + i] !== b[i]) return undefined;
  return k;
}

/**
 * Apply operations to `doc` in place (a plain, unfrozen JSON value) and return
 * the result (a new value when an operation replaces the root). Throws when an
 * operation's parent does not exist: the operations do not belong to `doc`.
 */
export function apply(doc: unknown, ops: readonly Op[]): unknown {
  let root = doc;
  for (const op of ops) {
    const [path] = op;
    if (!Array.isArray(path)) throw new Error("operasi tanpa jalur");
    if (op.length === 3) {
      dropFront(root, op);
      continue;
    }
    if (path.length === 0) {
      if (op.length < 2) throw new Error("akar dokumen tidak dapat dihapus");
      root = op[1];
      continue;
    }
    let node: unknown = root;
    for (let i = 0; i < path.length - 1; i++) {
      node = child(node, path[i]!);
      if (node === undefined) throw new Error(`jalur ${path.slice(0, i + 1).join("/")} tidak ada`);
    }
    const key = path[path.length - 1]!;
    if (Array.isArray(node) && typeof key === "number" && Number.isInteger(key) && key >= 0 && key <= node.length) {
      if (op.length < 2) throw new Error(`unsur ${path.join("/")} tidak dapat dihapus`);
      node[key] = op[1];
    } else if (isObject(node) && typeof key === "string") {
      if (op.length < 2) delete node[key];
      else node[key] = op[1];
    } else {
      throw new Error(`jalur ${path.join("/")} tidak cocok`);
    }
  }
  return root;
}

function child(node: unknown, key: string | number): unknown {
  if (Array.isArray(node) && typeof key === "number") return node[key];
  if (isObject(node) && typeof key === "string" && Object.hasOwn(node, key)) return node[key];
  return undefined;
}

/** `[path, count, "drop"]`: remove the first `count` elements of the array at path. */
function dropFront(root: unknown, [path, count, kind]: [Path, unknown, unknown]): void {
  let node: unknown = root;
  for (const key of path) node = child(node, key);
  if (kind !== "drop" || !Array.isArray(node) || typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > node.length) {
    throw new Error(`jalur ${path.join("/")} tidak cocok`);
  }
  node.splice(0, count);
}
