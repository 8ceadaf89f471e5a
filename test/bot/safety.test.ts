import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { limitApiCalls } from "../../src/bot/api-calls.js";
import { consoleLogger, createBot, redact } from "../../src/bot/bot.js";
import { FAKE_BOT_INFO, FakeTelegram } from "../../src/local/fake-telegram.js";
import { ChatDriver } from "../../src/local/session.js";
import { encodeKey } from "../../src/app/entry/keys.js";
import { ADMIN, OFFICER, VIEWER, addProgram, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";

async function withIndicator(h: Harness): Promise<string> {
  const id = await registerAgency(h, ADMIN);
  await h.driver.send(ADMIN, "/tempel");
  await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 100");
  await h.driver.press(ADMIN, "✅ Simpan");
  return id;
}

describe("audit trail (/riwayat) and undo", () => {
  it("shows who changed what and when, and an admin undoes a change", async () => {
    const h = await harness();
    const id = await withIndicator(h);
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "95");
    h.clock.now = new Date("2025-01-16T07:30:00Z");
    await h.driver.send(ADMIN, "/indikator");
    await h.driver.press(ADMIN, "1.1 Indikator satu");
    await h.driver.press(ADMIN, "Realisasi 2024");
    await h.driver.send(ADMIN, "97,5");

    await h.driver.send(ADMIN, "/riwayat");
    const shown = plain(await h.driver.press(ADMIN, "1.1 Indikator satu"));
    // #1 created the sasaran with its indicator (pasted); #2 and #3 are the realisasi.
    expect(shown).toContain("Riwayat perubahan Indikator satu (2 terakhir, terbaru di atas):");
    expect(shown).toContain("#3 · 16 Jan 2025, 14.30 WIB · Sari Wulandari\nRealisasi 2024 — 1.1 Indikator satu: 95 → 97,5");
    expect(shown).toContain("#2 · 15 Jan 2025, 10.00 WIB · Sari Wulandari\nRealisasi 2024 — 1.1 Indikator satu: (kosong) → 95");

    expect(plain(await h.driver.press(ADMIN, "↩ Batalkan #3"))).toBe("↩ Perubahan #3 dibatalkan; nilainya kembali seperti sebelumnya.");
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("95");
    expect(doc.audit[doc.audit.length - 1]).toMatchObject({ seq: 4, field: "objectives/S1/indicators/I1/years/2024/actual", old: "97.5", new: "95", undoOf: 3 });
    // Undoing again conflicts: the value changed since.
    expect(plain(await h.driver.pressData(ADMIN, "undo:3"))).toBe(
      "Perubahan #3 tidak dapat dibatalkan karena nilainya sudah diubah lagi sesudahnya. Ubah nilainya langsung melalui /indikator.",
    );
  });

  it("the officer whose change an admin undoes is told in their own chat; the admin's own change tells no one", async () => {
    const h = await harness();
    await withIndicator(h);
    await joinByInvitation(h, ADMIN, OFFICER);
    await h.driver.send(OFFICER, "/isi");
    await h.driver.send(OFFICER, "95"); // #2: realisasi 2024 by the officer
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "90"); // #3: target 2023 by the admin
    const toOfficer = () => h.telegram.sent.filter((m) => m.chatId === OFFICER.id).map((m) => m.text);
    const before = toOfficer().length;
    expect(plain(await h.driver.pressData(ADMIN, "undo:2"))).toBe("↩ Perubahan #2 dibatalkan; nilainya kembali seperti sebelumnya.");
    expect(toOfficer().slice(before)).toEqual([
      "ℹ️ Sari Wulandari membatalkan perubahan Anda #2 di Dinas Sosial Kabupaten Contoh: Realisasi 2024 — 1.1 Indikator satu kembali (kosong) (Anda mengisi 95). Lihat /riwayat untuk rinciannya.",
    ]);
    await h.driver.pressData(ADMIN, "undo:3");
    expect(toOfficer().length).toBe(before + 1);
    expect(h.errors).toEqual([]);
  });

  it("names a budget line's fields in Indonesian and its linked indicators by code; /status says who changed what last", async () => {
    const h = await harness();
    await withIndicator(h);
    await addProgram(h, ADMIN, "Program Perlindungan Sosial", "Rp 1,5 M");
    await h.driver.send(ADMIN, "/anggaran");
    await h.driver.press(ADMIN, "Atur 1");
    await h.driver.press(ADMIN, "🔗 Indikator");
    await h.driver.press(ADMIN, "⬜ 1.1 Indikator satu");
    await h.driver.send(ADMIN, "/riwayat");
    const shown = plain(await h.driver.press(ADMIN, "Semua"));
    expect(shown).toContain("Sari Wulandari\nIndikator yang didukung — Program Perlindungan Sosial: tidak ada → 1.1");
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain(
      "Perubahan terakhir: 15 Jan 2025, 10.00 WIB oleh Sari Wulandari (Indikator yang didukung — Program Perlindungan Sosial); semua perubahan di /riwayat.",
    );
  });

  it("shows and undoes changes whose value is a whole item or list: an indicator added, factors written", async () => {
    const h = await harness();
    const id = await withIndicator(h);
    const d = h.driver;
    await d.pressData(ADMIN, `e:${encodeKey({ q: "factors", indicatorId: "I1", which: "supporting" })}`);
    await d.send(ADMIN, "Koordinasi yang baik antar perangkat daerah\nDukungan anggaran");
    await d.pressData(ADMIN, "atur:o:addi:S1");
    await d.send(ADMIN, "Jumlah KPM graduasi");
    await d.send(ADMIN, "KPM");
    await d.pressData(ADMIN, "new:pol:positive");
    await d.pressData(ADMIN, "new:kind:value");
    await d.pressData(ADMIN, "new:skip");
    await d.pressData(ADMIN, "new:skip");

    await d.send(ADMIN, "/riwayat");
    const shown = plain(await d.press(ADMIN, "Semua perubahan"));
    expect(shown).toContain("#3 · 15 Jan 2025, 10.00 WIB · Sari Wulandari\nIndikator — 1.2 Jumlah KPM graduasi: (kosong) → Jumlah KPM graduasi");
    expect(shown).toContain("#2 · 15 Jan 2025, 10.00 WIB · Sari Wulandari\nFaktor — 1.1 Indikator satu: (kosong) → pendukung: Koordinasi yang baik antar perangkat daerah; Dukungan anggaran");
    expect(shown).toContain("#1 · 15 Jan 2025, 10.00 WIB · Sari Wulandari\nSasaran — Sasaran A: (kosong) → Sasaran A");

    // Undoing them (they were read inside the edit, from immer's draft, which could not be copied: "kesalahan tak terduga").
    expect(plain(await d.press(ADMIN, "↩ Batalkan #3"))).toBe("↩ Perubahan #3 dibatalkan; nilainya kembali seperti sebelumnya.");
    expect(plain(await d.pressData(ADMIN, "undo:2"))).toBe("↩ Perubahan #2 dibatalkan; nilainya kembali seperti sebelumnya.");
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives[0]!.indicators.map((i) => [i.id, i.factors])).toEqual([["I1", undefined]]);
    expect(h.errors).toEqual([]);
  });

  it("only admins undo, even with a forged button", async () => {
    const h = await harness();
    await withIndicator(h);
    await joinByInvitation(h, ADMIN, OFFICER);
    await h.driver.send(OFFICER, "/riwayat");
    const shown = await h.driver.press(OFFICER, "Semua perubahan");
    expect(shown.flatMap((m) => m.keyboard.flat())).toEqual([]);
    expect(plain(await h.driver.pressData(OFFICER, "undo:1"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
  });
});

describe("damaged files and backups", () => {
  it("a damaged agency file is reported, never overwritten, and restored by an admin from the latest good backup", async () => {
    const h = await harness();
    const id = await withIndicator(h);
    const path = join(h.dir, "instansi", `${id}.json`);
    await writeFile(path, '{"schemaVersion": 1, "data": {"terpotong');
    const restarted = h.restart();
    expect(plain(await restarted.driver.send(ADMIN, "/isi"))).toBe(
      "Data instansi ini tidak dapat dibaca saat ini, sehingga tidak ada perubahan yang disimpan. Admin dapat memulihkan cadangan terakhir dengan /pulihkan. Berkas yang rusak disimpan apa adanya untuk diperiksa.",
    );
    expect(plain(await restarted.driver.send(OFFICER, "/pulihkan"))).toContain("Anda belum terhubung");
    const list = plain(await restarted.driver.send(ADMIN, "/pulihkan"));
    expect(list).toContain("Cadangan yang tersedia untuk Dinas Sosial Kabupaten Contoh");
    // Taken at the registration, the day's first write: it holds no change yet.
    expect(list).toMatch(/\n• 15 Januari 2025: data sebelum perubahan #1$/);
    expect(plain(await restarted.driver.press(ADMIN, "Pulihkan 15 Januari 2025"))).toBe(
      "Pulihkan data Dinas Sosial Kabupaten Contoh ke cadangan 15 Januari 2025? Cadangan itu memuat data sebelum perubahan #1: semua perubahan (lihat /riwayat) akan hilang dari data aktif (tetap ada di berkas yang disisihkan).",
    );
    expect(plain(await restarted.driver.press(ADMIN, "Ya, pulihkan"))).toBe(
      "✅ Data Dinas Sosial Kabupaten Contoh dipulihkan dari cadangan 15 Januari 2025 (data sebelum perubahan #1). Berkas sebelumnya disimpan terpisah di folder cadangan.",
    );
    expect(plain(await restarted.driver.send(ADMIN, "/status"))).toContain("Status Dinas Sosial Kabupaten Contoh — tahun 2024");
    expect(restarted.errors).toEqual([]);
  });
});

describe("restoring a backup tells the members", () => {
  it("every other member, before and after, is told in their own chat; one not in the backup is told they are no longer a member", async () => {
    const h = await harness();
    await withIndicator(h);
    await joinByInvitation(h, ADMIN, OFFICER);
    // The next day: a viewer joins and the officer answers; the day's first change keeps a copy of the day before.
    h.clock.now = new Date("2025-01-16T03:00:00Z");
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (sekali pakai)");
    await h.driver.send(OFFICER, "/isi");
    await h.driver.send(OFFICER, "95");
    const sentTo = (user: { id: number }) => h.telegram.sent.filter((m) => m.chatId === user.id).length;
    const [officerBefore, viewerBefore, adminBefore] = [sentTo(OFFICER), sentTo(VIEWER), sentTo(ADMIN)];
    // Each copy says the newest change it holds, as /riwayat numbers it; the 15th's, taken at the registration, holds none.
    expect(plain(await h.driver.send(ADMIN, "/pulihkan"))).toBe(
      [
        "Cadangan yang tersedia untuk Dinas Sosial Kabupaten Contoh (terbaru di atas). Memulihkan mengganti data sekarang dengan isi cadangan; data sekarang tetap disimpan terpisah untuk diperiksa.",
        "• 16 Januari 2025: data sampai perubahan #1 (15 Jan 2025, 10.00 WIB, Sari Wulandari)",
        "• 15 Januari 2025: data sebelum perubahan #1",
      ].join("\n"),
    );
    expect(h.telegram.sent.at(-1)!.keyboard.flat().map((b) => b.text)).toEqual(["Pulihkan 16 Januari 2025", "Pulihkan 15 Januari 2025"]);
    // The copy kept at the 16th's first change: the agency as the 15th left it, the officer a member, the viewer not yet.
    expect(plain(await h.driver.press(ADMIN, "Pulihkan 16 Januari 2025"))).toBe(
      "Pulihkan data Dinas Sosial Kabupaten Contoh ke cadangan 16 Januari 2025? Cadangan itu memuat data sampai perubahan #1 (15 Jan 2025, 10.00 WIB, Sari Wulandari); perubahan sesudahnya (lihat /riwayat) akan hilang dari data aktif (tetap ada di berkas yang disisihkan).",
    );
    const done = plain(await h.driver.press(ADMIN, "Ya, pulihkan"));
    expect(done).toBe(
      "✅ Data Dinas Sosial Kabupaten Contoh dipulihkan dari cadangan 16 Januari 2025 (data sampai perubahan #1, 15 Jan 2025, 10.00 WIB). Berkas sebelumnya disimpan terpisah di folder cadangan.",
    );
    const notice = `ℹ️ Sari Wulandari memulihkan data Dinas Sosial Kabupaten Contoh ke cadangan 16 Januari 2025 (data sampai perubahan #1, 15 Jan 2025, 10.00 WIB): perubahan sesudah cadangan itu tidak lagi ada di data aktif. Periksa jawaban Anda dengan /status atau /riwayat, lalu isi lagi yang masih diperlukan.`;
    expect(h.telegram.sent.filter((m) => m.chatId === OFFICER.id).slice(officerBefore).map((m) => m.text)).toEqual([notice]);
    const restored = (await h.repo.agencies.read((await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!))!;
    expect(restored.members.map((m) => m.userId)).toEqual([ADMIN.id, OFFICER.id]);
    expect(h.telegram.sent.filter((m) => m.chatId === VIEWER.id).slice(viewerBefore).map((m) => m.text)).toEqual([
      `${notice} Anda belum menjadi anggota pada cadangan itu, jadi tidak lagi menjadi anggota instansi ini; minta undangan baru kepada admin bila perlu.`,
    ]);
    expect(sentTo(ADMIN)).toBe(adminBefore + 3); // the list, the confirmation, the reply: no notice of their own
    // The officer's answer of the 16th (#2) is what was lost: /riwayat's newest is #1 again.
    await h.driver.send(ADMIN, "/riwayat");
    expect(plain(await h.driver.press(ADMIN, "Semua perubahan"))).toMatch(/^Riwayat perubahan Dinas Sosial Kabupaten Contoh \(1 terakhir, terbaru di atas\):\n\n#1 · 15 Jan 2025, 10.00 WIB/);
    expect(h.errors).toEqual([]);
  });
});

describe("export", () => {
  it("/ekspor json sends the whole agency file, which parses back", async () => {
    const h = await harness();
    const id = await withIndicator(h);
    const sent = await h.driver.send(ADMIN, "/ekspor json");
    expect(sent[0]!.method).toBe("sendDocument");
    expect(sent[0]!.file!.filename).toBe("dinas-sosial-kabupaten-contoh-2024.json");
    const file = JSON.parse(new TextDecoder().decode(sent[0]!.file!.data));
    expect(file).toEqual((await h.repo.agencies.read(id))!.data);
    expect(plain(await h.driver.send(ADMIN, "/ekspor pdf"))).toBe('Format "pdf" tidak dikenal. Pilih salah satu: json, docx, ringkasan, penutup, xlsx.');
  });
});

describe("Telegram failures and secrets", () => {
  it("429 and 5xx answers are retried by the auto-retry plugin, as `npm start` sets it up", async () => {
    const h = await harness();
    const telegram = new FakeTelegram(1000);
    const bot = createBot({ token: "123:TEST", services: h.services, botInfo: FAKE_BOT_INFO, logger: { error: (m) => h.errors.push(m) } });
    telegram.install(bot);
    limitApiCalls(bot.api);
    const driver = new ChatDriver(bot, telegram);
    telegram.failNextResponse("sendMessage", { ok: false, error_code: 429, description: "Too Many Requests: retry after 0", parameters: { retry_after: 0 } });
    telegram.failNextResponse("sendMessage", { ok: false, error_code: 502, description: "Bad Gateway" });
    const replies = await driver.send(ADMIN, "/cek 86,11 80");
    expect(plain(replies)).toContain("107,64%");
    expect(telegram.calls.filter((c) => c.method === "sendMessage")).toHaveLength(3);
    expect(h.errors).toEqual([]);
  }, 20_000);

  it("never prints the token", () => {
    const token = "123456:ABC-rahasia";
    expect(redact(`gagal: https://api.telegram.org/bot${token}/sendMessage`, token)).toBe("gagal: https://api.telegram.org/bot[TOKEN]/sendMessage");
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    consoleLogger(token).error("gagal mengirim", new Error(`fetch https://api.telegram.org/bot${token}/getMe failed`));
    expect(spy.mock.calls[0]![0]).toBe("[lkjip] gagal mengirim — Error: fetch https://api.telegram.org/bot[TOKEN]/getMe failed");
    spy.mockRestore();
  });
});
