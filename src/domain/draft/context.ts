/** Everything a section builder needs: the data, the computed figures, the wording and the formats. */
import { renderMustache } from "../mustache.js";
import type { AgencyResult, IndicatorResult, ObjectiveResult } from "../calc/agency.js";
import { describeBand, type Band } from "../calc/scale.js";
import { formatPlain } from "../numbers/format.js";
import { Decimal } from "../decimal.js";
import type { AgencyFile } from "../schema/agency.js";
import type { Column, Row, Table } from "./document.js";
import { Format, Ink } from "./ink.js";
import { wordingFile } from "./templates.js";

type Words = Record<string, unknown>;

/** Wording templates by dotted path (kosakata.json is read once and never changes). */
const WORDS_BY_PATH = new Map<string, string>();

export interface TableWording {
  judul: string;
  kolom: string[];
  grup?: string[];
  perubahan?: string;
  keterangan?: string;
}

export class DraftContext {
  readonly format: Format;
  readonly year: number;
  readonly previousYear: number;
  private readonly words: Words;
  private readonly tableWords: Record<string, TableWording | string>;

  constructor(
    readonly file: AgencyFile,
    readonly result: AgencyResult,
  ) {
    this.format = new Format({ decimals: file.profile.decimals, moneyStyle: file.profile.moneyStyle });
    this.year = result.year;
    this.previousYear = result.year - 1;
    this.words = wordingFile<Words>("kosakata");
    this.tableWords = wordingFile<Record<string, TableWording | string>>("tabel");
  }

  ink(): Ink {
    return new Ink(this.format);
  }

  /** A word from templates/kosakata.json by dotted path, rendered with `view`. */
  word(path: string, view: object = {}): string {
    let template = WORDS_BY_PATH.get(path);
    if (template === undefined) {
      let node: unknown = this.words;
      for (const key of path.split(".")) node = (node as Words | undefined)?.[key];
      if (typeof node !== "string") throw new Error(`Unknown wording: ${path}`);
      template = node;
      WORDS_BY_PATH.set(path, template);
    }
    return renderMustache(template, view);
  }

  private tableWording(key: string): TableWording {
    const w = this.tableWords[key];
    if (!w || typeof w === "string") throw new Error(`Unknown table wording: ${key}`);
    return w;
  }

  /** Caption and headers of table `key` from templates/tabel.json, with years filled in. */
  tableText(key: string, view: object = {}): TableWording {
    const w = this.tableWording(key);
    const render = (s: string) => renderMustache(s, { tahun: this.year, ...view });
    const out: TableWording = { judul: render(w.judul), kolom: w.kolom.map(render) };
    if (w.grup) out.grup = w.grup.map(render);
    if (w.perubahan) out.perubahan = render(w.perubahan);
    if (w.keterangan) out.keterangan = render(w.keterangan);
    return out;
  }

  /** "Sumber: …" line under every table. */
  sourceLine(): string {
    const dataSource = this.file.profile.dataSource ?? this.file.agency.name;
    const template = this.tableWords.sumber_bawaan;
    const text = typeof template === "string" ? renderMustache(template, { instansi: dataSource, tahun: this.year }) : dataSource;
    return `Sumber: ${text}`;
  }

  table(number: string, caption: string, columns: Column[], rows: Row[], note?: string): Table {
    const t: Table = { type: "table", number, caption, columns, rows, source: this.sourceLine() };
    if (note) t.note = note;
    return t;
  }

  indicator(id: string): IndicatorResult {
    const r = this.result.indicatorById.get(id);
    if (!r) throw new Error(`Unknown indicator ${id}`);
    return r;
  }

  objectiveOf(indicator: IndicatorResult): ObjectiveResult {
    return this.result.objectives.find((o) => o.id === indicator.objectiveId)!;
  }

  /** Indicators grouped by sasaran, in document order. */
  groups(): { objective: ObjectiveResult; indicators: IndicatorResult[] }[] {
    return this.result.objectives.map((objective) => ({ objective, indicators: objective.indicatorIds.map((id) => this.indicator(id)) }));
  }

  /** The band of a category, as printed in the scale table: "≥ 91". */
  interval(category: string): string {
    const band = this.result.scale.bands.find((b: Band) => b.label === category);
    return band ? describeBand(band, (v) => formatPlain(new Decimal(v), 2)) : "";
  }

  /** Indicator display code: its own ("1.1") or its position. */
  code(indicator: IndicatorResult): string {
    if (indicator.indicator.code) return indicator.indicator.code;
    const o = this.objectiveOf(indicator);
    const objectiveNumber = this.result.objectives.indexOf(o) + 1;
    return `${o.objective.code ?? objectiveNumber}.${o.indicatorIds.indexOf(indicator.id) + 1}`;
  }

  /** "Program Rehabilitasi Sosial", without doubling a level word the name already starts with. */
  lineTitle(line: { level: string; name: string }): string {
    const level = this.word(`tingkat.${line.level}`);
    return line.name.toLowerCase().startsWith(level.toLowerCase()) ? line.name : `${level} ${line.name}`;
  }

  objectiveCode(o: ObjectiveResult): string {
    return o.objective.code ?? String(this.result.objectives.indexOf(o) + 1);
  }
}
