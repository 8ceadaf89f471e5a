/**
 * A form stored only at its end (registration, a new indicator or budget line, a pasted table's or a file's
 * preview) left for something else: the officer is told what was not stored, before the replies to what they
 * asked for; a form's own answers and buttons, /batal, and commands that leave the form as it is say nothing.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, harness, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import { utf8 } from "../support/spreadsheets.js";

const LEFT_REGISTRATION = "ℹ️ Pendaftaran instansi Dinas Sosial Kota Contoh belum selesai, jadi belum tersimpan. Untuk mendaftarkannya, mulai lagi dengan /start.";

async function registrationStarted(h: Harness): Promise<void> {
  await h.driver.send(ADMIN, "/start");
  await h.driver.press(ADMIN, "🏛 Daftarkan instansi");
  await h.driver.send(ADMIN, "Dinas Sosial Kota Contoh");
}

let uploads = 0;
async function upload(h: Harness, name: string, csv: string) {
  const fileId = `berkas-ditinggal-${++uploads}`;
  h.telegram.files.set(fileId, utf8(csv));
  return h.driver.sendDocument(ADMIN, fileId, name, csv.length);
}

describe("a form left before it was stored", () => {
  it("registration left by another command: told before the command's reply, nothing stored", async () => {
    const h = await harness();
    await registrationStarted(h);
    // A command that fails (no agency yet) leaves the form as it was: no notice, the next answer goes on.
    const refused = plain(await h.driver.send(ADMIN, "/status"));
    expect(refused).not.toContain("ℹ️");
    expect(refused).toContain("Anda belum terhubung dengan instansi mana pun");
    expect(plain(await h.driver.send(ADMIN, "Kota Contoh"))).toContain("Ketik tahun pelaporan");

    const replies = await h.driver.send(ADMIN, "/start");
    expect(replies.map((r) => r.text)[0]).toBe("ℹ️ Pendaftaran instansi <b>Dinas Sosial Kota Contoh</b> belum selesai, jadi belum tersimpan. Untuk mendaftarkannya, mulai lagi dengan /start.");
    expect(plain(replies.slice(1))).toContain("Selamat datang di Asisten LKjIP");
    expect(await h.repo.agencies.list()).toEqual([]);
    // The form is gone: a year button of its last question is refused.
    expect(plain(await h.driver.press(ADMIN, "2024"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
  });

  it("registration left by a button of an earlier message, or started over from it", async () => {
    const h = await harness();
    await registrationStarted(h);
    expect(plain(await h.driver.press(ADMIN, "🔑 Gabung dengan kode undangan"))).toBe(
      `${LEFT_REGISTRATION}\n\nKetik kode undangan yang Anda terima dari admin instansi (16 huruf/angka, misalnya ABCD-EFGH-JKLM-NPQR).\nBelum punya kode? Mintalah kepada admin instansi Anda. Bila Anda tidak tahu siapa admin-nya, ketik /daftar dan nama instansi Anda: bila sudah terdaftar, Anda dapat meminta admin-nya menerima Anda.`,
    );
    await h.driver.send(ADMIN, "/batal");
    await registrationStarted(h);
    expect(plain(await h.driver.press(ADMIN, "🏛 Daftarkan instansi"))).toBe(`${LEFT_REGISTRATION}\n\nKetik nama instansi secara lengkap, misalnya: Dinas Sosial Kabupaten Kotawaringin Timur.`);
  });

  it("says nothing for /batal, for a form's own buttons, for a form with nothing typed yet, or for forms that store each answer", async () => {
    const h = await harness();
    await registrationStarted(h);
    expect(plain(await h.driver.send(ADMIN, "/batal"))).toBe("Dibatalkan. Data yang sudah tersimpan tidak berubah.");
    // Nothing typed yet: the registration's first question left for /start.
    await h.driver.send(ADMIN, "/start");
    await h.driver.press(ADMIN, "🏛 Daftarkan instansi");
    expect(plain(await h.driver.send(ADMIN, "/start"))).not.toContain("ℹ️");

    await registerAgency(h, ADMIN); // its own buttons, down to "Gunakan pengaturan bawaan": no notice on the way
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator B | % | 80");
    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).not.toContain("ℹ️");
    // /isi stores every answer at once: leaving it loses nothing.
    await h.driver.send(ADMIN, "/isi");
    expect(plain(await h.driver.send(ADMIN, "/status"))).not.toContain("ℹ️");
    // Renaming an indicator asks one thing: leaving before it loses nothing typed.
    await h.driver.send(ADMIN, "/atur");
    await h.driver.press(ADMIN, "Indikator 1.1");
    await h.driver.press(ADMIN, "✏️ Ubah nama");
    expect(plain(await h.driver.send(ADMIN, "/status"))).not.toContain("ℹ️");
  });

  it("a pasted table's preview left: the rows counted, none stored", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 80\nSasaran A | Indikator dua | % | 90");
    const replies = plain(await h.driver.send(ADMIN, "/atur"));
    expect(replies.split("\n")[0]).toBe("ℹ️ Tabel yang Anda tempel (2 baris) belum disimpan. Bila masih diperlukan, tempel lagi sesudah /tempel lalu tekan Simpan.");
    const id = (await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!;
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
  });

  it("a new indicator left half-way, and a new budget line left before its pagu", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 80");
    await h.driver.send(ADMIN, "/atur");
    await h.driver.press(ADMIN, "Sasaran 1");
    await h.driver.press(ADMIN, "➕ Indikator baru");
    await h.driver.send(ADMIN, "Persentase <PKH> & KPM");
    // /status leaves the form as it is: the next answer goes on with it.
    expect(plain(await h.driver.send(ADMIN, "/status"))).not.toContain("ℹ️");
    expect(plain(await h.driver.send(ADMIN, "%"))).toContain("polaritas");
    const left = await h.driver.send(ADMIN, "/isi");
    expect(left[0]!.text).toBe("ℹ️ Indikator baru <b>Persentase &lt;PKH&gt; &amp; KPM</b> belum tersimpan karena isiannya belum selesai. Bila masih diperlukan, tambahkan lagi melalui /atur.");
    expect(plain(left.slice(1))).toContain("1.1 Indikator satu (satuan: %)");
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators.map((i) => i.name)).toEqual(["Indikator satu"]);

    await h.driver.send(ADMIN, "/anggaran");
    await h.driver.press(ADMIN, "➕ Program baru");
    await h.driver.send(ADMIN, "Program Rehabilitasi Sosial");
    expect(plain(await h.driver.send(ADMIN, "/atur")).split("\n")[0]).toBe(
      "ℹ️ Program baru Program Rehabilitasi Sosial belum tersimpan karena isiannya (nama, pagu, realisasi) belum selesai. Bila masih diperlukan, tambahkan lagi melalui /anggaran.",
    );
    expect((await h.repo.agencies.read(id))!.data.budgetLines).toEqual([]);
  });

  it("a file's preview replaced by another file's: told that the first one was not stored", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    expect(plain(await upload(h, "pk.csv", "Sasaran;Indikator;Satuan;Target\nSasaran A;Indikator satu;%;90\n"))).toContain("Simpan 1 baris yang benar?");
    const second = plain(await upload(h, "anggaran.csv", "Program;Kegiatan;Sub Kegiatan;Pagu;Realisasi\nProgram A;;;1.000.000;900.000\n"));
    expect(second.split("\n")[0]).toBe("ℹ️ Isi berkas pk.csv belum disimpan. Bila masih diperlukan, kirim berkasnya lagi lalu tekan Simpan.");
    expect(second).toContain('Pratinjau impor "anggaran.csv"');
    await h.driver.press(ADMIN, "✅ Simpan");
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives).toEqual([]);
    expect(data.budgetLines.map((l) => l.name)).toEqual(["Program A"]);
  });
});
