import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../../src/local/fake-telegram.js";
import { ADMIN, OFFICER, harness, plain, registerAgency } from "../support/bot-harness.js";

const GROUP = -100123;

describe("/cek in a group", () => {
  it("answers /cek for anyone in a group, nothing else, and stores nothing", async () => {
    const h = await harness();
    const d = h.driver;
    expect(plain(await d.send(OFFICER, "/cek 86,11 80", GROUP))).toBe(
      "Capaian: 107,64% (Sangat Tinggi)\nRumus: 86,11 / 80 × 100% = 107,64% (polaritas positif)\nSkala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
    );
    expect(plain(await d.send(OFFICER, `/cek@${"asisten_lkjip_bot"} 12 10 negatif`, GROUP))).toContain("Capaian: 80,00% (Tinggi)");
    expect(plain(await d.send(OFFICER, "/cek@bot_lain 12 10", GROUP))).toBe("");
    expect(plain(await d.send(OFFICER, "/cek 56/57 97,5", GROUP))).toBe(
      "Capaian: 100,76% (Sangat Tinggi)\nRealisasi: 56/57 × 100% = 98,25%\nRumus: (56/57 × 100) / 97,5 × 100% = 100,76% (polaritas positif)\nSkala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
    );
    expect(plain(await d.send(OFFICER, "/cek 1.373 80", GROUP))).toContain('"1.373" bisa berarti 1373 (ribuan) atau 1,373 (desimal)');
    expect(plain(await d.send(OFFICER, "/isi", GROUP))).toBe(
      "Perintah ini hanya dapat digunakan di percakapan pribadi dengan bot, agar data instansi tidak terlihat di grup. Di grup, Anda dapat memakai /cek dan /bantuan.",
    );
    expect(await d.send(OFFICER, "selamat pagi semua", GROUP)).toEqual([]);
    expect(await h.repo.users.list()).toEqual([]);
    // Unreadable or missing numbers: what is wrong, then the accepted form with /cek; its "<realisasi>" escaped for Telegram.
    const usage = "Format: /cek <realisasi> <target> [negatif] [skala=permendagri86|atribut|baik100]\nContoh: /cek 86,11 80   atau   /cek 12 10 negatif   atau   /cek 56/57 97,5 (indikator rasio)   atau   /cek B A (predikat IKM atau LHE AKIP; tambahkan lhe atau ikm untuk memilih tabelnya)";
    const bare = await d.send(OFFICER, "/cek", GROUP);
    expect(plain(bare)).toBe(`Ketik realisasi dan targetnya sesudah /cek, dipisah spasi.\n${usage}`);
    expect(bare[0]!.text).toContain("Format: /cek &lt;realisasi&gt; &lt;target&gt; [negatif]");
    expect(plain(await d.send(OFFICER, "/cek 86,11", GROUP))).toBe(`Targetnya belum diketik: sesudah realisasi 86,11, ketik targetnya.\n${usage}`);
    expect(plain(await d.send(OFFICER, "/cek abc", GROUP))).toBe(
      `Realisasi tidak dapat dibaca. "abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.\n${usage}`,
    );
    expect(plain(await d.send(OFFICER, "/cek 86,11 80 <b>", GROUP))).toBe(`Ada isian yang tidak dikenal: "<b>".\n${usage}`);
    // Units after the figures and the words realisasi and target, in either order, as officers write them; a
    // mistyped word is still pointed out, not taken as a unit.
    const ppks = "Capaian: 97,06% (Sangat Tinggi)\nRumus: 82,5 / 85 × 100% = 97,06% (polaritas positif)\nSkala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)";
    expect(plain(await d.send(OFFICER, "/cek 82,5 persen 85 persen", GROUP))).toBe(ppks);
    expect(plain(await d.send(OFFICER, "/cek target 85 realisasi 82,5", GROUP))).toBe(ppks);
    expect(plain(await d.send(OFFICER, "/cek realisasi 82,5 target 85", GROUP))).toBe(ppks);
    expect(plain(await d.send(OFFICER, "/cek 165 KPM 150 KPM", GROUP))).toContain("Capaian: 110,00% (Sangat Tinggi)\nRumus: 165 / 150 × 100% = 110,00%");
    expect(plain(await d.send(OFFICER, "/cek 12 orang 10 orang negatif", GROUP))).toContain("Rumus: (2 × 10 − 12) / 10 × 100% = 80,00% (polaritas negatif)");
    expect(plain(await d.send(OFFICER, "/cek 12 10 negtif", GROUP))).toBe(`Ada isian yang tidak dikenal: "negtif".\n${usage}`);
    expect(plain(await d.send(OFFICER, "/cek target 85", GROUP))).toBe(`Realisasinya belum diketik: sesudah target 85, ketik realisasi lalu angkanya.\n${usage}`);
    expect(h.telegram.refused).toEqual([]);
    // In a private chat /cek works the same for someone without any agency.
    expect(plain(await d.send(OFFICER, "/cek 5 0"))).toBe("Capaian tidak dapat dihitung: target bernilai 0, sehingga pembagian tidak mungkin. Periksa kembali targetnya.");
  });
});

describe("restarts and failures", () => {
  it("a bot rebuilt on the same data directory in the middle of /isi continues with the next question", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 100\nSasaran A | Indikator dua | orang | 50\nSasaran B | Indikator tiga | % | 80");
    await h.driver.press(ADMIN, "✅ Simpan");
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "100");
    const pending = plain(await h.driver.send(ADMIN, "90"));
    expect(pending).toContain("Berapa realisasi 2023 indikator ini?");

    const restarted = h.restart();
    const next = plain(await restarted.driver.send(ADMIN, "92"));
    expect(next).toContain("✅ Tersimpan — Realisasi 2023: 92%.");
    expect(next).toContain("Berapa target 2022 indikator ini?");
    const data = (await restarted.repo.agencies.read(id))!.data;
    expect(data.objectives[0]!.indicators[0]!.years).toEqual({ "2024": { target: "100", actual: "100" }, "2023": { target: "90", actual: "92" } });
  });

  it("a redelivered update is applied once", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const update = h.telegram.textUpdate(ADMIN, "/status");
    const before = h.telegram.sent.length;
    await h.driver.bot.handleUpdate(update);
    await h.driver.bot.handleUpdate(update);
    expect(h.telegram.sent.length - before).toBe(1);
  });

  it("a user who blocked the bot does not crash anything, and a failed reply does not leave the conversation stuck", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, "Sasaran A | Indikator satu | % | 100");
    await h.driver.press(ADMIN, "✅ Simpan");
    await h.driver.send(ADMIN, "/isi");
    h.telegram.failNext("sendMessage", FakeTelegram.blocked());
    expect(await h.driver.send(ADMIN, "100")).toEqual([]);
    // The answer was stored before the reply failed, and the next message continues the conversation.
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("100");
    expect(plain(await h.driver.send(ADMIN, "90"))).toContain("✅ Tersimpan — Target 2023: 90%.");
    h.telegram.failNext("sendMessage", new Error("jaringan putus"));
    await h.driver.send(ADMIN, "/status");
    expect(h.errors.some((e) => e.startsWith("gagal mengirim balasan"))).toBe(true);
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain("Status Dinas Sosial Kabupaten Contoh");
  });
});
