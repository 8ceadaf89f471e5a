/** Names matched as officers and documents write them (src/app/by-name.ts). */
import { describe, expect, it } from "vitest";
import { sameName } from "../../src/app/by-name.js";

describe("names matched", () => {
  it("whatever their case, spaces, spaces beside a slash, hyphen, bracket or comma, and a full stop at the end", () => {
    const pairs: [string, string][] = [
      ["Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/ Kelurahan", "Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan"],
      ["Persentase  PKK ( Pemberdayaan Kesejahteraan Keluarga ) Aktif", "persentase PKK (Pemberdayaan Kesejahteraan Keluarga) aktif"],
      ["Persentase(%) lansia terlantar.", "Persentase (%) lansia terlantar"],
      ["Sub Kegiatan Bantuan - Sosial", "sub kegiatan bantuan-sosial"],
      ["anak, lansia , dan disabilitas", "anak,lansia, dan disabilitas"],
    ];
    expect(pairs.map(([a, b]) => sameName(a, b))).toEqual(pairs.map(() => true));
    // Words, letters and what a bracket says still count.
    const different: [string, string][] = [
      ["Persentase PKK Aktif", "Persentase PKK Aktiff"],
      ["Persentase PSKS di luar panti", "Persentase PSKS di luar panti (INDIKATOR SPM)"],
      ["Desa Kelurahan", "Desa/Kelurahan"],
    ];
    expect(different.map(([a, b]) => sameName(a, b))).toEqual(different.map(() => false));
  });
});
