import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "../../src/bot/limit.js";

describe("ConcurrencyLimit", () => {
  it("works on at most `max` tasks at once and starts the waiting ones in arrival order", async () => {
    const limit = new ConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) =>
      limit.run(async () => {
        started.push(n);
        peak = Math.max(peak, ++active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        if (n === 3) throw new Error("tugas 3 gagal");
        return n;
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(task));
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // A failed task frees its slot: the limit is whole again.
    expect(limit.queued).toBe(0);
    expect(await Promise.all([task(6), task(7)])).toEqual([6, 7]);
  });
});
