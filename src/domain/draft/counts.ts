/** "1 (satu) indikator di atas 100%, 3 (tiga) tepat 100% dan …": only the non-empty groups. */
import type { Counts } from "../calc/aggregate.js";
import type { Ink } from "./ink.js";

export function countsPhrase(ink: Ink, counts: Counts): string {
  const parts: string[] = [];
  if (counts.above > 0) parts.push(`${ink.count(counts.above)} memiliki capaian di atas ${ink.text("100%")}`);
  if (counts.at > 0) parts.push(`${ink.count(counts.at)} tepat ${ink.text("100%")}`);
  if (counts.below > 0) parts.push(`${ink.count(counts.below)} di bawah ${ink.text("100%")}`);
  if (counts.notMeasurable > 0) parts.push(`${ink.count(counts.notMeasurable)} belum dapat diukur (NA)`);
  if (parts.length === 0) return "belum ada yang terukur";
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(", ")} dan ${parts[parts.length - 1]}`;
}

/** "A, B dan C" */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} dan ${items[items.length - 1]}`;
}
