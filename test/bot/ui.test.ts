import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlProblems } from "../../src/local/telegram-html.js";
import { button, grid, KeyboardRoom, MessageCount, splitHtml, splitKeyboard, type Button } from "../../src/bot/ui.js";

const b = (n: number, label = `Tombol ${n}`): Button => button(label, `x:${n}`);
const labels = (keyboards: Button[][][]) => keyboards.map((k) => k.map((row) => row.map((x) => x.data)));

describe("splitKeyboard", () => {
  it("keeps a keyboard that fits as it is", () => {
    const rows = [[b(1), b(2)], [b(3)]];
    expect(splitKeyboard(rows)).toEqual([rows]);
    expect(splitKeyboard([])).toEqual([]);
    // 40 indicators' buttons of 60 characters: about 4 KB, measured rather than estimated, still one keyboard.
    const indicators = Array.from({ length: 40 }, (_, n) => [b(n, `${n}.1 Persentase penerima manfaat yang terpenuhi kebutuhan dasar`)]);
    expect(splitKeyboard(indicators)).toEqual([indicators]);
  });

  it("starts a new keyboard before the 101st button, rows kept whole and in order", () => {
    const rows = Array.from({ length: 70 }, (_, r) => [b(2 * r), b(2 * r + 1)]);
    const split = splitKeyboard(rows);
    expect(split.map((k) => k.flat().length)).toEqual([100, 40]);
    expect(split.flat()).toEqual(rows);
    // Rows of three: 33 rows (99 buttons) fit, the 34th would make 102.
    const threes = Array.from({ length: 40 }, (_, r) => [b(3 * r), b(3 * r + 1), b(3 * r + 2)]);
    expect(splitKeyboard(threes).map((k) => k.length)).toEqual([33, 7]);
  });

  it("cuts a row wider than 8 into rows of 8", () => {
    const wide = [Array.from({ length: 19 }, (_, n) => b(n))];
    expect(labels(splitKeyboard(wide))).toEqual([[
      ["x:0", "x:1", "x:2", "x:3", "x:4", "x:5", "x:6", "x:7"],
      ["x:8", "x:9", "x:10", "x:11", "x:12", "x:13", "x:14", "x:15"],
      ["x:16", "x:17", "x:18"],
    ]]);
  });

  it("keeps each keyboard under 8,000 bytes of JSON, counting UTF-8", () => {
    // 60 one-button rows of about 200 bytes each (60 characters of 3 bytes, plus the data).
    const rows = Array.from({ length: 60 }, (_, n) => [b(n, "✅".repeat(60))]);
    const split = splitKeyboard(rows);
    expect(split.length).toBe(2);
    for (const k of split) {
      const json = JSON.stringify(k.map((row) => row.map((x) => ({ text: x.label, callback_data: x.data }))));
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(8_000);
    }
    expect(split.flat()).toEqual(rows);
  });
});

describe("splitHtml", () => {
  it("splits at line ends into messages of at most the limit, and a long line between entities", () => {
    const lines = Array.from({ length: 300 }, (_, n) => `Baris ${n}: capaian &lt; 100% &amp; naik`);
    const parts = splitHtml(lines.join("\n"));
    expect(parts.length).toBe(3);
    expect(parts.join("\n")).toBe(lines.join("\n"));
    for (const p of parts) expect(htmlProblems(p)).toEqual([]);
    const long = "&amp;".repeat(1000);
    const cut = splitHtml(long);
    expect(cut.join("")).toBe(long);
    for (const p of cut) expect(htmlProblems(p)).toEqual([]);
  });
});

describe("counting ahead what a list will take (MessageCount, KeyboardRoom)", () => {
  it("MessageCount counts the messages splitHtml makes of the same lines, without making them", () => {
    // Lines of 0 to 5,000 characters (some longer than a message), without entities where a line is cut.
    const length = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 300 }), weight: 20 }, { arbitrary: fc.integer({ min: 3000, max: 5000 }), weight: 1 });
    const lines = fc.array(length.map((n) => "x".repeat(n)), { minLength: 20, maxLength: 200, size: "max" });
    fc.assert(
      fc.property(lines, (ls) => {
        const counted = ls.reduce((c, line) => c.add(line), new MessageCount());
        const text = ls.join("\n");
        expect(counted.messages).toBe(text.length === 0 ? 0 : splitHtml(text).length);
      }),
      { numRuns: 300, endOnFailure: true },
    );
    // A copy counts on without changing the original.
    const c = new MessageCount().add("x".repeat(4000));
    expect([c.copy().add("y".repeat(100)).messages, c.messages]).toEqual([2, 1]);
  });

  it("KeyboardRoom takes buttons only while they fit in one of splitKeyboard's keyboards, laid out 4 to a row", () => {
    const labels = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 20, maxLength: 30, unit: fc.constantFrom("a", "é", "📂", "\"", " ", "1") }));
    // Short buttons reach the 100 buttons first, long ones (up to 250 bytes) the 8,000 bytes.
    const data = fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ minLength: 40, maxLength: 60 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(labels, data), { minLength: 30, maxLength: 150, size: "max" }), (specs) => {
        const room = new KeyboardRoom();
        const taken: Button[] = [];
        for (const [text, data] of specs) {
          const one = button(text, data);
          if (!room.add([one])) break;
          taken.push(one);
        }
        expect(taken.length).toBeLessThanOrEqual(100);
        if (taken.length > 0) expect(splitKeyboard(grid(taken, 4))).toHaveLength(1);
      }),
      { numRuns: 300, endOnFailure: true },
    );
    // 100 short buttons fit, the 101st does not; what did not fit is not counted.
    const room = new KeyboardRoom([b(0)]);
    for (let n = 1; n < 100; n++) expect(room.add([b(n)])).toBe(true);
    expect(room.add([b(100)])).toBe(false);
    expect(room.copy().add([])).toBe(true);
  });
});
