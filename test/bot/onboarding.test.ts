import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN, harness, plain } from "../support/bot-harness.js";

describe("onboarding: /start and registering an agency", () => {
  it("explains the bot and offers to register or join", async () => {
    const h = await harness();
    const replies = await h.driver.send(ADMIN, "/start");
    expect(replies).toHaveLength(1);
    expect(plain(replies)).toContain("Selamat datang di Asisten LKjIP");
    expect(replies[0]!.keyboard.flat().map((b) => b.text)).toEqual(["🏛 Daftarkan instansi", "🔑 Gabung dengan kode undangan"]);
  });

  it("registers an agency step by step, rejecting bad answers with examples, and makes the creator admin", async () => {
    const h = await harness();
    const d = h.driver;
    await d.send(ADMIN, "/start");
    expect(plain(await d.press(ADMIN, "🏛 Daftarkan instansi"))).toContain("Ketik nama instansi secara lengkap");
    expect(plain(await d.send(ADMIN, "Di"))).toBe("Nama terlalu pendek atau terlalu panjang (3–200 karakter). Contoh: Dinas Sosial Kota Dumai.");
    const region = await d.send(ADMIN, "Dinas Sosial Kabupaten <Contoh> & Co");
    // The region the name ends with is offered as a button.
    expect(plain(region)).toBe("Ketik nama daerah, misalnya: Kabupaten Kotawaringin Timur. Bila daerahnya Kabupaten <Contoh> & Co, cukup ketuk tombolnya.");
    expect(region[0]!.text).toContain("Bila daerahnya Kabupaten &lt;Contoh&gt; &amp; Co,");
    expect(region[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Kabupaten <Contoh> & Co"]);
    // Typed instead, a region named "Kabupaten …" says its level: not asked.
    const year = await d.send(ADMIN, "Kabupaten Contoh");
    expect(plain(year)).toBe("Tingkat pemerintahan: Kabupaten (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    expect(year[0]!.keyboard.flat().map((b) => b.text)).toEqual(["2024", "2025"]);
    expect(plain(await d.send(ADMIN, "20x4"))).toBe('"20x4" bukan tahun yang dapat dipakai. Ketik tahun empat angka antara 2015 dan 2025, misalnya 2024.');
    expect(plain(await d.send(ADMIN, "2024"))).toBe("Ketik periode Renstra, misalnya 2021-2026.");
    expect(plain(await d.send(ADMIN, "2026-2021"))).toBe('"2026-2021" bukan periode Renstra. Ketik tahun awal dan akhir, misalnya 2021-2026.');
    expect(plain(await d.send(ADMIN, "2025-2029"))).toBe("Tahun pelaporan 2024 berada di luar periode Renstra 2025-2029. Periksa kembali, misalnya 2021-2026.");
    const profile = await d.send(ADMIN, "2021 - 2026");
    expect(plain(profile)).toBe(
      [
        "Pengaturan metodologi bawaan:",
        "• skala kategori: Permendagri 86/2017 (≥ 91 Sangat Tinggi … < 51 Sangat Rendah)",
        "• efisiensi: rasio capaian ÷ serapan (≥ 1 efisien)",
        "• polaritas negatif: (2 × target − realisasi) ÷ target × 100%",
        "Gunakan pengaturan ini? Anda dapat menggantinya kapan saja dengan /profil.",
      ].join("\n"),
    );
    // Telegram refuses a bare "<" in HTML: the scale's bounds arrive escaped (the fake Telegram refuses it too).
    expect(profile[0]!.text).toContain("… &lt; 51 Sangat Rendah)");
    const done = await d.press(ADMIN, "✅ Gunakan pengaturan bawaan");
    expect(plain(done)).toContain("✅ Instansi Dinas Sosial Kabupaten <Contoh> & Co terdaftar, dan Anda menjadi admin.");
    // The name typed by the user is escaped in the HTML sent to Telegram.
    expect(done[0]!.text).toContain("Dinas Sosial Kabupaten &lt;Contoh&gt; &amp; Co");

    const user = await h.repo.users.read(String(ADMIN.id));
    const id = user!.activeAgencyId!;
    expect(user!.agencies).toEqual([id]);
    const onDisk = JSON.parse(await readFile(join(h.dir, "instansi", `${id}.json`), "utf8"));
    expect(onDisk.data.agency).toMatchObject({ name: "Dinas Sosial Kabupaten <Contoh> & Co", region: "Kabupaten Contoh", level: "kabupaten", reportingYear: 2024, strategicPlan: { startYear: 2021, endYear: 2026 } });
    expect(onDisk.data.profile).toMatchObject({ scale: "permendagri86", efficiency: { method: "rasio" }, negativeFormula: "2T-R" });
    expect(onDisk.members).toEqual([{ userId: ADMIN.id, name: "Sari Wulandari", role: "admin", addedAt: "2025-01-15T03:00:00.000Z", addedBy: null }]);

    expect(plain(await d.send(ADMIN, "/start"))).toContain("Instansi aktif: Dinas Sosial Kabupaten <Contoh> & Co (tahun pelaporan 2024), peran Anda: admin.");
    expect(h.errors).toEqual([]);
  });

  it("takes the region from the agency's name with one tap, and asks the level only when the region's name does not say it", async () => {
    const h = await harness();
    const d = h.driver;
    const registered = async (name: string, steps: () => Promise<void>) => {
      await d.send(ADMIN, "/start");
      await d.press(ADMIN, name === "first" ? "🏛 Daftarkan instansi" : "➕ Daftarkan instansi lain");
      await steps();
      await d.send(ADMIN, "2024");
      await d.send(ADMIN, "2021-2026");
      await d.press(ADMIN, "✅ Gunakan pengaturan bawaan");
      const id = (await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!;
      return (await h.repo.agencies.read(id))!.data.agency;
    };
    const dumai = await registered("first", async () => {
      expect((await d.send(ADMIN, "Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai"))[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Kota Dumai"]);
      expect(plain(await d.press(ADMIN, "Kota Dumai"))).toBe("Tingkat pemerintahan: Kota (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    });
    expect(dumai).toMatchObject({ name: "Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai", region: "Kota Dumai", level: "kota" });

    await d.send(ADMIN, "/instansi");
    const siak = await registered("other", async () => {
      // "Kab." written out in the offer.
      expect((await d.send(ADMIN, "Dinas Sosial Kab. Siak"))[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Kabupaten Siak"]);
      await d.press(ADMIN, "Kabupaten Siak");
    });
    expect(siak).toMatchObject({ region: "Kabupaten Siak", level: "kabupaten" });

    await d.send(ADMIN, "/instansi");
    const jakarta = await registered("other", async () => {
      // No region in the name: nothing offered; a region that does not say its level: asked.
      const asked = await d.send(ADMIN, "Dinas Sosial DKI Jakarta");
      expect(plain(asked)).toBe("Ketik nama daerah, misalnya: Kabupaten Kotawaringin Timur.");
      expect(asked[0]!.keyboard).toEqual([]);
      const level = await d.send(ADMIN, "DKI Jakarta");
      expect(plain(level)).toBe("Pilih tingkat pemerintahan daerah:");
      expect(level[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Provinsi", "Kabupaten", "Kota"]);
      expect(plain(await d.press(ADMIN, "Provinsi"))).toBe("Ketik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    });
    expect(jakarta).toMatchObject({ region: "DKI Jakarta", level: "provinsi" });
    expect(h.errors).toEqual([]);
  });

  it("takes the level and the profile typed instead of tapped, and refuses a number for a name", async () => {
    const h = await harness();
    const d = h.driver;
    await d.send(ADMIN, "/daftar");
    expect(plain(await d.send(ADMIN, "2024"))).toBe('"2024" bukan nama instansi: ketik namanya dengan huruf. Contoh: Dinas Sosial Kota Dumai.');
    await d.send(ADMIN, "Dinas Sosial DKI Jakarta");
    // The year typed one question early is no region.
    expect(plain(await d.send(ADMIN, "2024"))).toBe('"2024" bukan nama daerah: ketik namanya dengan huruf. Contoh: Kota Dumai.');
    expect(plain(await d.send(ADMIN, "DKI Jakarta"))).toBe("Pilih tingkat pemerintahan daerah:");
    const wrong = await d.send(ADMIN, "kabupatenn");
    expect(plain(wrong)).toBe('"kabupatenn" bukan tingkat pemerintahan. Ketuk salah satu tombol, atau ketik provinsi, kabupaten atau kota.');
    expect(wrong[0]!.keyboard.flat().map((b) => b.text)).toEqual(["Provinsi", "Kabupaten", "Kota"]);
    expect(plain(await d.send(ADMIN, "Prov."))).toBe("Ketik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    await d.send(ADMIN, "2024");
    await d.send(ADMIN, "2021-2026");
    const unsure = await d.send(ADMIN, "mungkin");
    expect(plain(unsure)).toBe('"mungkin" bukan pilihan. Ketuk Gunakan pengaturan bawaan (atau ketik ya), atau Atur sendiri setelah mendaftar (atau ketik tidak) untuk mengubahnya dengan /profil. Ketik /batal untuk berhenti.');
    expect(unsure[0]!.keyboard.flat().map((b) => b.text)).toEqual(["✅ Gunakan pengaturan bawaan", "⚙️ Atur sendiri setelah mendaftar"]);
    expect(await h.repo.users.read(String(ADMIN.id))).toMatchObject({ agencies: [] });
    // "Tidak": registered, and the profile shown to be set, as the second button does.
    const done = await d.send(ADMIN, "Tidak");
    expect(plain(done.slice(0, 1))).toContain("✅ Instansi Dinas Sosial DKI Jakarta terdaftar, dan Anda menjadi admin.");
    expect(done).toHaveLength(2);
    const id = (await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!;
    expect((await h.repo.agencies.read(id))!.data.agency).toMatchObject({ name: "Dinas Sosial DKI Jakarta", region: "DKI Jakarta", level: "provinsi", reportingYear: 2024 });
    expect(h.errors).toEqual([]);
  });

  it("answers unknown text and unknown commands with a pointer to /bantuan", async () => {
    const h = await harness();
    expect(plain(await h.driver.send(ADMIN, "halo"))).toBe(
      "Maaf, saya belum memahami pesan itu. Ketik /bantuan untuk melihat perintah yang tersedia, atau /isi untuk melanjutkan pengisian data.",
    );
    expect(plain(await h.driver.send(ADMIN, "/terbang"))).toContain("Ketik /bantuan");
    expect(plain(await h.driver.send(ADMIN, "/isi"))).toBe(
      "Anda belum terhubung dengan instansi mana pun. Ketik /start untuk mendaftarkan instansi atau bergabung dengan kode undangan.",
    );
    expect(plain(await h.driver.send(ADMIN, "/bantuan"))).toContain("/cek 86,11 80 — hitung cepat capaian");
  });
});
