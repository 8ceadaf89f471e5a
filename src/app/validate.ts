/**
 * Validating an edited copy of an agency's data against the stored version.
 *
 * The stored data is valid and frozen. An edit usually changes one answer of
 * one indicator or one budget line; then only that item is checked again
 * (the agency-level rules only concern ids, parents and links, which such an
 * edit cannot touch): a budget line with its schema, an indicator field by
 * field — each changed field with its own schema, then the rules across the
 * indicator's fields on the result (the unchanged fields were valid already).
 * Any other edit is checked with the full agency schema. Either way the
 * result shares every unchanged part with the stored version (same objects),
 * so unchanged indicators keep their computed results and writes freeze only
 * what is new.
 */
import type { z } from "zod";
import { AgencyFileSchema, type AgencyFile } from "../domain/schema/agency.js";
import { BudgetLineSchema } from "../domain/schema/budget.js";
import { IndicatorFieldsSchema, indicatorRules, type Indicator } from "../domain/schema/indicator.js";
import { diffAgency } from "./paths.js";

export type Validated = { ok: true; data: AgencyFile } | { ok: false; error: z.ZodError };

type Node = Record<string, unknown>;
const isObject = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Keys of an indicator or budget line that other items refer to or that place it: changing them needs the full check. */
const STRUCTURAL = new Set(["id", "parentId", "level", "indicatorIds"]);

/**
 * `after` with every subtree that equals the one in `before` replaced by the
 * `before` object. Lists of items with ids are matched by id.
 */
export function share<T>(before: T, after: T): T {
  return shareValue(before, after).value as T;
}

function shareValue(a: unknown, b: unknown): { value: unknown; same: boolean } {
  if (a === b) return { value: a, same: true };
  if (Array.isArray(a) && Array.isArray(b)) {
    const byId = b.every((x) => isObject(x) && typeof x.id === "string") && a.every((x) => isObject(x) && typeof x.id === "string");
    const previous = byId ? new Map(a.map((x) => [(x as Node).id, x])) : undefined;
    let same = a.length === b.length;
    const value = b.map((y, i) => {
      const x = previous ? previous.get((y as Node).id) : a[i];
      const r = x === undefined ? { value: y, same: false } : shareValue(x, y);
      if (!r.same || x !== a[i]) same = false;
      return r.value;
    });
    return same ? { value: a, same: true } : { value, same: false };
  }
  if (isObject(a) && isObject(b)) {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    let same = keysA.length === keysB.length;
    const value: Node = {};
    for (const k of Object.keys(b)) {
      const r = shareValue(a[k], b[k]);
      if (!r.same) same = false;
      value[k] = r.value;
    }
    return same ? { value: a, same: true } : { value, same: false };
  }
  return { value: b, same: false };
}

const INDICATOR_FIELDS = IndicatorFieldsSchema.shape;
type IndicatorField = keyof typeof INDICATOR_FIELDS;
const FIELD_ORDER = Object.keys(INDICATOR_FIELDS) as IndicatorField[];
const isIndicatorField = (key: string): key is IndicatorField => Object.hasOwn(INDICATOR_FIELDS, key);

interface Touched {
  /** The changed fields of each changed indicator, by indicator id. */
  indicators: Map<string, Set<IndicatorField>>;
  lines: Set<string>;
}

/** The items an edit touched, when it only changed non-structural fields of existing indicators and budget lines. */
function touchedItems(before: AgencyFile, draft: AgencyFile): Touched | undefined {
  const indicators = new Map<string, Set<IndicatorField>>();
  const lines = new Set<string>();
  for (const d of diffAgency(before, draft)) {
    const parts = d.field.split("/");
    const field = parts[4];
    if (parts[0] === "objectives" && parts[2] === "indicators" && field !== undefined && !STRUCTURAL.has(field) && isIndicatorField(field)) {
      const fields = indicators.get(parts[3]!);
      if (fields) fields.add(field);
      else indicators.set(parts[3]!, new Set([field]));
    } else if (parts[0] === "budgetLines" && parts.length >= 3 && !STRUCTURAL.has(parts[2]!)) lines.add(parts[1]!);
    else return undefined;
  }
  return { indicators, lines };
}

/**
 * `draft`, a stored (valid) indicator with `fields` changed, checked: each
 * changed field with its schema, then the rules across fields. Undefined when
 * it is invalid. The same result as parsing the whole indicator, in the
 * schema's key order.
 */
function checkIndicator(old: Indicator, draft: Indicator, fields: ReadonlySet<IndicatorField>): Indicator | undefined {
  const result: Record<string, unknown> = {};
  for (const key of FIELD_ORDER) {
    let value: unknown = old[key];
    if (fields.has(key)) {
      const parsed = INDICATOR_FIELDS[key].safeParse(draft[key]);
      if (!parsed.success) return undefined;
      value = parsed.data;
    }
    if (value !== undefined) result[key] = value;
  }
  const indicator = result as Indicator;
  let valid = true;
  indicatorRules(indicator, () => (valid = false));
  return valid ? indicator : undefined;
}

export function validateEdit(before: AgencyFile, draft: AgencyFile): Validated {
  const touched = touchedItems(before, draft);
  if (touched) {
    const fast = validateItems(before, draft, touched);
    if (fast) return { ok: true, data: fast };
    // An item is invalid: the full check gives the messages with their complete paths.
  }
  const parsed = AgencyFileSchema.safeParse(draft);
  if (!parsed.success) return { ok: false, error: parsed.error };
  return { ok: true, data: share(before, parsed.data) };
}

/**
 * Check only the touched items; undefined when one of them is invalid.
 * Index loops rather than map and some: the arrays are frozen, which makes
 * those many times slower in Node 20 (docs/benchmark.md, item 38).
 */
function validateItems(before: AgencyFile, draft: AgencyFile, touched: Touched): AgencyFile | undefined {
  let objectives = before.objectives;
  if (touched.indicators.size > 0) {
    const checked: AgencyFile["objectives"] = [];
    for (let oi = 0; oi < draft.objectives.length; oi++) {
      const o = draft.objectives[oi]!;
      const old = before.objectives[oi]!;
      const indicators = checkIndicators(old.indicators, o.indicators, touched);
      if (!indicators) return undefined;
      checked.push(indicators === old.indicators ? old : { ...old, indicators });
    }
    objectives = checked;
  }
  let budgetLines = before.budgetLines;
  if (touched.lines.size > 0) {
    const checked: AgencyFile["budgetLines"] = [];
    for (let li = 0; li < draft.budgetLines.length; li++) {
      const line = draft.budgetLines[li]!;
      if (!touched.lines.has(line.id)) {
        checked.push(before.budgetLines[li]!);
        continue;
      }
      const parsed = BudgetLineSchema.safeParse(line);
      if (!parsed.success) return undefined;
      checked.push(share(before.budgetLines[li]!, parsed.data));
    }
    budgetLines = checked;
  }
  return { ...before, objectives, budgetLines };
}

/** An objective's indicators with the touched ones checked: `old` itself when none is touched, undefined when one is invalid. */
function checkIndicators(old: Indicator[], draft: Indicator[], touched: Touched): Indicator[] | undefined {
  let result: Indicator[] | undefined;
  for (let ii = 0; ii < draft.length; ii++) {
    const ind = draft[ii]!;
    const fields = touched.indicators.get(ind.id);
    if (!fields) continue;
    const previous = old[ii];
    // In the same place as before (a change of order is a structural edit, checked in full).
    const checked = previous?.id === ind.id ? checkIndicator(previous, ind, fields) : undefined;
    if (!checked) return undefined;
    result ??= [...old]; // spread, not slice: slice copies a frozen array element by element
    result[ii] = share(previous!, checked);
  }
  return result ?? old;
}
