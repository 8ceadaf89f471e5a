/**
 * Ink formats every figure a paragraph or table prints, with the agency's
 * settings, and records it (kind, exact text, source key) so that a test can
 * check that each number in a sentence is the same as in the tables and in
 * the calculation core. Tables and paragraphs use the same Ink methods, so a
 * figure is formatted one way only.
 */
import { Decimal, toPlainString } from "../decimal.js";
import type { GradeValue } from "../calc/grade.js";
import { formatGrade } from "../calc/grade.js";
import type { NumericTarget } from "../calc/achievement.js";
import { formatDecimal, formatMoney, formatPercent, formatPlain, formatPoints, type MoneyStyle } from "../numbers/format.js";
import { countInWords, terbilang, terbilangRupiah } from "../numbers/terbilang.js";
import type { Cell, NumberKind, Paragraph, Part } from "./document.js";
import { renderTemplate } from "./templates.js";

export interface InkSettings {
  decimals: number;
  moneyStyle: MoneyStyle;
}

/** Formatting functions without recording, shared by Ink and table cells. */
export class Format {
  constructor(readonly settings: InkSettings) {}

  /** A percentage computed by the core (capaian, serapan, kemajuan): fixed decimals. */
  percent(d: Decimal): string {
    return formatPercent(d, this.settings.decimals);
  }
  /** A number in the indicator's unit, as entered (up to 4 decimals): "86,11%", "1.373 orang". */
  measure(d: Decimal, unit: string): string {
    return withUnit(formatPlain(d, 4), unit);
  }
  /** A computed number in the indicator's unit (e.g. 31/36 × 100): fixed decimals. */
  computedMeasure(d: Decimal, unit: string): string {
    return withUnit(formatDecimal(d, this.settings.decimals), unit);
  }
  target(t: NumericTarget, unit: string): string {
    if (t.kind === "point") return this.measure(t.value, unit);
    const sep = unit === "%" ? "%" : "";
    return withUnit(`${formatPlain(t.min, 4)}${sep}–${formatPlain(t.max, 4)}`, unit);
  }
  grade(g: GradeValue): string {
    return formatGrade(g, (d) => formatDecimal(d, 2));
  }
  points(d: Decimal): string {
    return formatPoints(d.abs(), this.settings.decimals);
  }
  ratio(d: Decimal): string {
    return formatDecimal(d, 2);
  }
  money(d: Decimal): string {
    return formatMoney(d, this.settings.moneyStyle);
  }
  plain(d: Decimal): string {
    return formatPlain(d, 4);
  }
}

/** Attach a unit the way reports write it: "86,11%" but "382 jiwa". */
export function withUnit(number: string, unit: string): string {
  const u = unit.trim();
  if (u === "%" || u === "") return `${number}${u}`;
  return `${number} ${u}`;
}

export class Ink {
  readonly parts: Part[] = [];
  constructor(readonly format: Format) {}

  private record(kind: Part["kind"], text: string, source?: string): string {
    this.parts.push(source === undefined ? { kind, text } : { kind, text, source });
    return text;
  }
  value(source: string, text: string): string {
    return this.record("value", text, source);
  }
  percent(source: string, d: Decimal): string {
    return this.value(source, this.format.percent(d));
  }
  measure(source: string, d: Decimal, unit: string): string {
    return this.value(source, this.format.measure(d, unit));
  }
  money(source: string, d: Decimal): string {
    return this.value(source, this.format.money(d));
  }
  points(source: string, d: Decimal): string {
    return this.value(source, this.format.points(d));
  }
  ratio(source: string, d: Decimal): string {
    return this.value(source, this.format.ratio(d));
  }
  year(y: number): string {
    return this.record("year", String(y));
  }
  /** "4 (empat)" */
  count(n: number): string {
    return this.record("count", countInWords(n));
  }
  /** A bare count word for agreement: "empat". */
  countWords(n: number): string {
    return this.record("count", terbilang(n));
  }
  code(text: string): string {
    return this.record("code", text);
  }
  /** User-provided or fixed text that may contain digits (names, factors, thresholds). */
  text(text: string): string {
    return this.record("text", text);
  }
  terbilangRupiah(d: Decimal): string {
    return this.record("text", terbilangRupiah(d));
  }

  /** Render a template into a paragraph carrying the parts it actually prints (a view may offer more). */
  paragraph(template: string, view: object): Paragraph {
    const text = renderTemplate(template, view);
    return { type: "paragraph", text, parts: this.parts.filter((p) => text.includes(p.text)) };
  }
}

export function cell(text: string, source?: string): Cell {
  return source === undefined ? { text } : { text, source };
}

/** A cell showing a number, carrying the exact value for spreadsheets. */
export function numberCell(text: string, source: string | undefined, value: Decimal, kind: NumberKind): Cell {
  const c = cell(text, source);
  c.value = { number: toPlainString(value), kind };
  return c;
}
