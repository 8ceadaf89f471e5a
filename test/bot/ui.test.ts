import { describe, expect, it } from "vitest";
import { htmlProblems } from "../../src/local/telegram-html.js";
import { button, splitHtml, splitKeyboard, type Button } from "../../src/bot/ui.js";

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
