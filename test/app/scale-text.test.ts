/** A custom category scale typed in the chat (src/app/scale-text.ts). */
import { describe, expect, it } from "vitest";
import { parseScaleText } from "../../src/app/scale-text.js";
import { categorize } from "../../src/domain/calc/scale.js";
import { Decimal } from "../../src/domain/decimal.js";

describe("parseScaleText", () => {
  it("reads lower bounds and names into contiguous bands, highest open above, with the scale's name and basis", () => {
    const read = parseScaleText("Skala Capaian Kinerja | Peraturan Bupati Nomor 12 Tahun 2023\n≥ 90 Sangat Baik\n>= 75 Baik\n60: Cukup\nKurang ≥ 0");
    expect(read).toEqual({
      ok: true,
      scale: {
        name: "Skala Capaian Kinerja",
        source: "Peraturan Bupati Nomor 12 Tahun 2023",
        bands: [
          { label: "Sangat Baik", min: "90", minInclusive: true, maxInclusive: false },
          { label: "Baik", min: "75", minInclusive: true, max: "90", maxInclusive: false },
          { label: "Cukup", min: "60", minInclusive: true, max: "75", maxInclusive: false },
          { label: "Kurang", min: "0", minInclusive: true, max: "60", maxInclusive: false },
        ],
      },
    });
    if (!read.ok) return;
    const scale = { id: "khusus", ...read.scale };
    expect(["90", "89.99", "75", "59.99", "0", "-20", "250"].map((v) => categorize(new Decimal(v), scale))).toEqual(["Sangat Baik", "Baik", "Baik", "Kurang", "Kurang", "Kurang", "Sangat Baik"]);
  });

  it("a '>' bound leaves the bound itself to the category below: exactly 100 can be a category of its own", () => {
    const read = parseScaleText("> 100 Sangat Baik\n≥ 100 Baik\n≥ 80,5 Cukup\n≥ 0 Kurang");
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.scale.name).toBe("Skala Kategori Capaian Kinerja");
    expect(read.scale.bands.slice(0, 3)).toEqual([
      { label: "Sangat Baik", min: "100", minInclusive: false, maxInclusive: false },
      { label: "Baik", min: "100", minInclusive: true, max: "100", maxInclusive: true },
      { label: "Cukup", min: "80.5", minInclusive: true, max: "100", maxInclusive: false },
    ]);
    const scale = { id: "khusus", ...read.scale };
    expect(["100.01", "100", "99.99", "80.5", "80.49"].map((v) => categorize(new Decimal(v), scale))).toEqual(["Sangat Baik", "Baik", "Cukup", "Cukup", "Kurang"]);
  });

  it("reports every problem with the line or categories concerned", () => {
    expect(parseScaleText("Skala\n≥ 90 Sangat Baik\nbaik sekali\n≥ 1,2,3 Aneh\n≥ 0 Kurang")).toEqual({
      ok: false,
      problems: [
        { key: "profil.skala_khusus.baris_salah", params: { nomor: 3, isi: "baik sekali" } },
        { key: "profil.skala_khusus.baris_salah", params: { nomor: 4, isi: "≥ 1,2,3 Aneh" } },
      ],
    });
    expect(parseScaleText("≥ 90 Sangat Baik")).toEqual({ ok: false, problems: [{ key: "profil.skala_khusus.kurang", params: { min: 2 } }] });
    expect(parseScaleText("≥ 90 Sangat Baik\n≥ 90 Baik\n≥ 0 Kurang")).toEqual({
      ok: false,
      problems: [{ key: "profil.skala_khusus.batas_sama", params: { a: "Sangat Baik", b: "Baik", batas: "≥ 90" } }],
    });
    expect(parseScaleText("≥ 90 Baik\n≥ 10 Kurang")).toEqual({ ok: false, problems: [{ key: "skema.kode.skala_bottom_not_zero", params: { label: "Kurang", min: "10" } }] });
    expect(parseScaleText("≥ 90 Baik\n≥ 0 baik")).toEqual({ ok: false, problems: [{ key: "skema.kode.skala_duplicate_label", params: { label: "baik" } }] });
    expect(parseScaleText(Array.from({ length: 13 }, (_, i) => `≥ ${i} K${i}`).join("\n"))).toEqual({ ok: false, problems: [{ key: "profil.skala_khusus.terlalu_banyak", params: { maks: 12 } }] });
    expect(parseScaleText(`≥ 90 ${"x".repeat(61)}\n≥ 0 Kurang`)).toEqual({ ok: false, problems: [{ key: "profil.skala_khusus.nama_kategori_panjang", params: { nomor: 1, maks: 60 } }] });
    expect(parseScaleText(`${"S".repeat(121)}\n≥ 90 Baik\n≥ 0 Kurang`)).toEqual({ ok: false, problems: [{ key: "profil.skala_khusus.nama_panjang", params: { maks: 120 } }] });
  });
});
