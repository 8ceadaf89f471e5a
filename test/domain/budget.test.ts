import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { computeAbsorption, indicatorBudget, rollUpBudget } from "../../src/domain/calc/absorption.js";
import { computeEfficiency } from "../../src/domain/calc/efficiency.js";
import type { AchievementResult } from "../../src/domain/calc/achievement.js";
import { BudgetLineSchema, type BudgetLine } from "../../src/domain/schema/budget.js";

const d = (v: string) => new Decimal(v);
const line = (v: Record<string, unknown>): BudgetLine => BudgetLineSchema.parse(v);
const ok = (value: string): AchievementResult => ({ status: "ok", value: d(value), formula: "R/T", targetUsed: d("100") });

describe("serapan = realisasi anggaran / pagu × 100", () => {
  it("computes exactly and explains what is missing", () => {
    const r = computeAbsorption(d("1373500000"), d("1220878592"));
    expect(r.status === "ok" && r.value.toFixed(6)).toBe("88.888139");
    expect(computeAbsorption(d("0"), d("0"))).toEqual({ status: "not_computable", reason: "budget_zero" });
    expect(computeAbsorption(undefined, d("5"))).toEqual({ status: "not_filled", missing: ["budget"] });
    expect(computeAbsorption(undefined, undefined)).toEqual({ status: "not_filled", missing: ["budget", "spent"] });
  });
});

describe("roll-up by sums", () => {
  const lines = [
    line({ id: "P1", level: "program", name: "Program A" }),
    line({ id: "K1", level: "activity", name: "Kegiatan 1", parentId: "P1" }),
    line({ id: "S1", level: "subActivity", name: "Sub 1", parentId: "K1", budget: "100", spent: "90" }),
    line({ id: "S2", level: "subActivity", name: "Sub 2", parentId: "K1", budget: "300", spent: "30" }),
    line({ id: "P2", level: "program", name: "Program B", budget: "1000", spent: "500" }),
    line({ id: "K2", level: "activity", name: "Kegiatan 2", parentId: "P2", budget: "900", spent: "500" }),
  ];

  it("sums children instead of averaging their percentages", () => {
    const r = rollUpBudget(lines);
    const k1 = r.byId.get("K1")!;
    expect([k1.budget?.toFixed(), k1.spent?.toFixed(), k1.budgetRolledUp]).toEqual(["400", "120", true]);
    // (90% + 10%) / 2 would be 50%; the real absorption is 120 / 400 = 30%.
    expect(k1.absorption.status === "ok" && k1.absorption.value.toFixed()).toBe("30");
    expect(r.byId.get("P1")!.budget?.toFixed()).toBe("400");
    expect(r.total.budget?.toFixed()).toBe("1400");
    expect(r.total.spent?.toFixed()).toBe("620");
    expect(r.total.remaining?.toFixed()).toBe("780");
    expect(r.lines.map((l) => [l.id, l.depth])).toEqual([["P1", 0], ["K1", 1], ["S1", 2], ["S2", 2], ["P2", 0], ["K2", 1]]);
  });

  it("warns when a parent's own pagu differs from its children's sum, keeping the parent's figure", () => {
    const r = rollUpBudget(lines);
    expect(r.warnings).toEqual([{ code: "budget_mismatch", lineId: "P2", own: d("1000"), childrenSum: d("900") }]);
    expect(r.byId.get("P2")!.budget?.toFixed()).toBe("1000");
  });

  it("warns when more was spent than budgeted", () => {
    const r = rollUpBudget([line({ id: "P1", level: "program", name: "A", budget: "100", spent: "120" })]);
    expect(r.warnings).toEqual([{ code: "spent_exceeds_budget", lineId: "P1", budget: d("100"), spent: d("120") }]);
  });

  it("leaves a parent unfilled when one child is missing a figure", () => {
    const r = rollUpBudget([
      line({ id: "P1", level: "program", name: "A" }),
      line({ id: "K1", level: "activity", name: "K", parentId: "P1", budget: "100" }),
      line({ id: "K2", level: "activity", name: "K", parentId: "P1", budget: "100", spent: "50" }),
    ]);
    expect(r.byId.get("P1")!.budget?.toFixed()).toBe("200");
    expect(r.byId.get("P1")!.spent).toBeUndefined();
    expect(r.total.absorption).toEqual({ status: "not_filled", missing: ["spent"] });
  });

  it("an indicator's budget sums its linked lines without counting a child of a linked parent twice", () => {
    const linked = [
      line({ id: "P1", level: "program", name: "A", budget: "1000", spent: "800", indicatorIds: ["I1"] }),
      line({ id: "K1", level: "activity", name: "K", parentId: "P1", budget: "1000", spent: "800", indicatorIds: ["I1"] }),
      line({ id: "P2", level: "program", name: "B", budget: "500", spent: "100", indicatorIds: ["I1"] }),
    ];
    const r = indicatorBudget("I1", undefined, rollUpBudget(linked));
    expect([r.source, r.lineIds, r.budget?.toFixed(), r.spent?.toFixed()]).toEqual(["lines", ["P1", "P2"], "1500", "900"]);
    expect(r.absorption.status === "ok" && r.absorption.value.toFixed()).toBe("60");
    const direct = indicatorBudget("I1", { budget: "200", spent: "50" }, rollUpBudget(linked));
    expect([direct.source, direct.budget?.toFixed()]).toEqual(["direct", "200"]);
    expect(indicatorBudget("I9", undefined, rollUpBudget(linked)).source).toBe("none");
  });
});

describe("efficiency methods (METHOD.md §4)", () => {
  const serapan = (v: string) => ({ status: "ok" as const, value: d(v) });
  const opts = (method: "rasio" | "selisih" | "penghematan", band = "0") => ({ method, band: d(band), decimals: 2 });

  it("rasio = capaian / serapan; ≥ 1 Efisien, < 1 Tidak Efisien", () => {
    const e = computeEfficiency(ok("100"), serapan("88.888139"), opts("rasio"));
    expect(e.status === "ok" && [e.value.toDecimalPlaces(6).toFixed(6), e.label]).toEqual(["1.125009", "efisien"]);
    const low = computeEfficiency(ok("80"), serapan("95"), opts("rasio"));
    expect(low.status === "ok" && low.label).toBe("tidak_efisien");
    // 0,996 prints as 1,00: the label follows the printed value.
    const edge = computeEfficiency(ok("99.6"), serapan("100"), opts("rasio"));
    expect(edge.status === "ok" && edge.label).toBe("efisien");
    expect(computeEfficiency(ok("100"), serapan("0"), opts("rasio"))).toEqual({ status: "not_computable", method: "rasio", reason: "absorption_zero" });
  });

  it("selisih = capaian − serapan with a configurable band", () => {
    const e = computeEfficiency(ok("100"), serapan("88.89"), opts("selisih"));
    expect(e.status === "ok" && [e.value.toFixed(2), e.label]).toEqual(["11.11", "efisien"]);
    expect(computeEfficiency(ok("90"), serapan("90"), opts("selisih"))).toMatchObject({ label: "proporsional" });
    expect(computeEfficiency(ok("90"), serapan("95"), opts("selisih"))).toMatchObject({ label: "kurang_efisien" });
    expect(computeEfficiency(ok("90"), serapan("95"), opts("selisih", "5"))).toMatchObject({ label: "cukup_efisien" });
    expect(computeEfficiency(ok("90"), serapan("95.01"), opts("selisih", "5"))).toMatchObject({ label: "kurang_efisien" });
    expect(computeEfficiency(ok("100"), serapan("94.99"), opts("selisih", "5"))).toMatchObject({ label: "efisien" });
  });

  it("penghematan = 100 − serapan, only meaningful when the target was met", () => {
    const e = computeEfficiency(ok("100"), serapan("88.888139"), opts("penghematan"));
    expect(e.status === "ok" && [e.value.toFixed(2), e.label]).toEqual(["11.11", "hemat"]);
    expect(computeEfficiency(ok("95"), serapan("80"), opts("penghematan"))).toMatchObject({ label: "target_belum_tercapai" });
    expect(computeEfficiency(ok("100"), serapan("100"), opts("penghematan"))).toMatchObject({ label: "tanpa_sisa" });
    expect(computeEfficiency(ok("100"), serapan("104"), opts("penghematan"))).toMatchObject({ label: "melebihi_pagu" });
  });

  it("is not computable without a capaian or a serapan", () => {
    expect(computeEfficiency({ status: "not_filled" }, serapan("50"), opts("rasio"))).toEqual({
      status: "not_computable",
      method: "rasio",
      reason: "achievement_unavailable",
    });
    expect(computeEfficiency(ok("100"), { status: "not_filled", missing: ["spent"] }, opts("selisih"))).toEqual({
      status: "not_computable",
      method: "selisih",
      reason: "absorption_unavailable",
    });
  });
});
