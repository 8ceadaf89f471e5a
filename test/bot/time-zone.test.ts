import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN, OFFICER, harness, joinByInvitation, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";

const MAKASSAR = "Dinas Sosial Kota Makassar";
const buttons = (replies: SentMessage[]) => replies.flatMap((m) => m.keyboard.flat().map((b) => b.text));

/** Registers Dinas Sosial Kota Makassar from /start; returns its id and the registration's last reply. */
async function registerMakassar(h: Harness): Promise<{ id: string; done: string }> {
  await h.driver.send(ADMIN, "/start");
  await h.driver.press(ADMIN, "🏛 Daftarkan instansi");
  await h.driver.send(ADMIN, MAKASSAR);
  await h.driver.press(ADMIN, "Kota Makassar");
  await h.driver.send(ADMIN, "2024");
  await h.driver.send(ADMIN, "2021-2026");
  const done = plain(await h.driver.press(ADMIN, "✅ Gunakan pengaturan bawaan"));
  return { id: (await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId!, done };
}

async function history(h: Harness): Promise<string> {
  await h.driver.send(ADMIN, "/riwayat");
  return plain(await h.driver.press(ADMIN, "Semua perubahan"));
}

describe("times in the agency's time zone", () => {
  it("an agency of a WITA region: registration says so, /riwayat and /status write WITA, a day turns at its midnight", async () => {
    const h = await harness();
    const { done } = await registerMakassar(h);
    expect(done).toMatch(/4\. \/undang — undang rekan kerja\.\n\nWaktu perubahan ditulis dalam WITA \(menurut daerah Kota Makassar\)\.$/);

    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 100"); // 2025-01-15T03:00Z: 11.00 WITA
    h.clock.now = new Date("2025-01-15T16:30:00Z"); // 23.30 WIB, but 00.30 WITA the next day
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "95");
    const shown = await history(h);
    expect(shown).toContain("#2 · 16 Jan 2025, 00.30 WITA · Sari Wulandari\nRealisasi 2024 — 1.1 Indikator satu: (kosong) → 95");
    expect(shown).toContain("#1 · 15 Jan 2025, 11.00 WITA · Sari Wulandari\nSasaran — Sasaran A: (kosong) → Sasaran A");
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain(
      "Perubahan terakhir: 16 Jan 2025, 00.30 WITA oleh Sari Wulandari (Realisasi 2024 — 1.1 Indikator satu); semua perubahan di /riwayat.",
    );
    // An invitation made then is dated the 16th, and runs seven days from it.
    await h.driver.send(ADMIN, "/undang");
    await h.driver.press(ADMIN, "Editor (banyak orang)");
    expect(plain(await h.driver.send(ADMIN, "/undangan"))).toContain(
      "1. Editor (dapat dipakai beberapa orang), dibuat 16 Januari 2025, berlaku sampai 23 Januari 2025, sudah dipakai 0 kali",
    );
    expect(h.errors).toEqual([]);
  });

  it("an admin chooses the zone in /profil: stored, audited, used at once, undone; an editor cannot", async () => {
    const h = await harness();
    const { id } = await registerMakassar(h);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 100");

    const profile = await h.driver.send(ADMIN, "/profil");
    expect(plain(profile)).toContain("• Batas capaian untuk rata-rata: tidak ada\n• Zona waktu: WITA (menurut daerah Kota Makassar)\n");
    expect(buttons(profile).slice(-3)).toEqual(["Zona WIB", "✅ Zona WITA", "Zona WIT"]);

    h.clock.now = new Date("2025-01-16T01:00:00Z");
    const chosen = await h.driver.press(ADMIN, "Zona WIT");
    expect(plain(chosen.slice(0, 1))).toBe(`✅ Zona waktu ${MAKASSAR}: WIT. Waktu di /riwayat, /status dan /anggota kini ditulis dalam WIT.`);
    expect(plain(chosen.slice(1))).toContain("• Zona waktu: WIT (dipilih admin)\n");
    expect(buttons(chosen).slice(-3)).toEqual(["Zona WIB", "Zona WITA", "✅ Zona WIT"]);
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.data.agency.timeZone).toBe("WIT");
    expect(doc.audit.at(-1)).toMatchObject({ seq: 2, field: "agency/timeZone", new: "WIT", label: "Data instansi: zona waktu" });
    expect(doc.audit.at(-1)!.old).toBeUndefined();

    // Every time is now written in WIT, the older ones too.
    const shown = await history(h);
    expect(shown).toContain("#2 · 16 Jan 2025, 10.00 WIT · Sari Wulandari\nData instansi: zona waktu: (kosong) → WIT");
    expect(shown).toContain("#1 · 15 Jan 2025, 12.00 WIT · Sari Wulandari\nSasaran — Sasaran A: (kosong) → Sasaran A");

    // An editor has no /profil, and its button, forged, changes nothing.
    await joinByInvitation(h, ADMIN, OFFICER);
    expect(plain(await h.driver.pressData(OFFICER, "prof:tz:WIB"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
    expect((await h.repo.agencies.read(id))!.data.agency.timeZone).toBe("WIT");
    // Nor does a zone that is none of the three.
    expect(plain(await h.driver.pressData(ADMIN, "prof:tz:UTC"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect((await h.repo.agencies.read(id))!.data.agency.timeZone).toBe("WIT");

    // Undone from /riwayat, the region's zone counts again.
    await h.driver.pressData(ADMIN, "undo:2");
    expect((await h.repo.agencies.read(id))!.data.agency.timeZone).toBeUndefined();
    expect(plain(await h.driver.send(ADMIN, "/profil"))).toContain("• Zona waktu: WITA (menurut daerah Kota Makassar)\n");
    expect(h.errors).toEqual([]);
  });

  it("a region not among the WITA and WIT ones keeps WIB and says how to change it", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const profile = plain(await h.driver.send(ADMIN, "/profil"));
    expect(profile).toContain("• Zona waktu: WIB (Kabupaten Contoh tidak ada dalam daftar daerah WITA dan WIT; bila keliru, pilih zonanya dengan tombol di bawah)\n");
  });

  it("the registration of a region not found says WIB and where to change it", async () => {
    const h = await harness();
    await h.driver.send(ADMIN, "/start");
    await h.driver.press(ADMIN, "🏛 Daftarkan instansi");
    await h.driver.send(ADMIN, "Dinas Sosial Kabupaten Siak");
    await h.driver.press(ADMIN, "Kabupaten Siak");
    await h.driver.send(ADMIN, "2024");
    await h.driver.send(ADMIN, "2021-2026");
    expect(plain(await h.driver.press(ADMIN, "✅ Gunakan pengaturan bawaan"))).toMatch(
      /\n\nWaktu perubahan ditulis dalam WIB; bila Kabupaten Siak memakai WITA atau WIT, ubah di \/profil\.$/,
    );
  });

  it("the day an agency was closed is said in its zone, after a restart too", async () => {
    const h = await harness();
    await registerMakassar(h);
    h.clock.now = new Date("2025-01-15T16:30:00Z"); // the 16th in Makassar
    await h.driver.send(ADMIN, "/anggota");
    await h.driver.press(ADMIN, "🚪 Keluar dari instansi ini");
    await h.driver.press(ADMIN, "Ya, keluar dan tutup instansi");
    const user = (await h.repo.users.read(String(ADMIN.id)))!;
    expect(user.closedAgencies).toEqual([expect.objectContaining({ name: MAKASSAR, at: "2025-01-15T16:30:00.000Z", timeZone: "WITA" })]);
    const restarted = h.restart();
    expect(plain(await restarted.driver.send(ADMIN, "/instansi"))).toContain(`• ${MAKASSAR} — ditutup 16 Januari 2025`);
  });

  it("/pulihkan names the newest change each backup holds in the agency's zone, also when the agency's file is damaged", async () => {
    const h = await harness();
    const { id } = await registerMakassar(h);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 100"); // #1, 11.00 WITA
    h.clock.now = new Date("2025-01-15T16:30:00Z");
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "95"); // #2, the 16th in Makassar but still the 15th's day of backups
    h.clock.now = new Date("2025-01-16T03:00:00Z");
    await h.driver.send(ADMIN, "/isi");
    await h.driver.send(ADMIN, "Keterbatasan petugas lapangan"); // #3, a factor: the 16th's first change keeps a copy holding it
    const line = "• 16 Januari 2025: data sampai perubahan #3 (16 Jan 2025, 11.00 WITA, Sari Wulandari)";
    expect(plain(await h.driver.send(ADMIN, "/pulihkan"))).toMatch(new RegExp(`\\n${line.replace(/[()]/g, "\\$&")}\\n• 15 Januari 2025: data sebelum perubahan #1$`));

    await writeFile(join(h.dir, "instansi", `${id}.json`), '{"schemaVersion": 1, "data": {"terpotong');
    const restarted = h.restart();
    const list = plain(await restarted.driver.send(ADMIN, "/pulihkan"));
    expect(list).toContain(`Cadangan yang tersedia untuk ${MAKASSAR}`);
    expect(list).toContain(line);
    expect(plain(await restarted.driver.press(ADMIN, "Pulihkan 16 Januari 2025"))).toContain(
      "Cadangan itu memuat data sampai perubahan #3 (16 Jan 2025, 11.00 WITA, Sari Wulandari); perubahan sesudahnya (lihat /riwayat) akan hilang",
    );
  });

  it("the reporting year offered on New Year's night is the one just ended in Indonesia, whatever the server's zone", async () => {
    const h = await harness();
    h.clock.now = new Date("2026-12-31T17:30:00Z"); // 00.30 WIB on 1 January 2027; still 2026 in UTC
    await h.driver.send(ADMIN, "/start");
    await h.driver.press(ADMIN, "🏛 Daftarkan instansi");
    await h.driver.send(ADMIN, "Dinas Sosial Kabupaten Siak");
    const asked = await h.driver.press(ADMIN, "Kabupaten Siak");
    expect(plain(asked)).toBe("Tingkat pemerintahan: Kabupaten (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2026.");
    expect(buttons(asked)).toEqual(["2026", "2027"]);
    expect(plain(await h.driver.send(ADMIN, "2028"))).toBe('"2028" bukan tahun yang dapat dipakai. Ketik tahun empat angka antara 2015 dan 2027, misalnya 2026.');
    expect(plain(await h.driver.send(ADMIN, "2026"))).toBe("Ketik periode Renstra, misalnya 2021-2026.");
  });
});
