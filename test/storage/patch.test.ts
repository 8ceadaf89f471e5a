import fc from "fast-check";
import { produce } from "immer";
import { describe, expect, it } from "vitest";
import { apply, diff } from "../../src/storage/patch.js";

const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 5 }), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom("a", "b", "c", "d"), tie("value"), { maxKeys: 4 }),
})).value;

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe("document patches", () => {
  it("turn any JSON value into any other (after a JSON round trip of the operations)", () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        const ops = clone(diff(a, b));
        expect(apply(clone(a), ops)).toEqual(clone(b));
      }),
      { numRuns: 2000 },
    );
  });

  it("record only what a copy-on-write edit changed", () => {
    const before = { revision: 3, data: { objectives: [{ id: "S1", indicators: [{ id: "I1", years: { "2024": { target: "90" } } }] }], note: "x" }, audit: [{ seq: 1 }] };
    const after = produce(before, (d) => {
      d.revision = 4;
      d.data.objectives[0]!.indicators[0]!.years["2024"] = { target: "90", actual: "86,5" } as never;
      delete (d.data as { note?: string }).note;
      d.audit.push({ seq: 2 });
    });
    expect(diff(before, after)).toEqual([
      [["revision"], 4],
      [["data", "note"]],
      [["data", "objectives", 0, "indicators", 0, "years", "2024", "actual"], "86,5"],
      [["audit", 1], { seq: 2 }],
    ]);
    // A shorter list is replaced whole; undefined properties count as absent.
    expect(diff({ list: [1, 2, 3], gone: 1 }, { list: [2, 3], gone: undefined })).toEqual([[["gone"]], [["list"], [2, 3]]]);
    expect(diff(before, before)).toEqual([]);
  });

  it("refuse operations that do not belong to the document", () => {
    expect(() => apply({ a: {} }, [[["b", "c"], 1]])).toThrow("jalur b tidak ada");
    expect(() => apply({ a: [1] }, [[["a", 5], 1]])).toThrow("jalur a/5 tidak cocok");
    expect(() => apply({ a: 1 }, [[[]]])).toThrow("akar dokumen tidak dapat dihapus");
  });
});
