import { describe, expect, it } from "vitest";
import { deepFreeze } from "../../src/storage/freeze.js";

describe("deepFreeze", () => {
  it("freezes every object and array of a JSON document and returns the same value", () => {
    const doc = { a: { b: [1, { c: "x", d: [null, { e: true }] }] }, list: [[{ f: 1 }]], empty: {}, n: null };
    const frozen = deepFreeze(doc);
    expect(frozen).toBe(doc);
    const all: unknown[] = [doc, doc.a, doc.a.b, doc.a.b[1], (doc.a.b[1] as { d: unknown[] }).d, (doc.a.b[1] as { d: unknown[] }).d[1], doc.list, doc.list[0], doc.list[0]![0], doc.empty];
    for (const value of all) expect(Object.isFrozen(value)).toBe(true);
    expect(() => {
      "use strict";
      (doc.list[0]![0] as { f: number }).f = 2;
    }).toThrow(TypeError);
  });

  it("leaves primitives alone and reaches objects below an already frozen sibling", () => {
    expect(deepFreeze(5)).toBe(5);
    expect(deepFreeze(null)).toBe(null);
    const shared = Object.freeze({ kept: true });
    const doc = { shared, fresh: { inner: {} } };
    deepFreeze(doc);
    expect(Object.isFrozen(doc.fresh.inner)).toBe(true);
  });
});
