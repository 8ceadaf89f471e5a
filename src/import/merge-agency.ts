/**
 * An agency file (the JSON of /ekspor) merged into an agency: how the data of a Dinas registered twice is brought
 * into the registration that is kept, before the other is closed. Nothing the agency holds is overwritten:
 *
 * - sasaran are matched by name, indicators by name (in the same sasaran first, then anywhere), budget lines by
 *   level, parent and code (or name when either has no code);
 * - what the agency lacks is added: sasaran, indicators and budget lines whole (with new ids, their links to
 *   indicators carried over), and, of an indicator or line it has, each answer it has not given (a year's target,
 *   its realisasi, a factor list, the national figure, a pagu …);
 * - an answer given in both with different values is kept as the agency has it and reported as a difference, to
 *   be settled by hand; an indicator whose unit or kind differs is not merged at all (its figures would not mean
 *   the same), and reported.
 *
 * Sasaran and indicators are numbered by their place afterwards (1, 1.1 …), as after any addition. The profile,
 * the agency's own details and its members are not taken from the file. The result is validated by
 * the caller (an edit validates the whole agency), as every edit is.
 */
import type { AgencyFile } from "../domain/schema/agency.js";
import type { BudgetLine } from "../domain/schema/budget.js";
import type { Indicator, Objective, YearValues } from "../domain/schema/indicator.js";
import { idAllocator, renumber } from "../app/ids.js";
import { ID_PREFIX } from "./budget-rows.js";
import { nameKey, sameName } from "../app/by-name.js";
import { Decimal } from "../domain/decimal.js";

/** An answer given differently in the agency and in the file: `field` is its path in the agency (see describeField). */
export interface MergeDifference {
  field: string;
  kept: unknown;
  file: unknown;
}

export interface MergeResult {
  counts: { sasaran: number; indikator: number; anggaran: number; diisi: number };
  differences: MergeDifference[];
  /** Indicators not merged, their unit or kind differing: the agency's path of each (see describeField), why, and the unit or kind in each. */
  skipped: { field: string; why: "satuan" | "jenis"; kept: string; file: string }[];
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Equal answers: the same JSON, decimals compared as numbers ("80" and "80.00"). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string" && DECIMAL.test(a) && DECIMAL.test(b)) return new Decimal(a).eq(b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const copy = <T>(v: T): T => structuredClone(v);

class Merger {
  readonly result: MergeResult = { counts: { sasaran: 0, indikator: 0, anggaran: 0, diisi: 0 }, differences: [], skipped: [] };
  private readonly newId: (prefix: string) => string;
  /** The file's indicator ids → the agency's. */
  private readonly indicators = new Map<string, string>();
  /** The file's budget line ids → the agency's. */
  private readonly lines = new Map<string, string>();

  /** The agency's indicators by sasaran and name, and by name alone (the first of that name). */
  private readonly byObjective = new Map<string, Indicator>();
  private readonly byName = new Map<string, [Objective, Indicator]>();
  /** The agency's budget lines by level, parent and code (those with a code), or name (all; and those without a code). */
  private readonly lineByCode = new Map<string, BudgetLine>();
  private readonly lineByName = new Map<string, BudgetLine>();
  private readonly uncodedLineByName = new Map<string, BudgetLine>();

  constructor(private readonly d: AgencyFile) {
    this.newId = idAllocator(d);
    for (const o of d.objectives) for (const i of o.indicators) this.indexIndicator(o, i);
    for (const l of d.budgetLines) this.indexLine(l);
  }

  private indexIndicator(o: Objective, i: Indicator): void {
    const key = nameKey(i.name);
    if (!this.byObjective.has(`${o.id}\u0000${key}`)) this.byObjective.set(`${o.id}\u0000${key}`, i);
    if (!this.byName.has(key)) this.byName.set(key, [o, i]);
  }

  private static lineKey(level: string, parentId: string | undefined, text: string): string {
    return `${level}\u0000${parentId ?? ""}\u0000${nameKey(text)}`;
  }

  private indexLine(l: BudgetLine): void {
    const put = (map: Map<string, BudgetLine>, key: string) => map.has(key) || map.set(key, l);
    if (l.code !== undefined) put(this.lineByCode, Merger.lineKey(l.level, l.parentId, l.code));
    else put(this.uncodedLineByName, Merger.lineKey(l.level, l.parentId, l.name));
    put(this.lineByName, Merger.lineKey(l.level, l.parentId, l.name));
  }

  /** The agency's line `from` is: same level and parent, the same code when both have one, else the same name. */
  private findLine(from: BudgetLine, parentId: string | undefined): BudgetLine | undefined {
    if (from.code === undefined) return this.lineByName.get(Merger.lineKey(from.level, parentId, from.name));
    return this.lineByCode.get(Merger.lineKey(from.level, parentId, from.code)) ?? this.uncodedLineByName.get(Merger.lineKey(from.level, parentId, from.name));
  }

  /** One answer: given in the file and not in the agency, it is taken; given in both differently, reported. */
  private slot(field: string, kept: unknown, file: unknown, take: () => void): void {
    if (file === undefined) return;
    if (kept === undefined) {
      take();
      this.result.counts.diisi++;
    } else if (!same(kept, file)) this.result.differences.push({ field, kept, file });
  }

  /**
   * A sasaran of the file: the agency's of that name, or a new one, added when one of its indicators is (each of
   * them may be found under another sasaran of the agency) or when it has none.
   */
  objective(from: Objective): void {
    const found = this.d.objectives.find((o) => sameName(o.name, from.name));
    if (found) this.slot(`objectives/${found.id}/goal`, found.goal, from.goal, () => (found.goal = from.goal));
    let added: Objective | undefined;
    const target = (): Objective => {
      if (found ?? added) return (found ?? added)!;
      added = { id: this.newId("S"), name: from.name, indicators: [] };
      if (from.goal !== undefined) added.goal = from.goal;
      this.d.objectives.push(added);
      this.result.counts.sasaran++;
      return added;
    };
    if (from.indicators.length === 0) target();
    for (const ind of from.indicators) this.indicator(found, target, ind);
  }

  /** An indicator of the file's sasaran: matched in the agency's sasaran of that name (`o`), then anywhere; or added under `target()`. */
  private indicator(o: Objective | undefined, target: () => Objective, from: Indicator): void {
    const key = nameKey(from.name);
    const here = o && this.byObjective.get(`${o.id}\u0000${key}`);
    const [owner, to] = o && here ? [o, here] : (this.byName.get(key) ?? [undefined, undefined]);
    if (!to || !owner) {
      const into = target();
      const added = { ...copy(from), id: this.newId("I") };
      into.indicators.push(added);
      this.indexIndicator(into, added);
      this.indicators.set(from.id, added.id);
      this.result.counts.indikator++;
      return;
    }
    this.indicators.set(from.id, to.id);
    const base = `objectives/${owner.id}/indicators/${to.id}`;
    if (nameKey(to.unit) !== nameKey(from.unit)) return void this.result.skipped.push({ field: base, why: "satuan", kept: to.unit, file: from.unit });
    if (to.kind !== from.kind || to.gradeTable !== from.gradeTable || !same(to.ratioScale, from.ratioScale)) {
      return void this.result.skipped.push({ field: base, why: "jenis", kept: to.kind, file: from.kind });
    }
    const t = to;
    this.slot(`${base}/polarity`, t.polarity, from.polarity, () => (t.polarity = from.polarity));
    // (An indicator's code is its place, numbered again once merged.)
    for (const key of ["definition", "dataSource", "responsibleUnit", "numeratorLabel", "denominatorLabel"] as const) {
      this.slot(`${base}/${key}`, t[key], from[key], () => (t[key] = from[key]));
    }
    for (const [year, values] of Object.entries(from.years)) if (values) this.year(`${base}/years/${year}`, t.years, year, values);
    this.slot(`${base}/predecessor`, t.predecessor, from.predecessor, () => (t.predecessor = copy(from.predecessor)));
    this.slot(`${base}/national`, t.national, from.national, () => (t.national = copy(from.national)));
    if (from.strategicPlan) {
      const plan = (t.strategicPlan ??= {});
      this.slot(`${base}/strategicPlan/finalTarget`, plan.finalTarget, from.strategicPlan.finalTarget, () => (plan.finalTarget = copy(from.strategicPlan!.finalTarget)));
      for (const [year, target] of Object.entries(from.strategicPlan.byYear ?? {})) {
        this.slot(`${base}/strategicPlan/byYear/${year}`, plan.byYear?.[year], target, () => ((plan.byYear ??= {})[year] = copy(target)));
      }
      if (Object.keys(plan).length === 0) delete t.strategicPlan;
    }
    if (from.factors) {
      const factors = (t.factors ??= {});
      for (const key of ["supporting", "inhibiting", "followUp"] as const) {
        this.slot(`${base}/factors/${key}`, factors[key], from.factors[key], () => (factors[key] = copy(from.factors![key])));
      }
      if (Object.keys(factors).length === 0) delete t.factors;
    }
    if (from.budget) {
      const budget = (t.budget ??= {});
      for (const key of ["budget", "spent"] as const) this.slot(`${base}/budget/${key}`, budget[key], from.budget[key], () => (budget[key] = from.budget![key]));
      if (Object.keys(budget).length === 0) delete t.budget;
    }
  }

  /** One year of an indicator: its target, its realisasi (a value, or numerator and denominator, as one answer), its note and quarters. */
  private year(path: string, years: Indicator["years"], year: string, from: YearValues): void {
    const y = (years[year] ??= {});
    this.slot(`${path}/target`, y.target, from.target, () => (y.target = copy(from.target)));
    const realisasi = (v: YearValues) => (v.actual === undefined && v.numerator === undefined && v.denominator === undefined ? undefined : { actual: v.actual, numerator: v.numerator, denominator: v.denominator });
    const theirs = realisasi(from);
    this.slot(`${path}/actual`, realisasi(y), theirs, () => {
      for (const key of ["actual", "numerator", "denominator"] as const) if (from[key] !== undefined) (y as Record<string, unknown>)[key] = copy(from[key]);
    });
    this.slot(`${path}/note`, y.note, from.note, () => (y.note = from.note));
    for (const [q, values] of Object.entries(from.quarters ?? {})) {
      if (!values) continue;
      const quarters = (y.quarters ??= {});
      const quarter = (quarters[q as "1"] ??= {});
      this.slot(`${path}/quarters`, quarter.target, values.target, () => (quarter.target = copy(values.target)));
      this.slot(`${path}/quarters`, quarter.actual, values.actual, () => (quarter.actual = copy(values.actual)));
    }
    if (Object.keys(y).length === 0) delete years[year];
  }

  /** The file's budget lines, parents before their children (a line whose parent is not in the file is passed over). */
  budgetLines(from: readonly BudgetLine[]): void {
    for (const level of ["program", "activity", "subActivity"] as const) {
      for (const line of from) if (line.level === level) this.budgetLine(line);
    }
  }

  private budgetLine(from: BudgetLine): void {
    const parentId = from.parentId === undefined ? undefined : this.lines.get(from.parentId);
    if (from.parentId !== undefined && parentId === undefined) return;
    const links = from.indicatorIds.map((id) => this.indicators.get(id)).filter((id): id is string => id !== undefined);
    const to = this.findLine(from, parentId);
    if (!to) {
      const added: BudgetLine = { ...copy(from), id: this.newId(ID_PREFIX[from.level]), indicatorIds: [...new Set(links)] };
      if (parentId === undefined) delete added.parentId;
      else added.parentId = parentId;
      this.d.budgetLines.push(added);
      this.indexLine(added);
      this.lines.set(from.id, added.id);
      this.result.counts.anggaran++;
      return;
    }
    this.lines.set(from.id, to.id);
    const base = `budgetLines/${to.id}`;
    for (const key of ["code", "budget", "spent", "note", "fundingSource"] as const) this.slot(`${base}/${key}`, to[key], from[key], () => (to[key] = from[key]));
    this.slot(`${base}/output`, to.output, from.output, () => (to.output = copy(from.output)));
    const linked = links.filter((id) => !to.indicatorIds.includes(id));
    if (linked.length > 0) {
      to.indicatorIds = [...to.indicatorIds, ...new Set(linked)];
      this.result.counts.diisi++;
    }
  }
}

/** Merge `source` into `d` (changed in place: an edit's draft); what was added, filled and found different. */
export function mergeAgency(d: AgencyFile, source: AgencyFile): MergeResult {
  const merger = new Merger(d);
  for (const objective of source.objectives) merger.objective(objective);
  merger.budgetLines(source.budgetLines);
  // New sasaran and indicators numbered by their place, as every other way of adding them does.
  if (merger.result.counts.sasaran + merger.result.counts.indikator > 0) renumber(d);
  return merger.result;
}
