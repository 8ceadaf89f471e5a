import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/domain/decimal.js";
import { categorize, describeBand, scaleProblems, SCALE_PRESETS, type Band } from "../../src/domain/calc/scale.js";

const cat = (v: string, id: keyof typeof SCALE_PRESETS) => categorize(new Decimal(v), SCALE_PRESETS[id]);

describe("preset scales (METHOD.md §5)", () => {
  it("permendagri86: ≥ 91, 76–<91, 66–<76, 51–<66, < 51", () => {
    expect(cat("107.64", "permendagri86")).toBe("Sangat Tinggi");
    expect(cat("91", "permendagri86")).toBe("Sangat Tinggi");
    expect(cat("90.99", "permendagri86")).toBe("Tinggi");
    expect(cat("90", "permendagri86")).toBe("Tinggi");
    expect(cat("80", "permendagri86")).toBe("Tinggi");
    expect(cat("76", "permendagri86")).toBe("Tinggi");
    expect(cat("75.99", "permendagri86")).toBe("Sedang");
    expect(cat("66", "permendagri86")).toBe("Sedang");
    expect(cat("65.5", "permendagri86")).toBe("Rendah");
    expect(cat("51", "permendagri86")).toBe("Rendah");
    expect(cat("50.99", "permendagri86")).toBe("Sangat Rendah");
    expect(cat("0", "permendagri86")).toBe("Sangat Rendah");
    expect(cat("-50", "permendagri86")).toBe("Sangat Rendah");
  });

  it("atribut: ≥ 85, 70–<85, 55–<70, < 55", () => {
    expect(cat("120", "atribut")).toBe("Sangat Berhasil");
    expect(cat("85", "atribut")).toBe("Sangat Berhasil");
    expect(cat("84.99", "atribut")).toBe("Berhasil");
    expect(cat("70", "atribut")).toBe("Berhasil");
    expect(cat("55", "atribut")).toBe("Cukup Berhasil");
    expect(cat("54.99", "atribut")).toBe("Tidak Berhasil");
  });

  it("baik100: > 100, = 100, 80–<100, 50–<80, < 50", () => {
    expect(cat("100.01", "baik100")).toBe("Sangat Baik");
    expect(cat("100", "baik100")).toBe("Baik");
    expect(cat("99.99", "baik100")).toBe("Cukup");
    expect(cat("80", "baik100")).toBe("Cukup");
    expect(cat("79.99", "baik100")).toBe("Kurang");
    expect(cat("50", "baik100")).toBe("Kurang");
    expect(cat("49.99", "baik100")).toBe("Sangat Kurang");
  });

  it("every preset is itself a valid scale", () => {
    for (const scale of Object.values(SCALE_PRESETS)) expect(scaleProblems(scale.bands)).toEqual([]);
  });

  it("describes bands the way reports print them", () => {
    const fmt = (v: string) => v;
    expect(SCALE_PRESETS.permendagri86.bands.map((b) => describeBand(b, fmt))).toEqual(["≥ 91", "76 ≤ x < 91", "66 ≤ x < 76", "51 ≤ x < 66", "< 51"]);
    expect(SCALE_PRESETS.baik100.bands.map((b) => describeBand(b, fmt))).toEqual(["> 100", "= 100", "80 ≤ x < 100", "50 ≤ x < 80", "< 50"]);
  });
});

describe("custom scale validation", () => {
  const b = (label: string, min?: string, max?: string, minInclusive = true, maxInclusive = false): Band => ({
    label,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    minInclusive,
    maxInclusive,
  });

  it("accepts contiguous bands that cover 0..∞", () => {
    expect(scaleProblems([b("Baik", "75"), b("Buruk", "0", "75")])).toEqual([]);
  });

  it("finds the printed seed mistakes: a gap (75–76) and an overlap at 90", () => {
    // D:698 as printed: ≥ 90; 76 ≤ x ≤ 90; 66 ≤ x ≤ 75; ...
    const printed = [b("Sangat Tinggi", "90"), b("Tinggi", "76", "90", true, true), b("Sedang", "66", "75", true, true), b("Rendah", "0", "66")];
    expect(scaleProblems(printed)).toEqual([
      { code: "gap", lower: "Sedang", upper: "Tinggi", at: "75–76" },
      { code: "overlap", lower: "Tinggi", upper: "Sangat Tinggi", at: "90" },
    ]);
  });

  it("requires the bottom at 0 and an open top (capaian can exceed 100%)", () => {
    expect(scaleProblems([b("A", "50"), b("B", "10", "50")])).toEqual([{ code: "bottom_not_zero", label: "B", min: "10" }]);
    // M:804: "Sangat Baik 120 > X > 100" leaves ≥ 120 uncovered.
    expect(scaleProblems([b("Sangat Baik", "100", "120", false), b("Baik", "0", "100", true, true)])).toEqual([
      { code: "top_bounded", label: "Sangat Baik", max: "120" },
    ]);
  });

  it("rejects duplicate labels, empty labels and inverted bands", () => {
    expect(scaleProblems([b("A", "50"), b("a", "0", "50")])).toEqual([{ code: "duplicate_label", label: "a" }]);
    expect(scaleProblems([b(" ", "0")])).toEqual([{ code: "empty_label", index: 0 }]);
    expect(scaleProblems([b("A", "60", "50")])).toEqual([{ code: "inverted", label: "A" }]);
    expect(scaleProblems([])).toEqual([{ code: "empty" }]);
  });

  it("catches a boundary that belongs to neither band or to both", () => {
    expect(scaleProblems([b("A", "50", undefined, false), b("B", "0", "50")])).toEqual([{ code: "gap", lower: "B", upper: "A", at: "50" }]);
    expect(scaleProblems([b("A", "50"), b("B", "0", "50", true, true)])).toEqual([{ code: "overlap", lower: "B", upper: "A", at: "50" }]);
  });
});
