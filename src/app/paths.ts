/**
 * Addresses inside an agency's data, keyed by ids rather than positions, so
 * that an audit entry still points at the same field after items are
 * reordered: "objectives/S1/indicators/IKU1/years/2024/actual",
 * "budgetLines/P1/spent", "profile/scale", "objectives/S1/indicators"
 * (the order of a list).
 */
import { current, isDraft } from "immer";
import type { AgencyFile } from "../domain/schema/agency.js";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Lists of items that carry an id, by their key in the parent object. */
const KEYED = new Set(["objectives", "indicators", "budgetLines"]);

type Node = Record<string, unknown>;

function isObject(v: unknown): v is Node {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A copy of the value at a path (undefined when absent); `data` may be an edit's draft. "…/indicators" gives the list of ids (its order). */
export function getAt(data: AgencyFile, path: string): Json | undefined {
  const keys = path.split("/");
  let node: unknown = data;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isObject(node)) return undefined;
    const child = node[key];
    if (KEYED.has(key) && Array.isArray(child)) {
      const id = keys[i + 1];
      if (id === undefined) return child.map((x) => (x as { id: string }).id);
      node = child.find((x) => (x as { id: string }).id === id);
      i++;
      continue;
    }
    node = child;
  }
  if (node === undefined) return undefined;
  // Inside an edit `data` is immer's draft, whose objects are proxies that structuredClone cannot copy.
  return structuredClone(isDraft(node) ? current(node) : node) as Json;
}

/**
 * Set (or, with undefined, delete) the value at a path. Keyed lists accept a
 * whole item (added at the end when new) or, at the list path itself, a new
 * order of ids. Returns false when the parent does not exist.
 */
export function setAt(data: AgencyFile, path: string, value: Json | undefined): boolean {
  const keys = path.split("/");
  let node: unknown = data;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const last = i === keys.length - 1;
    if (!isObject(node)) return false;
    if (KEYED.has(key)) {
      const list = (node[key] ??= []) as { id: string }[];
      if (!Array.isArray(list)) return false;
      if (last) {
        // Reorder: value is the list of ids in the new order.
        if (!Array.isArray(value)) return false;
        const byId = new Map(list.map((x) => [x.id, x]));
        const ordered = (value as string[]).map((id) => byId.get(id)).filter((x): x is { id: string } => x !== undefined);
        const rest = list.filter((x) => !(value as string[]).includes(x.id));
        list.splice(0, list.length, ...ordered, ...rest);
        return true;
      }
      const id = keys[i + 1]!;
      const index = list.findIndex((x) => x.id === id);
      if (i + 1 === keys.length - 1) {
        if (value === undefined) {
          if (index >= 0) list.splice(index, 1);
        } else if (index >= 0) list[index] = value as { id: string };
        else list.push(value as { id: string });
        return true;
      }
      if (index < 0) return false;
      node = list[index];
      i++;
      continue;
    }
    if (last) {
      if (value === undefined) delete node[key];
      else node[key] = value;
      return true;
    }
    if (node[key] === undefined) node[key] = {};
    node = node[key];
  }
  return false;
}

export interface Difference {
  field: string;
  old: Json | undefined;
  new: Json | undefined;
}

/** Deep equality of JSON values. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => equal(x, bb[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Node)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Node)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => equal((a as Node)[k], (b as Node)[k]));
}

/** Leaf-level differences between two versions of the data, addressed by id paths. */
export function diffAgency(before: AgencyFile, after: AgencyFile): Difference[] {
  const out: Difference[] = [];
  walkValue(out, before, after, "");
  return out;
}

// The walks are functions of the module, not closures made for each diff: the TypeScript loader (tsx)
// names every named closure it creates with a property definition, a cost on every answer.
// An answer changes one leaf: the walks build a path and compare only where the two versions hold
// different objects, and copy only the objects they report (a string or number is its own copy).
function walkValue(out: Difference[], a: unknown, b: unknown, path: string): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) {
    // The keys of `a` in order, then those only `b` has.
    for (const key of Object.keys(a)) walkKey(out, a, b, key, path);
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) walkKey(out, a, b, key, path);
    return;
  }
  if (equal(a, b)) return;
  out.push({ field: path, old: copyOf(a), new: copyOf(b) });
}

function walkKey(out: Difference[], a: Node, b: Node, key: string, path: string): void {
  const x = a[key];
  const y = b[key];
  if (x === y) return;
  const p = path ? `${path}/${key}` : key;
  if (KEYED.has(key) && Array.isArray(x) && Array.isArray(y)) walkList(out, x as { id: string }[], y as { id: string }[], p);
  else walkValue(out, x, y, p);
}

/** A value as reported in a difference: objects copied, so the report does not share the data's objects. */
function copyOf(v: unknown): Json | undefined {
  return typeof v === "object" && v !== null ? (structuredClone(v) as Json) : (v as Json | undefined);
}

function walkList(out: Difference[], a: { id: string }[], b: { id: string }[], path: string): void {
  if (a === b) return;
  // The usual edit keeps every item in its place: compare them pairwise.
  if (samePlaces(a, b)) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) walkValue(out, a[i], b[i], `${path}/${a[i]!.id}`);
    return;
  }
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  for (const x of a) {
    const y = after.get(x.id);
    if (y) walkValue(out, x, y, `${path}/${x.id}`);
    else out.push({ field: `${path}/${x.id}`, old: copyOf(x), new: undefined });
  }
  for (const y of b) if (!before.has(y.id)) out.push({ field: `${path}/${y.id}`, old: undefined, new: copyOf(y) });
  const orderA = a.map((x) => x.id).filter((id) => after.has(id));
  const orderB = b.map((x) => x.id).filter((id) => before.has(id));
  if (!equal(orderA, orderB)) out.push({ field: path, old: a.map((x) => x.id), new: b.map((x) => x.id) });
}

/** Whether every item of `b` is in the place of the item of `a` with its id. */
function samePlaces(a: { id: string }[], b: { id: string }[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i]!.id !== b[i]!.id) return false;
  return true;
}
