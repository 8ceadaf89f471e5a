/**
 * "1 (satu) memiliki capaian di atas 100%, 3 (tiga) tepat 100% dan …": only the non-empty groups. A predikat
 * compared by its letters alone has no capaian in percent (METHOD.md §3): it is counted as met or not met.
 */
import type { IndicatorResult } from "../calc/agency.js";
import type { Ink } from "./ink.js";

export function countsPhrase(ink: Ink, indicators: readonly IndicatorResult[]): string {
  const n = { above: 0, at: 0, below: 0, gradeMet: 0, gradeBelow: 0, notMeasurable: 0 };
  for (const r of indicators) {
    if (r.current.achievement.status === "ordinal") n[r.comparison === "below" ? "gradeBelow" : "gradeMet"]++;
    else if (r.comparison === "na") n.notMeasurable++;
    else n[r.comparison]++;
  }
  const parts: string[] = [];
  if (n.above > 0) parts.push(`${ink.count(n.above)} memiliki capaian di atas ${ink.text("100%")}`);
  if (n.at > 0) parts.push(`${ink.count(n.at)} tepat ${ink.text("100%")}`);
  if (n.below > 0) parts.push(`${ink.count(n.below)} di bawah ${ink.text("100%")}`);
  if (n.gradeMet > 0) parts.push(`${ink.count(n.gradeMet)} berupa predikat yang mencapai target`);
  if (n.gradeBelow > 0) parts.push(`${ink.count(n.gradeBelow)} berupa predikat yang belum mencapai target`);
  if (n.notMeasurable > 0) parts.push(`${ink.count(n.notMeasurable)} belum dapat diukur (NA)`);
  if (parts.length === 0) return "belum ada yang terukur";
  return joinAnd(parts);
}

/** "A, B dan C" */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} dan ${items[items.length - 1]}`;
}
