/**
 * A Dinas registered twice, brought together: the officer of the second registration exports it (/ekspor json),
 * sends the file with /impor in the registration that is kept, sees what is added, filled and different, merges
 * it, and closes the second registration.
 */
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/local/demo.js";
import { ADMIN, harness, joinByInvitation, OFFICER, plain, registerAgency, registerWithCommand, setAgencyData, VIEWER, type Harness } from "../support/bot-harness.js";
import { largeAgencyParts } from "../../bench/large-agency.js";
import type { FakeUser, SentMessage } from "../../src/local/fake-telegram.js";
import { utf8 } from "../support/spreadsheets.js";

/** The most budget lines an agency holds (the schema's limit). */
const MAX_LINES = 5000;
const DEMO = "Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai";
const SECOND = "Dinas Sosial dan PM Kota Dumai";
const IKU1 =
  "Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti (INDIKATOR SPM)";
const buttons = (replies: SentMessage[]) => replies.flatMap((m) => m.keyboard.flat().map((b) => b.text));

let uploads = 0;
async function upload(h: Harness, user: FakeUser, name: string, data: Uint8Array): Promise<{ replies: SentMessage[]; fileId: string }> {
  const fileId = `gabung-${++uploads}`;
  h.telegram.files.set(fileId, data);
  return { replies: await h.driver.sendDocument(user, fileId, name, data.length), fileId };
}

/**
 * The demo agency (Sari, admin; Budi, editor) and a second registration of it by Budi, with one sasaran and a new
 * indicator of its own, and the first indicator with another target and a realisasi of 2023 the demo lacks.
 */
async function twoRegistrations(h: Harness): Promise<{ demo: string; second: string }> {
  await seedDemo(h.services, { id: ADMIN.id, first_name: "Sari", last_name: "Wulandari" });
  const demo = (await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!;
  await h.repo.agencies.update(demo, async (doc) => {
    const ind = doc!.data.objectives[0]!.indicators[0]!;
    const years = { ...ind.years, "2023": { ...ind.years["2023"] } };
    delete years["2023"].actual;
    const objectives = [{ ...doc!.data.objectives[0]!, indicators: [{ ...ind, years }] }, ...doc!.data.objectives.slice(1)];
    return { next: { ...doc!, data: { ...doc!.data, objectives } }, result: undefined };
  });
  await joinByInvitation(h, ADMIN, OFFICER);
  // Registered in Kota Dumai although the demo is listed there ("➕ Tetap daftarkan").
  const second = await registerWithCommand(h, OFFICER, SECOND, "Kota Dumai");
  await h.driver.send(OFFICER, "/tempel");
  await h.driver.send(OFFICER, `Meningkatnya Penyelenggaraan Kesejahteraan Sosial | ${IKU1} | % | 90\nMeningkatnya Penyelenggaraan Kesejahteraan Sosial | Jumlah KPM graduasi | KPM | 25`);
  await h.driver.press(OFFICER, "✅ Simpan");
  await h.driver.send(OFFICER, "/isi");
  await h.driver.send(OFFICER, "95"); // realisasi 2024 of the first indicator
  await h.driver.send(OFFICER, "/batal");
  await h.repo.agencies.update(second, async (doc) => {
    const [ind, kpm] = doc!.data.objectives[0]!.indicators;
    const first = { ...ind!, years: { ...ind!.years, "2023": { target: "100", actual: "97.5" } } };
    return { next: { ...doc!, data: { ...doc!.data, objectives: [{ ...doc!.data.objectives[0]!, indicators: [first, kpm!] }] } }, result: undefined };
  });
  return { demo, second };
}

/** Budi's export of the second registration (/ekspor json). */
async function exported(h: Harness): Promise<Uint8Array> {
  const sent = await h.driver.send(OFFICER, "/ekspor json");
  const file = sent.find((m) => m.file)!.file!;
  expect(file.filename).toBe("dinas-sosial-dan-pm-kota-dumai-2024.json");
  return file.data;
}

describe("merging a second registration of the same Dinas", () => {
  it("adds what the kept one lacks, keeps what it holds, says what differs; then the second is closed", async () => {
    const h = await harness();
    const { demo, second } = await twoRegistrations(h);
    const file = await exported(h);
    await h.driver.send(OFFICER, "/instansi");
    await h.driver.press(OFFICER, DEMO);
    const { replies } = await upload(h, OFFICER, "dinas-sosial-dan-pm-kota-dumai-2024.json", file);
    expect(plain(replies)).toBe(
      [
        `Pratinjau penggabungan "dinas-sosial-dan-pm-kota-dumai-2024.json" (${SECOND}, tahun 2024) ke ${DEMO}:`,
        "• Ditambahkan: 0 sasaran, 1 indikator, 0 baris anggaran.",
        "• Dilengkapi: 1 isian yang di sini masih kosong.",
        "• Tidak diubah: isian yang sudah ada di sini, serta profil, anggota dan data instansi ini.",
        "",
        "2 isian berbeda; yang di sini tetap dipakai. Bila yang di berkas benar, ubah sendiri (/indikator, /anggaran):",
        `• Target 2024 — 1.1 ${IKU1}: di sini 100, di berkas 90`,
        `• Realisasi 2024 — 1.1 ${IKU1}: di sini 100, di berkas 95`,
        "",
        `Gabungkan isi berkas ini ke ${DEMO}?`,
      ].join("\n"),
    );
    expect(buttons(replies)).toEqual(["✅ Gabungkan", "❌ Batal"]);
    expect(plain(await h.driver.send(OFFICER, "ok"))).toMatch(/^Pratinjau berkas ".+\.json" masih menunggu: ketuk ✅ Gabungkan pada pratinjau itu, atau ketik \/batal\. Berkas lain boleh langsung dikirim\.$/);
    // Nothing stored before the press.
    expect((await h.repo.agencies.read(demo))!.data.objectives[0]!.indicators.map((i) => i.name)).toEqual([IKU1]);

    const saved = await h.driver.press(OFFICER, "✅ Gabungkan");
    expect(plain(saved)).toBe(
      [
        `✅ Isi berkas digabungkan ke ${DEMO}: 0 sasaran, 1 indikator dan 0 baris anggaran ditambahkan, 1 isian dilengkapi. Ketik /status untuk melihat hasilnya.`,
        "",
        "Bila berkas ini dari pendaftaran ganda instansi yang sama, tutuplah pendaftaran itu: pilih dengan /instansi, lalu /anggota › 🚪 Keluar dari instansi ini (anggota terakhir yang keluar menutupnya).",
      ].join("\n"),
    );
    const merged = (await h.repo.agencies.read(demo))!;
    const [first, kpm] = merged.data.objectives[0]!.indicators;
    expect([first!.years["2024"]!.target, first!.years["2024"]!.actual, first!.years["2023"]!.actual]).toEqual(["100", "100", "97.5"]);
    expect([kpm!.code, kpm!.name, kpm!.unit, kpm!.years["2024"]!.target]).toEqual(["1.2", "Jumlah KPM graduasi", "KPM", "25"]);
    // Recorded as Budi's changes, each of them.
    expect(merged.audit.slice(-2).map((e) => [e.userName, e.label])).toEqual([
      ["Budi", `Realisasi 2023 — 1.1 ${IKU1}`],
      ["Budi", "Indikator — 1.2 Jumlah KPM graduasi"],
    ]);

    // The same file again: nothing more to add; the differences are still said.
    const again = await upload(h, OFFICER, "dinas-sosial-dan-pm-kota-dumai-2024.json", file);
    expect(plain(again.replies).split("\n").slice(0, 2)).toEqual([
      `Tidak ada yang perlu ditambahkan: semua isi berkas "dinas-sosial-dan-pm-kota-dumai-2024.json" sudah ada di ${DEMO}.`,
      "",
    ]);
    expect(buttons(again.replies)).toEqual([]);

    // The second registration closed by its only member.
    await h.driver.send(OFFICER, "/instansi");
    await h.driver.press(OFFICER, SECOND);
    await h.driver.send(OFFICER, "/anggota");
    await h.driver.press(OFFICER, "🚪 Keluar dari instansi ini");
    expect(plain(await h.driver.press(OFFICER, "Ya, keluar dan tutup instansi"))).toBe(
      `✅ Anda sudah keluar dari ${SECOND}, dan instansi itu sekarang ditutup (bila keliru, bukalah kembali lewat /instansi). Instansi aktif Anda sekarang: ${DEMO} (/instansi untuk memilih yang lain).`,
    );
    expect((await h.repo.agencies.read(second))!.closed).toBeDefined();
    expect(h.errors).toEqual([]);
  });

  it("stores nothing when the file downloaded again is not the one previewed, or cannot be downloaded", async () => {
    const h = await harness();
    const { demo } = await twoRegistrations(h);
    const file = await exported(h);
    await h.driver.send(OFFICER, "/instansi");
    await h.driver.press(OFFICER, DEMO);
    const before = JSON.stringify((await h.repo.agencies.read(demo))!.data);
    const first = await upload(h, OFFICER, "ganda.json", file);
    h.telegram.files.set(first.fileId, utf8(new TextDecoder().decode(file).replace('"25"', '"30"')));
    expect(plain(await h.driver.press(OFFICER, "✅ Gabungkan"))).toBe(
      'Berkas "ganda.json" yang diunduh lagi tidak sama dengan yang dipratinjau, jadi tidak ada yang disimpan. Kirim berkasnya sekali lagi.',
    );
    const second = await upload(h, OFFICER, "ganda.json", file);
    h.telegram.files.delete(second.fileId);
    expect(plain(await h.driver.press(OFFICER, "✅ Gabungkan"))).toBe("Berkas tidak dapat diunduh dari Telegram. Silakan kirim ulang.");
    await upload(h, OFFICER, "ganda.json", file);
    expect(plain(await h.driver.press(OFFICER, "❌ Batal"))).toBe("Dibatalkan. Data yang sudah tersimpan tidak berubah.");
    // Left for another command: said not stored.
    await upload(h, OFFICER, "ganda.json", file);
    expect(plain(await h.driver.send(OFFICER, "/anggaran")).split("\n")[0]).toBe(
      "ℹ️ Isi berkas ganda.json belum digabungkan. Bila masih diperlukan, kirim berkasnya lagi dengan /impor lalu tekan Gabungkan.",
    );
    expect(plain(await h.driver.press(OFFICER, "✅ Gabungkan"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect(JSON.stringify((await h.repo.agencies.read(demo))!.data)).toBe(before);
    expect(h.errors).toEqual([]);
  });

  it("stores nothing when the agency changed since the preview so that the merge is no longer valid, and says why", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    // 4,999 budget lines, one short of the schema's limit; the file adds one program.
    await setAgencyData(h, id, largeAgencyParts(1, MAX_LINES - 1));
    const file = (await h.repo.agencies.read(id))!.data;
    const added = { ...file, budgetLines: [{ id: "PBARU", level: "program" as const, name: "Program baru dari pendaftaran lain", indicatorIds: [] }] };
    const preview = await upload(h, ADMIN, "ganda.json", utf8(JSON.stringify(added)));
    expect(plain(preview.replies)).toContain("• Ditambahkan: 0 sasaran, 0 indikator, 1 baris anggaran.");
    // Meanwhile another officer adds the 5,000th line.
    await h.repo.agencies.update(id, async (doc) => {
      const budgetLines = [...doc!.data.budgetLines, { id: "PLAIN", level: "program" as const, name: "Program lain", indicatorIds: [] }];
      return { next: { ...doc!, data: { ...doc!.data, budgetLines } }, result: undefined };
    });
    const before = JSON.stringify((await h.repo.agencies.read(id))!.data);
    const refused = plain(await h.driver.press(ADMIN, "✅ Gabungkan"));
    expect(refused).toBe(
      "Penggabungan tidak disimpan: data instansi berubah sejak pratinjau, dan hasil penggabungannya sekarang tidak sah. Kirim berkasnya sekali lagi untuk pratinjau baru. Yang tidak sesuai:\n" +
        "• daftar anggaran: terlalu banyak butir (paling banyak 5.000)",
    );
    expect(JSON.stringify((await h.repo.agencies.read(id))!.data)).toBe(before);
    expect(h.errors).toEqual([]);
  });

  it("says what is wrong with a file that is no agency file, and lets no viewer merge", async () => {
    const h = await harness();
    await twoRegistrations(h);
    await h.driver.send(OFFICER, "/instansi");
    await h.driver.press(OFFICER, DEMO);
    expect(plain((await upload(h, OFFICER, "data.json", utf8('{"format": "lkjip-instansi", '))).replies)).toBe(
      'Berkas "data.json" bukan berkas data instansi yang dapat digabungkan. Kirim berkas .json yang dibuat dengan /ekspor json di instansi lain, tanpa diubah. Yang tidak sesuai:\n\n' +
        "Berkas bukan JSON yang sah: isinya berhenti sebelum selesai (berkas terpotong, atau ada kurung kurawal atau siku yang belum ditutup).",
    );
    expect(plain((await upload(h, OFFICER, "data.json", utf8('{"format": "lain"}'))).replies).split("\n\n")[0]).toBe(
      'Berkas "data.json" bukan berkas data instansi yang dapat digabungkan. Kirim berkas .json yang dibuat dengan /ekspor json di instansi lain, tanpa diubah. Yang tidak sesuai:',
    );
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    expect(plain((await upload(h, VIEWER, "data.json", utf8("{}"))).replies)).toBe(
      "Peran Anda hanya pembaca: Anda dapat melihat data dan menyusun draf, tetapi tidak dapat mengubah data. Minta admin mengubah peran Anda bila perlu.",
    );
    expect(h.errors).toEqual([]);
  });
});
