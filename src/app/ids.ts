/** Short ids for items created in conversation (S3, I12, P4 …) and position-based codes. */
import type { AgencyFile } from "../domain/schema/agency.js";

/**
 * Ids for many new items of one draft, each the one nextId would give at that moment (the smallest unused
 * number for its prefix), without collecting every id of the agency again for each: an import of 2,000 rows
 * did that 2,000 times.
 */
export function idAllocator(file: AgencyFile): (prefix: string) => string {
  const used = new Set<string>();
  for (const o of file.objectives) {
    used.add(o.id);
    for (const i of o.indicators) used.add(i.id);
  }
  for (const l of file.budgetLines) used.add(l.id);
  const from = new Map<string, number>();
  return (prefix) => {
    let n = from.get(prefix) ?? 1;
    while (used.has(`${prefix}${n}`)) n++;
    from.set(prefix, n + 1);
    const id = `${prefix}${n}`;
    used.add(id);
    return id;
  };
}

export function nextId(file: AgencyFile, prefix: string): string {
  const used = new Set<string>([
    ...file.objectives.map((o) => o.id),
    ...file.objectives.flatMap((o) => o.indicators.map((i) => i.id)),
    ...file.budgetLines.map((l) => l.id),
  ]);
  for (let n = 1; ; n++) if (!used.has(`${prefix}${n}`)) return `${prefix}${n}`;
}

/** Number sasaran 1, 2, … and indicators 1.1, 1.2, … in their current order. */
export function renumber(file: AgencyFile): void {
  file.objectives.forEach((o, i) => {
    o.code = String(i + 1);
    o.indicators.forEach((ind, j) => (ind.code = `${i + 1}.${j + 1}`));
  });
}
