/** /cek and `cek` with a predikat (IKM, LHE AKIP): on the scores when both are known, else on the letters' order. */
import { describe, expect, it } from "vitest";
import { quickCheck } from "../../src/domain/quick-check.js";
import { escapeHtml } from "../../src/bot/ui.js";

const check = (line: string) => quickCheck(line.split(" "), undefined, "/cek");

describe("quick check of a predikat", () => {
  it("computes the capaian on the scores, in the table both fit, and names it", () => {
    const r = check("BB (78,40) A (81,50)");
    expect(r).toMatchObject({ ok: true, category: "Sangat Tinggi" });
    // 78,40 / 81,50 × 100 = 96,1963… → 96,20%
    expect(r.ok && "value" in r && r.value.toFixed(4)).toBe("96.1963");
    expect(r.text).toBe(
      [
        "Capaian: 96,20% (Sangat Tinggi)",
        "Rumus: 78,40 / 81,50 × 100% = 96,20% (nilai predikat BB (78,40) terhadap target A (81,50))",
        "Predikat: Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP), PermenPANRB Nomor 88 Tahun 2021",
        "Skala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
      ].join("\n"),
    );
    // A score alone on one side, and the words of "A (81,50)" joined: 80,15 / 81,50 = 98,34%.
    expect(check("80,15 A (81,50)").text.split("\n")[0]).toBe("Capaian: 98,34% (Sangat Tinggi)");
    // A score in IKM's A band (88,31–100) against IKM's B band: 90 / 80 = 112,50%.
    expect(check("A (90) B (80) ikm").text.split("\n").slice(0, 3)).toEqual([
      "Capaian: 112,50% (Sangat Tinggi)",
      "Rumus: 90,00 / 80,00 × 100% = 112,50% (nilai predikat A (90,00) terhadap target B (80,00))",
      "Predikat: Mutu Pelayanan (Indeks Kepuasan Masyarakat), PermenPANRB Nomor 14 Tahun 2017",
    ]);
  });

  it("with letters only says met or not met on the table's order, and how to get a percentage", () => {
    expect(check("B A")).toEqual({
      ok: true,
      met: false,
      text: [
        "Predikat B belum mencapai target A: target belum tercapai (urutan predikat Mutu Pelayanan (Indeks Kepuasan Masyarakat), PermenPANRB Nomor 14 Tahun 2017).",
        "Tanpa nilai angka, capaian tidak dinyatakan dalam persen. Bila nilainya diketahui, ketik keduanya, misalnya /cek BB (78,40) A (81,50).",
      ].join("\n"),
    });
    expect(check("a b")).toMatchObject({ ok: true, met: true });
    expect(check("a b").text.split("\n")[0]).toBe("Predikat A melampaui target B: target tercapai (urutan predikat Mutu Pelayanan (Indeks Kepuasan Masyarakat), PermenPANRB Nomor 14 Tahun 2017).");
    // AA, BB and CC are LHE AKIP's alone; "В" is a Cyrillic letter, read as B.
    expect(check("BB A").text.split("\n")[0]).toBe("Predikat BB belum mencapai target A: target belum tercapai (urutan predikat Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP), PermenPANRB Nomor 88 Tahun 2021).");
    expect(check("В B").text.split("\n")[0]).toContain("Predikat B sama dengan target B: target tercapai");
  });

  it("says what does not fit, under each table when none is named, escaped once for HTML", () => {
    expect(check("B (78,40) A (81,50)").text).toBe(
      [
        "Target tidak dapat dibaca. Nilai 81,50 tidak termasuk predikat A menurut tabel Mutu Pelayanan (Indeks Kepuasan Masyarakat) (A: 88,31–100).",
        "Realisasi tidak dapat dibaca. Nilai 78,40 tidak termasuk predikat B menurut tabel Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP) (B: >60–70).",
      ].join("\n"),
    );
    expect(quickCheck(["A", "(95)", "90", "lhe"], escapeHtml, "/cek").text).toBe(
      "Realisasi tidak dapat dibaca. Nilai 95,00 tidak termasuk predikat A menurut tabel Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP) (A: &gt;80–90).",
    );
    expect(check("B A negatif").text).toBe("Indikator predikat selalu berpolaritas positif (makin tinggi makin baik); ketik tanpa kata negatif.");
    // Not a predikat: three letters stay a number that cannot be read.
    expect(check("abc 80").text).toBe('Realisasi tidak dapat dibaca. "abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.');
    expect(check("86,11 80").text.split("\n")[0]).toBe("Capaian: 107,64% (Sangat Tinggi)");
  });
});
