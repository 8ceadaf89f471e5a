import { describe, expect, it } from "vitest";
import { DocumentCache, STEADY_AFTER_MS } from "../../src/storage/document-cache.js";

/** A cache of `capacity` with the ids in `pinned` held, recording what it pushes out, on a clock the test moves (`clock.ms`). */
function cacheOf(capacity: number, pinned = new Set<string>()) {
  const out: string[] = [];
  const clock = { ms: 0 };
  const cache = new DocumentCache<string>({ capacity, pinned: (id) => pinned.has(id), evicted: (id, entry) => out.push(`${id}=${entry}`), now: () => clock.ms });
  const ids = () => [...cache.entries()].map(([id]) => id);
  return { cache, out, ids, pinned, clock };
}

describe("document cache (2Q)", () => {
  it("lets a first load go first in, first out after a quarter of the capacity, however often it was used", () => {
    const { cache, out, ids } = cacheOf(8); // probation: 2
    cache.add("a", "A");
    cache.add("b", "B");
    for (let i = 0; i < 5; i++) expect(cache.get("a")).toBe("A");
    cache.add("c", "C");
    expect(out).toEqual(["a=A"]);
    expect(ids()).toEqual(["b", "c"]);
    expect(cache.get("a")).toBeUndefined();
  });

  it("moves a first load used again a while after it was loaded (an officer at work on it) into the main part", () => {
    const { cache, out, ids, clock } = cacheOf(8); // probation 2
    cache.add("a", "A");
    clock.ms = STEADY_AFTER_MS - 1;
    expect(cache.get("a")).toBe("A"); // still the same burst
    expect(ids()).toEqual(["a"]);
    cache.add("b", "B");
    clock.ms = STEADY_AFTER_MS;
    expect(cache.get("a")).toBe("A");
    expect(cache.peek("b")).toBe("B");
    for (let i = 0; i < 10; i++) cache.add(`x${i}`, "X");
    expect(ids()).toEqual(["x8", "x9", "a"]);
    expect(out).not.toContain("a=A");
    expect(out[0]).toBe("b=B"); // b was never used again: it left with the other first loads
  });

  it("takes a document loaded again soon after it left probation into the main part, which one-off loads leave alone", () => {
    const { cache, out, ids } = cacheOf(8); // probation 2, main 6
    for (const id of ["w1", "w2", "w3"]) cache.add(id, id.toUpperCase());
    expect(out).toEqual(["w1=W1"]);
    cache.add("w1", "W1 again");
    expect(ids()).toEqual(["w2", "w3", "w1"]);
    out.length = 0;
    for (let i = 0; i < 20; i++) cache.add(`x${i}`, "X");
    expect(cache.get("w1")).toBe("W1 again");
    expect(ids()).toEqual(["x18", "x19", "w1"]);
    expect(out).toHaveLength(20); // w2, w3 and x0–x17, none from the main part
    expect(out).not.toContain("w1=W1 again");
  });

  it("pushes out the least recently used of the main part when the whole cache is full", () => {
    const { cache, out, ids } = cacheOf(4); // probation 1, main 3
    for (const id of ["a", "b", "c", "d"]) cache.add(id, id); // each first load pushes the one before out of probation
    for (const id of ["a", "b", "c"]) cache.add(id, `${id}2`); // loaded again soon after: the main part
    expect(ids()).toEqual(["d", "a", "b", "c"]);
    expect(cache.get("a")).toBe("a2"); // a used last: b is now the least recently used
    cache.add("e", "e"); // pushes d out of probation
    out.length = 0;
    cache.add("d", "d2"); // loaded again: the main part, now one over the capacity
    expect(out).toEqual(["b=b2"]);
    expect(ids()).toEqual(["e", "c", "a", "d"]);
  });

  it("never pushes out a pinned entry, and catches up once it is let go", () => {
    // As in a collection: an entry is pinned while it is loaded, and while an update is at work on it.
    const { cache, out, ids, pinned } = cacheOf(4); // probation 1
    pinned.add("a");
    cache.add("a", "A");
    pinned.add("b");
    cache.add("b", "B");
    expect(ids()).toEqual(["a", "b"]); // probation over its share, but both pinned
    pinned.delete("b");
    pinned.add("c");
    cache.add("c", "C");
    expect(ids()).toEqual(["a", "c"]);
    expect(out).toEqual(["b=B"]);
    pinned.clear();
    cache.add("d", "D");
    expect(ids()).toEqual(["d"]);
    expect(out).toEqual(["b=B", "a=A", "c=C"]);
  });

  it("replaces an entry in its place, without counting a load", () => {
    const { cache, ids } = cacheOf(8);
    cache.add("a", "A");
    cache.add("b", "B");
    cache.add("a", "A2");
    expect(ids()).toEqual(["a", "b"]);
    expect(cache.peek("a")).toBe("A2");
    cache.add("c", "C");
    expect(ids()).toEqual(["b", "c"]); // a was still the oldest first load
  });

  it("forgets an entry on delete without calling it pushed out", () => {
    const { cache, out } = cacheOf(8);
    cache.add("a", "A");
    cache.delete("a");
    expect(cache.peek("a")).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(out).toEqual([]);
  });

  it("lets go of the entry of a slot that left, pushed out or forgotten (an old slot would keep it alive)", () => {
    const { cache, clock } = cacheOf(4); // probation 1, main 3
    type Slots = { probation: Map<string, { entry?: string }>; main: Map<string, { entry?: string }> };
    const slots = cache as unknown as Slots;
    cache.add("a", "A");
    const a = slots.probation.get("a")!;
    cache.add("b", "B"); // pushes a out of probation
    expect(a.entry).toBeUndefined();
    clock.ms = STEADY_AFTER_MS;
    expect(cache.get("b")).toBe("B"); // into the main part
    const b = slots.main.get("b")!;
    cache.add("c", "C");
    const c = slots.probation.get("c")!;
    cache.delete("b");
    cache.delete("c");
    expect(b.entry).toBeUndefined();
    expect(c.entry).toBeUndefined();
    expect([...cache.entries()]).toEqual([]);
  });

  it("with room for one document keeps the last one loaded", () => {
    const { cache, out, ids } = cacheOf(1);
    cache.add("a", "A");
    cache.add("b", "B");
    cache.add("a", "A2");
    expect(ids()).toEqual(["a"]);
    expect(out).toEqual(["a=A", "b=B"]);
  });
});
