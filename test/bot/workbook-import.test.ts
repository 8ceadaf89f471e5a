/**
 * /impor of the workbook /ekspor xlsx made, in the conversation: sent back unchanged it stores nothing and says
 * so; edited (an earlier year's realisasi, a factor) the preview counts what changes, and Simpan stores exactly
 * that, after a restart too. A Perjanjian Kinerja for the year after the agency's is not read as this year's, in
 * /impor and in /tempel. The Jenis column makes new ratio and predikat indicators, and never changes a stored one's kind.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/local/demo.js";
import { ADMIN, harness, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import { utf8 } from "../support/spreadsheets.js";

const DEMO = "dinsos-pm-dumai";
let uploads = 0;
async function upload(h: Harness, name: string, data: Uint8Array) {
  const fileId = `buku-${++uploads}`;
  h.telegram.files.set(fileId, data);
  return h.driver.sendDocument(ADMIN, fileId, name, data.length);
}

async function exported(h: Harness): Promise<Uint8Array> {
  const sent = await h.driver.send(ADMIN, "/ekspor xlsx");
  return sent[0]!.file!.data;
}

/** The demo agency's workbook from /ekspor xlsx, opened: its data sheet, and a send-back of the book as edited. */
async function demoWorkbook(h: Harness): Promise<{ sheet: ExcelJS.Worksheet; headers: string[]; sendBack: (name: string) => ReturnType<typeof upload> }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await exported(h)) as never);
  const sheet = book.getWorksheet("Data Indikator")!;
  // Row values are 1-based (index 0 empty): an index is the cell's column number.
  const headers = (sheet.getRow(1).values as ExcelJS.CellValue[]).map(String);
  return { sheet, headers, sendBack: async (name) => upload(h, name, new Uint8Array(await book.xlsx.writeBuffer())) };
}

describe("the Excel workbook sent back to its own agency", () => {
  it("stores nothing when nothing was changed, and says so", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const before = (await h.repo.agencies.read(DEMO))!;
    const reply = await upload(h, "data.xlsx", await exported(h));
    expect(plain(reply)).toContain("• Perjanjian Kinerja: 4 baris benar — 0 sasaran baru, 0 indikator baru, 0 indikator yang sudah ada diperbarui, 4 indikator sudah sama dengan yang tersimpan.");
    expect(plain([reply.at(-1)!])).toBe("Isi berkas ini sudah sama dengan data yang tersimpan untuk tahun 2024: tidak ada yang perlu disimpan.");
    expect(reply.flatMap((m) => m.keyboard.flat())).toEqual([]);
    const after = (await h.restart().repo.agencies.read(DEMO))!;
    expect(after.revision).toBe(before.revision);
    expect(after.data).toEqual(before.data);
    expect(h.errors).toEqual([]);
  });

  it("stores the cells edited in the workbook: an earlier year's realisasi and the factors of 3.1", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const { sheet, headers, sendBack } = await demoWorkbook(h);
    const row31 = sheet.getRow(5);
    expect(row31.getCell(1).value).toBe("3.1");
    row31.getCell(headers.indexOf("Realisasi 2023")).value = 96;
    row31.getCell(headers.indexOf("Faktor Pendukung")).value = "Relawan Tagana siaga\nLumbung sosial terisi";
    const before = (await h.repo.agencies.read(DEMO))!;

    const preview = plain(await sendBack("data-diubah.xlsx"));
    expect(preview).toContain("• Perjanjian Kinerja: 4 baris benar — 0 sasaran baru, 0 indikator baru, 1 indikator yang sudah ada diperbarui, 3 indikator sudah sama dengan yang tersimpan.");
    expect(preview).toContain("realisasi 2023 96,");
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 0 sasaran baru, 0 indikator baru, 1 indikator diperbarui, 0 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    const after = (await h.restart().repo.agencies.read(DEMO))!;
    const [was, is] = [before.data.objectives[2]!.indicators[0]!, after.data.objectives[2]!.indicators[0]!];
    expect(is.years["2023"]).toEqual({ ...was.years["2023"], actual: "96" });
    expect(is.factors).toEqual({ ...was.factors, supporting: ["Relawan Tagana siaga", "Lumbung sosial terisi"] });
    // Nothing else changed: the other indicators (2.1's ratio 31 of 36 among them) and the budget lines.
    expect({ ...after.data, objectives: after.data.objectives.slice(0, 2) }).toEqual({ ...before.data, objectives: before.data.objectives.slice(0, 2) });
    expect(after.data.objectives[1]!.indicators[0]!.years["2024"]).toEqual({ target: "80", numerator: "31", denominator: "36" });
    expect(h.errors).toEqual([]);
  });

  it("offers to rename an indicator renamed in the workbook (its Kode says which), or to add the row as a new one", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const { sheet, headers, sendBack } = await demoWorkbook(h);
    const row22 = sheet.getRow(4);
    expect(row22.getCell(1).value).toBe("2.2");
    row22.getCell(headers.indexOf("Indikator Kinerja")).value = "Persentase PKK Aktif";
    row22.getCell(headers.indexOf("Target 2024")).value = 95;
    const before = (await h.repo.agencies.read(DEMO))!.data;
    const preview = await sendBack("data-nama.xlsx");
    expect(plain(preview)).toContain("• Perjanjian Kinerja: 4 baris benar — 0 sasaran baru, 1 indikator baru, 0 indikator yang sudah ada diperbarui, 3 indikator sudah sama dengan yang tersimpan.");
    expect(plain(preview)).toContain(
      '\n⚠️ Baris 4: kode 2.2 di sini adalah "Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif", di berkas "Persentase PKK Aktif". Simpan menyimpan baris ini sebagai indikator baru di samping yang lama; Simpan dan ganti nama mengganti nama indikator 2.2 menjadi "Persentase PKK Aktif" dan mengisinya dari baris ini (riwayatnya tetap). Untuk IKU baru yang menggantikan IKU lama, gunakan /atur › 🔁 Diganti IKU baru.\n',
    );
    // 4 rows of indicators and the 89 budget lines of the Anggaran sheet: the line supporting 2.2 would support the
    // new indicator (this file's 2.2) as well, if it is added.
    expect(plain(preview)).toContain("\n• Anggaran: 89 baris benar — 0 baris anggaran (program/kegiatan/sub kegiatan) baru, 1 baris yang sudah ada diperbarui, 88 baris sudah sama dengan yang tersimpan.\n");
    expect(plain([preview.at(-1)!])).toBe("Simpan 93 baris yang benar? Pilih juga apa yang terjadi pada indikator yang kodenya bernama lain (lihat ⚠️ di atas).");
    expect(preview.at(-1)!.keyboard.map((r) => r.map((b) => b.text))).toEqual([["✅ Simpan", "❌ Batal"], ["✏️ Simpan dan ganti nama (1)"]]);
    expect(plain(await h.driver.press(ADMIN, "✏️ Simpan dan ganti nama (1)"))).toBe(
      "✅ Impor tersimpan: 0 sasaran baru, 0 indikator baru, 1 indikator diperbarui (1 di antaranya berganti nama), 0 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    // The same indicator (its id, budget lines, history), renamed, with the row's target; nothing added.
    const after = (await h.restart().repo.agencies.read(DEMO))!.data;
    const [was, is] = [before.objectives[1]!.indicators[1]!, after.objectives[1]!.indicators[1]!];
    expect(after.objectives[1]!.indicators.length).toBe(2);
    expect(is).toEqual({ ...was, name: "Persentase PKK Aktif", years: { ...was.years, "2024": { ...was.years["2024"], target: "95" } } });
    expect(h.errors).toEqual([]);
  });

  it("adds the renamed row as a new indicator when Simpan is pressed instead, and renames nothing", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const { sheet, headers, sendBack } = await demoWorkbook(h);
    sheet.getRow(4).getCell(headers.indexOf("Indikator Kinerja")).value = "Persentase PKK Aktif";
    await sendBack("data-nama.xlsx");
    // The Anggaran sheet's line that supports "2.2" supports this file's 2.2, the new indicator, as well.
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 0 sasaran baru, 1 indikator baru, 0 indikator diperbarui, 0 baris anggaran baru, 1 baris anggaran diperbarui. Ketik /status untuk melihat hasilnya.",
    );
    const after = (await h.restart().repo.agencies.read(DEMO))!.data;
    expect(after.objectives[1]!.indicators.map((i) => [i.code, i.name])).toEqual([
      ["2.1", "Persentase Kelurahan Cepat Berkembang"],
      ["2.2", "Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif"],
      ["2.3", "Persentase PKK Aktif"],
    ]);
    // Its pagu is that line's, as the old indicator's is: a sum of the lines, not a figure of its own.
    const [old, added] = [after.objectives[1]!.indicators[1]!, after.objectives[1]!.indicators[2]!];
    expect(after.budgetLines.filter((l) => l.indicatorIds.includes(old.id)).map((l) => l.indicatorIds)).toEqual([[old.id, added.id]]);
    expect(added.budget).toBeUndefined();
  });
});

describe("the Jenis column", () => {
  it("points out a Jenis edited in the workbook: the stored kind stays, changed with /atur", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const { sheet, headers, sendBack } = await demoWorkbook(h);
    const row21 = sheet.getRow(3);
    expect([row21.getCell(1).value, row21.getCell(headers.indexOf("Jenis")).value]).toEqual(["2.1", "rasio"]);
    row21.getCell(headers.indexOf("Jenis")).value = "nilai";
    const preview = plain(await sendBack("data-jenis.xlsx"));
    expect(preview).toContain(
      '\n⚠️ Baris 3: kolom Jenis menulis "nilai", padahal Persentase Kelurahan Cepat Berkembang tersimpan berjenis rasio; angkanya dibaca sebagai rasio. Jenis indikator diubah lewat /atur, tidak lewat impor.\n',
    );
    expect(preview).toContain("0 indikator yang sudah ada diperbarui, 4 indikator sudah sama dengan yang tersimpan.");
    expect(plain([(await sendBack("data-jenis.xlsx")).at(-1)!])).toBe("Isi berkas ini sudah sama dengan data yang tersimpan untuk tahun 2024: tidak ada yang perlu disimpan.");
    expect(h.errors).toEqual([]);
  });

  it("makes new ratio and predikat indicators from a Perjanjian Kinerja, stored after Simpan and a restart", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const preview = plain(
      await upload(
        h,
        "pk.csv",
        utf8(
          [
            "Sasaran;Indikator;Satuan;Jenis;Target;Realisasi",
            "Meningkatnya Pelayanan;Indeks Kepuasan Masyarakat;;;B;A (90,50)",
            "Meningkatnya Pelayanan;Nilai SAKIP;;predikat LHE AKIP;BB;A",
            "Meningkatnya Pelayanan;Persentase desa aktif;%;rasio;80;31 dari 36",
            "Meningkatnya Pelayanan;Persentase PSKS aktif;%;rasio;90;86,11",
          ].join("\n"),
        ),
      ),
    );
    expect(preview).toContain("  2. Meningkatnya Pelayanan → Indeks Kepuasan Masyarakat (predikat): target B, realisasi A (90,50)\n");
    expect(preview).toContain(
      [
        "• Indikator baru dianggap berpolaritas positif (makin tinggi makin baik) dan berjenis angka biasa, kecuali yang disebut di bawah; ubah lewat /atur bila perlu.",
        "• Indikator baru berjenis predikat IKM: Indeks Kepuasan Masyarakat.",
        "• Indikator baru berjenis predikat LHE AKIP: Nilai SAKIP.",
        "• Indikator baru berjenis rasio: Persentase desa aktif; Persentase PSKS aktif.",
        "  Realisasi indikator rasio disimpan sebagai angka; pembilang dan penyebutnya dapat diisi lewat /isi, atau ditulis di sel Realisasi, misalnya 31/36.",
      ].join("\n"),
    );
    await h.driver.press(ADMIN, "✅ Simpan");
    const stored = (await h.restart().repo.agencies.read(id))!.data.objectives[0]!.indicators;
    expect(stored.map((i) => [i.name, i.kind, i.gradeTable, i.unit, i.years["2024"]])).toEqual([
      ["Indeks Kepuasan Masyarakat", "grade", "ikm", "predikat", { target: { letter: "B" }, actual: { letter: "A", score: "90.5" } }],
      ["Nilai SAKIP", "grade", "lheAkip", "predikat", { target: { letter: "BB" }, actual: { letter: "A" } }],
      ["Persentase desa aktif", "ratio", undefined, "%", { target: "80", numerator: "31", denominator: "36" }],
      ["Persentase PSKS aktif", "ratio", undefined, "%", { target: "90", actual: "86.11" }],
    ]);
    expect(h.errors).toEqual([]);
  });
});

describe("a Perjanjian Kinerja of the next year", () => {
  it("is not read as this year's targets by /impor, which says to change year first", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const preview = plain(await upload(h, "pk-2025.csv", utf8("Sasaran;Indikator;Satuan;Target 2025\nSasaran A;Indikator satu;%;90\n")));
    expect(preview).toContain("  2. Sasaran A → Indikator satu (%)\n");
    expect(preview).toContain(
      '• Kolom pada lembar "CSV" untuk tahun sesudah tahun pelaporan 2024 tidak dibaca: Target 2025. Untuk mengisi tahun itu, pindah dulu ke tahun tersebut dengan /tahun, lalu kirim berkasnya lagi.',
    );
  });

  it("in /tempel: the reporting year's Target column is read, another year's is listed as not read", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    const preview = plain(await h.driver.send(ADMIN, "Sasaran | Indikator | Satuan | Target 2025 | Target 2024\nSasaran A | Indikator satu | % | 90 | 85"));
    expect(preview).toContain("Indikator satu");
    expect(preview).toContain("85");
    expect(preview).not.toContain("90");
    expect(preview).toContain(
      "Kolom yang tidak dibaca: Target 2025.\nTarget 2025 untuk tahun sesudah tahun pelaporan 2024: untuk mengisinya, pindah dulu ke tahun tersebut dengan /tahun, lalu tempelkan lagi.",
    );
  });
});

describe("figures an officer most likely mistyped", () => {
  it("a percentage above 100% is named in the preview and stored on Simpan; sent again, it is stored already and not named", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const csv = utf8(
      [
        "Sasaran;Indikator;Satuan;Target;Realisasi;Target 2023;Realisasi 2023;Target Akhir Renstra",
        "Meningkatnya Penanggulangan Korban Bencana;Persentase posko aktif;%;900;85;80-120;156;100",
        "Meningkatnya Penanggulangan Korban Bencana;Jumlah relawan;orang;900;850;;;",
      ].join("\n"),
    );
    // Each upload is its own download (the bytes read are moved to the export thread).
    const preview = plain(await upload(h, "pk.csv", csv.slice()));
    expect(preview).toContain(
      [
        "⚠️ Angka persen berikut lebih dari 100%. Bila indikatornya tidak dapat melebihi 100% (misalnya persentase penduduk yang tertangani), periksa angkanya sebelum menyimpan:",
        "  • Baris 2 (Persentase posko aktif): Target 2024 900%",
        "  • Baris 2 (Persentase posko aktif): Target 2023 80%–120%",
        "  • Baris 2 (Persentase posko aktif): Realisasi 2023 156%",
        "",
        "Simpan 2 baris yang benar?",
      ].join("\n"),
    );
    // A count of 900 is no percentage; 100 is not above it.
    expect(preview).not.toContain("Jumlah relawan):");
    expect(preview).not.toContain("Target akhir Renstra 100%");
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toContain("✅ Impor tersimpan: 1 sasaran baru, 2 indikator baru");
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2024"]!.target).toBe("900");
    // Sent again: stored already, so nothing to point out.
    const again = plain(await upload(h, "pk.csv", csv.slice()));
    expect(again).toContain("2 indikator sudah sama dengan yang tersimpan");
    expect(again).not.toContain("⚠️ Angka persen");
    expect(h.errors).toEqual([]);
  });
});
