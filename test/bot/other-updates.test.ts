import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN, harness, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";

/** Every stored file's bytes, by path: what an update that stores nothing must leave as it was. */
async function snapshot(h: Harness): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const folder of ["instansi", "pengguna"]) {
    for (const name of await readdir(join(h.dir, folder))) files.set(`${folder}/${name}`, await readFile(join(h.dir, folder, name), "utf8"));
  }
  return files;
}

describe("updates other than a new message or a button press", () => {
  it("an edited message is not read again: the officer is told nothing changed and how to correct an answer", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const d = h.driver;
    const question = plain(await d.send(ADMIN, "/isi"));
    const before = await snapshot(h);

    const edited = await d.edit(ADMIN, "95");
    expect(plain(edited)).toBe(
      "Pesan yang diubah setelah terkirim tidak dibaca ulang, jadi data yang tersimpan tidak berubah. Untuk memperbaiki jawaban, ketik jawabannya lagi sebagai pesan baru, atau buka /indikator lalu ketuk jawaban yang ingin diubah.",
    );
    expect(await snapshot(h)).toEqual(before);
    // The question asked before the edit is still the one waiting for its answer.
    expect(plain(await d.send(ADMIN, "/isi"))).toBe(question);
    // In a group an edit gets no answer.
    expect(await d.edit(ADMIN, "/cek 86,11 80", -100123)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("a photo (a table photographed) is answered with how to send the table in a form that can be read; stickers and voice with what the bot reads", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const d = h.driver;
    await pasteTable(h, ADMIN, "Sasaran A | Persentase layanan | % | 90");
    const question = plain(await d.send(ADMIN, "/isi"));
    const before = await snapshot(h);
    expect(plain(await d.sendOther(ADMIN, "photo"))).toBe(
      "Foto belum dapat saya baca. Bila itu tabel Perjanjian Kinerja atau anggaran, kirim berkas Excel/CSV-nya (lihat /impor), atau salin tabelnya dari Word lalu tempel di sini sesudah /tempel. Angka satu indikator dapat diketik lewat /isi.",
    );
    for (const kind of ["sticker", "voice"] as const) {
      expect(plain(await d.sendOther(ADMIN, kind))).toBe("Saya hanya dapat membaca pesan teks dan berkas Excel, CSV atau Word (/impor). Ketik jawaban Anda sebagai teks.");
    }
    expect(await snapshot(h)).toEqual(before);
    // The question asked before is still the one waiting for its answer.
    expect(plain(await d.send(ADMIN, "/isi"))).toBe(question);
    // In a group they get no answer.
    expect(await d.sendOther(ADMIN, "photo", -100123)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("blocking the bot and starting it again get no answer and change nothing", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const before = await snapshot(h);
    const calls = h.telegram.calls.length;
    expect(await h.driver.membership(ADMIN, "kicked")).toEqual([]);
    expect(await h.driver.membership(ADMIN, "member")).toEqual([]);
    expect(h.telegram.calls.length).toBe(calls);
    expect(await snapshot(h)).toEqual(before);
    expect(h.errors).toEqual([]);
  });
});
