/**
 * An agency far larger than the benchmark's, for the tests and the benchmark of what its size costs:
 * the benchmark's agency (10 sasaran, bench/generate.ts) with each sasaran's
 * first indicator copied up to `perObjective` indicators, and `lines` budget
 * lines (a program, a kegiatan and sub kegiatan linked to the indicators in turn).
 */
import { benchAgency } from "./generate.js";
import type { AgencyFileInput } from "../src/domain/schema/agency.js";

export function largeAgencyParts(perObjective: number, lines: number): Pick<AgencyFileInput, "objectives" | "budgetLines"> {
  const input = benchAgency(3);
  const objectives = input.objectives!.map((o, oi) => ({
    ...o,
    indicators: Array.from({ length: perObjective }, (_, i) => ({ ...o.indicators![0]!, id: `I${oi + 1}_${i + 1}`, code: `${oi + 1}.${i + 1}`, name: `Indikator ${oi + 1}.${i + 1}` })),
  }));
  const sub = input.budgetLines!.find((l) => l.level === "subActivity")!;
  const budgetLines = [
    { id: "P1", level: "program" as const, name: "Program 1", indicatorIds: [] },
    { id: "K1", level: "activity" as const, parentId: "P1", name: "Kegiatan 1", indicatorIds: [] },
    ...Array.from({ length: lines - 2 }, (_, k) => ({ ...sub, id: `SK${k}`, parentId: "K1", name: `Sub kegiatan ${k}`, indicatorIds: [`I${(k % objectives.length) + 1}_${(k % perObjective) + 1}`] })),
  ];
  return { objectives, budgetLines };
}
