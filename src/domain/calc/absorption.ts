/**
 * SERAPAN (budget absorption) — METHOD.md §4.
 *   serapan = realisasi anggaran / pagu × 100
 * Parents roll up by sums, never by averaging percentages. A parent whose own
 * pagu (or realisasi) differs from the sum of its children keeps its own
 * figure and produces a warning: the user decides which one is right.
 */
import { Decimal, HUNDRED, sum } from "../decimal.js";
import type { BudgetLevel, BudgetLine } from "../schema/budget.js";

export type AbsorptionResult =
  | { status: "ok"; value: Decimal }
  | { status: "not_filled"; missing: ("budget" | "spent")[] }
  | { status: "not_computable"; reason: "budget_zero" };

export function computeAbsorption(budget: Decimal | undefined, spent: Decimal | undefined): AbsorptionResult {
  const missing: ("budget" | "spent")[] = [];
  if (budget === undefined) missing.push("budget");
  if (spent === undefined) missing.push("spent");
  if (budget === undefined || spent === undefined) return { status: "not_filled", missing };
  if (budget.isZero()) return { status: "not_computable", reason: "budget_zero" };
  return { status: "ok", value: spent.dividedBy(budget).times(HUNDRED) };
}

export type BudgetWarning =
  | { code: "budget_mismatch"; lineId: string; own: Decimal; childrenSum: Decimal }
  | { code: "spent_mismatch"; lineId: string; own: Decimal; childrenSum: Decimal }
  | { code: "spent_exceeds_budget"; lineId: string; budget: Decimal; spent: Decimal };

export interface BudgetLineResult {
  id: string;
  level: BudgetLevel;
  name: string;
  parentId: string | undefined;
  /** Own pagu, or the sum of the children's when not entered. */
  budget: Decimal | undefined;
  spent: Decimal | undefined;
  /** Whether the figure came from the children (rolled up) rather than being entered. */
  budgetRolledUp: boolean;
  spentRolledUp: boolean;
  absorption: AbsorptionResult;
  /** Sisa anggaran = pagu − realisasi. */
  remaining: Decimal | undefined;
  depth: number;
}

export interface BudgetRollUp {
  /** Lines in document order: each program followed by its kegiatan and their sub kegiatan. */
  lines: BudgetLineResult[];
  byId: Map<string, BudgetLineResult>;
  total: { budget: Decimal | undefined; spent: Decimal | undefined; absorption: AbsorptionResult; remaining: Decimal | undefined };
  warnings: BudgetWarning[];
  /** The lines linked to each indicator, in document order (computed once for all indicators). */
  linkedTo: Map<string, BudgetLine[]>;
}

export function rollUpBudget(budgetLines: readonly BudgetLine[]): BudgetRollUp {
  const children = new Map<string | undefined, BudgetLine[]>();
  for (const line of budgetLines) {
    const key = line.parentId;
    const list = children.get(key) ?? [];
    list.push(line);
    children.set(key, list);
  }
  const linkedTo = new Map<string, BudgetLine[]>();
  for (const line of budgetLines) {
    for (const id of line.indicatorIds) {
      const list = linkedTo.get(id);
      if (list) list.push(line);
      else linkedTo.set(id, [line]);
    }
  }
  const warnings: BudgetWarning[] = [];
  const byId = new Map<string, BudgetLineResult>();
  const ordered: BudgetLineResult[] = [];

  const visit = (line: BudgetLine, depth: number): BudgetLineResult => {
    const placeholder = { id: line.id } as BudgetLineResult;
    ordered.push(placeholder);
    const kids = (children.get(line.id) ?? []).map((child) => visit(child, depth + 1));

    const figure = (own: string | undefined, pick: (r: BudgetLineResult) => Decimal | undefined, code: "budget_mismatch" | "spent_mismatch") => {
      const childValues = kids.map(pick);
      const complete = kids.length > 0 && childValues.every((v) => v !== undefined);
      const childrenSum = complete ? sum(childValues as Decimal[]) : undefined;
      if (own !== undefined) {
        const ownValue = new Decimal(own);
        if (childrenSum !== undefined && !childrenSum.equals(ownValue)) {
          warnings.push({ code, lineId: line.id, own: ownValue, childrenSum });
        }
        return { value: ownValue, rolledUp: false };
      }
      return { value: childrenSum, rolledUp: childrenSum !== undefined };
    };
    const budget = figure(line.budget, (r) => r.budget, "budget_mismatch");
    const spent = figure(line.spent, (r) => r.spent, "spent_mismatch");
    if (budget.value !== undefined && spent.value !== undefined && spent.value.greaterThan(budget.value)) {
      warnings.push({ code: "spent_exceeds_budget", lineId: line.id, budget: budget.value, spent: spent.value });
    }
    Object.assign(placeholder, {
      id: line.id,
      level: line.level,
      name: line.name,
      parentId: line.parentId,
      budget: budget.value,
      spent: spent.value,
      budgetRolledUp: budget.rolledUp,
      spentRolledUp: spent.rolledUp,
      remaining: budget.value !== undefined && spent.value !== undefined ? budget.value.minus(spent.value) : undefined,
      depth,
    });
    // Absorption is a 40-digit division: computed when a table or a paragraph first asks for it, not for
    // all 200 lines of an agency on every answer.
    let absorption: AbsorptionResult | undefined;
    Object.defineProperty(placeholder, "absorption", { enumerable: true, get: () => (absorption ??= computeAbsorption(budget.value, spent.value)) });
    byId.set(line.id, placeholder);
    return placeholder;
  };
  const programs = (children.get(undefined) ?? []).map((p) => visit(p, 0));

  const totalOf = (pick: (r: BudgetLineResult) => Decimal | undefined) => {
    const values = programs.map(pick);
    return programs.length > 0 && values.every((v) => v !== undefined) ? sum(values as Decimal[]) : undefined;
  };
  const totalBudget = totalOf((r) => r.budget);
  const totalSpent = totalOf((r) => r.spent);
  return {
    lines: ordered,
    byId,
    total: {
      budget: totalBudget,
      spent: totalSpent,
      absorption: computeAbsorption(totalBudget, totalSpent),
      remaining: totalBudget !== undefined && totalSpent !== undefined ? totalBudget.minus(totalSpent) : undefined,
    },
    warnings,
    linkedTo,
  };
}

export interface IndicatorBudget {
  source: "direct" | "lines" | "none";
  lineIds: string[];
  budget: Decimal | undefined;
  spent: Decimal | undefined;
  absorption: AbsorptionResult;
}

/**
 * An indicator's budget: entered directly, or the sum of its linked lines.
 * A line whose ancestor is also linked is not counted twice.
 */
export function indicatorBudget(
  indicatorId: string,
  direct: { budget?: string | undefined; spent?: string | undefined } | undefined,
  rollUp: BudgetRollUp,
): IndicatorBudget {
  if (direct && (direct.budget !== undefined || direct.spent !== undefined)) {
    const budget = direct.budget === undefined ? undefined : new Decimal(direct.budget);
    const spent = direct.spent === undefined ? undefined : new Decimal(direct.spent);
    return { source: "direct", lineIds: [], budget, spent, absorption: computeAbsorption(budget, spent) };
  }
  const linked = rollUp.linkedTo.get(indicatorId) ?? [];
  if (linked.length === 0) {
    return { source: "none", lineIds: [], budget: undefined, spent: undefined, absorption: computeAbsorption(undefined, undefined) };
  }
  const linkedIds = new Set(linked.map((l) => l.id));
  const hasLinkedAncestor = (id: string): boolean => {
    let p = rollUp.byId.get(id)?.parentId;
    while (p !== undefined) {
      if (linkedIds.has(p)) return true;
      p = rollUp.byId.get(p)?.parentId;
    }
    return false;
  };
  const counted = linked.filter((l) => !hasLinkedAncestor(l.id));
  const results = counted.map((l) => rollUp.byId.get(l.id)!);
  const budgets = results.map((r) => r.budget);
  const spents = results.map((r) => r.spent);
  const budget = budgets.every((v) => v !== undefined) ? sum(budgets as Decimal[]) : undefined;
  const spent = spents.every((v) => v !== undefined) ? sum(spents as Decimal[]) : undefined;
  return { source: "lines", lineIds: counted.map((l) => l.id), budget, spent, absorption: computeAbsorption(budget, spent) };
}
