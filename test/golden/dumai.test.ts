/**
 * Golden test: the Dumai 2024 report, transcribed with exact recomputation
 * (test/fixtures/dumai-2024-ground-truth.json), converted to the agency
 * format and recomputed by the calculation core. Every recomputed figure in
 * the fixture must come out the same, to the cent.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { computeAgency } from "../../src/domain/calc/agency.js";
import { computeEfficiency } from "../../src/domain/calc/efficiency.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import { dumaiToAgency, type DumaiFixture } from "../../scripts/dumai/convert.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/dumai-2024-ground-truth.json", import.meta.url), "utf8"));
const parsed = parseAgency(dumaiToAgency(fixture as DumaiFixture));
if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
const file = parsed.file;
const result = computeAgency(file);

const two = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
const six = (d: Decimal) => d.toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(6);

interface FixtureEfficiency {
  method: "ratio" | "budget_saving";
  recomputed_correct: number;
  recomputed_correct_exact: string;
  correct_label: string | null;
}
const report = fixture.report;
const current = report.indicators.filter((i: { id: string }) => i.id.includes("IKU"));

describe("golden: Dumai 2024", () => {
  it("converts to a valid agency file with every IKU", () => {
    expect(result.indicators.map((i) => i.id)).toEqual(current.map((i: { id: string }) => i.id.replace("001-", "")));
  });

  const cases: [string, any][] = current.map((i: { id: string }) => [i.id, i]);
  describe.each(cases)("%s", (_id, ind) => {
    const r = result.indicatorById.get(ind.id.replace("001-", ""))!;
    const rc = ind.recomputed;

    it("capaian and category", () => {
      expect(r.current.achievement.status).toBe("ok");
      if (r.current.achievement.status !== "ok") return;
      expect(six(r.current.achievement.value)).toBe(rc.capaian_correct_exact);
      expect(two(r.current.achievement.value)).toBe(rc.capaian_correct);
      expect(r.current.category).toBe(rc.category_from_correct_capaian);
      if (rc.realisasi_from_numerator_denominator_exact) {
        expect(six(r.current.values.actual!)).toBe(rc.realisasi_from_numerator_denominator_exact);
      }
    });

    it("serapan", () => {
      expect(r.budget.absorption.status).toBe("ok");
      if (r.budget.absorption.status !== "ok") return;
      expect(six(r.budget.absorption.value)).toBe(rc.serapan_exact);
      expect(two(r.budget.absorption.value)).toBe(rc.serapan);
    });

    it("efficiency by both methods the report uses (ratio and budget saving)", () => {
      const methods: Record<string, "rasio" | "penghematan"> = { ratio: "rasio", budget_saving: "penghematan" };
      for (const e of rc.efficiency as FixtureEfficiency[]) {
        const ours = computeEfficiency(r.current.achievement, r.budget.absorption, { method: methods[e.method]!, band: new Decimal(0), decimals: 2 });
        expect(ours.status).toBe("ok");
        if (ours.status !== "ok") continue;
        expect(six(ours.value)).toBe(e.recomputed_correct_exact);
        expect(two(ours.value)).toBe(e.recomputed_correct);
        if (e.correct_label === "Efisien") expect(ours.label).toBe("efisien");
      }
      // The agency's declared method is the ratio: the result carries it.
      expect(r.efficiency).toMatchObject({ status: "ok", method: "rasio", label: "efisien" });
    });

    it("history", () => {
      for (const [year, h] of Object.entries(rc.history as Record<string, { capaian_recomputed: number }>)) {
        const ours = r.history.find((y) => y.values.year === Number(year))!;
        expect(ours.achievement.status === "ok" && two(ours.achievement.value)).toBe(h.capaian_recomputed);
      }
    });
  });

  it("old IKUs' history (the predecessors of IKU2 and IKU3)", () => {
    const olds = report.indicators.filter((i: { id: string }) => i.id.includes("OLD"));
    const withPredecessor = result.indicators.filter((i) => i.predecessorHistory.length > 0);
    expect(withPredecessor.map((i) => i.indicator.predecessor!.name)).toEqual(olds.map((o: { indikator: string }) => o.indikator));
    olds.forEach((old: any, k: number) => {
      for (const [year, h] of Object.entries(old.recomputed.history as Record<string, { capaian_recomputed: number }>)) {
        const ours = withPredecessor[k]!.predecessorHistory.find((y) => y.values.year === Number(year))!;
        expect(ours.achievement.status === "ok" && two(ours.achievement.value)).toBe(h.capaian_recomputed);
      }
    });
    // IKU2 and IKU3 changed in 2024: the trend says so instead of comparing different indicators.
    expect(withPredecessor.map((i) => i.trend.status)).toEqual(["indicator_changed", "indicator_changed"]);
  });

  it("program serapan in Tabel 3.6.1 and Tabel 3.3", () => {
    const programs = result.budget.lines.filter((l) => l.level === "program");
    const norm = (s: string) => s.toLowerCase().replace(/^program\s+/, "").replace(/[^a-z]/g, "");
    for (const table of report.budget_tables) {
      for (const row of table.rows.filter((x: any) => x.level === "program" && x.serapan_recomputed_exact)) {
        const ours = programs.find((p) => norm(p.name) === norm(row.name))!;
        expect(ours, row.name).toBeDefined();
        expect(ours.absorption.status === "ok" && six(ours.absorption.value)).toBe(row.serapan_recomputed_exact);
      }
    }
  });

  it("every pagu in Tabel 3.3 and the report totals", () => {
    const rows = report.budget_tables.find((t: { table: string }) => t.table === "Tabel 3.3").rows;
    const ours = result.budget.lines;
    const paguRows = rows.filter((x: any) => x.level !== "total");
    expect(ours.map((l) => l.budget!.toFixed())).toEqual(paguRows.map((x: any) => x.pagu));
    expect(result.budget.total.budget!.toFixed()).toBe(String(report.totals.pagu));
    expect(result.budget.total.spent!.toFixed()).toBe(String(report.totals.realisasi));
    const total = result.budget.total.absorption;
    expect(total.status === "ok" && two(total.value)).toBe(report.totals.serapan_pct);
    // Reconstructed sub kegiatan realisasi add up exactly: no parent/children warnings.
    expect(result.budget.warnings).toEqual([]);
  });

  it("national comparison: the gap the report printed as 'realisasi Nasional' is 16,62 points", () => {
    const iku1 = result.indicatorById.get("IKU1")!;
    expect(iku1.national.status === "ok" && [iku1.national.national.toFixed(), two(iku1.national.difference), iku1.national.position]).toEqual([
      "83.38",
      16.62,
      "higher",
    ]);
    expect(result.indicatorById.get("IKU4")!.national).toEqual({ status: "missing" });
  });

  it("Renstra: IKU2's final target is 100 (the lampiran matrix), so 2024 is not yet there", () => {
    const r = result.indicatorById.get("IKU2")!.strategicPlan;
    expect(r.status === "ok" && [two(r.progress), two(r.gap), r.reached]).toEqual([86.11, 13.89, false]);
  });

  it("sasaran and agency averages, counts", () => {
    expect(result.objectives.map((o) => two(o.average.value!))).toEqual([100, 103.82, 100]);
    expect(two(result.average.value!)).toBe(101.27);
    expect(result.average.category).toBe("Sangat Tinggi");
    expect(result.counts).toEqual({ above: 1, at: 3, below: 0, notMeasurable: 0, total: 4 });
  });
});
