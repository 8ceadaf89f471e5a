/** The current value of a question's field, as the bot shows it ("Saat ini: 86,11%"). */
import { say } from "../../messages/catalog.js";
import { Decimal } from "../../domain/decimal.js";
import { isGradeValue, numericTarget } from "../../domain/calc/values.js";
import { Format, withUnit } from "../../domain/draft/ink.js";
import { formatDecimal } from "../../domain/numbers/format.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Target } from "../../domain/schema/indicator.js";
import type { QuestionKey } from "./keys.js";
import { findIndicator, findLine } from "./missing.js";

export function formatFor(file: AgencyFile): Format {
  return new Format({ decimals: file.profile.decimals, moneyStyle: file.profile.moneyStyle });
}

function targetText(f: Format, t: Target, unit: string): string {
  if (isGradeValue(t)) return f.grade(t);
  return f.target(numericTarget(t)!, unit);
}

/** Undefined when the field is empty. */
export function currentValue(file: AgencyFile, key: QuestionKey): string | undefined {
  const f = formatFor(file);
  if (key.q === "line") {
    const v = findLine(file, key.lineId)?.[key.field];
    return v === undefined ? undefined : f.money(new Decimal(v));
  }
  const ind = findIndicator(file, key.indicatorId);
  if (!ind) return undefined;
  switch (key.q) {
    case "target": {
      const t = ind.years[String(key.year)]?.target;
      return t === undefined ? undefined : targetText(f, t, ind.unit);
    }
    case "actual": {
      const y = ind.years[String(key.year)];
      if (!y) return undefined;
      if (y.numerator !== undefined && y.denominator !== undefined) {
        const n = new Decimal(y.numerator);
        const d = new Decimal(y.denominator);
        if (d.isZero()) return undefined;
        const value = n.dividedBy(d).times(ind.ratioScale);
        return `${withUnit(formatDecimal(value, file.profile.decimals), ind.unit)} (${f.plain(n)}/${f.plain(d)})`;
      }
      if (y.actual === undefined) return undefined;
      return isGradeValue(y.actual) ? f.grade(y.actual) : f.measure(new Decimal(y.actual), ind.unit);
    }
    case "final": {
      const t = ind.strategicPlan?.finalTarget;
      return t === undefined ? undefined : targetText(f, t, ind.unit);
    }
    case "national": {
      if (ind.national === undefined) return undefined;
      if (ind.national === null) return say("isi.nasional_tidak_ada");
      const n = ind.national;
      return `${f.measure(new Decimal(n.value), ind.unit)} (${n.year}${n.source ? `, ${n.source}` : ""})`;
    }
    case "factors": {
      const items = ind.factors?.[key.which];
      if (items === undefined) return undefined;
      return items.length === 0 ? say("isi.tidak_ada") : items.join("; ");
    }
    case "budget": {
      const v = ind.budget?.[key.field];
      return v === undefined ? undefined : f.money(new Decimal(v));
    }
  }
}
