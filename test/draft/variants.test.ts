/**
 * The exact sentence for each drafting variant, on a small agency with one
 * indicator per case (test/support/variants.ts). Figures are worked out by hand
 * in the comments.
 */
import { describe, expect, it } from "vitest";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { section, sentence, texts } from "../support/draft.js";
import { variants, variantsInput } from "../support/variants.js";
import { agency } from "../support/agency.js";
import { telegramOptions } from "../../src/domain/draft/index.js";
import { renderTelegram, TELEGRAM_LIMIT } from "../../src/domain/draft/render/telegram.js";

const chapter = draftChapter(variants());
const s = (id: Parameters<typeof section>[1]) => section(chapter, id);

describe("3.1 capaian paragraphs", () => {
  it("target exceeded: 86,11 / 80 = 107,64%", () => {
    expect(sentence(s("1"), '"Persentase kelurahan cepat berkembang"')).toBe(
      'Indikator "Persentase kelurahan cepat berkembang" pada tahun 2024 ditargetkan 80% dan terealisasi 86,11%, sehingga capaian kinerjanya sebesar 107,64% dan melebihi target yang ditetapkan. Capaian tersebut termasuk kategori Sangat Tinggi (≥ 91).',
    );
  });

  it("target met exactly", () => {
    expect(sentence(s("1"), '"Persentase PKK aktif"')).toBe(
      'Indikator "Persentase PKK aktif" pada tahun 2024 ditargetkan 100% dan terealisasi 100%, sehingga capaian kinerjanya sebesar 100,00% atau tepat mencapai target yang ditetapkan. Capaian tersebut termasuk kategori Sangat Tinggi (≥ 91).',
    );
  });

  it("target not met: 70 / 100 = 70,00%, Sedang", () => {
    expect(sentence(s("1"), '"Persentase PMKS tertangani"')).toBe(
      'Indikator "Persentase PMKS tertangani" pada tahun 2024 ditargetkan 100% dan terealisasi 70%, sehingga capaian kinerjanya sebesar 70,00% dan belum mencapai target yang ditetapkan. Capaian tersebut termasuk kategori Sedang (66 ≤ x < 76).',
    );
  });

  it("negative polarity: (2 × 10 − 12) ÷ 10 = 80,00%, with the formula stated", () => {
    const all = texts(s("1"));
    const i = all.findIndex((t) => t.includes('"Angka kemiskinan"'));
    expect(all[i]).toBe(
      'Indikator "Angka kemiskinan" pada tahun 2024 ditargetkan 10% dan terealisasi 12%, sehingga capaian kinerjanya sebesar 80,00% dan belum mencapai target yang ditetapkan. Capaian tersebut termasuk kategori Tinggi (76 ≤ x < 91).',
    );
    expect(all[i + 1]).toBe(
      "Indikator ini berpolaritas negatif (semakin rendah realisasi semakin baik), sehingga capaian dihitung dengan rumus (2 × 10 − 12) ÷ 10 × 100% = 80,00%.",
    );
    expect(all[0]).toContain("untuk indikator berpolaritas negatif (semakin rendah semakin baik) digunakan rumus (2 × target − realisasi) ÷ target × 100%");
  });

  it("ratio: 56/57 × 100% = 98,25%, then 98,25 / 97,5 = 100,76%", () => {
    const all = texts(s("1"));
    const i = all.findIndex((t) => t.includes('"Persentase PSKS aktif"'));
    expect(all[i]).toContain("ditargetkan 97,5% dan terealisasi 98,25%, sehingga capaian kinerjanya sebesar 100,76% dan melebihi target");
    expect(all[i + 1]).toBe(
      "Realisasi tersebut dihitung dari jumlah PSKS aktif sebanyak 56 dibagi jumlah PSKS sebanyak 57, yaitu 56/57 × 100% = 98,25%.",
    );
  });

  it("grade with scores: A (81,50) vs 80,15 = 98,34%", () => {
    expect(sentence(s("1"), '"Nilai SAKIP"')).toBe(
      'Indikator "Nilai SAKIP" pada tahun 2024 ditargetkan A (81,50) dan terealisasi 80,15, sehingga capaian kinerjanya sebesar 98,34% dan belum mencapai target yang ditetapkan. Capaian tersebut termasuk kategori Sangat Tinggi (≥ 91).',
    );
  });

  it("grade with letters only: met or not on the ordinal scale, and said so", () => {
    expect(sentence(s("1"), '"Indeks Kepuasan Masyarakat"')).toBe(
      'Indikator "Indeks Kepuasan Masyarakat" pada tahun 2024 ditargetkan predikat B dan memperoleh predikat A, sehingga target terlampaui. Karena data yang tersedia hanya berupa huruf predikat, capaian dinilai menurut urutan predikat pada tabel Mutu Pelayanan (Indeks Kepuasan Masyarakat) dan tidak dinyatakan dalam persen.',
    );
  });

  it("range target: inside the range is 100%", () => {
    expect(sentence(s("1"), '"Persentase ketepatan waktu laporan"')).toBe(
      'Indikator "Persentase ketepatan waktu laporan" pada tahun 2024 ditargetkan pada rentang 80%–90% dan terealisasi 85%, sehingga capaian kinerjanya sebesar 100,00% karena realisasi berada dalam rentang target. Capaian tersebut termasuk kategori Sangat Tinggi (≥ 91).',
    );
  });

  it("realisasi not filled and target zero are stated, never computed", () => {
    expect(sentence(s("1"), '"Jumlah KPM graduasi"')).toBe(
      'Realisasi indikator "Jumlah KPM graduasi" tahun 2024 belum diisi, sehingga capaian kinerjanya belum dapat dihitung (target yang ditetapkan 25 KPM).',
    );
    expect(sentence(s("1"), '"Jumlah aduan terselesaikan"')).toBe(
      'Capaian indikator "Jumlah aduan terselesaikan" tahun 2024 tidak dapat dihitung karena targetnya bernilai 0 sehingga realisasi tidak dapat dibandingkan dengan target.',
    );
  });

  it("sasaran roll-up: (107,64 + 100 + 70) / 3 = 92,55%", () => {
    // 107,6375 + 100 + 70 = 277,6375; / 3 = 92,5458…
    expect(sentence(s("1"), 'Sasaran strategis "Meningkatnya Pelayanan Sosial"')).toBe(
      'Sasaran strategis "Meningkatnya Pelayanan Sosial" diukur dengan 3 (tiga) indikator kinerja. Sebanyak 1 (satu) indikator belum mencapai target. Capaian sasaran ini, dihitung sebagai rata-rata capaian indikatornya, sebesar 92,55% dengan kategori Sangat Tinggi.',
    );
    // (80 + 100,7647…) / 2 = 90,38; the unfilled indicator is left out and said so.
    expect(sentence(s("1"), 'Sasaran strategis "Menurunnya Angka Kemiskinan"')).toBe(
      'Sasaran strategis "Menurunnya Angka Kemiskinan" diukur dengan 3 (tiga) indikator kinerja. Sebanyak 1 (satu) indikator belum mencapai target. Sebanyak 1 (satu) indikator belum dapat diukur sehingga tidak diikutkan dalam perhitungan. Capaian sasaran ini, dihitung sebagai rata-rata capaian indikatornya, sebesar 90,38% dengan kategori Tinggi.',
    );
  });

  it("agency roll-up with the four counts", () => {
    expect(sentence(s("1"), "Secara rata-rata")).toBe(
      "Secara rata-rata, capaian kinerja Dinas Sosial Kabupaten Varian pada tahun 2024 sebesar 94,03% dengan kategori Sangat Tinggi, dihitung dari rata-rata capaian 3 (tiga) sasaran strategis. Dari 10 (sepuluh) indikator kinerja, 2 (dua) memiliki capaian di atas 100%, 2 (dua) tepat 100%, 3 (tiga) di bawah 100%, 1 (satu) berupa predikat yang mencapai target dan 2 (dua) belum dapat diukur (NA).",
    );
  });
});

describe("3.2 trend paragraphs", () => {
  it("up, with the previous capaian", () => {
    expect(sentence(s("2"), '"Persentase kelurahan cepat berkembang"')).toBe(
      'Realisasi indikator "Persentase kelurahan cepat berkembang" tahun 2024 sebesar 86,11%, meningkat 11,11 poin dibandingkan tahun 2023 sebesar 75%. Capaian kinerja tahun 2023 sebesar 100,00%, sedangkan tahun 2024 sebesar 107,64%.',
    );
  });

  it("same, with the three-year series", () => {
    expect(sentence(s("2"), '"Persentase PKK aktif"')).toBe(
      'Realisasi indikator "Persentase PKK aktif" tahun 2024 sebesar 100%, tetap sama dengan realisasi tahun 2023. Capaian kinerja tahun 2023 sebesar 100,00%, sedangkan tahun 2024 sebesar 100,00%. Selama tahun 2022–2024, realisasinya berturut-turut 100% (2022), 100% (2023) dan 100% (2024).',
    );
  });

  it("down, for negative polarity an improvement", () => {
    expect(sentence(s("2"), '"Angka kemiskinan"')).toBe(
      'Realisasi indikator "Angka kemiskinan" tahun 2024 sebesar 12%, menurun 1,00 poin dibandingkan tahun 2023 sebesar 13%. Karena indikator ini berpolaritas negatif (semakin rendah semakin baik), penurunan tersebut menunjukkan kinerja yang membaik. Capaian kinerja tahun 2023 sebesar 81,82%, sedangkan tahun 2024 sebesar 80,00%.',
    );
  });

  it("no previous data and not filled this year", () => {
    expect(sentence(s("2"), '"Persentase PSKS aktif"')).toBe(
      'Indikator "Persentase PSKS aktif" belum memiliki data realisasi tahun 2023, sehingga perbandingan dengan tahun sebelumnya belum dapat dilakukan; realisasi tahun 2024 sebesar 98,25%.',
    );
    expect(sentence(s("2"), '"Jumlah KPM graduasi"')).toBe(
      'Realisasi indikator "Jumlah KPM graduasi" tahun 2024 belum diisi, sehingga belum dapat dibandingkan dengan tahun 2023 (realisasi tahun 2023 sebesar 22 KPM).',
    );
  });

  it("indicator changed", () => {
    const changed = draftChapter(
      agency({
        objectives: [
          {
            id: "S1",
            name: "Meningkatnya Kapasitas Pemberdayaan Masyarakat",
            indicators: [
              {
                id: "IKU2",
                code: "2.1",
                name: "Persentase Kelurahan Cepat Berkembang",
                unit: "%",
                years: { "2024": { target: "80", actual: "86.11" } },
                predecessor: { name: "Persentase pengentasan desa/kelurahan tertinggal", years: { "2023": { target: "42", actual: "75" } } },
              },
            ],
          },
        ],
      }),
    );
    expect(texts(section(changed, "2"))[1]).toBe(
      'Realisasi indikator "Persentase Kelurahan Cepat Berkembang" tahun 2024 sebesar 86,11% tidak dapat dibandingkan dengan tahun 2023 karena indikator kinerjanya berubah: sampai tahun 2023 digunakan indikator "Persentase pengentasan desa/kelurahan tertinggal" dengan realisasi 75%.',
    );
  });
});

describe("3.3 Renstra", () => {
  it("not yet reached, with the gap and the years left", () => {
    expect(sentence(s("3"), '"Persentase kelurahan cepat berkembang"')).toBe(
      'Realisasi indikator "Persentase kelurahan cepat berkembang" tahun 2024 sebesar 86,11% baru mencapai tingkat kemajuan 86,11% terhadap target akhir Renstra tahun 2026 sebesar 100%; masih terdapat selisih 13,89 poin yang perlu dicapai dalam 2 (dua) tahun tersisa periode Renstra.',
    );
  });

  it("reached, and negative polarity still to reduce", () => {
    expect(sentence(s("3"), '"Persentase PKK aktif"')).toBe(
      'Realisasi indikator "Persentase PKK aktif" tahun 2024 sebesar 100% telah mencapai target akhir Renstra tahun 2026 sebesar 100%, dengan tingkat kemajuan 100,00%.',
    );
    // (2 × 8 − 12) / 8 = 50%; 12 − 8 = 4 points still to reduce.
    expect(sentence(s("3"), '"Angka kemiskinan"')).toBe(
      'Realisasi indikator "Angka kemiskinan" tahun 2024 sebesar 12% baru mencapai tingkat kemajuan 50,00% terhadap target akhir Renstra tahun 2026 sebesar 8%; realisasi masih perlu diturunkan sebesar 4,00 poin dalam 2 (dua) tahun tersisa periode Renstra.',
    );
  });

  it("no Renstra target", () => {
    expect(sentence(s("3"), '"Nilai SAKIP"')).toBe(
      'Target akhir Renstra untuk indikator "Nilai SAKIP" belum diisi, sehingga tingkat kemajuannya belum dapat dihitung.',
    );
  });
});

describe("3.4 national comparison", () => {
  it("higher and better, with an older national year", () => {
    expect(sentence(s("4"), '"Persentase kelurahan cepat berkembang"')).toBe(
      'Realisasi indikator "Persentase kelurahan cepat berkembang" tahun 2024 sebesar 86,11% lebih tinggi 2,73 poin dibandingkan realisasi nasional tahun 2023 sebesar 83,38% (sumber: Kemendagri). Dengan demikian, kinerja Kabupaten Varian pada indikator ini lebih baik daripada capaian nasional. Data nasional tahun 2024 belum tersedia, sehingga digunakan data tahun 2023.',
    );
  });

  it("lower than a national standard", () => {
    expect(sentence(s("4"), '"Persentase PMKS tertangani"')).toBe(
      'Realisasi indikator "Persentase PMKS tertangani" tahun 2024 sebesar 70% lebih rendah 5,00 poin dibandingkan standar nasional tahun 2024 sebesar 75%. Dengan demikian, kinerja Kabupaten Varian pada indikator ini masih di bawah capaian nasional.',
    );
  });

  it("negative polarity: higher is worse", () => {
    expect(sentence(s("4"), '"Angka kemiskinan"')).toBe(
      'Realisasi indikator "Angka kemiskinan" tahun 2024 sebesar 12% lebih tinggi 2,97 poin dibandingkan realisasi nasional tahun 2024 sebesar 9,03% (sumber: BPS). Karena indikator ini berpolaritas negatif (semakin rendah semakin baik), kinerja Kabupaten Varian pada indikator ini masih di bawah capaian nasional.',
    );
  });

  it("national data missing", () => {
    expect(sentence(s("4"), '"Persentase PKK aktif"')).toBe(
      'Data standar atau realisasi nasional untuk indikator "Persentase PKK aktif" belum tersedia, sehingga perbandingan dengan capaian nasional belum dapat dilakukan.',
    );
  });
});

describe("3.5 factors", () => {
  it("lists given factors, says 'none' for an explicit empty list, and names what is still missing", () => {
    const all = texts(s("5"));
    const start = all.findIndex((t) => t.startsWith("Faktor pendukung tercapainya target indikator \"Persentase kelurahan cepat berkembang\""));
    expect(all.slice(start, start + 5)).toEqual([
      'Faktor pendukung tercapainya target indikator "Persentase kelurahan cepat berkembang" adalah sebagai berikut:',
      "Koordinasi antarinstansi",
      'Tidak terdapat faktor penghambat yang berarti pada indikator "Persentase kelurahan cepat berkembang".',
      'Tindak lanjut dan alternatif solusi untuk mempertahankan dan meningkatkan kinerja indikator "Persentase kelurahan cepat berkembang" adalah sebagai berikut:',
      "Monitoring dan evaluasi",
    ]);
    expect(all).toContain('Faktor penghambat yang menyebabkan target indikator "Persentase PMKS tertangani" belum tercapai adalah sebagai berikut:');
    expect(sentence(s("5"), 'Uraian penyebab untuk indikator "Persentase PMKS tertangani"')).toBe(
      'Uraian penyebab untuk indikator "Persentase PMKS tertangani" belum lengkap: tindak lanjut belum diisi, sehingga bagian ini belum dapat disusun seluruhnya.',
    );
    expect(sentence(s("5"), 'Uraian penyebab untuk indikator "Angka kemiskinan"')).toBe(
      'Uraian penyebab untuk indikator "Angka kemiskinan" belum lengkap: faktor pendukung, faktor penghambat dan tindak lanjut belum diisi, sehingga bagian ini belum dapat disusun seluruhnya.',
    );
  });
});

describe("3.6 efficiency", () => {
  it("rasio: 107,6375 / 88,888139 = 1,21", () => {
    expect(sentence(s("6"), '"Persentase kelurahan cepat berkembang"')).toBe(
      'Pada indikator "Persentase kelurahan cepat berkembang", capaian kinerja sebesar 107,64% dicapai dengan serapan anggaran 88,89% (Rp1.220.878.592 dari pagu Rp1.373.500.000), sehingga tingkat efisiensinya 1,21 (107,64% ÷ 88,89%) dan termasuk kategori Efisien.',
    );
  });

  it("no budget linked, and serapan 0%", () => {
    expect(sentence(s("6"), '"Persentase PKK aktif"')).toBe(
      'Indikator "Persentase PKK aktif" belum dihubungkan dengan pagu dan realisasi anggaran program atau kegiatan, sehingga tingkat efisiensinya belum dapat dihitung.',
    );
    expect(sentence(s("6"), '"Angka kemiskinan"')).toBe(
      'Tingkat efisiensi indikator "Angka kemiskinan" belum dapat dihitung karena serapan anggarannya 0% sehingga capaian tidak dapat dibagi dengan serapan.',
    );
  });

  it("states the declared method, for each method", () => {
    expect(texts(s("6"))[0]).toContain("(tingkat efisiensi = capaian kinerja ÷ serapan anggaran)");
    const selisih = draftChapter(variantsWith({ efficiency: { method: "selisih", band: "5" } }));
    expect(texts(section(selisih, "6"))[0]).toContain("selisih dalam rentang ±5,00 poin berarti cukup efisien");
    // 107,6375 − 88,888139 = 18,749361 → +18,75 poin
    expect(sentence(section(selisih, "6"), '"Persentase kelurahan cepat berkembang"')).toContain("sehingga selisih capaian dan serapan sebesar +18,75 poin dan termasuk kategori Efisien.");
    const hemat = draftChapter(variantsWith({ efficiency: { method: "penghematan", band: "0" } }));
    // 100 − 88,888139 = 11,11%; the PMKS indicator did not meet its target.
    expect(sentence(section(hemat, "6"), '"Persentase kelurahan cepat berkembang"')).toContain("sehingga nilai efisiensi anggaran sebesar 11,11% (Efisien).");
    expect(sentence(section(hemat, "6"), '"Persentase PMKS tertangani"')).toContain(
      "sehingga nilai efisiensi anggaran sebesar 50,00%; namun karena target kinerja belum tercapai, sisa anggaran tersebut belum dapat dinilai sebagai efisiensi.",
    );
  });
});

describe("3.7 and 3.8", () => {
  it("programs supporting, not supporting and not rated", () => {
    expect(sentence(s("7"), '"Persentase PMKS tertangani"')).toBe(
      'Indikator "Persentase PMKS tertangani" didukung oleh Program Perlindungan Sosial. Program Perlindungan Sosial belum mencapai target keluarannya sehingga belum sepenuhnya menunjang pencapaian indikator ini.',
    );
    expect(sentence(s("7"), '"Angka kemiskinan"')).toBe(
      'Indikator "Angka kemiskinan" didukung oleh Program Penunjang Urusan. Keluaran Program Penunjang Urusan belum diisi sehingga dukungannya belum dapat dinilai.',
    );
  });

  it("total absorption with the amount in words, and the items below the threshold with reasons", () => {
    expect(sentence(s("8"), "memperoleh alokasi anggaran")).toBe(
      "Pada tahun 2024, Dinas Sosial Kabupaten Varian memperoleh alokasi anggaran sebesar Rp1.973.500.000 (Satu Miliar Sembilan Ratus Tujuh Puluh Tiga Juta Lima Ratus Ribu Rupiah) dan terealisasi sebesar Rp1.470.878.592 atau 74,53% dari total pagu, sehingga sisa anggaran sebesar Rp502.621.408.",
    );
    const all = texts(s("8"));
    const i = all.findIndex((t) => t.startsWith("Terdapat"));
    expect(all.slice(i)).toEqual([
      "Terdapat 2 (dua) program, kegiatan atau sub kegiatan dengan serapan anggaran di bawah 80%, dengan penjelasan sebagai berikut:",
      "Kegiatan Pengelolaan Data Fakir Miskin (Program Perlindungan Sosial): serapan 50,00% dari pagu Rp500.000.000; tunda bayar.",
      "Program Penunjang Urusan: serapan 0,00% dari pagu Rp100.000.000; alasan belum diisi.",
    ]);
  });
});

describe("3.7 and 3.8 of an agency with no budget lines yet", () => {
  const empty = draftChapter(agency());
  const tableOf = (id: "7" | "8") => section(empty, id).blocks.find((b) => b.type === "table")!;

  it("keeps Tabel 3.7's number with no rows and a note saying why, and says 3.8 has nothing to analyse yet", () => {
    const programs = tableOf("7");
    expect(programs).toMatchObject({ number: "3.7", rows: [], note: "Belum ada program atau kegiatan yang dihubungkan dengan indikator kinerja utama." });
    expect(texts(section(empty, "7")).slice(1)).toEqual(['Belum ada program atau kegiatan yang dihubungkan dengan indikator "Persentase PSKS yang aktif".']);
    expect(tableOf("8")).toMatchObject({ number: "3.8" });
    expect(texts(section(empty, "8")).slice(1)).toEqual([
      "Program, kegiatan dan sub kegiatan Dinas Sosial Kabupaten Contoh beserta pagu dan realisasi anggarannya tahun 2024 belum diisi, sehingga realisasi anggaran belum dapat diuraikan.",
    ]);
    // With a line linked to an indicator, the table has its rows and no such note.
    expect(section(chapter, "7").blocks.find((b) => b.type === "table")).not.toHaveProperty("note");
  });

  it("shows the empty Tabel 3.7 on a phone as its caption, the source and the note, without an empty block", () => {
    const messages = renderTelegram([section(empty, "7")], { ...telegramOptions(), limit: TELEGRAM_LIMIT });
    const all = messages.join("\n\n");
    expect(all).not.toContain("<pre></pre>");
    expect(all).toContain(
      "<b>Tabel 3.7</b> Program/Kegiatan Pendukung Indikator Kinerja Utama Tahun 2024\n\n<i>Sumber: Data Dinas Sosial Kabupaten Contoh Tahun 2024</i>\n<i>Belum ada program atau kegiatan yang dihubungkan dengan indikator kinerja utama.</i>",
    );
  });
});

describe("executive summary and closing", () => {
  it("summary paragraph", () => {
    expect(texts(s("ringkasan"))).toEqual([
      "Pada tahun 2024, Dinas Sosial Kabupaten Varian menetapkan 3 (tiga) sasaran strategis yang diukur dengan 10 (sepuluh) indikator kinerja utama. Rata-rata capaian kinerja seluruh sasaran sebesar 94,03% dengan kategori Sangat Tinggi; dari 10 (sepuluh) indikator tersebut, 2 (dua) memiliki capaian di atas 100%, 2 (dua) tepat 100%, 3 (tiga) di bawah 100%, 1 (satu) berupa predikat yang mencapai target dan 2 (dua) belum dapat diukur (NA). Untuk mewujudkan sasaran tersebut dialokasikan anggaran sebesar Rp1.973.500.000 yang terealisasi sebesar Rp1.470.878.592 atau 74,53% dari total pagu.",
    ]);
  });

  it("closing lists the obstacles and follow-ups the officers gave", () => {
    const all = texts(s("penutup"));
    expect(all).toContain("Persentase PMKS tertangani: realisasi 70% dari target 100%, capaian 70,00% (kategori Sedang).");
    expect(all).toContain("Jumlah KPM graduasi: realisasi belum diisi.");
    expect(all.slice(all.indexOf("Kendala yang masih dihadapi antara lain:"), -1)).toEqual([
      "Kendala yang masih dihadapi antara lain:",
      "Anggaran terbatas",
      "Upaya yang akan dilakukan untuk meningkatkan kinerja pada tahun berikutnya antara lain:",
      "Monitoring dan evaluasi",
    ]);
  });
});

function variantsWith(profile: Record<string, unknown>) {
  return agency({ ...variantsInput(), profile });
}
