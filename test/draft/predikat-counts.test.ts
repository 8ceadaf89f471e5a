/**
 * A predikat compared by its letters alone has no capaian in percent (METHOD.md §3): the agency's sentences count
 * it as met or not met, and a sasaran of such predikat only is not said to be in the mean.
 */
import { describe, expect, it } from "vitest";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { section, sentence, texts } from "../support/draft.js";
import { agency, agencyInput } from "../support/agency.js";

// Sasaran 1: 82,5 of 85 (97,06%) and 165 of 150 KPM (110,00%): mean 103,53%. Sasaran 2: LHE AKIP predikat of letters
// only: B against BB, BB against B, and an A without a target.
const base = agencyInput();
const file = agency({
  objectives: [
    {
      id: "S1",
      code: "1",
      name: "Meningkatnya pelayanan kesejahteraan sosial",
      indicators: [
        { id: "I1", code: "1.1", name: "Persentase PPKS yang tertangani", unit: "%", years: { "2024": { target: "85", actual: "82.5" } } },
        { id: "I2", code: "1.2", name: "Jumlah KPM PKH yang graduasi", unit: "KPM", years: { "2024": { target: "150", actual: "165" } } },
      ],
    },
    {
      id: "S2",
      code: "2",
      name: "Meningkatnya akuntabilitas kinerja",
      indicators: [
        { id: "I3", code: "2.1", name: "Nilai SAKIP Dinas Sosial", unit: "predikat", kind: "grade", gradeTable: "lheAkip", years: { "2024": { target: { letter: "BB" }, actual: { letter: "B" } } } },
        { id: "I4", code: "2.2", name: "Nilai SAKIP Sekretariat", unit: "predikat", kind: "grade", gradeTable: "lheAkip", years: { "2024": { target: { letter: "B" }, actual: { letter: "BB" } } } },
        { id: "I5", code: "2.3", name: "Nilai SAKIP UPT", unit: "predikat", kind: "grade", gradeTable: "lheAkip", years: { "2024": { actual: { letter: "A" } } } },
      ],
    },
  ],
  agency: base.agency,
});
const chapter = draftChapter(file);

describe("predikat of letters only in the agency's sentences", () => {
  it("3.1: the mean is said to be of the one sasaran measured in percent, the predikat counted as met and not met", () => {
    expect(sentence(section(chapter, "1"), "Secara rata-rata")).toBe(
      "Secara rata-rata, capaian kinerja Dinas Sosial Kabupaten Contoh pada tahun 2024 sebesar 103,53% dengan kategori Sangat Tinggi, dihitung dari rata-rata capaian 1 (satu) sasaran strategis yang capaiannya terukur dalam persen; 1 (satu) sasaran lainnya tidak diikutkan. Dari 5 (lima) indikator kinerja, 1 (satu) memiliki capaian di atas 100%, 1 (satu) di bawah 100%, 1 (satu) berupa predikat yang mencapai target, 1 (satu) berupa predikat yang belum mencapai target dan 1 (satu) belum dapat diukur (NA).",
    );
  });

  it("the executive summary says the same", () => {
    expect(texts(section(chapter, "ringkasan"))[0]).toBe(
      "Pada tahun 2024, Dinas Sosial Kabupaten Contoh menetapkan 2 (dua) sasaran strategis yang diukur dengan 5 (lima) indikator kinerja utama. Rata-rata capaian kinerja 1 (satu) sasaran yang capaiannya terukur dalam persen sebesar 103,53% dengan kategori Sangat Tinggi; dari 5 (lima) indikator tersebut, 1 (satu) memiliki capaian di atas 100%, 1 (satu) di bawah 100%, 1 (satu) berupa predikat yang mencapai target, 1 (satu) berupa predikat yang belum mencapai target dan 1 (satu) belum dapat diukur (NA).",
    );
  });

  it("the closing says whether each predikat reached its target, not a capaian", () => {
    const all = texts(section(chapter, "penutup"));
    expect(all).toContain("Persentase PPKS yang tertangani: realisasi 82,5% dari target 85%, capaian 97,06% (kategori Sangat Tinggi).");
    expect(all).toContain("Nilai SAKIP Dinas Sosial: realisasi predikat B dari target predikat BB, target belum tercapai.");
    expect(all).toContain("Nilai SAKIP Sekretariat: realisasi predikat BB dari target predikat B, target tercapai.");
    // Without a target there is nothing to reach: the line says the target is not filled in.
    expect(all).toContain("Nilai SAKIP UPT: realisasi predikat A dari target belum diisi.");
  });
});
