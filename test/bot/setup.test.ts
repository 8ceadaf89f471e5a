import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/local/demo.js";
import { ADMIN, OFFICER, OUTSIDER, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";

describe("setting up sasaran and indicators", () => {
  it("adds a sasaran and an indicator in conversation", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    expect(plain(await d.send(ADMIN, "/atur"))).toContain("Belum ada sasaran.");
    await d.press(ADMIN, "➕ Sasaran baru");
    expect(plain(await d.send(ADMIN, "ab"))).toBe("Nama harus 3–500 karakter. Contoh: Meningkatnya Penyelenggaraan Kesejahteraan Sosial.");
    const saved = await d.send(ADMIN, "Meningkatnya Kesejahteraan Sosial");
    expect(plain(saved)).toContain("✅ Sasaran 1. Meningkatnya Kesejahteraan Sosial ditambahkan.");
    expect(plain(saved)).toContain('Ketik nama indikator kinerja untuk sasaran "Meningkatnya Kesejahteraan Sosial"');
    await d.send(ADMIN, "Persentase PSKS aktif");
    await d.press(ADMIN, "%");
    await d.press(ADMIN, "Positif (makin tinggi makin baik)");
    await d.press(ADMIN, "Rasio (pembilang/penyebut)");
    await d.send(ADMIN, "jumlah PSKS aktif dibagi jumlah PSKS × 100%");
    const done = await d.send(ADMIN, "Bidang Pemberdayaan Sosial");
    expect(plain(done)).toContain("✅ Indikator 1.1 Persentase PSKS aktif ditambahkan.");

    const doc = await h.repo.agencies.read(id);
    expect(doc!.data.objectives).toEqual([
      {
        id: "S1",
        code: "1",
        name: "Meningkatnya Kesejahteraan Sosial",
        indicators: [
          {
            id: "I1",
            code: "1.1",
            name: "Persentase PSKS aktif",
            unit: "%",
            polarity: "positive",
            kind: "ratio",
            ratioScale: "100",
            definition: "jumlah PSKS aktif dibagi jumlah PSKS × 100%",
            dataSource: "Bidang Pemberdayaan Sosial",
            years: {},
          },
        ],
      },
    ]);
    // Every change is in the audit trail.
    expect(doc!.audit.map((a) => a.label)).toEqual(["Sasaran — Meningkatnya Kesejahteraan Sosial", "Indikator — 1.1 Persentase PSKS aktif"]);
  });

  it("takes the polarity, kind and predikat table typed instead of tapped, and says why anything else is not taken", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/atur");
    await d.press(ADMIN, "➕ Sasaran baru");
    await d.send(ADMIN, "Meningkatnya Kesejahteraan Sosial");
    await d.send(ADMIN, "Persentase penduduk miskin");
    await d.press(ADMIN, "%");
    const refused = await d.send(ADMIN, "naik turun");
    expect(plain(refused)).toBe('"naik turun" bukan salah satu pilihan; ketuk tombolnya.\nBagaimana polaritas indikator ini?');
    expect(refused[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Positif (makin tinggi makin baik)", "Negatif (makin rendah makin baik)"]);
    expect(plain(await d.send(ADMIN, "makin rendah makin baik"))).toBe("Apa jenis indikator ini?");
    expect(plain(await d.send(ADMIN, "Nilai biasa"))).toContain("Ketik definisi atau rumus indikator");
    await d.press(ADMIN, "⏭ Lewati");
    await d.press(ADMIN, "⏭ Lewati");
    await d.press(ADMIN, "➕ Indikator lain");
    await d.send(ADMIN, "Indeks Kepuasan Masyarakat");
    await d.send(ADMIN, "indeks");
    await d.send(ADMIN, "Positif");
    expect(plain(await d.send(ADMIN, "predikat"))).toBe("Tabel predikat mana yang dipakai?");
    await d.send(ADMIN, "IKM");
    await d.press(ADMIN, "⏭ Lewati");
    await d.press(ADMIN, "⏭ Lewati");
    const o = (await h.repo.agencies.read(id))!.data.objectives[0]!;
    expect(o.indicators.map((i) => [i.name, i.polarity, i.kind, i.gradeTable])).toEqual([
      ["Persentase penduduk miskin", "negative", "value", undefined],
      ["Indeks Kepuasan Masyarakat", "positive", "grade", "ikm"],
    ]);
    expect(h.errors).toEqual([]);
  });

  it("pastes a report's Tabel 3.2 copied from Word: codes under the Indikator header, realisasi stored, % from Presentase", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    // Kabupaten Kotawaringin Timur's LKjIP 2024 (seeds), as Word copies it: the header a cell shorter than the rows.
    const pastedTable = [
      "Tabel 3.2",
      "NO\tTUJUAN/ SASARAN\tINDIKATOR KINERJA\tTARGET\tREALISASI\tCAPAIAN\tKATEGORI\tSUMBER DATA\t",
      "1\tPeningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial\t1.1\tPresentase PSKS yang diberdayakan\t97.5\t98.24\t100.76\tSangat Tinggi\tBidang Pemberdayaan Sosial",
      "\t\t1.2\tPresentase Warga Migran Yang dipulangkan\t90\t84.66\t94.07\tSangat Tinggi\tBidang Perlindungan dan Jaminan Sosial",
      "\t\t1.3\tJumlah TMP yang terpelihara\t2\t2\t100\tSangat Tinggi\tBidang Pemberdayaan Sosial",
    ].join("\n");
    const preview = plain(await d.send(ADMIN, pastedTable));
    expect(preview).toBe(
      [
        "Pratinjau (2 baris, tahun 2024):",
        "1. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase PSKS yang diberdayakan (%), target 97.5, realisasi 98.24 [baru]",
        "2. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase Warga Migran Yang dipulangkan (%), target 90, realisasi 84.66 [baru]",
        "",
        "Kolom yang tidak dibaca: KATEGORI, SUMBER DATA.",
        "",
        "Baris yang perlu diperbaiki (tidak akan disimpan):",
        "• Baris 5: satuan tidak diketahui: tabel tidak punya kolom Satuan dan targetnya tidak ditulis dengan %. Tambahkan kolom Satuan (misalnya %, orang, KPM)",
        "",
        "Simpan 2 baris yang benar?",
      ].join("\n"),
    );
    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Tersimpan: 1 sasaran baru, 2 indikator baru, 0 target diperbarui, 2 realisasi diisi. Ketik /isi untuk melengkapi data lainnya, seperti faktor penyebabnya.",
    );
    const stored = (await h.repo.agencies.read(id))!.data.objectives[0]!.indicators;
    expect(stored.map((i) => [i.code, i.name, i.unit, i.years["2024"]])).toEqual([
      ["1.1", "Presentase PSKS yang diberdayakan", "%", { target: "97.5", actual: "98.24" }],
      ["1.2", "Presentase Warga Migran Yang dipulangkan", "%", { target: "90", actual: "84.66" }],
    ]);
    // 84,66 / 90 = 94,07% (the report's own narrative says 86,66 and 96,29%).
    expect(plain(await d.send(ADMIN, "/status"))).toContain("🔴 1.2 Presentase Warga Migran Yang dipulangkan: 94,07% (Sangat Tinggi)");

    // The same table again: nothing to store, and no Simpan offered.
    await d.send(ADMIN, "/tempel");
    const same = await d.send(ADMIN, pastedTable);
    expect(plain(same)).toContain(
      "1. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase PSKS yang diberdayakan (%), target 97.5, realisasi 98.24 [sudah sama]",
    );
    expect(plain(same.slice(-1))).toBe("Semua baris ini sudah sama dengan data yang tersimpan untuk tahun 2024: tidak ada yang perlu disimpan.");
    expect(same.flatMap((m) => m.keyboard.flat())).toEqual([]);
    await d.send(ADMIN, "/batal");

    // Pasted again with a realisasi corrected: the stored indicators' figures are updated, and the preview says so.
    await d.send(ADMIN, "/tempel");
    const again = plain(await d.send(ADMIN, "Sasaran | Indikator | Realisasi\nPeningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial | Presentase Warga Migran Yang dipulangkan | 86,66"));
    expect(again).toContain("1. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase Warga Migran Yang dipulangkan (%), realisasi 86,66 [perbarui]");
    await d.press(ADMIN, "✅ Simpan");
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[1]!.years["2024"]).toEqual({ target: "90", actual: "86.66" });

    // Its Tabel 3.4 (columns numbered 1 2 3 5 6 7): the final targets of the Renstra to 2026 stored too.
    await d.send(ADMIN, "/tempel");
    const renstra = plain(
      await d.send(
        ADMIN,
        [
          "NO\tTUJUAN / SASARAN\tINDIKATOR KINERJA\tREALISASI KINERJA TAHUN 2024\tTARGET AKHIR 2026\tTINGKAT KEMAJUAN",
          "1\t2\t3\t5\t6\t7",
          "1\tPeningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial\tPresentase PSKS yang diberdayakan\t98.24\t91.37\t108%",
          "\t\tPresentase Warga Migran Yang dipulangkan\t86.66\t94.99\t91%",
        ].join("\n"),
      ),
    );
    expect(renstra).toContain(
      [
        "1. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase PSKS yang diberdayakan (%), realisasi 98.24, target akhir Renstra (2026) 91.37 [perbarui]",
        "2. Peningkatan Pelayanan Kepada PPKS yang Memperoleh Bantuan Sosial → Presentase Warga Migran Yang dipulangkan (%), realisasi 86.66, target akhir Renstra (2026) 94.99 [perbarui]",
        "",
        "Kolom yang tidak dibaca: TINGKAT KEMAJUAN.",
      ].join("\n"),
    );
    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Tersimpan: 0 sasaran baru, 0 indikator baru, 0 target diperbarui, 2 target akhir Renstra diisi. Ketik /isi untuk melengkapi data lainnya, seperti faktor penyebabnya.",
    );
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators.map((i) => i.strategicPlan)).toEqual([{ finalTarget: "91.37" }, { finalTarget: "94.99" }]);
    expect(h.errors).toEqual([]);
  });

  it("pastes a report's table over stored indicators: names matched whatever their spaces, a stored ratio kept, look-alike names pointed out", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const before = (await h.repo.agencies.read("dinsos-pm-dumai"))!.data;
    await h.driver.send(ADMIN, "/tempel");
    // Kota Dumai's own report (seeds): "Desa/ Kelurahan" where the stored sasaran has "Desa/Kelurahan", 86,11% for
    // the stored 31/36, and an SPM indicator named without its "(INDIKATOR SPM)".
    const S1 = "Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti.";
    const preview = plain(
      await h.driver.send(
        ADMIN,
        [
          "No\tSasaran Strategis\tIndikator Kinerja\tTar get\tRealisa si\tCapaian 2023",
          `1.\tMeningkatnya Penyelenggaraan Kesejahteraan Sosial\t${S1}\t100 %\t100%\t100%`,
          "2.\tMeningkatnya Kapasitas Pemberdayaan Masyarakat Desa/ Kelurahan\tPersentase Kelurahan Cepat Berkembang\t80 %\t86,11%\t107,6%",
          "\t\tPersentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif\t100 %\t95%\t95%",
        ].join("\n"),
      ),
    );
    expect(preview).toContain(
      [
        `1. Meningkatnya Penyelenggaraan Kesejahteraan Sosial → ${S1} (%), target 100 %, realisasi 100% [baru; namanya mirip indikator 1.1 yang tersimpan: bila sama, samakan namanya]`,
        "2. Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/ Kelurahan → Persentase Kelurahan Cepat Berkembang (%), target 80 %, realisasi 86,11% [sudah sama]",
        "3. Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/ Kelurahan → Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif (%), target 100 %, realisasi 95% [perbarui]",
      ].join("\n"),
    );
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Tersimpan: 0 sasaran baru, 1 indikator baru, 0 target diperbarui, 2 realisasi diisi. Ketik /isi untuk melengkapi data lainnya, seperti faktor penyebabnya.",
    );
    const after = (await h.repo.agencies.read("dinsos-pm-dumai"))!.data;
    expect(after.objectives.map((o) => o.name)).toEqual(before.objectives.map((o) => o.name));
    const [cepat, pkk] = after.objectives[1]!.indicators;
    // 31/36 is 86,11% as far as written: kept; 95% replaces 588/588.
    expect(cepat!.years["2024"]).toEqual({ target: "80", numerator: "31", denominator: "36" });
    expect(pkk!.years["2024"]).toEqual({ target: "100", actual: "95" });
    expect(after.objectives[0]!.indicators.map((i) => i.name)).toEqual([before.objectives[0]!.indicators[0]!.name, S1]);
    expect(h.errors).toEqual([]);
  });

  it("compares a pasted table's Capaian with the one computed, as far as it is written, and names the other polarity when that is its formula", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    const preview = await h.driver.send(
      ADMIN,
      [
        "Sasaran\tIndikator\tTarget\tRealisasi\tPersentase Capaian\tCapaian 2023",
        // Kabupaten Kotawaringin Timur's report computes 100/100 as 101,01% for its Taman Makam Pahlawan.
        "Peningkatan Pelayanan\tPresentase Taman Makam Pahlawan yang terpelihara\t100\t100\t101.01\t99",
        // Written to one decimal or none: 107,6375% is 107,6 and 108.
        "\tPersentase Kelurahan Cepat Berkembang\t80\t86,11\t107,6%\t",
        "\tPersentase PSKS aktif\t80\t86,11\t108 %\t",
        // (2 × 10 − 12) / 10 = 80%: the negative formula's.
        "\tPersentase lansia terlantar\t10\t12\t80\t",
        "\tPersentase PKK aktif\t100\t95\t\t",
      ].join("\n"),
    );
    expect(plain(preview)).toContain(
      [
        "Capaian yang tertulis di tabel berbeda dari hitungan (capaian tidak disimpan dari tabel; BAB III memakai hasil hitungan dari target dan realisasinya):",
        "• Baris 2 — Presentase Taman Makam Pahlawan yang terpelihara: tertulis 101.01, hitungan 100,00%",
        "• Baris 5 — Persentase lansia terlantar: tertulis 80, hitungan 120,00% (angka tabel sesuai rumus polaritas negatif: bila indikator ini makin rendah makin baik, ubah polaritasnya lewat /atur sesudah menyimpan)",
        "",
        "Kolom yang tidak dibaca: Capaian 2023.",
      ].join("\n"),
    );
    expect(h.errors).toEqual([]);
  });

  it("pastes the PK's program table as a budget sheet: a preview as /impor's, the total row passed over, stored on Simpan", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    // Kota Dumai's LKjIP 2024 (seeds), its Perjanjian Kinerja's programs as Word copies them.
    const preview = await d.send(
      ADMIN,
      [
        "NO.\tPROGRAM\tANGGARAN\tSUMBER DANA",
        "1.\tProgram Penunjang Urusan Pemerintahan Daerah Kabupaten/kota\tRp 5.715.592.440,-\tAPBD",
        "2.\tProgram Pemberdayaan Sosial\tRp. 788.906.460,-\tAPBD",
        "3.\tProgram Penanganan Warga Negara Migran Korban Tindak Kekerasan\tRp. 10.000.000,-\tAPBD",
        "J U M L A H\t\tRp 6.514.498.900,-\t",
      ].join("\n"),
    );
    expect(plain(preview)).toBe(
      [
        'Pratinjau impor "tabel anggaran yang ditempel" (tahun 2024):',
        "• Anggaran: 3 baris benar — 3 baris anggaran (program/kegiatan/sub kegiatan) baru.",
        "  2. Program Penunjang Urusan Pemerintahan Daerah Kabupaten/kota: pagu Rp5.715.592.440",
        "  3. Program Pemberdayaan Sosial: pagu Rp788.906.460",
        "  4. Program Penanganan Warga Negara Migran Korban Tindak Kekerasan: pagu Rp10.000.000",
        "",
        "Simpan 3 baris yang benar?",
      ].join("\n"),
    );
    expect((await h.repo.agencies.read(id))!.data.budgetLines).toEqual([]);
    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 0 sasaran baru, 0 indikator baru, 0 indikator diperbarui, 3 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    expect((await h.repo.agencies.read(id))!.data.budgetLines.map((l) => [l.id, l.level, l.name, l.budget, l.fundingSource])).toEqual([
      ["P1", "program", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/kota", "5715592440", "APBD"],
      ["P2", "program", "Program Pemberdayaan Sosial", "788906460", "APBD"],
      ["P3", "program", "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan", "10000000", "APBD"],
    ]);
    expect(plain(await d.send(ADMIN, "/anggaran"))).toContain("Jumlah: pagu Rp6.514.498.900, realisasi belum diisi");
    expect(h.errors).toEqual([]);
  });

  it("pastes a Perjanjian Kinerja table: preview with per-row problems, nothing stored before confirmation", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    expect(plain(await d.send(ADMIN, "/tempel"))).toContain("Sasaran | Indikator | Satuan | Target");
    const preview = await d.send(
      ADMIN,
      [
        "Sasaran | Indikator | Satuan | Target",
        "Meningkatnya Kesejahteraan Sosial | Persentase PSKS aktif | % | 97,5",
        "Meningkatnya Kesejahteraan Sosial | Jumlah KPM graduasi | KPM | 25",
        "Menurunnya Kemiskinan | Angka kemiskinan | % | abc",
        "Menurunnya Kemiskinan | Angka kemiskinan ekstrem",
        "Menurunnya Kemiskinan | Persentase PMKS tertangani | % | 80-90",
      ].join("\n"),
    );
    const text = plain(preview);
    expect(text).toContain("Pratinjau (3 baris, tahun 2024):");
    expect(text).toContain("1. Meningkatnya Kesejahteraan Sosial → Persentase PSKS aktif (%), target 97,5 [baru]");
    expect(text).toContain("3. Menurunnya Kemiskinan → Persentase PMKS tertangani (%), target 80-90 [baru]");
    expect(text).toContain('• Baris 4: target: "abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.');
    // Under a header the missing cell is named.
    expect(text).toContain("• Baris 5: kolom Satuan kosong");
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);

    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe("✅ Tersimpan: 2 sasaran baru, 3 indikator baru, 0 target diperbarui. Ketik /isi untuk melengkapi realisasinya.");
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives.map((o) => [o.code, o.name, o.indicators.map((i) => [i.code, i.name, i.unit, i.years["2024"]?.target])])).toEqual([
      ["1", "Meningkatnya Kesejahteraan Sosial", [["1.1", "Persentase PSKS aktif", "%", "97.5"], ["1.2", "Jumlah KPM graduasi", "KPM", "25"]]],
      ["2", "Menurunnya Kemiskinan", [["2.1", "Persentase PMKS tertangani", "%", { min: "80", max: "90" }]]],
    ]);

    // Pasting again updates targets of existing indicators instead of duplicating them.
    await d.send(ADMIN, "/tempel");
    await d.send(ADMIN, "Meningkatnya Kesejahteraan Sosial | Persentase PSKS aktif | % | 98");
    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe("✅ Tersimpan: 0 sasaran baru, 0 indikator baru, 1 target diperbarui. Ketik /isi untuk melengkapi realisasinya.");
  });

  it("says what is missing when a paste has no row: the header row alone, or a line that is no row", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    expect(plain(await d.send(ADMIN, "| No | Sasaran | Indikator | Satuan | Target |"))).toBe(
      "Baris judul tabelnya terbaca, tetapi tidak ada baris indikator di bawahnya. Tempelkan judul beserta baris-barisnya dalam satu pesan, satu indikator per baris, misalnya:\nSasaran | Indikator | Satuan | Target\nMeningkatnya Kesejahteraan Sosial | Persentase PSKS aktif | % | 97,5",
    );
    expect(plain(await d.send(ADMIN, "sasaran kami belum ditetapkan"))).toBe(
      "Pratinjau (0 baris, tahun 2024):\n\nBaris yang perlu diperbaiki (tidak akan disimpan):\n• Baris 1: harus ada paling sedikit 3 kolom (Sasaran | Indikator | Satuan), ditemukan 1",
    );
    // The paste goes on: the table sent next is previewed.
    expect(plain(await d.send(ADMIN, "Sasaran | Indikator | Satuan | Target\nMeningkatnya Kesejahteraan Sosial | Persentase PSKS aktif | % | 97,5"))).toContain("Pratinjau (1 baris, tahun 2024):");
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
  });

  it("pastes the Perjanjian Kinerja's own table as copied from Word: No column, no Satuan, column numbers, merged Sasaran cells", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    // The layout of ../shared/seeds/perjanjian-kinerja-dinsos-prov-gorontalo-2024.txt, tab-separated as Word copies a table,
    // with a title line above it and a second indicator under a merged Sasaran cell.
    const preview = plain(
      await d.send(
        ADMIN,
        [
          "PERJANJIAN KINERJA PERUBAHAN TAHUN 2024 DINAS SOSIAL PROVINSI GORONTALO",
          "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tKeterangan",
          "(1)\t(2)\t(3)\t(4)\t(5)",
          "1.\tMeningkatnya Kualitas Urusan Penunjang Pemerintahan OPD\tIndeks Kepuasan Masyarakat\tВ",
          "2.\tMeningkatnya Perlindungan Sosial Bagi Masyarakat\tPersentase warga yang mendapatkan perlindungan sosial\t100%",
          "\t\tPersentase PMKS yang tertangani\t97,5 %\tIKU",
          "3.\tMeningkatnya Pemberdayaan Sosial\tJumlah PSKS aktif\t120",
        ].join("\n"),
      ),
    );
    expect(preview).toContain(
      [
        "Pratinjau (3 baris, tahun 2024):",
        // A predikat target (a Cyrillic В) makes a predikat indicator, of the IKM table its name names.
        "1. Meningkatnya Kualitas Urusan Penunjang Pemerintahan OPD → Indeks Kepuasan Masyarakat (predikat), target В, jenis predikat IKM [baru]",
        "2. Meningkatnya Perlindungan Sosial Bagi Masyarakat → Persentase warga yang mendapatkan perlindungan sosial (%), target 100% [baru]",
        "3. Meningkatnya Perlindungan Sosial Bagi Masyarakat → Persentase PMKS yang tertangani (%), target 97,5 % [baru]",
        "",
        "Kolom yang tidak dibaca: Keterangan.",
        "",
        "Baris yang perlu diperbaiki (tidak akan disimpan):",
        "• Baris 7: satuan tidak diketahui: tabel tidak punya kolom Satuan dan targetnya tidak ditulis dengan %. Tambahkan kolom Satuan (misalnya %, orang, KPM)",
      ].join("\n"),
    );
    expect(plain(await d.press(ADMIN, "✅ Simpan"))).toBe("✅ Tersimpan: 2 sasaran baru, 3 indikator baru, 0 target diperbarui. Ketik /isi untuk melengkapi realisasinya.");
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives.map((o) => [o.code, o.name, o.indicators.map((i) => [i.code, i.name, i.unit, i.kind, i.gradeTable, i.years["2024"]?.target])])).toEqual([
      ["1", "Meningkatnya Kualitas Urusan Penunjang Pemerintahan OPD", [["1.1", "Indeks Kepuasan Masyarakat", "predikat", "grade", "ikm", { letter: "B" }]]],
      [
        "2",
        "Meningkatnya Perlindungan Sosial Bagi Masyarakat",
        [
          ["2.1", "Persentase warga yang mendapatkan perlindungan sosial", "%", "value", undefined, "100"],
          ["2.2", "Persentase PMKS yang tertangani", "%", "value", undefined, "97.5"],
        ],
      ],
    ]);
  });

  it("takes a unit not given from the stored indicator, and checks a target on it (a predikat for a grade indicator)", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    await d.send(ADMIN, "Meningkatnya Layanan | Indeks Kepuasan Masyarakat | indeks\nMeningkatnya Layanan | Persentase PMKS tertangani | %");
    await d.press(ADMIN, "✅ Simpan");
    await d.send(ADMIN, "/atur");
    await d.press(ADMIN, "Indikator 1.1");
    await d.press(ADMIN, "Jenis");
    await d.press(ADMIN, "Predikat/huruf (IKM, LHE AKIP)");
    await d.press(ADMIN, "IKM (A–D)");
    // The Perjanjian Kinerja's layout (no Satuan column) for the two stored indicators and a new one.
    await d.send(ADMIN, "/tempel");
    const preview = plain(
      await d.send(
        ADMIN,
        ["No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1.\tMeningkatnya Layanan\tIndeks Kepuasan Masyarakat\tB", "2.\t\tPersentase PMKS tertangani\t90", "3.\t\tIndeks Kepuasan Pegawai\tB", "4.\t\tJumlah KPM graduasi\t25"].join("\n"),
      ),
    );
    expect(preview).toContain(
      [
        "Pratinjau (2 baris, tahun 2024):",
        "1. Meningkatnya Layanan → Indeks Kepuasan Masyarakat (indeks), target B [perbarui]",
        "2. Meningkatnya Layanan → Persentase PMKS tertangani (%), target 90 [perbarui]",
        "",
        "Baris yang perlu diperbaiki (tidak akan disimpan):",
        // "Kepuasan Pegawai" is not the IKM table's (Kepuasan Masyarakat), and B is a letter of both tables.
        '• Baris 4: target "B" berupa predikat, tetapi tabel predikatnya (IKM: A sampai D, atau LHE AKIP: AA sampai D) tidak dapat ditentukan dari baris ini. Tempel baris ini tanpa target (satuannya misalnya "predikat"), lalu ubah jenisnya menjadi Predikat/huruf di /atur dan isi targetnya lewat /isi',
        "• Baris 5: satuan tidak diketahui: tabel tidak punya kolom Satuan dan targetnya tidak ditulis dengan %. Tambahkan kolom Satuan (misalnya %, orang, KPM)",
      ].join("\n"),
    );
    await d.press(ADMIN, "✅ Simpan");
    const [ikm, pmks] = (await h.repo.agencies.read(id))!.data.objectives[0]!.indicators;
    expect([ikm!.unit, ikm!.years["2024"]?.target, pmks!.unit, pmks!.years["2024"]?.target]).toEqual(["indeks", { letter: "B" }, "%", "90"]);
  });

  it("an indicator replaced by a new IKU keeps its earlier years as the old IKU, which the comparison does not compare", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const read = async () => (await h.repo.agencies.read("dinsos-pm-dumai"))!.data.objectives[2]!.indicators[0]!;
    const before = structuredClone(await read());
    await h.driver.send(ADMIN, "/atur");
    await h.driver.press(ADMIN, "Indikator 3.1");
    expect(plain(await h.driver.press(ADMIN, "🔁 Diganti IKU baru"))).toContain("Ketik nama IKU baru yang menggantikan");
    const replies = await h.driver.send(ADMIN, "Persentase korban bencana yang tertangani");
    const done = plain(replies);
    expect(done).toContain(`✅ Persentase korban bencana yang tertangani sekarang menggantikan IKU lama "${before.name}" (data 2022, 2023 tersimpan sebagai IKU lama).`);
    const after = await read();
    expect(after).toEqual({
      ...before,
      name: "Persentase korban bencana yang tertangani",
      years: { "2024": before.years["2024"] },
      predecessor: { name: before.name, unit: "%", years: { "2022": before.years["2022"], "2023": before.years["2023"] } },
    });
    // Replaced once: the indicator's menu no longer offers it, and a forged press changes nothing.
    const menu = replies.flatMap((r) => r.keyboard.flat().map((b) => b.text));
    expect(menu).toContain("✏️ Ubah nama");
    expect(menu).not.toContain("🔁 Diganti IKU baru");
    expect(plain(await h.driver.pressData(ADMIN, `atur:i:repl:${after.id}`))).toContain("Tombol ini sudah tidak berlaku");
    expect(await read()).toEqual(after);
    await h.driver.send(ADMIN, "/draf");
    expect(plain(await h.driver.press(ADMIN, "3.2"))).toContain(
      `Realisasi indikator "Persentase korban bencana yang tertangani" tahun 2024 sebesar 100% tidak dapat dibandingkan dengan tahun 2023 karena indikator kinerjanya berubah: sampai tahun 2023 digunakan indikator "${before.name}" dengan realisasi 100%.`,
    );
  });

  it("renames, reorders and deletes", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    await d.send(ADMIN, "Sasaran A | Indikator satu | % | 100\nSasaran A | Indikator dua | % | 90\nSasaran B | Indikator tiga | orang | 12");
    await d.press(ADMIN, "✅ Simpan");
    await d.send(ADMIN, "/atur");
    await d.press(ADMIN, "Indikator 1.2");
    const moved = await d.press(ADMIN, "⬆️ Naikkan");
    expect(plain(moved)).toContain("1.1 Indikator dua (%)\n   1.2 Indikator satu (%)");
    await d.press(ADMIN, "Sasaran 2");
    await d.press(ADMIN, "✏️ Ubah nama");
    expect(plain(await d.send(ADMIN, "Sasaran A"))).toBe('Sudah ada sasaran dengan nama "Sasaran A". Gunakan nama lain.');
    expect(plain(await d.send(ADMIN, "sasaran a."))).toBe('Sudah ada sasaran dengan nama "sasaran a.". Gunakan nama lain.');
    expect(plain(await d.send(ADMIN, "Sasaran Baru"))).toBe("✅ Perubahan disimpan.");
    await d.send(ADMIN, "/atur");
    await d.press(ADMIN, "Indikator 1.1");
    // An indicator of the same sasaran by that name would be found in its place by tables and imports.
    await d.press(ADMIN, "✏️ Ubah nama");
    expect(plain(await d.send(ADMIN, "indikator  SATU"))).toBe('Sudah ada indikator dengan nama "indikator SATU". Gunakan nama lain.');
    // Its own name again: no other indicator's.
    expect(plain(await d.send(ADMIN, "Indikator dua"))).toContain("✅ Perubahan disimpan.\n\nIndikator 1.1: Indikator dua");
    await d.send(ADMIN, "/atur");
    await d.press(ADMIN, "Indikator 1.1");
    await d.press(ADMIN, "🗑 Hapus");
    expect(plain(await d.press(ADMIN, "Ya, hapus"))).toBe('🗑 "Indikator dua" dihapus.');
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives.map((o) => [o.name, o.indicators.map((i) => `${i.code} ${i.name}`)])).toEqual([
      ["Sasaran A", ["1.1 Indikator satu"]],
      ["Sasaran Baru", ["2.1 Indikator tiga"]],
    ]);
  });
});

/** An agency with one indicator, target 80 and realisasi 86,11 (capaian 107,64%). */
async function oneAnswer(): Promise<{ h: Harness; id: string }> {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await h.driver.send(ADMIN, "/tempel");
  await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 80");
  await h.driver.press(ADMIN, "✅ Simpan");
  await h.driver.send(ADMIN, "/isi");
  await h.driver.send(ADMIN, "86,11");
  return { h, id };
}

describe("methodology profile (/profil)", () => {
  it("an admin changes the scale, efficiency method and decimals; drafts follow at once", async () => {
    const { h, id } = await oneAnswer();
    const d = h.driver;
    const menu = plain(await d.send(ADMIN, "/profil"));
    expect(menu).toContain("• Skala kategori: Permendagri 86/2017 (≥ 91 Sangat Tinggi … < 51 Sangat Rendah)");
    expect(menu).toContain("• Metode efisiensi: rasio capaian ÷ serapan (≥ 1 efisien)");
    await d.press(ADMIN, "Skala: atribut");
    await d.press(ADMIN, "Efisiensi: selisih");
    await d.press(ADMIN, "1 desimal");
    await d.press(ADMIN, "Ubah batas rata-rata");
    expect(plain(await d.send(ADMIN, "seratus"))).toContain('"seratus" tidak dapat dibaca sebagai angka');
    const done = plain(await d.send(ADMIN, "120"));
    expect(done).toContain("• Batas capaian untuk rata-rata: 120%");
    const profile = (await h.repo.agencies.read(id))!.data.profile;
    expect(profile).toMatchObject({ scale: "atribut", efficiency: { method: "selisih" }, decimals: 1, averageCap: "120" });
    await d.send(ADMIN, "/draf");
    expect(plain(await d.press(ADMIN, "3.1"))).toContain("capaian kinerjanya sebesar 107,6% dan melebihi target yang ditetapkan. Capaian tersebut termasuk kategori Sangat Berhasil (≥ 85).");
    // Only admins change the profile.
    expect(plain(await d.pressData(OUTSIDER, "prof:dec:2"))).toContain("Anda belum terhubung");
  });
});

describe("a custom category scale (/profil → Skala khusus)", () => {
  it("an admin types the categories; problems are listed and nothing is stored until they form a scale; drafts use it at once", async () => {
    const { h, id } = await oneAnswer();
    const d = h.driver;
    expect(plain(await d.send(ADMIN, "/profil"))).toContain("Skala lain (misalnya dari peraturan kepala daerah): tekan Skala khusus lalu ketik kategorinya.");
    expect(plain(await d.press(ADMIN, "✏️ Skala khusus"))).toContain("Ketik skala kategori capaian, satu kategori per baris dari yang tertinggi");
    const before = await h.repo.agencies.read(id);

    expect(plain(await d.send(ADMIN, "≥ 90 Sangat Baik\nbaik\n≥ 10 Kurang"))).toBe(
      [
        "Skala belum dapat disimpan:",
        '• baris 2 ("baik") tidak terbaca: tulis batas bawah lalu nama kategori, misalnya ≥ 75 Baik',
        "Perbaiki lalu kirim lagi seluruh skalanya, misalnya:",
        "≥ 90 Sangat Baik",
        "≥ 75 Baik",
        "≥ 0 Kurang",
      ].join("\n"),
    );
    expect(plain(await d.send(ADMIN, "≥ 90 Sangat Baik\n≥ 10 Kurang"))).toContain('• kategori terendah "Kurang" harus dimulai dari 0 (sekarang 10)');
    expect(await h.repo.agencies.read(id)).toEqual(before);

    const saved = plain(await d.send(ADMIN, "Skala Capaian Kinerja | Peraturan Bupati Contoh Nomor 12 Tahun 2023\n≥ 90 Sangat Baik\n≥ 85 Baik\n≥ 60 Cukup\n≥ 0 Kurang"));
    expect(saved).toContain(
      [
        "✅ Skala khusus Skala Capaian Kinerja (Peraturan Bupati Contoh Nomor 12 Tahun 2023) disimpan:",
        "• ≥ 90 Sangat Baik",
        "• 85 ≤ x < 90 Baik",
        "• 60 ≤ x < 85 Cukup",
        "• < 60 Kurang",
      ].join("\n"),
    );
    expect(saved).toContain("• Skala kategori: Skala khusus: Skala Capaian Kinerja");
    expect((await h.repo.agencies.read(id))!.data.profile.scale).toEqual({
      name: "Skala Capaian Kinerja",
      source: "Peraturan Bupati Contoh Nomor 12 Tahun 2023",
      bands: [
        { label: "Sangat Baik", min: "90", minInclusive: true, maxInclusive: false },
        { label: "Baik", min: "85", minInclusive: true, max: "90", maxInclusive: false },
        { label: "Cukup", min: "60", minInclusive: true, max: "85", maxInclusive: false },
        { label: "Kurang", min: "0", minInclusive: true, max: "60", maxInclusive: false },
      ],
    });
    // 86,11 / 80 = 107,64%: "Sangat Baik" on this scale.
    await d.send(ADMIN, "/draf");
    expect(plain(await d.press(ADMIN, "3.1"))).toContain("Capaian tersebut termasuk kategori Sangat Baik (≥ 90).");
    // The conversation is over: a later text is not read as a scale.
    expect(plain(await d.send(ADMIN, "≥ 50 Lulus\n≥ 0 Tidak lulus"))).toBe(
      "Maaf, saya belum memahami pesan itu. Ketik /bantuan untuk melihat perintah yang tersedia, atau /isi untuk melanjutkan pengisian data.",
    );
  });

  it("only an admin sets it, even with a forged button", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, OFFICER);
    expect(plain(await h.driver.pressData(OFFICER, "prof:custom"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
  });
});

