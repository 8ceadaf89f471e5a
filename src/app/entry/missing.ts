/**
 * What is still missing for the reporting year, in the order the guided
 * entry asks it: per indicator its target and realisasi (and, right after a
 * realisasi that misses or far exceeds its target, the factors), the two
 * previous years, the Renstra final target, the national figure, the budget,
 * and finally the factors.
 */
import { currentYear } from "../../domain/calc/agency.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator, YearValues } from "../../domain/schema/indicator.js";
import type { BudgetLine } from "../../domain/schema/budget.js";
import { Decimal, presented } from "../../domain/decimal.js";
import { memo } from "../../domain/memo.js";
import { encodeKey, FACTOR_KINDS, type FactorKind, type QuestionKey } from "./keys.js";

/** A realisasi whose capaian exceeds this is "far exceeded": its factors are asked at once. */
export const FAR_EXCEEDED = new Decimal(120);

/**
 * Lookups of a stored (frozen, hence unchanging) agency file, built once per
 * array: an answer replaces the objectives (or the budget lines) but shares
 * the other array with the previous version, whose index is reused.
 */
/**
 * An indicator's place: objectives[objective].indicators[index]. The index
 * holds places, not the indicators: a young-generation collection keeps
 * alive whatever a WeakMap value reaches even when its key has died, so
 * while the index held the indicators, those of every agency in use through
 * one young collection (every agency in the cache) were moved to the old
 * generation by the next (docs/benchmark.md, item 27).
 */
type Placed = readonly [objective: number, index: number];
const INDICATORS = new WeakMap<AgencyFile["objectives"], Map<string, Placed>>();

/**
 * Where the budget lines are, by id and by linked indicator: it depends only
 * on each place's id and `indicatorIds`, so it holds places, not lines. An
 * answer on a budget line makes a new array whose lines keep their ids and
 * their (shared, frozen) `indicatorIds` arrays: the places found for the
 * previous array are checked against the new one and reused instead of
 * rebuilt (about half the answers of a full pass are on budget lines).
 */
interface LinePlaces {
  places: Map<string, number>;
  /** The places of the lines linked to each indicator, in array order. */
  linked: Map<string, readonly number[]>;
  /** Lines linked to more than one indicator (asked once, under the first). */
  shared: Set<string>;
  /** What it was built from: each place's id and `indicatorIds` array (compared by identity). */
  ids: readonly string[];
  /**
   * The `indicatorIds` arrays of the lines after the first. The first line's
   * is the key this index is found by in BY_FIRST_LINKS, and a WeakMap value
   * that reaches its own key is a cycle V8's young-generation collections
   * do not break: every agency loaded, with what its indexes reach, was
   * moved to the old generation and kept there until the next full
   * collection (test/app/young-garbage.test.ts; docs/benchmark.md, item 24).
   */
  laterLinks: readonly (readonly string[])[];
}
const LINE_PLACES = new WeakMap<AgencyFile["budgetLines"], LinePlaces>();
/** The places last built or reused for an array whose first line has this `indicatorIds` array: the candidate for the next version. */
const BY_FIRST_LINKS = new WeakMap<readonly string[], LinePlaces>();

/** Whether `index`, found by the first line's `indicatorIds`, still fits `budgetLines` place by place. */
function placesFit(index: LinePlaces, budgetLines: AgencyFile["budgetLines"]): boolean {
  if (index.ids.length !== budgetLines.length) return false;
  for (let i = 0; i < budgetLines.length; i++) {
    const line = budgetLines[i]!;
    if (line.id !== index.ids[i] || (i > 0 && line.indicatorIds !== index.laterLinks[i - 1])) return false;
  }
  return true;
}

function buildLinePlaces(budgetLines: AgencyFile["budgetLines"]): LinePlaces {
  const places = new Map<string, number>();
  const linked = new Map<string, number[]>();
  const shared = new Set<string>();
  // An index loop: `entries()` makes a pair per line, built for every agency loaded.
  for (let place = 0; place < budgetLines.length; place++) {
    const l = budgetLines[place]!;
    places.set(l.id, place);
    if (l.indicatorIds.length > 1) shared.add(l.id);
    for (const id of l.indicatorIds) {
      const list = linked.get(id);
      if (list) list.push(place);
      else linked.set(id, [place]);
    }
  }
  const ids: string[] = [];
  const laterLinks: (readonly string[])[] = [];
  for (let place = 0; place < budgetLines.length; place++) {
    ids.push(budgetLines[place]!.id);
    if (place > 0) laterLinks.push(budgetLines[place]!.indicatorIds);
  }
  return { places, linked, shared, ids, laterLinks };
}

/** The indicators of a stored file by id; undefined for a draft being edited (scanned instead). */
function indicatorIndex(file: AgencyFile): Map<string, Placed> | undefined {
  const objectives = file.objectives;
  if (!Object.isFrozen(objectives)) return undefined;
  return memo(INDICATORS, objectives, buildIndicatorIndex);
}

// Index loops, not forEach: a stored file's arrays are frozen, and Node 20's V8 runs forEach, map, some,
// find … over a frozen array many times slower than over an unfrozen one (docs/benchmark.md, item 38).
function buildIndicatorIndex(objectives: AgencyFile["objectives"]): Map<string, Placed> {
  const index = new Map<string, Placed>();
  for (let objective = 0; objective < objectives.length; objective++) {
    const indicators = objectives[objective]!.indicators;
    for (let i = 0; i < indicators.length; i++) index.set(indicators[i]!.id, [objective, i]);
  }
  return index;
}

/** Where indicator `id` is in a stored file ([objective, index]); undefined when it is not there, or for a draft. */
export function indicatorPlace(file: AgencyFile, id: string): readonly [number, number] | undefined {
  return indicatorIndex(file)?.get(id);
}

/** Where budget line `id` is in a stored file's budgetLines; undefined when it is not there, or for a draft. */
export function linePlace(file: AgencyFile, id: string): number | undefined {
  return lineIndex(file)?.places.get(id);
}

/** The places of a stored file's budget lines; undefined for a draft. */
function lineIndex(file: AgencyFile): LinePlaces | undefined {
  const budgetLines = file.budgetLines;
  if (!Object.isFrozen(budgetLines)) return undefined;
  return memo(LINE_PLACES, budgetLines, linePlacesOf); // asked for every indicator of every answer
}

/** The places of a frozen budget-line array: those of its previous version when they still fit, or built afresh. */
function linePlacesOf(budgetLines: AgencyFile["budgetLines"]): LinePlaces {
  const first = budgetLines[0]?.indicatorIds;
  const previous = first && Object.isFrozen(first) ? BY_FIRST_LINKS.get(first) : undefined;
  const index = previous && placesFit(previous, budgetLines) ? previous : buildLinePlaces(budgetLines);
  if (first && Object.isFrozen(first)) BY_FIRST_LINKS.set(first, index);
  return index;
}

/** Budget line `id`: found by the line index in a stored file, by a scan in a draft. */
export function findLine(file: AgencyFile, id: string): BudgetLine | undefined {
  const index = lineIndex(file);
  if (!index) return file.budgetLines.find((l) => l.id === id);
  const place = index.places.get(id);
  return place === undefined ? undefined : file.budgetLines[place];
}

export function isFilled(file: AgencyFile, key: QuestionKey): boolean {
  if (key.q === "line") return lineFilled(file, key);
  const ind = findIndicator(file, key.indicatorId);
  return !ind || answered(ind, key);
}

function lineFilled(file: AgencyFile, key: Extract<QuestionKey, { q: "line" }>): boolean {
  const line = findLine(file, key.lineId);
  return line === undefined || line[key.field] !== undefined;
}

function targetAnswered(ind: Indicator, year: number): boolean {
  return ind.years[String(year)]?.target !== undefined;
}

/** Whether the values `y` of a year of an indicator of kind `kind` hold its realisasi (a ratio's numerator and denominator count). */
export function hasActual(kind: Indicator["kind"], y: YearValues | undefined): boolean {
  if (!y) return false;
  return kind === "ratio" ? (y.numerator !== undefined && y.denominator !== undefined) || y.actual !== undefined : y.actual !== undefined;
}

function actualAnswered(ind: Indicator, year: number): boolean {
  return hasActual(ind.kind, ind.years[String(year)]);
}

/** Whether a question about indicator `ind` (its own, not a budget line's) has its answer. */
function answered(ind: Indicator, key: Exclude<QuestionKey, { q: "line" }>): boolean {
  switch (key.q) {
    case "target":
      return targetAnswered(ind, key.year);
    case "actual":
      return actualAnswered(ind, key.year);
    case "final":
      return ind.strategicPlan?.finalTarget !== undefined;
    case "national":
      return ind.national !== undefined;
    case "factors":
      return ind.factors?.[key.which] !== undefined;
    case "budget":
      return ind.budget?.[key.field] !== undefined;
  }
}

export function findIndicator(file: AgencyFile, id: string): Indicator | undefined {
  const index = indicatorIndex(file);
  if (index) {
    const placed = index.get(id);
    return placed && file.objectives[placed[0]]!.indicators[placed[1]];
  }
  for (const o of file.objectives) for (const i of o.indicators) if (i.id === id) return i;
  return undefined;
}

/**
 * Why the factors of an indicator are asked right after its realisasi: its target missed (a predikat below its
 * target too), or far exceeded; undefined when neither (or no capaian yet), and they come at the end.
 */
export function factorsCall(file: AgencyFile, ind: Indicator): "missed" | "far" | undefined {
  const { current, comparison } = currentYear(ind, file);
  if (comparison === "below") return "missed";
  const a = current.achievement;
  return a.status === "ok" && presented(a.value, file.profile.decimals).greaterThan(FAR_EXCEEDED) ? "far" : undefined;
}

/**
 * The factors' asking order for a target missed: what held it back first (an officer just told the target was missed
 * answers with the causes of that: asked for supporting factors first, they typed the inhibiting ones), then what
 * supported it and the follow-up. Otherwise FACTOR_KINDS' order: supporting, inhibiting, follow-up.
 */
const MISSED_ORDER: readonly FactorKind[] = ["inhibiting", "supporting", "followUp"];

/**
 * Every question of the full pass for one indicator, filled or not, in asking
 * order. `countMissing` counts the unanswered ones without listing them: a
 * question added here must be counted there (test/app/missing.test.ts walks
 * full passes comparing the two).
 */
export function indicatorQuestions(file: AgencyFile, ind: Indicator): QuestionKey[] {
  const year = file.agency.reportingYear;
  const id = ind.id;
  const keys: QuestionKey[] = [{ q: "target", indicatorId: id, year }, { q: "actual", indicatorId: id, year }];
  const call = factorsCall(file, ind);
  const factors = (call === "missed" ? MISSED_ORDER : FACTOR_KINDS).map((which) => ({ q: "factors" as const, indicatorId: id, which }));
  const early = call !== undefined;
  if (early) keys.push(...factors);
  // An indicator that replaced an older one has no history of its own: the predecessor's years are shown instead.
  if (!ind.predecessor) for (const y of [year - 1, year - 2]) keys.push({ q: "target", indicatorId: id, year: y }, { q: "actual", indicatorId: id, year: y });
  keys.push({ q: "final", indicatorId: id }, { q: "national", indicatorId: id });
  const linked = linkedLines(file, id);
  if (linked.length > 0) {
    for (const line of linked) keys.push({ q: "line", lineId: line.id, field: "budget" }, { q: "line", lineId: line.id, field: "spent" });
  } else {
    keys.push({ q: "budget", indicatorId: id, field: "budget" }, { q: "budget", indicatorId: id, field: "spent" });
  }
  if (!early) keys.push(...factors);
  return keys;
}

const NO_LINES: readonly BudgetLine[] = Object.freeze([]);
const NO_PLACES: readonly number[] = Object.freeze([]);

/**
 * How many questions of `indicatorQuestions(file, ind)` are unanswered,
 * without making their keys or working out the capaian that decides their
 * order: loading an agency counts every indicator's questions, and only the
 * first indicator with one open is then listed. `places` are the places of
 * its linked lines in the line index.
 */
function countMissing(file: AgencyFile, ind: Indicator, places: readonly number[]): number {
  const year = file.agency.reportingYear;
  const years = ind.predecessor ? [year] : [year, year - 1, year - 2];
  let n = 0;
  for (const y of years) n += (targetAnswered(ind, y) ? 0 : 1) + (actualAnswered(ind, y) ? 0 : 1);
  for (const which of FACTOR_KINDS) if (ind.factors?.[which] === undefined) n++;
  if (ind.strategicPlan?.finalTarget === undefined) n++;
  if (ind.national === undefined) n++;
  if (places.length === 0) return n + (ind.budget?.budget === undefined ? 1 : 0) + (ind.budget?.spent === undefined ? 1 : 0);
  for (const place of places) {
    const line = file.budgetLines[place]!;
    n += (line.budget === undefined ? 1 : 0) + (line.spent === undefined ? 1 : 0);
  }
  return n;
}

function linkedLines(file: AgencyFile, id: string): readonly BudgetLine[] {
  const index = lineIndex(file);
  if (!index) return file.budgetLines.filter((l) => l.indicatorIds.includes(id));
  const places = index.linked.get(id);
  return places ? places.map((place) => file.budgetLines[place]!) : NO_LINES;
}

/**
 * Unanswered questions per stored indicator, with their keys spelled out,
 * kept while the indicator, the profile and reporting year (which decide its
 * capaian, hence whether its factors come early) and, of its linked lines,
 * the places and which of their two figures are answered, are unchanged.
 */
interface Missing {
  keys: QuestionKey[];
  codes: string[];
}
/**
 * How many questions are open, and (listed when first needed) which. The
 * linked lines are described by their places (the line index's own array)
 * and a number, not kept: while this value held the line objects, every
 * agency loaded survived V8's young-generation collections, as with a value
 * that reaches its own key (LinePlaces.laterLinks), and was moved to the old
 * generation until a full collection (test/app/young-garbage.test.ts;
 * docs/benchmark.md, item 24).
 */
interface MissingEntry {
  year: number;
  profile: AgencyFile["profile"];
  /** The linked lines' places, as the line index holds them (compared by identity). */
  places: readonly number[];
  /** Which of their figures are answered (see `answeredLines`). */
  answered: number;
  count: number;
  missing: Missing | undefined;
}
const missingMemo = new WeakMap<Indicator, MissingEntry>();

/** Linked lines beyond this many are not memoised (two bits per line must stay exact in a double). */
const MAX_MEMO_LINES = 26;

/** Two bits per line at `places`: whether its budget, and its spending, are answered. */
function answeredLines(file: AgencyFile, places: readonly number[]): number {
  let bits = 0;
  for (let k = 0; k < places.length; k++) {
    const line = file.budgetLines[places[k]!]!;
    bits = bits * 4 + (line.budget === undefined ? 0 : 2) + (line.spent === undefined ? 0 : 1);
  }
  return bits;
}

function listMissing(file: AgencyFile, ind: Indicator): Missing {
  const keys = indicatorQuestions(file, ind).filter((key) => !(key.q === "line" ? lineFilled(file, key) : answered(ind, key)));
  return { keys, codes: keys.map(encodeKey) };
}

/** The memo of a stored indicator; undefined for a draft (its questions are listed each time). */
function missingEntry(file: AgencyFile, ind: Indicator): MissingEntry | undefined {
  if (!(Object.isFrozen(file) && Object.isFrozen(ind))) return undefined;
  const index = lineIndex(file);
  if (!index) return undefined;
  const places = index.linked.get(ind.id) ?? NO_PLACES;
  if (places.length > MAX_MEMO_LINES) return undefined;
  const year = file.agency.reportingYear;
  const answered = answeredLines(file, places);
  const hit = missingMemo.get(ind);
  if (hit && hit.year === year && hit.profile === file.profile && hit.places === places && hit.answered === answered) return hit;
  const entry: MissingEntry = { year, profile: file.profile, places, answered, count: countMissing(file, ind, places), missing: undefined };
  missingMemo.set(ind, entry);
  return entry;
}

/** The open questions of `ind`, listed once per memo entry (`entry`: its memo, if it has one). */
function listedMissing(file: AgencyFile, ind: Indicator, entry: MissingEntry | undefined): Missing {
  if (!entry) return listMissing(file, ind);
  return (entry.missing ??= listMissing(file, ind));
}

function indicatorMissing(file: AgencyFile, ind: Indicator): Missing {
  return listedMissing(file, ind, missingEntry(file, ind));
}

/**
 * Visit the unanswered questions of the whole agency in asking order, not
 * counting those skipped in this pass. A budget line linked to several
 * indicators is asked once (under the first); every other question belongs
 * to one indicator (ids are unique).
 */
function eachMissing(file: AgencyFile, skipped: ReadonlySet<string>, visit: (key: QuestionKey) => void): void {
  const shared = lineIndex(file)?.shared; // undefined for a draft: any line may be shared
  let asked: Set<string> | undefined;
  for (const o of file.objectives) {
    for (const ind of o.indicators) {
      const { keys, codes } = indicatorMissing(file, ind);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const code = codes[k]!;
        if (key.q === "line" && (shared === undefined || shared.has(key.lineId))) {
          asked ??= new Set();
          if (asked.has(code)) continue;
          asked.add(code);
        }
        if (skipped.size > 0 && skipped.has(code)) continue;
        visit(key);
      }
    }
  }
}

/** The unanswered questions of the whole agency (see eachMissing). */
export function missingQuestions(file: AgencyFile, skipped: ReadonlySet<string> = new Set()): QuestionKey[] {
  const out: QuestionKey[] = [];
  eachMissing(file, skipped, (key) => out.push(key));
  return out;
}

/** The first unanswered question and how many there are (what the guided entry shows), without listing them. */
export function nextMissing(file: AgencyFile, skipped: ReadonlySet<string> = new Set()): { next: QuestionKey | undefined; count: number } {
  let next: QuestionKey | undefined;
  let count = 0;
  if (skipped.size === 0 && lineIndex(file)?.shared.size === 0) {
    // Nothing skipped and no line shared between indicators: every indicator's open questions count as they
    // are, and only the first indicator with one open is listed.
    for (const o of file.objectives) {
      for (const ind of o.indicators) {
        const entry = missingEntry(file, ind); // validated once for the count and the list
        const n = entry ? entry.count : listMissing(file, ind).keys.length;
        if (n === 0) continue;
        next ??= listedMissing(file, ind, entry).keys[0];
        count += n;
      }
    }
    return { next, count };
  }
  eachMissing(file, skipped, (key) => {
    next ??= key;
    count++;
  });
  return { next, count };
}

/** How complete the reporting year is: answered / total questions per indicator. */
export function completeness(file: AgencyFile, ind: Indicator): { answered: number; total: number } {
  const keys = indicatorQuestions(file, ind);
  return { answered: keys.filter((k) => isFilled(file, k)).length, total: keys.length };
}

/** Where a question's answer lives in the agency data (an id path, as in the audit trail). */
export function fieldPathOf(file: AgencyFile, key: QuestionKey): string {
  if (key.q === "line") return `budgetLines/${key.lineId}/${key.field}`;
  const place = indicatorPlace(file, key.indicatorId);
  const o = place ? file.objectives[place[0]] : file.objectives.find((x) => x.indicators.some((i) => i.id === key.indicatorId));
  const base = `objectives/${o?.id}/indicators/${key.indicatorId}`;
  switch (key.q) {
    case "target":
    case "actual":
      return `${base}/years/${key.year}/${key.q}`;
    case "final":
      return `${base}/strategicPlan/finalTarget`;
    case "national":
      return `${base}/national`;
    case "factors":
      return `${base}/factors/${key.which}`;
    case "budget":
      return `${base}/budget/${key.field}`;
  }
}
