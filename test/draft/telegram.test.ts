import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { telegramOptions } from "../../src/domain/draft/index.js";
import { escapeHtml, phoneTable, PHONE_WIDTH, renderTelegram, TELEGRAM_LIMIT, wrap } from "../../src/domain/draft/render/telegram.js";
import { width } from "../../src/domain/draft/render/layout.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { agency, agencyInput } from "../support/agency.js";
import { paragraphsOf } from "../support/draft.js";
import { agencyArb } from "../support/random-agency.js";
import { htmlProblems } from "../../src/local/telegram-html.js";

const demo = (() => {
  const r = parseAgency(JSON.parse(readFileSync(new URL("../../data/demo/dumai-2024.json", import.meta.url), "utf8")));
  if (!r.ok) throw new Error(r.errors.join("\n"));
  return r.file;
})();

function checkMessages(file: AgencyFile, limit = TELEGRAM_LIMIT): string[] {
  const chapter = draftChapter(file);
  const messages = renderTelegram(chapter.sections, { ...telegramOptions(), limit });
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m.length).toBeLessThanOrEqual(limit);
    expect(m.trim()).not.toBe("");
    expect(htmlProblems(m), m).toEqual([]);
  }
  const all = messages.join("\n\n");
  // Every paragraph arrives whole (escaped) unless it is itself longer than a message.
  for (const s of chapter.sections) {
    for (const p of paragraphsOf(s.blocks)) {
      const escaped = escapeHtml(p.text);
      if (escaped.length < limit - 10) expect(all).toContain(escaped);
    }
  }
  return messages;
}

describe("Telegram HTML", () => {
  it("the Dumai demo: ≤ 4096 characters per message, balanced allowed tags, every paragraph whole", () => {
    const messages = checkMessages(demo);
    expect(messages.length).toBeGreaterThan(3);
    // Tables are laid out for a phone: every <pre> line fits the width.
    for (const m of messages) {
      for (const pre of m.matchAll(/<pre>([\s\S]*?)<\/pre>/g)) {
        for (const line of pre[1]!.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").split("\n")) {
          expect(width(line), line).toBeLessThanOrEqual(PHONE_WIDTH);
        }
      }
    }
    // The 80-row budget table shows its programs on the phone and points to the document for the rest.
    const joined = messages.join("\n");
    expect(joined).toContain("Tabel lengkap (semua kolom dan rincian) tersedia dalam dokumen Word.");
    expect(joined).not.toContain("Sub Kegiatan Pengadaan Mebel\n");
  });

  it("escapes everything a user typed", () => {
    const input = agencyInput();
    input.agency!.name = "Dinas <script>alert(1)</script> & Co";
    input.objectives![0]!.indicators![0]!.name = "Persentase <b>tebal</b> & \"kutip\"";
    const messages = checkMessages(agency(input));
    const all = messages.join("\n");
    expect(all).toContain("Dinas &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
    expect(all).toContain("Persentase &lt;b&gt;tebal&lt;/b&gt; &amp;");
    expect(all).not.toContain("<script>");
  });

  it("splits long output at block boundaries, and long blocks without breaking tags", () => {
    // A tiny limit forces every kind of split: between blocks, inside tables (several <pre>), inside paragraphs.
    const messages = checkMessages(demo, 700);
    expect(messages.length).toBeGreaterThan(30);
    expect(messages.filter((m) => m.includes("<pre>")).length).toBeGreaterThan(5);
  });

  it("random agencies always give valid messages", () => {
    fc.assert(
      fc.property(agencyArb, fc.constantFrom(TELEGRAM_LIMIT, 900), (input, limit) => {
        const parsed = parseAgency(input);
        if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
        checkMessages(parsed.file, limit);
      }),
      { numRuns: 60 },
    );
  });

  it("wraps text to the phone width without losing words", () => {
    const text = "Persentase penyandang disabilitas terlantar yang terpenuhi kebutuhan dasarnya supercalifragilisticexpialidocious";
    const lines = wrap(text, 20, "  ");
    for (const l of lines) expect(width(l)).toBeLessThanOrEqual(20);
    expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });

  it("keeps a narrow table as a grid and turns a wide one into cards", () => {
    const chapter = draftChapter(demo);
    const scale = chapter.sections[1]!.blocks.find((b) => b.type === "table")!;
    if (scale.type !== "table") throw new Error();
    const { lines } = phoneTable({ ...scale, columns: scale.columns.map((c) => ({ ...c, header: c.header.slice(0, 8) })) });
    expect(lines.slice(0, 3)).toEqual(["No |  Interval   | Kategori", "---+-------------+--------------", "1  |    ≥ 91     | Sangat Tinggi"]);
    const cards = phoneTable(scale).lines;
    expect(cards.slice(0, 3)).toEqual(["1 ≥ 91", "  Kategori: Sangat Tinggi", ""]);
  });
});
