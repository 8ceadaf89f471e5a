/**
 * Charts: PNG dimensions as declared, every indicator label and value in the
 * SVG, and the labels really drawn (rendered with the bundled font, the text
 * adds ink to the picture).
 */
import { readFileSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { presented } from "../../src/domain/decimal.js";
import { formatPercent } from "../../src/domain/numbers/format.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { achievementChart, DEFAULT_FONT, efficiencyChart, FONT_FILES, toPng, trendChart, wrapLabel, type Chart } from "../../src/export/charts.js";
import { chartPng } from "../../src/export/index.js";
import { agencyArb } from "../support/random-agency.js";
import { variants } from "../support/variants.js";

const demo = (): AgencyFile => {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
};

/** Width and height from the PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const svgTexts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!));
const svgTitles = (svg: string) => [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => unescape(m[1]!));

function darkPixels(svg: string): number {
  const image = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: DEFAULT_FONT } }).render();
  const px = image.pixels; // a getter that copies the buffer: read it once
  let dark = 0;
  for (let i = 0; i < px.length; i += 4) if (px[i]! < 128 && px[i + 1]! < 128 && px[i + 2]! < 128) dark++;
  return dark;
}

function checkChartLabels(chart: Chart, file: AgencyFile): void {
  const result = computeAgency(file);
  const texts = svgTexts(chart.svg);
  const titles = svgTitles(chart.svg);
  for (const r of result.indicators) {
    const full = `${r.indicator.code ?? ""} ${r.indicator.name}`.trim();
    // The full label as the bar's tooltip, and its first line drawn next to the bar.
    expect(titles).toContain(full);
    expect(texts).toContain(wrapLabel(full)[0]);
    if (r.current.achievement.status === "ok") expect(texts).toContain(formatPercent(presented(r.current.achievement.value, result.profile.decimals), result.profile.decimals));
  }
}

describe("charts", () => {
  it("draws the achievement of every Dumai indicator with its value, at the declared size", async () => {
    const file = demo();
    const chart = achievementChart(computeAgency(file));
    checkChartLabels(chart, file);
    expect(svgTexts(chart.svg)).toEqual(expect.arrayContaining(["Capaian Kinerja per Indikator Tahun 2024", "107,64%", "100,00%", "Sangat Tinggi", "Sangat Rendah", "100%"]));
    const png = await toPng(chart);
    expect(pngSize(png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.height).toBe(70 + computeAgency(file).indicators.length * 40 + 80);
  });

  it("draws achievement and absorption per indicator", async () => {
    const file = demo();
    const result = computeAgency(file);
    const chart = efficiencyChart(result);
    checkChartLabels(chart, file);
    for (const r of result.indicators) {
      if (r.budget.absorption.status === "ok") expect(svgTexts(chart.svg)).toContain(formatPercent(presented(r.budget.absorption.value, 2), 2));
    }
    expect(svgTexts(chart.svg)).toEqual(expect.arrayContaining(["65,25%", "45,82%", "Capaian kinerja", "Serapan anggaran"]));
    expect(pngSize(await toPng(chart))).toEqual({ width: chart.width, height: chart.height });
  });

  it("draws the multi-year trend of an indicator with every year and value", async () => {
    const file = demo();
    const result = computeAgency(file);
    const i11 = result.indicators.find((r) => r.indicator.code === "1.1")!;
    const chart = trendChart(result, i11.indicator.id);
    const texts = svgTexts(chart.svg);
    for (const y of [...i11.history, i11.current]) expect(texts).toContain(String(y.values.year));
    expect(texts.filter((t) => t === "100%").length).toBeGreaterThanOrEqual(6); // target and realisasi of three years
    expect(svgTitles(chart.svg)[0]).toBe(`Perkembangan 1.1 ${i11.indicator.name}`);
    const png = await chartPng(file, "tren", i11.indicator.id);
    expect(png.filename).toBe(`dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-grafik-tren-${i11.indicator.id}.png`);
    expect(pngSize(png.data)).toEqual({ width: 900, height: 500 });
  });

  it("shows range targets as a band and says so when an indicator has nothing to draw", () => {
    const file = variants();
    const result = computeAgency(file);
    const ranged = result.indicators.find((r) => r.current.values.target?.kind === "range");
    expect(ranged).toBeDefined();
    const t = ranged!.current.values.target as { min: { toString(): string }; max: { toString(): string } };
    const texts = svgTexts(trendChart(result, ranged!.indicator.id).svg);
    expect(texts.some((x) => x.includes("–") && x.startsWith(t.min.toString().replace(".", ",")))).toBe(true);

    const empty = structuredClone(file);
    empty.objectives[0]!.indicators[0]!.years = {};
    const emptyResult = computeAgency(empty);
    expect(svgTexts(trendChart(emptyResult, empty.objectives[0]!.indicators[0]!.id).svg)).toContain("Belum ada target atau realisasi yang dapat digambarkan.");
  });

  it("renders the labels with the bundled font (they add ink to the picture)", () => {
    const chart = achievementChart(computeAgency(demo()));
    const withoutText = chart.svg.replace(/<text [^>]*>[^<]*<\/text>/g, "");
    expect(darkPixels(chart.svg) - darkPixels(withoutText)).toBeGreaterThan(2000);
  });

  it("keeps long names readable: two lines at most, full text as tooltip", () => {
    const long = "Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya";
    const lines = wrapLabel(`1.1 ${long}`);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= 54)).toBe(true);
    expect(lines[0]).toBe("1.1 Persentase (%) penyandang disabilitas terlantar,");
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(wrapLabel("2.1 Persentase Kelurahan Cepat Berkembang")).toEqual(["2.1 Persentase Kelurahan Cepat Berkembang"]);
  });

  it("labels every indicator of generated agencies, with escaped names", () => {
    fc.assert(
      fc.property(agencyArb, (input) => {
        const parsed = parseAgency(input);
        if (!parsed.ok) return;
        const result = computeAgency(parsed.file);
        for (const chart of [achievementChart(result), efficiencyChart(result)]) {
          checkChartLabels(chart, parsed.file);
          expect(chart.svg).not.toMatch(/NaN|undefined|Infinity/);
        }
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
