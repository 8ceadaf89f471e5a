/**
 * Files in the conversation: Word and Excel exports (/ekspor), charts
 * (/grafik), the import template (/templat) and imports of .xlsx/.csv files
 * (/impor): preview with problems per row, nothing stored before "Simpan",
 * sizes and file types refused with a clear message.
 */
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { editAgency } from "../../src/app/edits.js";
import { seedDemo } from "../../src/local/demo.js";
import { readDocx } from "../support/docx.js";
import { exportWorker } from "../../src/export/worker-pool.js";
import { ADMIN, OFFICER, VIEWER, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import { BUDGET_HEADER, PK_HEADER, utf8, xlsx } from "../support/spreadsheets.js";

async function withDemo(): Promise<Harness> {
  const h = await harness();
  await seedDemo(h.services, ADMIN);
  return h;
}

let uploads = 0;
/** The user sends a file; returns the bot's replies. */
async function upload(h: Harness, user: typeof ADMIN, name: string, data: Uint8Array, declaredSize = data.length) {
  const fileId = `berkas-${++uploads}`;
  h.telegram.files.set(fileId, data);
  return h.driver.sendDocument(user, fileId, name, declaredSize);
}

describe("/ekspor Word and Excel", () => {
  it("offers every format and sends BAB III as a Word document that opens", async () => {
    const h = await withDemo();
    expect(exportWorker().running).toBe(false);
    const menu = await h.driver.send(ADMIN, "/ekspor");
    expect(exportWorker().running).toBe(true); // the export thread starts while the officer chooses
    expect(menu[0]!.keyboard.flat().map((b) => b.text)).toEqual([
      "Berkas JSON (cadangan lengkap data)",
      "Word: BAB III lengkap",
      "Word: Ringkasan eksekutif",
      "Word: Penutup",
      "Excel: semua angka",
    ]);
    const sent = await h.driver.press(ADMIN, "Word: BAB III lengkap");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe("sendDocument");
    expect(sent[0]!.file!.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-bab-iii.docx");
    expect(plain(sent)).toBe("BAB III Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai tahun 2024 (dokumen Word, A4). Tabel lengkap, grafik dan semua angka sama dengan draf di percakapan.");
    const doc = await readDocx(sent[0]!.file!.data);
    expect(doc.blocks.filter((b) => b.type === "table")).toHaveLength(8);
    expect(doc.xml).toContain("107,64%");

    const summary = await h.driver.send(ADMIN, "/ekspor ringkasan");
    expect(summary[0]!.file!.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-ringkasan.docx");
    const xl = await h.driver.send(ADMIN, "/ekspor xlsx");
    expect(xl[0]!.file!.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-data.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xl[0]!.file!.data) as never);
    expect(book.getWorksheet("Data Indikator")!.rowCount).toBeGreaterThan(1);

    // The workbook sent back with /impor (to another registration): its data sheet is read, every year and
    // column of it, its computed sheets are not (they repeated the data as a wall of problems), and the JSON
    // file is named for the budget lines.
    const copyId = await registerAgency(h, VIEWER, "Dinas Sosial Kota Uji");
    const back = plain(await upload(h, VIEWER, "dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-data.xlsx", xl[0]!.file!.data));
    expect(back).toContain("• Perjanjian Kinerja: 4 baris benar — 3 sasaran baru, 4 indikator baru, 0 indikator yang sudah ada diperbarui.");
    expect(back).toContain(
      ": polaritas positif, target 100, realisasi 100, target 2023 100, realisasi 2023 100, target 2022 100, realisasi 2022 100, target akhir Renstra 100, data nasional 83,38 (2023), faktor pendukung, faktor penghambat, tindak lanjut, pagu 1373500000, realisasi anggaran 1220878592\n",
    );
    expect(back).toContain(
      '\n• Kolom yang diabaikan pada lembar "Data Indikator": Kategori, Capaian 2023 (%), Capaian 2022 (%), Tingkat Kemajuan (%), Serapan (%), Tingkat Efisiensi (rasio), Keterangan Efisiensi.\n',
    );
    expect(back).toContain(
      "\n• Lembar Rata-rata Sasaran, Tabel 3.1, Tabel 3.2, Tabel 3.3, Tabel 3.4, Tabel 3.5, Tabel 3.6, Tabel 3.7, Tabel 3.8 dihitung dari data, jadi tidak dibaca; anggaran dibaca dari lembar Anggaran. Untuk memindahkan seluruh data sebuah instansi (termasuk riwayat lebih dari dua tahun, catatan dan angka triwulan, dan pengaturan instansi), kirim berkas .json dari /ekspor json-nya.\n",
    );
    // The Jenis, Pembilang and Penyebut columns: the ratio indicators come back as ratios of their numerator and denominator.
    expect(back).toContain("3. Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan → Persentase Kelurahan Cepat Berkembang (%): polaritas positif, target 80, realisasi 31/36,");
    expect(back).toContain(
      [
        "\n• Indikator baru berpolaritas sesuai kolom Polaritas dan berjenis angka biasa, kecuali yang disebut di bawah; ubah jenisnya lewat /atur bila perlu (rasio atau predikat).",
        "• Indikator baru berjenis rasio: Persentase Kelurahan Cepat Berkembang; Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif.\n",
      ].join("\n"),
    );
    expect(back).not.toContain("Realisasi indikator rasio disimpan sebagai angka");
    expect(back).not.toContain("masalah");
    expect(back).toContain("\n• Anggaran: 89 baris benar — 89 baris anggaran (program/kegiatan/sub kegiatan) baru.\n");
    expect(back).toContain("Simpan 93 baris yang benar?");
    expect(plain(await h.driver.press(VIEWER, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 3 sasaran baru, 4 indikator baru, 0 indikator diperbarui, 89 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    // After a restart, the copy holds the Dumai data the workbook carries: budget lines with their links, a ratio's
    // labels, the IKU replaced.
    const [demo, copy] = [(await h.repo.agencies.read("dinsos-pm-dumai"))!.data, (await h.restart().repo.agencies.read(copyId))!.data];
    expect(copy.budgetLines.map((l) => [l.level, l.name, l.indicatorIds.length])).toEqual(demo.budgetLines.map((l) => [l.level, l.name, l.indicatorIds.length]));
    const [from, to] = [demo.objectives[1]!.indicators[0]!, copy.objectives[1]!.indicators[0]!];
    expect([to.numeratorLabel, to.denominatorLabel, to.predecessor?.name, to.years]).toEqual([from.numeratorLabel, from.denominatorLabel, from.predecessor!.name, from.years]);
    expect(h.errors).toEqual([]);
  });

  it("lets a viewer export but not someone without an agency", async () => {
    const h = await withDemo();
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    const sent = await h.driver.send(VIEWER, "/ekspor docx");
    expect(sent[0]!.file!.filename).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-bab-iii.docx");
    expect(plain(await h.driver.send(OFFICER, "/ekspor docx"))).toBe("Anda belum terhubung dengan instansi mana pun. Ketik /start untuk mendaftarkan instansi atau bergabung dengan kode undangan.");
  });
});

describe("/grafik", () => {
  it("sends achievement, efficiency and trend charts as PNG photos", async () => {
    const h = await withDemo();
    const menu = await h.driver.send(ADMIN, "/grafik");
    expect(menu[0]!.keyboard.flat().map((b) => b.text)).toEqual(["📊 Capaian per indikator", "📊 Capaian vs serapan anggaran", "📈 Tren satu indikator"]);
    const photo = await h.driver.press(ADMIN, "📊 Capaian per indikator");
    expect(photo[0]!.method).toBe("sendPhoto");
    expect([...photo[0]!.file!.data.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
    expect(plain(photo)).toBe("Capaian Kinerja per Indikator Tahun 2024");
    expect((await h.driver.press(ADMIN, "📊 Capaian vs serapan anggaran"))[0]!.method).toBe("sendPhoto");
    await h.driver.press(ADMIN, "📈 Tren satu indikator");
    const trend = await h.driver.press(ADMIN, "2.1 Persentase Kelurahan Cepat Berkembang");
    expect(trend[0]!.method).toBe("sendPhoto");
    expect(plain(trend)).toBe("Perkembangan 2.1 Persentase Kelurahan Cepat Berkembang");
    // A forged indicator id is refused, not rendered.
    expect(plain(await h.driver.pressData(ADMIN, "chart:tren:tidak-ada"))).toContain("Tombol ini sudah tidak berlaku");
  });

  it("a trend of one year or none says so under the chart, and where the earlier years are typed", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 80");
    await h.driver.press(ADMIN, "✅ Simpan");
    const trend = async () => plain(await h.driver.pressData(ADMIN, "chart:tren:I1"));
    expect(await trend()).toBe("Perkembangan 1.1 Indikator satu\nBelum ada realisasi, jadi trennya belum tampak. Isi realisasi tahun-tahun sebelumnya lewat /isi atau /indikator.");
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "86,11"); // realisasi 2024
    expect(await trend()).toBe("Perkembangan 1.1 Indikator satu\nBaru ada realisasi tahun 2024, jadi trennya belum tampak. Isi realisasi tahun-tahun sebelumnya lewat /isi atau /indikator.");
    await h.driver.send(ADMIN, "lewati"); // target 2023
    await h.driver.send(ADMIN, "79"); // realisasi 2023
    expect(await trend()).toBe("Perkembangan 1.1 Indikator satu");
  });
});

describe("/templat and /impor", () => {
  it("sends a template that, filled in and sent back, shows a preview and stores nothing until Simpan", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    expect(plain(await h.driver.send(ADMIN, "/impor"))).toContain("Kirim berkas .xlsx atau .csv");
    const template = await h.driver.send(ADMIN, "/templat");
    expect(template[0]!.file!.filename).toBe("templat-impor-lkjip.xlsx");
    const before = (await h.repo.agencies.read(id))!;

    const preview = plain(await upload(h, ADMIN, "templat-impor-lkjip.xlsx", template[0]!.file!.data));
    expect(preview).toContain('Pratinjau impor "templat-impor-lkjip.xlsx" (tahun 2024):');
    expect(preview).toContain("• Perjanjian Kinerja: 2 baris benar — 1 sasaran baru, 2 indikator baru, 0 indikator yang sudah ada diperbarui.");
    expect(preview).toContain("  2. Meningkatnya Penyelenggaraan Kesejahteraan Sosial → Persentase PSKS yang aktif (%): target 97,5, realisasi 98,25");
    expect(preview).toContain("• Anggaran: 2 baris benar — 3 baris anggaran (program/kegiatan/sub kegiatan) baru.\n  2. Program Rehabilitasi Sosial: pagu Rp1.373.500.000, realisasi anggaran Rp1.220.878.592\n  3. Program Rehabilitasi Sosial → Rehabilitasi Sosial Dasar di Luar Panti → Penyediaan Permakanan: pagu Rp603.500.000, realisasi anggaran Rp536.924.356");
    expect(preview).toContain("Simpan 4 baris yang benar?");
    // Text typed meanwhile is told what the preview waits for.
    expect(plain(await h.driver.send(ADMIN, "simpan"))).toBe(
      'Pratinjau berkas "templat-impor-lkjip.xlsx" masih menunggu: ketuk ✅ Simpan pada pratinjau itu, atau ketik /batal. Berkas lain boleh langsung dikirim.',
    );
    // Nothing stored yet, also after a restart.
    const unchanged = (await h.restart().repo.agencies.read(id))!;
    expect(unchanged.revision).toBe(before.revision);
    expect(unchanged.data).toEqual(before.data);

    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 1 sasaran baru, 2 indikator baru, 0 indikator diperbarui, 3 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    const after = (await h.restart().repo.agencies.read(id))!;
    expect(after.data.objectives.map((o) => [o.code, o.name, o.indicators.map((i) => [i.code, i.name, i.unit, i.years["2024"]])])).toEqual([
      [
        "1",
        "Meningkatnya Penyelenggaraan Kesejahteraan Sosial",
        [
          ["1.1", "Persentase PSKS yang aktif", "%", { target: "97.5", actual: "98.25" }],
          ["1.2", "Jumlah KPM graduasi", "KPM", { target: "25" }],
        ],
      ],
    ]);
    // The template's budget row names indicator "1.1", new in this file: linked to the indicator it created.
    const i11 = after.data.objectives[0]!.indicators[0]!.id;
    expect(after.data.budgetLines.map((l) => [l.level, l.name, l.budget, l.spent, l.indicatorIds, l.note])).toEqual([
      ["program", "Program Rehabilitasi Sosial", "1373500000", "1220878592", [i11], undefined],
      ["activity", "Rehabilitasi Sosial Dasar di Luar Panti", undefined, undefined, [], undefined],
      ["subActivity", "Penyediaan Permakanan", "603500000", "536924356", [], "tunda bayar"],
    ]);
    expect(after.audit.at(-1)).toMatchObject({ userId: ADMIN.id });
    // The button does not work twice.
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toContain("Tombol ini sudah tidak berlaku");
  });

  it("lists the problems per row and keeps them out; Batal stores nothing", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const bytes = await xlsx([
      {
        name: "PK",
        rows: [
          [...PK_HEADER, "Keterangan"],
          [1, "Sasaran A", "Indikator A", "%", 80, 85, null, null, "catatan"],
          [2, "Sasaran A", "Indikator B", "%", "delapan puluh"],
          [3, "Sasaran A", null, "%", 70],
        ],
      },
      { name: "Anggaran", rows: [BUDGET_HEADER, ["Program X", null, "Sub Y", 100]] },
    ]);
    const preview = plain(await upload(h, ADMIN, "pk.xlsx", bytes));
    expect(preview).toContain("• Perjanjian Kinerja: 1 baris benar — 1 sasaran baru, 1 indikator baru, 0 indikator yang sudah ada diperbarui.");
    expect(preview).toContain('• Kolom yang diabaikan pada lembar "PK": Keterangan.');
    expect(preview).toContain("3 masalah (baris ini tidak akan disimpan):");
    expect(preview).toContain('• Lembar "PK" baris 3, kolom Target: "delapan puluh" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.');
    expect(preview).toContain('• Lembar "PK" baris 4, kolom Indikator: wajib diisi');
    expect(preview).toContain('• Lembar "Anggaran" baris 2, kolom Sub Kegiatan: sub kegiatan tanpa kegiatan di atasnya');
    expect(preview).toContain("Simpan 1 baris yang benar?");
    expect(plain(await h.driver.press(ADMIN, "❌ Batal"))).toBe("Dibatalkan. Data yang sudah tersimpan tidak berubah.");
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
  });

  it("compares a sheet's Capaian column with the capaian computed, as typed numbers or text, and lists each that differs", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const bytes = await xlsx([
      {
        name: "IKU",
        rows: [
          ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian (%)", "Capaian 2023"],
          // 100 of 100 written 101,01 (Kabupaten Kotawaringin Timur's report); 98,24 of 97,5 is 100,76 (agrees).
          ["Peningkatan Pelayanan", "Persentase TMP terpelihara", "%", 100, 100, 101.01, 95],
          ["Peningkatan Pelayanan", "Persentase PSKS diberdayakan", "%", 97.5, 98.24, "100,76%", null],
          ["Peningkatan Pelayanan", "Persentase lansia terlantar", "%", 10, 12, { value: 0.8, numFmt: "0%" }, null],
        ],
      },
    ]);
    const preview = plain(await upload(h, ADMIN, "iku.xlsx", bytes));
    expect(preview).toContain(
      [
        "• Capaian yang tertulis di berkas berbeda dari hitungan (capaian tidak disimpan dari berkas; BAB III memakai hasil hitungan dari target dan realisasinya):",
        '  – lembar "IKU" baris 2 — Persentase TMP terpelihara: tertulis 101,01, hitungan 100,00%',
        '  – lembar "IKU" baris 4 — Persentase lansia terlantar: tertulis 80, hitungan 120,00% (angka tabel sesuai rumus polaritas negatif: bila indikator ini makin rendah makin baik, ubah polaritasnya lewat /atur sesudah menyimpan)',
        '• Kolom yang diabaikan pada lembar "IKU": Capaian 2023.',
      ].join("\n"),
    );
    expect(h.errors).toEqual([]);
  });

  it("refuses to save when the data changed since the preview, and stores nothing", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 100");
    await h.driver.press(ADMIN, "✅ Simpan");
    await upload(h, ADMIN, "pk.csv", utf8("Sasaran;Indikator;Satuan;Target;Realisasi\nSasaran A;Indikator satu;%;90;95,5\nSasaran A;Indikator dua;%;80;\n"));
    // Meanwhile another officer changes the unit of the indicator.
    await editAgency(h.services, id, { userId: ADMIN.id, name: "Sari" }, "editor", (d) => {
      d.objectives[0]!.indicators[0]!.unit = "orang";
    });
    const before = (await h.repo.agencies.read(id))!;
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      'Impor tidak disimpan: data instansi berubah sejak pratinjau sehingga beberapa baris tidak lagi cocok. Kirim berkasnya sekali lagi untuk pratinjau baru.\nBaris 2: satuan berbeda dengan yang tersimpan ("orang"); samakan satuannya, atau ubah indikatornya lewat /atur bila memang berubah',
    );
    const after = (await h.repo.agencies.read(id))!;
    expect(after.revision).toBe(before.revision);
    expect(after.data).toEqual(before.data);
  });

  it("refuses files that are too big, not spreadsheets, empty, or without a header row", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const big = 20 * 1024 * 1024 + 1;
    // Declared too big: refused before downloading.
    expect(plain(await h.driver.sendDocument(ADMIN, "tidak-diunduh", "pk.xlsx", big))).toBe(
      "Berkas terlalu besar (20,0 MB). Batasnya 20,0 MB; kirim tabel saja tanpa gambar atau lembar lain.",
    );
    // Declared small but really 21 MB: refused after downloading.
    expect(plain(await upload(h, ADMIN, "pk.csv", new Uint8Array(21 * 1024 * 1024).fill(65), 1000))).toBe(
      "Berkas terlalu besar (21,0 MB). Batasnya 20,0 MB; kirim tabel saja tanpa gambar atau lembar lain.",
    );
    // Small to download, far too large once unpacked (a zip bomb): refused before the workbook is loaded.
    const bomb = new JSZip();
    bomb.file("xl/worksheets/sheet1.xml", new Uint8Array(41 * 1024 * 1024));
    expect(plain(await upload(h, ADMIN, "pk.xlsx", await bomb.generateAsync({ type: "uint8array", compression: "DEFLATE" })))).toBe(
      'Isi berkas "pk.xlsx" terlalu besar setelah dibuka (lebih dari 40,0 MB). Kirim tabel Perjanjian Kinerja dan anggaran saja, tanpa gambar atau lembar lain; gunakan /templat untuk contohnya.',
    );
    // Files officers often send instead: each told how to send its table so it can be read.
    expect(plain(await upload(h, ADMIN, "laporan.pdf", utf8("%PDF-1.4")))).toBe(
      'Berkas "laporan.pdf" adalah PDF, yang tabelnya tidak dapat saya baca. Salin tabel Perjanjian Kinerja dari dokumen aslinya (Word atau Excel): tempelkan sesudah /tempel, atau kirim berkas .xlsx/.csv.',
    );
    expect(plain(await upload(h, ADMIN, "PK 2024.doc", utf8("PK")))).toBe(
      'Berkas "PK 2024.doc" berformat Word lama yang belum dapat saya baca. Buka di Word, pilih File › Save As › Word Document (.docx), lalu kirim berkas .docx-nya; atau salin tabel Perjanjian Kinerja, ketik /tempel, lalu tempelkan di sini.',
    );
    expect(plain(await upload(h, ADMIN, "PK 2024.docx", utf8("PK")))).toBe(
      'Berkas "PK 2024.docx" bukan lembar kerja yang dapat dibaca. Kirim berkas .xlsx atau .csv; gunakan /templat untuk contohnya.',
    );
    expect(plain(await upload(h, ADMIN, "pk.XLS", utf8("PK")))).toBe(
      'Berkas "pk.XLS" berformat Excel lama (.xls) yang belum dapat saya baca. Buka di Excel, pilih File › Save As › Excel Workbook (.xlsx), lalu kirim berkas .xlsx-nya.',
    );
    expect(plain(await upload(h, ADMIN, "pk.ods", utf8("PK")))).toContain("berformat LibreOffice (.ods)");
    expect(plain(await upload(h, ADMIN, "foto.jpg", utf8("JPG")))).toBe('Berkas "foto.jpg" bukan lembar kerja yang dapat dibaca. Kirim berkas .xlsx atau .csv; gunakan /templat untuk contohnya.');
    expect(plain(await upload(h, ADMIN, "foto.xlsx", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])))).toBe('Berkas "foto.xlsx" bukan lembar kerja yang dapat dibaca. Kirim berkas .xlsx atau .csv; gunakan /templat untuk contohnya.');
    expect(plain(await upload(h, ADMIN, "kosong.csv", utf8("")))).toBe('Berkas "kosong.csv" tidak berisi data. Isi tabelnya lalu kirim lagi; gunakan /templat untuk contohnya.');
    expect(plain(await upload(h, ADMIN, "catatan.csv", utf8("Nama;Alamat\nBudi;Dumai\n")))).toBe(
      'Tidak ditemukan baris judul kolom (Sasaran | Indikator | Satuan …) pada lembar "CSV". Gunakan /templat untuk contohnya.',
    );
    expect(plain(await upload(h, ADMIN, "judul.csv", utf8("Sasaran;Indikator;Satuan;Target\n")))).toBe(
      'Pratinjau impor "judul.csv" (tahun 2024):\n\nTidak ada baris yang dapat disimpan. Perbaiki berkasnya lalu kirim lagi.',
    );
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("lets only editors and admins import", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    const reply = plain(await upload(h, VIEWER, "pk.csv", utf8("Sasaran;Indikator;Satuan;Target\nS;I;%;80\n")));
    expect(reply).toBe("Peran Anda hanya pembaca: Anda dapat melihat data dan menyusun draf, tetapi tidak dapat mengubah data. Minta admin mengubah peran Anda bila perlu.");
    // No preview was offered, and a forged "Simpan" press changes nothing.
    expect(plain(await h.driver.pressData(VIEWER, "imp:save"))).toContain("Tombol ini sudah tidak berlaku");
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
  });
});
