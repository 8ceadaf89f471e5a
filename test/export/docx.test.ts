/**
 * The Word export read back: every drafted table is a real table with the
 * same rows, columns and numbers (merged sasaran cells, right-aligned numbers,
 * repeated header rows), every paragraph, heading and list item of the
 * drafting engine is present in order, pages are A4 (landscape for wide
 * tables), and the charts are embedded as PNG images.
 */
import { readFileSync } from "node:fs";
import { Packer, type Document } from "docx";
import fc from "fast-check";
import JSZip from "jszip";
import { describe, expect, it, vi } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import type { Section, Table } from "../../src/domain/draft/document.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { exportDocx } from "../../src/export/index.js";
import { longestWord } from "../../src/export/docx-table.js";
import { readDocx, type DocxBlock, type DocxTable, type ReadDocx } from "../support/docx.js";
import { ooxmlProblems } from "../support/ooxml.js";
import { agencyArb } from "../support/random-agency.js";
import { variants } from "../support/variants.js";

const demo = (): AgencyFile => {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
};

const A4 = { width: 11906, height: 16838 };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The docx table that follows the caption "Tabel <n> <caption>". */
function tableAfterCaption(doc: ReadDocx, t: Table): DocxTable {
  const i = doc.blocks.findIndex((b) => b.type === "p" && b.text === `Tabel ${t.number} ${t.caption}`);
  expect(i, `caption of table ${t.number}`).toBeGreaterThanOrEqual(0);
  const next = doc.blocks[i + 1]!;
  expect(next.type).toBe("table");
  return (next as Extract<DocxBlock, { type: "table" }>).table;
}

/** The header text of every column as [upper, lower] (group name over its columns, or the header merged down). */
function columnHeaders(table: DocxTable): string[][] {
  const headerRows = table.rows.filter((r) => r.header);
  const expand = (cells: DocxTable["rows"][number]["cells"]) => cells.flatMap((c) => Array.from({ length: c.span }, () => c));
  if (headerRows.length === 1) return expand(headerRows[0]!.cells).map((c) => [c.text]);
  const upper = expand(headerRows[0]!.cells);
  const lower = expand(headerRows[1]!.cells);
  return upper.map((u, i) => (lower[i]!.vMerge === "continue" ? [u.text] : [u.text, lower[i]!.text]));
}

function checkTable(doc: ReadDocx, t: Table): void {
  const table = tableAfterCaption(doc, t);
  expect(table.grid).toHaveLength(t.columns.length);
  expect(table.layout).toBe("fixed");
  expect(columnHeaders(table)).toEqual(t.columns.map((c) => (c.group !== undefined ? [c.group, c.header] : [c.header])));
  const headerRows = table.rows.filter((r) => r.header);
  expect(headerRows.length).toBe(t.columns.some((c) => c.group !== undefined) ? 2 : 1);
  const body = table.rows.filter((r) => !r.header);
  expect(body).toHaveLength(t.rows.length);
  t.rows.forEach((row, r) => {
    const cells = body[r]!.cells;
    expect(cells).toHaveLength(t.columns.length);
    row.cells.forEach((cell, c) => {
      const got = cells[c]!;
      const where = `table ${t.number} row ${r + 1} column "${t.columns[c]!.header}"`;
      if (got.vMerge === "continue") {
        // A merged cell continues the one above: same sasaran in the same group.
        expect(t.columns[c]!.merge, where).toBe(true);
        expect(row.cells[c]!.text, where).toBe(t.rows[r - 1]!.cells[c]!.text);
        expect(got.text, where).toBe("");
      } else expect(got.text, where).toBe(cell.text);
      const align = t.columns[c]!.align;
      expect(got.align ?? "left", where).toBe(align === "right" ? "right" : align === "center" ? "center" : "left");
    });
    expect(body[r]!.cells.every((c) => c.bold === (row.kind === "total") || c.text === "")).toBe(true);
  });
}

/** Every heading, paragraph and list item of the sections appears in the document, in the same order. */
function checkText(doc: ReadDocx, sections: readonly Section[]): void {
  const paragraphs = doc.blocks.filter((b): b is Extract<DocxBlock, { type: "p" }> => b.type === "p");
  let at = 0;
  const expectNext = (text: string, check: (p: Extract<DocxBlock, { type: "p" }>) => void = () => {}) => {
    const i = paragraphs.findIndex((p, k) => k >= at && p.text === text);
    expect(i, `paragraph not found in order: ${text.slice(0, 80)}`).toBeGreaterThanOrEqual(0);
    check(paragraphs[i]!);
    at = i + 1;
  };
  for (const s of sections) {
    expectNext(s.title, (p) => expect(p.style).toBe("Heading2"));
    for (const b of s.blocks) {
      if (b.type === "heading") expectNext(b.text, (p) => expect(p.style).toMatch(/^Heading[34]$/));
      else if (b.type === "paragraph") expectNext(b.text, (p) => expect(p.align).toBe("both"));
      else if (b.type === "list") {
        for (const item of b.items) expectNext(item.text, (p) => expect(doc.numbering.get(p.numId ?? "")).toBe(b.ordered ? "decimal" : "bullet"));
      } else if (b.type === "table") expectNext(`Tabel ${b.number} ${b.caption}`);
      else if (b.type === "notice") expect(paragraphs.some((p) => p.text === b.text)).toBe(false);
    }
  }
}

/** The page size of the section holding this text: the next section properties after it. */
function pageOf(doc: ReadDocx, text: string): { width: number; height: number; orient?: string } {
  const at = doc.xml.indexOf(`>${text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}<`);
  expect(at).toBeGreaterThan(0);
  const m = /<w:pgSz\b([^>]*)\/>/.exec(doc.xml.slice(at))!;
  return { width: Number(/w:w="(\d+)"/.exec(m[1]!)![1]), height: Number(/w:h="(\d+)"/.exec(m[1]!)![1]), orient: /w:orient="(\w+)"/.exec(m[1]!)?.[1] };
}

describe("Word export of BAB III", () => {
  it("has every table of the Dumai demo with the same rows, columns and numbers, and every paragraph", async () => {
    const file = demo();
    const chapter = draftChapter(file, computeAgency(file));
    const exported = await exportDocx(file, "bab3");
    expect(exported.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-bab-iii.docx");
    const doc = await readDocx(exported.data);
    const sections = chapter.sections.filter((s) => !["ringkasan", "penutup"].includes(s.id));
    const tables = sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === "table"));
    expect(tables.map((t) => t.number)).toEqual(["3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8"]);
    for (const t of tables) checkTable(doc, t);
    expect(doc.blocks.filter((b) => b.type === "table")).toHaveLength(tables.length);
    checkText(doc, sections);
    expect((doc.blocks[0] as { text: string }).text).toBe("BAB III AKUNTABILITAS KINERJA");

    // Known figures of the Dumai report, in Indonesian format, in their cells.
    const t32 = tableAfterCaption(doc, tables[1]!);
    const row21 = t32.rows.find((r) => r.cells[0]!.text === "2.1")!;
    expect(row21.cells.map((c) => c.text)).toEqual(["2.1", "Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan", "Persentase Kelurahan Cepat Berkembang", "%", "80%", "86,11% (31/36)", "107,64%", "Sangat Tinggi"]);
    const row22 = t32.rows.find((r) => r.cells[0]!.text === "2.2")!;
    expect(row22.cells[1]).toMatchObject({ text: "", vMerge: "continue" });
    expect(row21.cells[1]!.vMerge).toBe("restart");
    expect(t32.rows.find((r) => r.cells[0]!.text === "2" && r.cells.some((c) => c.text === "103,82%"))?.cells.every((c) => c.bold || c.text === "")).toBe(true);
    const t38 = tableAfterCaption(doc, tables[7]!);
    expect(t38.rows.find((r) => r.cells[0]!.text === "1")!.cells.map((c) => c.text)).toEqual([
      "1",
      "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
      "Rp7.126.209.060",
      "Rp5.910.664.920",
      "82,94%",
      "Rp1.215.544.140",
    ]);
    // Header rows repeat on every page; data rows do not split across pages.
    expect(t32.rows[0]!.header).toBe(true);
    expect(t32.rows.filter((r) => !r.header).every((r) => r.cantSplit)).toBe(true);
  });

  it("prints on A4: portrait for normal tables, landscape for wide ones, columns within the margins", async () => {
    const file = demo();
    const chapter = draftChapter(file, computeAgency(file));
    const doc = await readDocx((await exportDocx(file)).data);
    expect(doc.pages.length).toBeGreaterThan(1);
    for (const p of doc.pages) expect(p.orient === "landscape" ? { width: p.height, height: p.width } : { width: p.width, height: p.height }).toEqual(A4);
    const all = chapter.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.type === "table"));
    for (const t of all) {
      const page = pageOf(doc, `Tabel ${t.number} ${t.caption}`);
      const wide = t.columns.length > 9;
      expect(page.orient, `table ${t.number}`).toBe(wide ? "landscape" : "portrait");
      const table = tableAfterCaption(doc, t);
      const usable = (wide ? A4.height : A4.width) - 2 * 1440;
      expect(table.grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(usable);
      expect(Math.min(...table.grid)).toBeGreaterThan(300);
    }
    expect(all.some((t) => t.columns.length > 9)).toBe(true);
  });

  it("embeds the achievement and efficiency charts as PNG figures after tables 3.2 and 3.6", async () => {
    const file = demo();
    const doc = await readDocx((await exportDocx(file)).data);
    expect(doc.media).toHaveLength(2);
    for (const m of doc.media) expect([...m.data.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const texts = doc.blocks.map((b) => (b.type === "p" ? (b.image ? "[gambar]" : b.text) : "[tabel]"));
    const after = (caption: string) => texts.slice(texts.indexOf(caption) + 1, texts.indexOf(caption) + 5);
    expect(after("Tabel 3.2 Target, Realisasi dan Capaian Kinerja Tahun 2024")).toEqual(["[tabel]", "Sumber: Data Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai Tahun 2024", "[gambar]", "Gambar 3.1 Capaian Kinerja per Indikator Tahun 2024"]);
    expect(texts).toContain("Gambar 3.2 Capaian Kinerja dan Serapan Anggaran Tahun 2024");
  });

  it("measures a cell's longest word as splitting at white space would", () => {
    expect(longestWord("Rp1.234.567,89 per\u00a0tahun\tx")).toBe(14);
    expect(longestWord("")).toBe(0);
    const bySplit = (s: string) => Math.max(0, ...s.split(/\s+/).map((w) => w.length));
    fc.assert(fc.property(fc.string({ unit: "binary" }), (s) => longestWord(s) === bySplit(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("a", "é", " ", "\t", "\n", "\u00a0", "\u2009", "\u3000", "\ufeff", "\u200b") }), (s) => longestWord(s) === bySplit(s)), { numRuns: 2000 });
  });

  it("is checked for well-formed XML and the schema's element order (the check itself)", () => {
    const p = (pPr: string) => `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr>${pPr}</w:pPr></w:p></w:body></w:document>`;
    expect(ooxmlProblems(p('<w:pStyle w:val="Tabel"/><w:ind w:left="200"/><w:jc w:val="right"/>'))).toEqual([]);
    expect(ooxmlProblems(p('<w:pStyle w:val="Tabel"/><w:jc w:val="right"/><w:ind w:left="200"/>'))).toEqual(["w:ind comes after w:pPr's jc"]);
    expect(ooxmlProblems(p("<w:bold/>"))).toEqual(["w:bold is not a child of w:pPr"]);
    expect(() => ooxmlProblems(p("<w:jc>"))).toThrow();
    expect(() => ooxmlProblems(p("<w:t>a & b</w:t>"))).toThrow();
  });

  it("holds the same files as the docx package's own packing of the same document, its tables, paragraphs and chart images written in", async () => {
    type Zipped = { generateAsync(o: { type: "uint8array"; compression: "DEFLATE" }): Promise<Uint8Array> };
    const compiler = (Packer as unknown as { compiler: { compile(doc: Document): Zipped } }).compiler;
    const compile = vi.spyOn(compiler, "compile");
    try {
      const ours = await JSZip.loadAsync((await exportDocx(demo())).data, { checkCRC32: true });
      expect(compile).toHaveBeenCalledTimes(1);
      // What Packer.toBuffer does with the compiled archive.
      const theirs = await JSZip.loadAsync(await compile.mock.results[0]!.value.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
      const files = (zip: JSZip) => Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
      expect(files(ours)).toEqual(files(theirs));
      expect(files(ours)).toContain("word/document.xml");
      const media = files(ours).filter((n) => n.startsWith("word/media/"));
      expect(media).toHaveLength(2);
      for (const name of files(ours).filter((n) => n !== "word/document.xml" && !media.includes(n))) {
        const same = Buffer.from(await ours.file(name)!.async("uint8array")).equals(await theirs.file(name)!.async("nodebuffer"));
        expect(same, name).toBe(true);
      }
      // The charts: docx was given placeholder bytes, the file holds the rendered PNG.
      for (const name of media) {
        expect((await theirs.file(name)!.async("string")).startsWith("lkjip-")).toBe(true);
        expect([...(await ours.file(name)!.async("uint8array")).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      }
      // document.xml: docx's own, with text (tables and paragraphs, written by docx-table.ts and docx-paragraph.ts)
      // in place of each placeholder paragraph (docx-slots.ts): everything docx wrote around them is kept, in order.
      const [ourXml, theirXml] = await Promise.all([ours.file("word/document.xml")!.async("string"), theirs.file("word/document.xml")!.async("string")]);
      const kept = theirXml.split(/<w:p><w:r><w:t xml:space="preserve">lkjip-[0-9a-f-]{36}-teks-\d+<\/w:t><\/w:r><\/w:p>/);
      expect(kept.length).toBeGreaterThan(1); // docx kept the places (one for each run of text between lists and images)
      expect(ourXml.match(/<w:tbl>/g)).toHaveLength(8);
      expect(ourXml).not.toContain("lkjip-");
      expect(ourXml.startsWith(kept[0]!)).toBe(true);
      expect(ourXml.endsWith(kept.at(-1)!)).toBe(true);
      let at = 0;
      for (const piece of kept) {
        const found = ourXml.indexOf(piece, at);
        expect(found, piece.slice(0, 200)).toBeGreaterThanOrEqual(at);
        at = found + piece.length;
      }
    } finally {
      compile.mockRestore();
    }
  });

  it("exports text pasted with control characters as a document Word can open, with its charts", async () => {
    const input = JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8"));
    input.objectives[0].indicators[0].name = "Persentase\u000bPSKS\u0002yang aktif";
    const parsed = parseAgency(input);
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const doc = await readDocx((await exportDocx(parsed.file)).data);
    expect(doc.media).toHaveLength(2);
    expect(doc.blocks.some((b) => b.type === "table" && b.table.rows.some((r) => r.cells.some((c) => c.text === "Persentase PSKS yang aktif")))).toBe(true);
  });

  it("exports the executive summary and the closing as separate documents", async () => {
    const file = demo();
    const chapter = draftChapter(file, computeAgency(file));
    for (const part of ["ringkasan", "penutup"] as const) {
      const exported = await exportDocx(file, part);
      expect(exported.filename).toBe(`dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-${part}.docx`);
      const doc = await readDocx(exported.data);
      const sections = chapter.sections.filter((s) => s.id === part);
      expect(sections).toHaveLength(1);
      checkText(doc, sections);
      expect(doc.xml).not.toContain("BAB III AKUNTABILITAS KINERJA");
      expect(doc.xml).not.toContain("Tabel 3.2");
      expect(doc.media).toHaveLength(0);
    }
  });

  it("handles grade, range, negative-polarity and budget variants", async () => {
    const file = variants();
    const chapter = draftChapter(file, computeAgency(file));
    const doc = await readDocx((await exportDocx(file)).data);
    const sections = chapter.sections.filter((s) => !["ringkasan", "penutup"].includes(s.id));
    for (const s of sections) for (const b of s.blocks) if (b.type === "table") checkTable(doc, b);
    checkText(doc, sections);
  });

  it("matches the draft for generated agencies", async () => {
    await fc.assert(
      fc.asyncProperty(agencyArb, async (input) => {
        const parsed = parseAgency(input);
        if (!parsed.ok) return;
        const chapter = draftChapter(parsed.file, computeAgency(parsed.file));
        const doc = await readDocx((await exportDocx(parsed.file)).data);
        const sections = chapter.sections.filter((s) => !["ringkasan", "penutup"].includes(s.id));
        for (const s of sections) for (const b of s.blocks) if (b.type === "table") checkTable(doc, b);
        checkText(doc, sections);
      }),
      { numRuns: 12, seed: 6 },
    );
  });
});
