import { describe, expect, it } from "vitest";
import { parseAgency, parseAgencyJson } from "../../src/domain/schema/parse-agency.js";
import { agencyInput } from "../support/agency.js";

const errors = (value: unknown) => {
  const r = parseAgency(value);
  if (r.ok) throw new Error("expected the file to be rejected");
  return r.errors;
};

describe("agency file schema", () => {
  it("accepts a valid file and fills the profile defaults", () => {
    const r = parseAgency(agencyInput());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.profile).toEqual({
      scale: "permendagri86",
      efficiency: { method: "rasio", band: "0" },
      negativeFormula: "2T-R",
      decimals: 2,
      moneyStyle: "rp",
      absorptionThreshold: "80",
    });
    expect(r.file.objectives[0]!.indicators[0]!.polarity).toBe("positive");
  });

  it("normalises decimals and accepts JSON numbers exactly as written", () => {
    const input = agencyInput();
    input.objectives![0]!.indicators![0]!.years = { "2024": { target: 97.5, numerator: "056", denominator: 57 } };
    const r = parseAgency(input);
    expect(r.ok && r.file.objectives[0]!.indicators[0]!.years["2024"]).toEqual({ target: "97.5", numerator: "56", denominator: "57" });
  });

  it("rejects unknown keys and names the field in Indonesian", () => {
    const input = agencyInput() as Record<string, unknown>;
    input.objectives = [{ ...(agencyInput().objectives![0] as object), sasaranLama: "x" }];
    expect(errors(input)).toEqual([
      '• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial"): kolom tidak dikenal: "sasaranLama" (periksa ejaan; kolom yang dikenal dijelaskan di README)',
    ]);
  });

  it("explains a malformed decimal at its exact place", () => {
    const input = agencyInput();
    input.objectives![0]!.indicators![0]!.years!["2024"] = { target: "97,5", numerator: "56", denominator: "57" };
    expect(errors(input)).toEqual([
      '• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Persentase PSKS yang aktif") › tahun 2024 › target: "97,5" bukan angka desimal; tulis dengan titik desimal tanpa pemisah ribuan, misalnya "1373500000" atau "86.11"',
    ]);
  });

  it("reports missing required fields and wrong types", () => {
    const input = agencyInput() as Record<string, unknown>;
    const agency = { ...(input.agency as Record<string, unknown>) };
    delete agency.name;
    agency.reportingYear = "2024";
    input.agency = agency;
    expect(errors(input)).toEqual([
      "• data instansi › nama: wajib diisi (teks)",
      "• data instansi › tahun pelaporan: harus berupa angka, bukan teks",
    ]);
  });

  it("checks ratio, grade and range rules per indicator kind", () => {
    const input = agencyInput();
    const ind = input.objectives![0]!.indicators![0]!;
    ind.years = { "2024": { target: { min: "90", max: "80" }, numerator: "5", denominator: "0", actual: "9" } };
    const e = errors(input);
    expect(e).toContain('• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Persentase PSKS yang aktif") › tahun 2024 › target: batas bawah rentang (90) lebih besar dari batas atasnya (80)');
    expect(e).toContain('• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Persentase PSKS yang aktif") › tahun 2024 › realisasi: untuk indikator rasio isi pembilang dan penyebut saja; realisasi dihitung otomatis');
    expect(e).toContain('• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Persentase PSKS yang aktif") › tahun 2024 › penyebut: penyebut tidak boleh nol');

    const grade = agencyInput();
    grade.objectives![0]!.indicators = [
      { id: "G1", code: "1.1", name: "Nilai SAKIP", unit: "predikat", kind: "grade", gradeTable: "lheAkip", years: { "2024": { target: { letter: "A", score: "75" }, actual: { letter: "E" } } } },
    ];
    expect(errors(grade)).toEqual([
      '• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Nilai SAKIP") › tahun 2024 › target: nilai 75 tidak termasuk predikat A (A: >80–90)',
      '• sasaran ke-1 ("Meningkatnya Kesejahteraan Sosial") › indikator 1.1 ("Nilai SAKIP") › tahun 2024 › realisasi: predikat "E" tidak ada dalam tabel (yang ada: AA, A, BB, B, CC, C, D)',
    ]);
  });

  it("checks ids, budget hierarchy and links", () => {
    const input = agencyInput({
      budgetLines: [
        { id: "P1", level: "program", name: "Program A", budget: "100" },
        { id: "S1", level: "subActivity", name: "Sub tanpa kegiatan", parentId: "P1" },
        { id: "K1", level: "activity", name: "Kegiatan", indicatorIds: ["I9"] },
      ],
    });
    expect(errors(input)).toEqual([
      '• baris anggaran ke-2 ("Sub tanpa kegiatan") › kode (id): kode "S1" sudah dipakai oleh sasaran lain; setiap sasaran, indikator dan baris anggaran perlu kode sendiri',
      '• baris anggaran ke-2 ("Sub tanpa kegiatan") › induk (parentId): induk sub kegiatan harus sebuah kegiatan, tetapi "P1" bukan kegiatan',
      '• baris anggaran ke-3 ("Kegiatan") › induk (parentId): kegiatan wajib menyebut induknya (parentId)',
      '• baris anggaran ke-3 ("Kegiatan") › indikator yang didukung › butir ke-1: indikator "I9" tidak ditemukan',
    ]);
  });

  it("validates custom scales: contiguous, no overlap, covering 0..∞", () => {
    const input = agencyInput({
      profile: { scale: { name: "Skala kami", bands: [{ label: "Baik", min: "80", max: "100" }, { label: "Kurang", min: "0", max: "75" }] } },
    });
    expect(errors(input)).toEqual([
      '• profil metodologi › skala kategori › kategori skala: kategori tertinggi "Baik" tidak boleh berbatas atas (sekarang 100); capaian bisa melebihi 100%',
      '• profil metodologi › skala kategori › kategori skala: ada celah antara kategori "Kurang" dan "Baik" (75–80): nilai itu tidak masuk kategori mana pun',
    ]);
  });

  it("turns characters no document can hold into spaces (text pasted from another document), keeping tabs and line breaks", () => {
    const input = agencyInput();
    input.agency!.name = "Dinas Sosial\u000bKabupaten\u0000Contoh\u001f";
    input.objectives![0]!.indicators![0]!.name = "Persentase\tPSKS\nyang\uffffaktif\u000c";
    const r = parseAgency(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.agency.name).toBe("Dinas Sosial Kabupaten Contoh");
    expect(r.file.objectives[0]!.indicators[0]!.name).toBe("Persentase\tPSKS\nyang aktif");
    // Nothing but such characters is an empty text.
    input.agency!.name = "\u0007\u0008";
    expect(parseAgency(input).ok).toBe(false);
  });

  it("says in Indonesian where the text stops being JSON, or that it ends too soon", () => {
    const jsonErrors = (text: string) => {
      const r = parseAgencyJson(text);
      return r.ok ? [] : r.errors;
    };
    expect(jsonErrors('{\n  "format": "lkjip-instansi",\n  "agency": {,\n')).toEqual([
      'Berkas bukan JSON yang sah: ada yang salah pada baris 3, kolom 14 (di ","). Periksa tanda kutip, koma dan kurung kurawal di sekitarnya.',
    ]);
    expect(jsonErrors('{\n  "format": "lkjip-instansi",\n  "agency": {\n')).toEqual([
      "Berkas bukan JSON yang sah: isinya berhenti sebelum selesai (berkas terpotong, atau ada kurung kurawal atau siku yang belum ditutup).",
    ]);
    expect(jsonErrors('{"format": "lkjip-instansi", "agen')).toEqual([
      "Berkas bukan JSON yang sah: isinya berhenti sebelum selesai (berkas terpotong, atau ada kurung kurawal atau siku yang belum ditutup).",
    ]);
    expect(jsonErrors("{ not json")).toEqual(["Berkas bukan JSON yang sah: ada yang salah pada baris 1, kolom 3 (di \"not json\"). Periksa tanda kutip, koma dan kurung kurawal di sekitarnya."]);
    // A byte-order mark first (as Windows Notepad saves) is not an error: the file is read.
    expect(jsonErrors(`\uFEFF${JSON.stringify(agencyInput())}`)).toEqual([]);
  });
});
