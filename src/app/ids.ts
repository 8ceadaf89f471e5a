/** Short ids for items created in conversation (S3, I12, P4 …) and position-based codes. */
import type { AgencyFile } from "../domain/schema/agency.js";

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
