/**
 * Charts as SVG (built here, every label and value as text) and PNG (rendered
 * by resvg with the bundled DejaVu Sans font, so labels never disappear):
 * achievement per indicator against 100% coloured by category, achievement
 * against absorption per indicator, and the multi-year trend of an indicator.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg, renderAsync } from "@resvg/resvg-js";
import { PROJECT_ROOT } from "../paths.js";
import { ON_LIBUV_POOL } from "./thread-pool-use.js";
import { renderMustache } from "../domain/mustache.js";
import type { AgencyResult, IndicatorResult } from "../domain/calc/agency.js";
import { Decimal, presented } from "../domain/decimal.js";
import { wordingFile } from "../domain/draft/templates.js";
import { formatDecimal, formatPercent } from "../domain/numbers/format.js";
import { withUnit } from "../domain/draft/ink.js";
import { encodePng } from "./png.js";
import { escapeXml } from "./xml.js";

const require = createRequire(import.meta.url);
const DEJAVU = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
/**
 * Fonts, never the system's: a 45 KB Latin subset of DejaVu Sans made by
 * scripts/subset-fonts.py (resvg re-reads a font file for every text element,
 * so the small file renders charts three times faster), then the whole
 * DejaVu Sans for any other character.
 */
export const FONT_FILES = [
  join(PROJECT_ROOT, "assets", "fonts", "DejaVuSansLatin.ttf"),
  join(PROJECT_ROOT, "assets", "fonts", "DejaVuSansLatin-Bold.ttf"),
  join(DEJAVU, "DejaVuSans.ttf"),
  join(DEJAVU, "DejaVuSans-Bold.ttf"),
];
export const DEFAULT_FONT = "DejaVu Sans Latin";
const FONT = "DejaVu Sans Latin, DejaVu Sans";

export interface Chart {
  svg: string;
  width: number;
  height: number;
  title: string;
  /** Every label and value printed in the chart (for checks). */
  texts: string[];
}

function word(path: string, view: object = {}): string {
  let node: unknown = wordingFile<Record<string, unknown>>("kosakata");
  for (const k of path.split(".")) node = (node as Record<string, unknown>)[k];
  return renderMustache(String(node), view);
}

function fullLabel(r: IndicatorResult): string {
  return `${r.indicator.code ?? ""} ${r.indicator.name}`.trim();
}

/** The label in at most `lines` lines of `perLine` characters, broken at spaces; what does not fit ends in "…". */
export function wrapLabel(text: string, perLine = 54, lines = 2): string[] {
  const out: string[] = [];
  let current = "";
  const words = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.length > perLine ? `${words[i]!.slice(0, perLine - 1)}…` : words[i]!;
    if (current === "") current = w;
    else if (current.length + 1 + w.length <= perLine) current += ` ${w}`;
    else {
      out.push(current);
      current = w;
      if (out.length === lines - 1) {
        const rest = [current, ...words.slice(i + 1)].join(" ");
        current = rest.length > perLine ? `${rest.slice(0, perLine - 1).trimEnd()}…` : rest;
        break;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

/** Colours from the best category (first band) to the worst. */
const PALETTE = ["#1b7f3b", "#5fae3d", "#e0b000", "#ef7d22", "#c9302c", "#8e1f1c"];

class Svg {
  readonly parts: string[] = [];
  readonly texts: string[] = [];
  text(x: number, y: number, content: string, opts: { size?: number; anchor?: "start" | "middle" | "end"; bold?: boolean; fill?: string } = {}): void {
    this.texts.push(content);
    this.parts.push(
      `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${FONT}" font-size="${opts.size ?? 13}" text-anchor="${opts.anchor ?? "start"}"${opts.bold ? ' font-weight="bold"' : ""} fill="${opts.fill ?? "#222"}">${escapeXml(content)}</text>`,
    );
  }
  /** A right-aligned label of up to two lines centred on `y`, with the full text as a tooltip (<title>). */
  label(x: number, y: number, full: string, size = 12): void {
    const lines = wrapLabel(full);
    this.texts.push(full);
    const lineHeight = size + 2;
    const first = y - ((lines.length - 1) * lineHeight) / 2;
    this.parts.push(`<g><title>${escapeXml(full)}</title>`);
    lines.forEach((line, i) => this.text(x, first + i * lineHeight, line, { anchor: "end", size }));
    this.parts.push("</g>");
  }
  rect(x: number, y: number, w: number, h: number, fill: string): void {
    this.parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(0, w).toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}"/>`);
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string, dash = false, width = 1): void {
    this.parts.push(`<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${stroke}" stroke-width="${width}"${dash ? ' stroke-dasharray="6 4"' : ""}/>`);
  }
  circle(x: number, y: number, r: number, fill: string): void {
    this.parts.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="${fill}"/>`);
  }
  done(width: number, height: number, title: string): Chart {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="#ffffff"/>${this.parts.join("")}</svg>`;
    return { svg, width, height, title, texts: this.texts };
  }
}

/** Layout of the two bar charts: indicator labels on the left, bars to the right, rows from `top`. */
const BARS = { width: 960, left: 420, right: 120, top: 70 };

/** Bar length in pixels of a percentage, the longest bar (`max`) filling the room right of the labels. */
function barScale(max: Decimal): (v: Decimal) => number {
  const room = BARS.width - BARS.left - BARS.right;
  return (v) => (Decimal.max(v, 0).toNumber() / max.toNumber()) * room;
}

/** The dashed 100% (target) line across the bars, down to `bottom`. */
function targetLine(svg: Svg, scale: (v: Decimal) => number, bottom: number): void {
  const x100 = BARS.left + scale(new Decimal(100));
  svg.line(x100, BARS.top - 6, x100, bottom, "#333", true, 1.5);
  svg.text(x100, BARS.top - 12, word("grafik.garis_target"), { size: 11, anchor: "middle" });
}

/** Bars of capaian per indicator against the 100% line, coloured by the agency's category. */
export function achievementChart(result: AgencyResult): Chart {
  const d = result.profile.decimals;
  const rows = result.indicators;
  const { width, left, top } = BARS;
  const rowH = 40;
  const height = top + Math.max(1, rows.length) * rowH + 80;
  const values = rows.map((r) => (r.current.achievement.status === "ok" ? presented(r.current.achievement.value, d) : undefined));
  const max = Decimal.max(new Decimal(120), ...values.filter((v): v is Decimal => v !== undefined).map((v) => v.times(1.05)));
  const scale = barScale(max);
  const title = word("grafik.capaian_judul", { tahun: result.year });
  const svg = new Svg();
  svg.text(width / 2, 32, title, { size: 18, anchor: "middle", bold: true });
  const bands = result.scale.bands.map((b) => b.label);
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    svg.label(left - 10, y + rowH / 2 + 4, fullLabel(r));
    const v = values[i];
    if (v === undefined) {
      svg.text(left + 6, y + rowH / 2 + 4, word("grafik.belum"), { size: 12, fill: "#777" });
      return;
    }
    const colour = PALETTE[Math.min(PALETTE.length - 1, Math.max(0, bands.indexOf(r.current.category ?? "")))]!;
    svg.rect(left, y + 8, scale(v), rowH - 16, colour);
    svg.text(left + scale(v) + 6, y + rowH / 2 + 4, formatPercent(v, d), { size: 12, bold: true });
  });
  targetLine(svg, scale, top + rows.length * rowH + 4);
  // Legend: the agency's categories, wrapping onto a second line when a custom scale has many.
  let lx = left;
  let ly = height - 40;
  bands.forEach((b, k) => {
    const w = 30 + b.length * 8;
    if (lx + w > width - 10 && lx > left) {
      lx = left;
      ly += 20;
    }
    svg.rect(lx, ly - 11, 14, 14, PALETTE[Math.min(PALETTE.length - 1, k)]!);
    svg.text(lx + 20, ly, b, { size: 12 });
    lx += w;
  });
  return svg.done(width, height, title);
}

/** Capaian and serapan side by side per indicator: the efficiency picture. */
export function efficiencyChart(result: AgencyResult): Chart {
  const d = result.profile.decimals;
  const rows = result.indicators;
  const { width, left, top } = BARS;
  const rowH = 50;
  const height = top + Math.max(1, rows.length) * rowH + 70;
  const pairs = rows.map((r) => ({
    capaian: r.current.achievement.status === "ok" ? presented(r.current.achievement.value, d) : undefined,
    serapan: r.budget.absorption.status === "ok" ? presented(r.budget.absorption.value, d) : undefined,
  }));
  const all = pairs.flatMap((p) => [p.capaian, p.serapan]).filter((v): v is Decimal => v !== undefined);
  const max = Decimal.max(new Decimal(110), ...all.map((v) => v.times(1.05)));
  const scale = barScale(max);
  const title = word("grafik.efisiensi_judul", { tahun: result.year });
  const svg = new Svg();
  svg.text(width / 2, 32, title, { size: 18, anchor: "middle", bold: true });
  const colours = { capaian: "#2b6cb0", serapan: "#dd7a1f" };
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    svg.label(left - 10, y + 26, fullLabel(r));
    (["capaian", "serapan"] as const).forEach((k, j) => {
      const v = pairs[i]![k];
      const by = y + 4 + j * 21;
      if (v === undefined) {
        svg.text(left + 6, by + 14, word(k === "capaian" ? "grafik.belum" : "grafik.tanpa_anggaran"), { size: 11, fill: "#777" });
        return;
      }
      svg.rect(left, by, scale(v), 17, colours[k]);
      svg.text(left + scale(v) + 6, by + 13, formatPercent(v, d), { size: 11, bold: true });
    });
  });
  targetLine(svg, scale, top + rows.length * rowH);
  const ly = height - 28;
  svg.rect(left, ly - 11, 14, 14, colours.capaian);
  svg.text(left + 20, ly, word("grafik.seri_capaian"), { size: 12 });
  svg.rect(left + 200, ly - 11, 14, 14, colours.serapan);
  svg.text(left + 220, ly, word("grafik.seri_serapan"), { size: 12 });
  return svg.done(width, height, title);
}

/** Realisasi and target of one indicator over the years (history and the reporting year); a range target is a band. */
export function trendChart(result: AgencyResult, indicatorId: string): Chart {
  const r = result.indicatorById.get(indicatorId);
  if (!r) throw new Error(`Unknown indicator ${indicatorId}`);
  const unit = r.indicator.unit;
  const years = [...r.history, r.current].filter((y) => y.values.actual !== undefined || y.values.target !== undefined);
  const width = 900;
  const height = 500;
  const left = 90;
  const right = 40;
  const top = 110;
  const bottom = 80;
  const title = word("grafik.tren_judul", { indikator: fullLabel(r) });
  const svg = new Svg();
  svg.texts.push(title);
  svg.parts.push(`<g><title>${escapeXml(title)}</title>`);
  wrapLabel(title, 80).forEach((line, i) => svg.text(width / 2, 34 + i * 22, line, { size: 17, anchor: "middle", bold: true }));
  svg.parts.push("</g>");
  const points = years.map((y) => {
    const t = y.values.target;
    return {
      year: y.values.year,
      actual: y.values.actual,
      target: t?.kind === "point" ? t.value : undefined,
      range: t?.kind === "range" ? { min: t.min, max: t.max } : undefined,
    };
  });
  const numbers = points.flatMap((p) => [p.actual, p.target, p.range?.min, p.range?.max]).filter((v): v is Decimal => v !== undefined);
  if (numbers.length === 0) {
    svg.text(width / 2, height / 2, word("grafik.tanpa_data"), { size: 14, anchor: "middle", fill: "#777" });
    return svg.done(width, height, title);
  }
  const hi = Decimal.max(...numbers);
  const lo = Decimal.min(...numbers, new Decimal(0));
  const span = hi.minus(lo).isZero() ? new Decimal(1) : hi.minus(lo);
  const yPos = (v: Decimal) => top + (1 - v.minus(lo).dividedBy(span.times(1.1)).toNumber()) * (height - top - bottom);
  const xPos = (i: number) => left + (points.length === 1 ? (width - left - right) / 2 : (i * (width - left - right)) / (points.length - 1));
  const fmt = (v: Decimal) => withUnit(formatDecimal(v, Math.min(2, v.decimalPlaces())), unit);
  // Horizontal grid lines at round values (1, 2 or 5 × 10^n), labelled on the left.
  const rough = span.times(1.1).dividedBy(5);
  const magnitude = new Decimal(10).pow(Math.floor(Math.log10(rough.toNumber())));
  const step = [1, 2, 5, 10].map((m) => magnitude.times(m)).find((m) => m.greaterThanOrEqualTo(rough))!;
  for (let v = lo.dividedBy(step).ceil().times(step); v.lessThanOrEqualTo(lo.plus(span.times(1.1))); v = v.plus(step)) {
    const y = yPos(v);
    svg.line(left, y, width - right, y, "#e3e3e3");
    svg.text(left - 10, y + 4, formatDecimal(v, Math.min(2, v.decimalPlaces())), { size: 11, anchor: "end", fill: "#666" });
  }
  svg.line(left, height - bottom, width - right, height - bottom, "#999");
  const grey = "#999999";
  const blue = "#2b6cb0";
  // Range targets: a grey band from the lower to the upper bound.
  points.forEach((p, i) => {
    if (!p.range) return;
    const x = xPos(i);
    svg.rect(x - 5, yPos(p.range.max), 10, yPos(p.range.min) - yPos(p.range.max), "#cccccc");
    svg.text(x, yPos(p.range.min) + 18, `${formatDecimal(p.range.min, Math.min(2, p.range.min.decimalPlaces()))}–${fmt(p.range.max)}`, { size: 12, anchor: "middle", fill: "#555" });
  });
  const series = [
    { key: "target" as const, colour: grey, dash: true, name: word("grafik.seri_target") },
    { key: "actual" as const, colour: blue, dash: false, name: word("grafik.seri_realisasi") },
  ];
  for (const s of series) {
    let prev: { x: number; y: number } | undefined;
    points.forEach((p, i) => {
      const v = p[s.key];
      if (v === undefined) {
        prev = undefined;
        return;
      }
      const pt = { x: xPos(i), y: yPos(v) };
      if (prev) svg.line(prev.x, prev.y, pt.x, pt.y, s.colour, s.dash, 2.5);
      svg.circle(pt.x, pt.y, 5, s.colour);
      svg.text(pt.x, pt.y + (s.key === "actual" ? -12 : 20), fmt(v), { size: 12, anchor: "middle", bold: s.key === "actual", fill: s.key === "target" ? "#555" : "#1a3f6b" });
      prev = pt;
    });
  }
  points.forEach((p, i) => svg.text(xPos(i), height - bottom + 24, String(p.year), { size: 13, anchor: "middle" }));
  const ly = height - 24;
  series.forEach((s, k) => {
    const x = left + k * 180;
    svg.line(x, ly - 5, x + 24, ly - 5, s.colour, s.dash, 3);
    svg.text(x + 32, ly, s.name, { size: 12 });
  });
  return svg.done(width, height, title);
}

/** Render a chart to PNG with the bundled fonts; rendering and compression run on libuv's thread pool, or on the export thread itself (thread-pool-use.ts). */
export async function toPng(chart: Chart): Promise<Uint8Array> {
  const options = { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: DEFAULT_FONT }, fitTo: { mode: "original" as const } };
  const image = ON_LIBUV_POOL ? await renderAsync(chart.svg, options) : new Resvg(chart.svg, options).render();
  return encodePng(image.width, image.height, image.pixels);
}
