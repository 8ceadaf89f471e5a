/**
 * A full /isi pass for a three-indicator agency, with typos and corrections
 * along the way, then editing one answer later from /indikator, then /draf.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, harness, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";

async function threeIndicators(h: Harness): Promise<string> {
  const id = await registerAgency(h, ADMIN);
  const d = h.driver;
  await d.send(ADMIN, "/tempel");
  await d.send(
    ADMIN,
    [
      "Meningkatnya Kesejahteraan Sosial | Persentase PSKS aktif | % | 97,5",
      "Meningkatnya Kesejahteraan Sosial | Jumlah KPM graduasi | KPM | 25",
      "Menurunnya Kemiskinan | Angka kemiskinan | % | 10",
    ].join("\n"),
  );
  await d.press(ADMIN, "✅ Simpan");
  // PSKS is a ratio indicator; poverty is negative polarity.
  await d.send(ADMIN, "/atur");
  await d.press(ADMIN, "Indikator 1.1");
  await d.press(ADMIN, "Jenis");
  await d.press(ADMIN, "Rasio (pembilang/penyebut)");
  await d.send(ADMIN, "/atur");
  await d.press(ADMIN, "Indikator 2.1");
  await d.press(ADMIN, "± Polaritas");
  await d.press(ADMIN, "Negatif (makin rendah makin baik)");
  return id;
}

describe("guided data entry (/isi)", () => {
  it("walks through every missing answer, survives typos, goes back, skips, and stores each answer before acknowledging it", async () => {
    const h = await harness();
    const id = await threeIndicators(h);
    const d = h.driver;
    const say = async (text: string) => plain(await d.send(ADMIN, text));

    // Indicator 1.1 (ratio).
    const first = await say("/isi");
    expect(first).toContain("1.1 Persentase PSKS aktif (satuan: %)\nTarget 2024: 97,5%\n\nBerapa realisasi 2024? Ketik pembilang/penyebut, misalnya 56/57, atau persentasenya.");
    expect(first).toContain("Belum diisi: 36 isian, termasuk pertanyaan ini.");
    expect(await say("56/O7")).toBe(
      '"O7" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 56/57.\nSilakan ketik ulang jawabannya, atau lewati.',
    );
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2024"]!.numerator).toBeUndefined();
    const saved = await say("56/57");
    expect(saved).toContain("✅ Tersimpan — Realisasi 2024: 98,25% (56/57).\nCapaian 2024: 100,76% (Sangat Tinggi).");
    expect(saved).toContain("Berapa target 2023 indikator ini?");
    // An earlier year's realisasi is asked beside that year's target, and its capaian is shown once stored.
    expect(await say("95")).toContain("Target 2024: 97,5%\nTarget 2023: 95%\n\nBerapa realisasi 2023? Ketik pembilang/penyebut");
    const earlier = await say("98,29");
    expect(earlier).toContain("✅ Tersimpan — Realisasi 2023: 98,29%.\nCapaian 2023: 103,46% (Sangat Tinggi).\n\n1.1 Persentase PSKS aktif");
    expect(earlier).toContain("Berapa target 2022 indikator ini?");
    expect(await say("lewati")).toContain("Berapa realisasi 2022? Ketik pembilang/penyebut");
    expect(plain(await d.press(ADMIN, "⏭ Lewati"))).toContain("Berapa target akhir Renstra (2026) indikator ini?");
    expect(await say("100")).toContain("Berapa standar atau realisasi nasional indikator ini?");
    expect(await say("83,38")).toContain("Sebutkan juga tahun data nasionalnya, misalnya: 83,38 2023 Kemendagri.");
    expect(await say("83,38 2023 Kemendagri")).toContain("Berapa pagu anggaran yang mendukung indikator ini?");
    expect(await say("Rp 1,5 M")).toContain("Pagu: Rp1.500.000.000");
    expect(await say("1.2OO.OOO.OOO")).toContain('"1.2OO.OOO.OOO" tidak dapat dibaca sebagai angka.');
    expect(await say("1.200.000.000")).toContain("Apa saja faktor pendukung capaian indikator ini?");
    expect(await say("- Koordinasi antarinstansi\n- Relawan aktif")).toContain("faktor penghambat");
    expect(plain(await d.press(ADMIN, "Tidak ada"))).toContain("tindak lanjut atau alternatif solusi");
    const nextIndicator = await say("Monitoring rutin");
    expect(nextIndicator).toContain("✅ Tersimpan — Tindak lanjut: Monitoring rutin.");
    expect(nextIndicator).toContain("1.2 Jumlah KPM graduasi (satuan: KPM)");

    // Indicator 1.2: the target is missed, so the factors are asked at once, what held it back first; "kembali"
    // corrects an answer.
    const missed = await say("20");
    expect(missed).toContain(
      "✅ Tersimpan — Realisasi 2024: 20 KPM.\nCapaian 2024: 80,00% (Tinggi).\nRealisasi belum mencapai target; sekarang saya tanyakan faktor penyebabnya, mulai dari faktor penghambatnya.",
    );
    expect(missed).toContain("Apa saja faktor penghambat capaian indikator ini? Tulis satu butir per baris (atau pisahkan dengan titik koma).");
    expect(await say("KPM pindah domisili")).toContain("Apa saja faktor pendukung capaian indikator ini?");
    expect(await say("Pendampingan rutin")).toContain("Belum diisi: 21 isian, termasuk pertanyaan ini.");
    const back = await say("kembali");
    expect(back).toContain("Apa saja faktor pendukung capaian indikator ini?");
    expect(back).toContain("Saat ini: Pendampingan rutin");
    // The answered question is not among the ones still open.
    expect(back).toContain("Belum diisi: 21 isian. Ketik lewati");
    await say("Pendampingan rutin; data KPM dimutakhirkan tiap bulan");
    expect(await say("Pemutakhiran data")).toContain("Berapa target 2023 indikator ini?");
    await say("20");
    await say("22");
    await say("lewati");
    await say("lewati");
    await say("40");
    await say("tidak ada");
    await say("250 jt");
    expect(await say("200 jt")).toContain("2.1 Angka kemiskinan (satuan: %)");

    // Indicator 2.1 (negative polarity): 12 against 10 → (2×10 − 12)/10 = 80%.
    expect(await say("12")).toContain("Capaian 2024: 80,00% (Tinggi).\nRealisasi belum mencapai target");
    expect(await say("batal")).toBe("Pengisian dihentikan. Semua jawaban yang sudah tersimpan tetap ada; ketik /isi untuk melanjutkan.");

    const data = (await h.repo.agencies.read(id))!.data;
    const [psks, kpm] = data.objectives[0]!.indicators;
    const poverty = data.objectives[1]!.indicators[0]!;
    expect(psks).toMatchObject({
      kind: "ratio",
      years: { "2024": { target: "97.5", numerator: "56", denominator: "57" }, "2023": { target: "95", actual: "98.29" } },
      strategicPlan: { finalTarget: "100" },
      national: { value: "83.38", year: 2023, kind: "realisasi", source: "Kemendagri" },
      budget: { budget: "1500000000", spent: "1200000000" },
      factors: { supporting: ["Koordinasi antarinstansi", "Relawan aktif"], inhibiting: [], followUp: ["Monitoring rutin"] },
    });
    expect(psks!.years["2022"]).toBeUndefined();
    expect(kpm).toMatchObject({
      years: { "2024": { target: "25", actual: "20" }, "2023": { target: "20", actual: "22" } },
      strategicPlan: { finalTarget: "40" },
      national: null,
      budget: { budget: "250000000", spent: "200000000" },
      factors: { supporting: ["Pendampingan rutin", "data KPM dimutakhirkan tiap bulan"], inhibiting: ["KPM pindah domisili"], followUp: ["Pemutakhiran data"] },
    });
    expect(poverty).toMatchObject({ polarity: "negative", years: { "2024": { target: "10", actual: "12" } } });

    // /isi again continues with what is still missing (the skipped 2022 answers are asked again).
    expect(await say("/isi")).toContain("1.1 Persentase PSKS aktif (satuan: %)\nTarget 2024: 97,5%\n\nBerapa target 2022 indikator ini?");
    await say("/batal");

    // Editing one answer later from /indikator, without the whole flow.
    await say("/indikator");
    const summary = plain(await d.press(ADMIN, "2.1 Angka kemiskinan"));
    expect(summary).toContain("Capaian 2024: 80,00% (Tinggi)");
    expect(summary).toContain("• Realisasi 2024: 12%");
    expect(plain(await d.press(ADMIN, "Realisasi 2024"))).toContain("Saat ini: 12%");
    const edited = await say("9");
    expect(edited).toContain("✅ Tersimpan — Realisasi 2024: 9%.\nCapaian 2024: 110,00% (Sangat Tinggi).");
    expect(edited).toContain("• Realisasi 2024: 9%");
    const after = (await h.repo.agencies.read(id))!;
    expect(after.data.objectives[1]!.indicators[0]!.years["2024"]!.actual).toBe("9");
    const last = after.audit[after.audit.length - 1]!;
    expect(last).toMatchObject({ userId: ADMIN.id, userName: "Sari Wulandari", field: "objectives/S2/indicators/I3/years/2024/actual", old: "12", new: "9", label: "Realisasi 2024 — 2.1 Angka kemiskinan" });

    // /draf uses the answers.
    await say("/draf");
    const draft = plain(await d.press(ADMIN, "3.1"));
    expect(draft).toContain(
      'Indikator "Jumlah KPM graduasi" pada tahun 2024 ditargetkan 25 KPM dan terealisasi 20 KPM, sehingga capaian kinerjanya sebesar 80,00% dan belum mencapai target yang ditetapkan. Capaian tersebut termasuk kategori Tinggi (76 ≤ x < 91).',
    );
    expect(draft).toContain("(2 × 10 − 9) ÷ 10 × 100% = 110,00%");
    expect(h.errors).toEqual([]);
  });

  it("asks the factors in the order the capaian calls for: what held it back first when missed, what supported it first when far exceeded", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Sasaran A | Jumlah KPM graduasi | KPM | 100");
    const say = async (t: string) => plain(await h.driver.send(ADMIN, t));
    await say("/isi");
    const far = await say("150");
    expect(far).toContain("Capaian 2024: 150,00% (Sangat Tinggi).\nRealisasi jauh melampaui target; sekarang saya tanyakan faktor penyebabnya.\n");
    expect(far).toContain("Apa saja faktor pendukung capaian indikator ini?");
    expect(await say("Dukungan dana desa")).toContain("Apa saja faktor penghambat capaian indikator ini?");
    expect(await say("tidak ada")).toContain("Apa tindak lanjut atau alternatif solusi yang dilakukan?");

    // A predikat below its target is a target missed too.
    const g = await harness();
    await registerAgency(g, ADMIN);
    await pasteTable(g, ADMIN, "Sasaran A | Nilai SAKIP | predikat | BB");
    await g.driver.send(ADMIN, "/isi");
    const missed = plain(await g.driver.send(ADMIN, "B"));
    expect(missed).toContain("Realisasi belum mencapai target; sekarang saya tanyakan faktor penyebabnya, mulai dari faktor penghambatnya.\n");
    expect(missed).toContain("Apa saja faktor penghambat capaian indikator ini?");
    expect(plain(await g.driver.send(ADMIN, "Hasil evaluasi belum memenuhi kriteria BB"))).toContain("Apa saja faktor pendukung capaian indikator ini?");
  });

  it("shows under each figure's question an example it takes: a range for a target, never for a realisasi", async () => {
    const h = await harness();
    const id = await threeIndicators(h);
    const d = h.driver;
    await d.send(ADMIN, "/isi");
    await d.send(ADMIN, "batal");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "2.1 Angka kemiskinan");
    const actual = plain(await d.press(ADMIN, "Realisasi 2024"));
    expect(actual).toContain("Berapa realisasi 2024 indikator ini?\nContoh: 86,11.");
    expect(actual).not.toContain("rentang");
    // What the realisasi's example does not offer is refused, as it always was.
    expect(plain(await d.send(ADMIN, "80-90"))).toContain('"80-90" tidak dapat dibaca sebagai angka.');
    await d.send(ADMIN, "batal");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "2.1 Angka kemiskinan");
    const target = plain(await d.press(ADMIN, "Target 2024"));
    expect(target).toContain("Berapa target 2024 indikator ini?\nContoh: 86,11 (atau rentang 80-90).");
    // … and the target's example is taken.
    expect(plain(await d.send(ADMIN, "80-90"))).toContain("✅ Tersimpan — Target 2024: 80%–90%.");
    expect((await h.repo.agencies.read(id))!.data.objectives[1]!.indicators[0]!.years["2024"]!.target).toEqual({ min: "80", max: "90" });
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "1.2 Jumlah KPM graduasi");
    expect(plain(await d.press(ADMIN, "Realisasi 2024"))).toContain("Berapa realisasi 2024 indikator ini?\nContoh: 1.373.");
    // The figure may be written with the indicator's own unit after it, as officers often do; another word may not.
    expect(plain(await d.send(ADMIN, "20 orang"))).toContain('"20 orang" tidak dapat dibaca sebagai angka.');
    expect(plain(await d.send(ADMIN, "20 kpm"))).toContain("✅ Tersimpan — Realisasi 2024: 20 KPM.");
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[1]!.years["2024"]!.actual).toBe("20");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "1.2 Jumlah KPM graduasi");
    await d.press(ADMIN, "Target 2023");
    expect(plain(await d.send(ADMIN, "20-25 KPM"))).toContain("✅ Tersimpan — Target 2023: 20–25 KPM.");
    expect(h.errors).toEqual([]);
  });

  it("refuses an amount typed at a percentage's question and a figure typed as a factor, storing nothing", async () => {
    const h = await harness();
    const id = await threeIndicators(h);
    const d = h.driver;
    const stored = async () => (await h.repo.agencies.read(id))!.data.objectives[1]!.indicators[0]!;
    await d.send(ADMIN, "/isi");
    await d.send(ADMIN, "batal");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "2.1 Angka kemiskinan");
    await d.press(ADMIN, "Target akhir Renstra");
    expect(plain(await d.send(ADMIN, "1.050.000.000"))).toBe(
      "1.050.000.000 tidak masuk akal untuk indikator bersatuan persen: lebih dari 1.000%. Tulis persentasenya, misalnya 86,11; pagu dan realisasi anggaran punya tempatnya sendiri.\nSilakan ketik ulang jawabannya, atau lewati.",
    );
    expect(plain(await d.send(ADMIN, "-1001"))).toContain("-1001 tidak masuk akal untuk indikator bersatuan persen");
    // 1.000% itself, and a realisasi of a ratio far above its denominator, are still figures.
    expect(plain(await d.send(ADMIN, "1000"))).toContain(
      "✅ Tersimpan — Target akhir Renstra: 1.000%.\n⚠️ Angka ini lebih dari 100%. Bila indikator ini tidak dapat melebihi 100% (misalnya persentase penduduk yang tertangani), periksa kembali angkanya; ketuk tombolnya di bawah untuk memperbaikinya.\n\n2.1 Angka kemiskinan",
    );
    expect((await stored()).strategicPlan).toEqual({ finalTarget: "1000" });
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "1.1 Persentase PSKS aktif");
    await d.press(ADMIN, "Realisasi 2024");
    expect(plain(await d.send(ADMIN, "5000/3"))).toContain("✅ Tersimpan — Realisasi 2024: 166.666,67% (5.000/3).\n⚠️ Angka ini lebih dari 100%: pembilangnya lebih besar dari penyebutnya.");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "2.1 Angka kemiskinan");
    await d.press(ADMIN, "Faktor pendukung");
    expect(plain(await d.send(ADMIN, "Pendataan ulang PPKS\n80"))).toBe(
      'Butir ke-2 ("80") hanya berisi angka atau predikat, bukan uraian faktor. Tulis faktornya sebagai kalimat, misalnya: Koordinasi dengan TKSK berjalan baik.\nSilakan ketik ulang jawabannya, atau lewati.',
    );
    for (const figure of ["1,2 M", "Rp 1.500.000", "97,5%", "2024.", "56/57", "BB", "A (81,50)"]) expect(plain(await d.send(ADMIN, figure))).toContain("hanya berisi angka atau predikat");
    expect((await stored()).factors).toBeUndefined();
    expect(plain(await d.send(ADMIN, "Pendataan ulang 80 PPKS"))).toContain("✅ Tersimpan — Faktor pendukung: Pendataan ulang 80 PPKS.");
    expect((await stored()).factors).toEqual({ supporting: ["Pendataan ulang 80 PPKS"] });
    expect(h.errors).toEqual([]);
  });

  it("warns of a percentage above 100%, which most cannot exceed, and stores it", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await pasteTable(h, ADMIN, "Meningkatnya Kesejahteraan Sosial | Persentase PPKS tertangani | % | 85\nMeningkatnya Kesejahteraan Sosial | Jumlah KPM graduasi | KPM | 25");
    await d.send(ADMIN, "/isi");
    // "850" for 85: stored as typed (it may be right), with the way back in a pass.
    expect(plain(await d.send(ADMIN, "850"))).toContain(
      "✅ Tersimpan — Realisasi 2024: 850%.\n⚠️ Angka ini lebih dari 100%. Bila indikator ini tidak dapat melebihi 100% (misalnya persentase penduduk yang tertangani), periksa kembali angkanya; ketik kembali untuk memperbaikinya.\nCapaian 2024: 1.000,00% (Sangat Tinggi).",
    );
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("850");
    expect(plain(await d.send(ADMIN, "kembali"))).toContain("Berapa realisasi 2024 indikator ini?");
    expect(plain(await d.send(ADMIN, "85"))).toContain("✅ Tersimpan — Realisasi 2024: 85%.\nCapaian 2024: 100,00% (Sangat Tinggi).\n\n");
    // A target's range up to 100 is no slip; beyond it is.
    expect(plain(await d.send(ADMIN, "95-100"))).not.toContain("⚠️");
    await d.send(ADMIN, "batal");
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "1.1 Persentase PPKS tertangani");
    await d.press(ADMIN, "Target 2022");
    expect(plain(await d.send(ADMIN, "90-110"))).toContain("✅ Tersimpan — Target 2022: 90%–110%.\n⚠️ Angka ini lebih dari 100%. Bila indikator ini tidak dapat melebihi 100% (misalnya persentase penduduk yang tertangani), periksa kembali angkanya; ketuk tombolnya di bawah untuk memperbaikinya.\n\n1.1 Persentase PPKS tertangani");
    // A count is not a percentage.
    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "1.2 Jumlah KPM graduasi");
    await d.press(ADMIN, "Realisasi 2024");
    expect(plain(await d.send(ADMIN, "160"))).not.toContain("⚠️");
    expect(h.errors).toEqual([]);
  });

  it("says when there is nothing to fill and when everything is complete", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    expect(plain(await h.driver.send(ADMIN, "/isi"))).toBe(
      "Instansi ini belum memiliki indikator. Tambahkan dengan /atur, atau tempelkan tabel Perjanjian Kinerja dengan /tempel.",
    );
  });
});
