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
    // A list that lost its first elements drops them; another shorter list is replaced whole; undefined properties count as absent.
    expect(diff({ list: [1, 2, 3], gone: 1 }, { list: [2, 3], gone: undefined })).toEqual([[["gone"]], [["list"], 1, "drop"]]);
    expect(diff({ list: [1, 2, 3] }, { list: [1, 3] })).toEqual([[["list"], [1, 3]]]);
    expect(diff(before, before)).toEqual([]);
  });

  it("move the oldest audit entries out as one small operation: the first ones dropped, the new ones added", () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 12 }), fc.nat(12), fc.array(json, { maxLength: 4 }), (values, drop, added) => {
        // Entries are objects kept by identity from one version to the next, as copy-on-write edits keep them.
        const before = { audit: values.map((v, i) => ({ seq: i + 1, v })) };
        const k = Math.min(drop, before.audit.length);
        const after = { audit: [...before.audit.slice(k), ...added.map((v, i) => ({ seq: 100 + i, v }))] };
        const ops = clone(diff(before, after));
        expect(apply(clone(before), ops)).toEqual(clone(after));
        if (k > 0 && k < before.audit.length && after.audit.length < before.audit.length) expect(ops).toEqual([[["audit"], k, "drop"], ...added.map((v, i) => [["audit", before.audit.length - k + i], { seq: 100 + i, v }])]);
      }),
      { numRuns: 1000 },
    );
    const audit = Array.from({ length: 300 }, (_, i) => ({ seq: i + 1 }));
    const moved = { audit: [...audit.slice(100), { seq: 301 }] };
    expect(JSON.stringify(diff({ audit }, moved)).length).toBeLessThan(60);
  });

  it("refuse operations that do not belong to the document", () => {
    expect(() => apply({ a: [1, 2] }, [[["a"], 3, "drop"]])).toThrow("jalur a tidak cocok");
    expect(() => apply({ a: { b: 1 } }, [[["a"], 1, "drop"]])).toThrow("jalur a tidak cocok");
    expect(() => apply({ a: [1, 2] }, [[["a"], 1, "hapus" as "drop"]])).toThrow("jalur a tidak cocok");
    expect(apply({ a: [1, 2, 3] }, [[["a"], 2, "drop"]])).toEqual({ a: [3] });
    expect(() => apply({ a: {} }, [[["b", "c"], 1]])).toThrow("jalur b tidak ada");
    expect(() => apply({ a: [1] }, [[["a", 5], 1]])).toThrow("jalur a/5 tidak cocok");
    expect(() => apply({ a: 1 }, [[[]]])).toThrow("akar dokumen tidak dapat dihapus");
  });
});
