/**
 * Sasaran and indicators found by the names officers type (a pasted table, an
 * imported spreadsheet) and added when they do not exist yet.
 */
import type { AgencyFile } from "../domain/schema/agency.js";
import type { Indicator } from "../domain/schema/indicator.js";
import { nextId } from "./ids.js";

/**
 * What a name is matched by: names match whatever their case, their spaces (around and inside, next to a slash,
 * a hyphen, a bracket or a comma: "Desa/ Kelurahan" is "Desa/Kelurahan", as reports copied from PDF write it) and a
 * full stop at their end.
 */
export const nameKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/ ?([/(),\-–]) ?/g, "$1")
    .replace(/[.\s]+$/, "")
    .trim();
export const sameName = (a: string, b: string): boolean => nameKey(a) === nameKey(b);

/** The indicator named `name` in the sasaran named `objective`, names matched as officers type them. */
export function findByNames(file: AgencyFile, objective: string, name: string): Indicator | undefined {
  return file.objectives.find((o) => sameName(o.name, objective))?.indicators.find((i) => sameName(i.name, name));
}

/** A new indicator as created from a name and unit: positive polarity, a plain value (changed later with /atur). */
export function newValueIndicator(id: string, name: string, unit: string): Indicator {
  return { id, name, unit, polarity: "positive", kind: "value", ratioScale: "100", years: {} } as Indicator;
}

/**
 * The indicator `name` of sasaran `objective` in a draft, adding the sasaran and the indicator when missing,
 * with ids from `newId` (an import's idAllocator; nextId by default).
 */
export function findOrAddIndicator(
  d: AgencyFile,
  objective: string,
  name: string,
  unit: string,
  newId: (prefix: string) => string = (prefix) => nextId(d, prefix),
): { indicator: Indicator; newObjective: boolean; newIndicator: boolean } {
  let o = d.objectives.find((x) => sameName(x.name, objective));
  const newObjective = !o;
  if (!o) {
    o = { id: newId("S"), name: objective, indicators: [] };
    d.objectives.push(o);
  }
  let indicator = o.indicators.find((i) => sameName(i.name, name));
  const newIndicator = !indicator;
  if (!indicator) {
    indicator = newValueIndicator(newId("I"), name, unit);
    o.indicators.push(indicator);
  }
  return { indicator, newObjective, newIndicator };
}
