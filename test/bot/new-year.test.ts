/**
 * /tahun: an agency moves on to the next reporting year (its indicators and
 * every year's figures kept, the year's factors and budget emptied, the new
 * target taken from the Renstra where it has one), and the move is taken
 * back as a whole while nothing it changed has changed again.
 */
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/local/demo.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { ADMIN, OFFICER, addProgram, harness, joinByInvitation, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const DEMO = "dinsos-pm-dumai";

async function withDemo(): Promise<Harness> {
  const h = await harness();
  await seedDemo(h.services, ADMIN);
  return h;
}

/** /tahun, then its first button: the demo moves on to 2025. */
async function moveTo2025(h: Harness): Promise<void> {
  await h.driver.send(ADMIN, "/tahun");
  await h.driver.press(ADMIN, "▶️ Mulai tahun 2025");
}

const data = async (h: Harness): Promise<AgencyFile> => structuredClone((await h.repo.agencies.read(DEMO))!.data);
const buttons = (replies: { keyboard: { text: string }[][] }[]) => replies.flatMap((r) => r.keyboard.flat().map((b) => b.text));

describe("/tahun: the next reporting year", () => {
  it("keeps indicators and every year's figures, empties the year's factors and budget, takes the new target from the Renstra", async () => {
    const h = await withDemo();
    const before = await data(h);
    expect(before.agency.reportingYear).toBe(2024);
    const menu = await h.driver.send(ADMIN, "/tahun");
    expect(plain(menu)).toBe(
      [
        "Mulai tahun pelaporan 2025 untuk Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai (sekarang 2024)",
        "",
        "Tetap ada: 4 indikator beserta sasarannya, target dan realisasi semua tahun (2024 menjadi riwayat untuk perbandingan antartahun), target Renstra, data nasional, susunan program/kegiatan/sub kegiatan dan tautannya ke indikator, anggota, dan profil metodologi.",
        "Dikosongkan untuk 2025: faktor pendukung, penghambat dan tindak lanjut (4 indikator), pagu dan realisasi anggaran (89 baris anggaran dan 1 indikator), catatan baris anggaran (9). Nilai lamanya tetap tercatat di /riwayat.",
        "Target 2025 diisi dari target Renstra per tahun untuk 1 indikator; target lainnya ditanyakan lewat /isi.",
        "Selama belum ada perubahan lain sesudahnya, pergantian ini dapat dibatalkan dengan /tahun.",
      ].join("\n"),
    );
    expect(buttons(menu)).toEqual(["▶️ Mulai tahun 2025", "▶️ Mulai tahun 2025 dengan Renstra baru", "❌ Batal"]);
    expect(plain(await h.driver.press(ADMIN, "▶️ Mulai tahun 2025"))).toBe(
      "✅ Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai sekarang melaporkan tahun 2025; data 2024 menjadi riwayat. Ketik /isi untuk mengisi target, realisasi, anggaran dan faktor tahun 2025.",
    );

    const after = await data(h);
    expect(after.agency).toEqual({ ...before.agency, reportingYear: 2025 });
    expect(after.profile).toEqual(before.profile);
    const indicators = (f: AgencyFile) => f.objectives.flatMap((o) => o.indicators);
    for (const [old, now] of indicators(before).map((ind, i) => [ind, indicators(after)[i]!] as const)) {
      const { factors: _f, budget: _b, ...kept } = old;
      // 2.1's Renstra target for 2025 (90) is its 2025 target; every other year as it was.
      const years = old.id === "IKU2" ? { ...old.years, "2025": { target: "90" } } : old.years;
      expect(now).toEqual({ ...kept, years });
    }
    expect(after.budgetLines).toEqual(before.budgetLines.map(({ budget: _b, spent: _s, note: _n, ...line }) => line));
    expect((await h.repo.agencies.read(DEMO))!.members).toHaveLength(1);

    // /isi asks for the new year, with the year before as context.
    const isi = plain(await h.driver.send(ADMIN, "/isi"));
    expect(isi).toContain("Berapa target 2025 indikator ini?");
    expect(isi).toContain("1.1 Persentase (%) penyandang disabilitas");
    // A second press of the old button changes nothing.
    const moved = await data(h);
    expect(plain(await h.driver.pressData(ADMIN, "year:go:dinsos-pm-dumai:2024"))).toBe("Tahun pelaporan sudah 2025; tidak ada yang diubah. Ketik /tahun untuk melihat pilihannya.");
    expect(await data(h)).toEqual(moved);
  });

  it("tells the other members, in their own chats, when the year moves on or is taken back", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, OFFICER);
    const toOfficer = () => h.telegram.sent.filter((m) => m.chatId === OFFICER.id).map((m) => m.text);
    const toAdmin = () => h.telegram.sent.filter((m) => m.chatId === ADMIN.id).length;
    const officerBefore = toOfficer().length;
    await h.driver.send(ADMIN, "/tahun");
    const adminBefore = toAdmin();
    // The admin's chat gets the reply alone; the officer's the notice.
    expect(plain(await h.driver.press(ADMIN, "▶️ Mulai tahun 2025"))).toBe(
      "✅ Dinas Sosial Kabupaten Contoh sekarang melaporkan tahun 2025; data 2024 menjadi riwayat. Ketik /isi untuk mengisi target, realisasi, anggaran dan faktor tahun 2025.",
    );
    expect(toAdmin()).toBe(adminBefore + 1);
    expect(toOfficer().slice(officerBefore)).toEqual([
      "ℹ️ Sari Wulandari memulai tahun pelaporan <b>2025</b> untuk Dinas Sosial Kabupaten Contoh: data 2024 menjadi riwayat, dan /isi sekarang menanyakan isian tahun 2025. Selama belum ada perubahan lain sesudahnya, admin dapat membatalkannya dengan /tahun.",
    ]);
    await h.driver.send(ADMIN, "/tahun");
    await h.driver.press(ADMIN, "↩ Kembali ke tahun 2024");
    expect(toOfficer().slice(officerBefore + 1)).toEqual(["ℹ️ Sari Wulandari membatalkan pergantian tahun: Dinas Sosial Kabupaten Contoh kembali melaporkan tahun <b>2024</b>."]);
    await h.driver.send(ADMIN, "/tahun");
    await h.driver.press(ADMIN, "▶️ Mulai tahun 2025 dengan Renstra baru");
    await h.driver.send(ADMIN, "2025-2029");
    expect(toOfficer().slice(officerBefore + 2)).toEqual([
      "ℹ️ Sari Wulandari memulai tahun pelaporan <b>2025</b> untuk Dinas Sosial Kabupaten Contoh dengan Renstra 2025–2029: data 2024 menjadi riwayat, dan /isi sekarang menanyakan isian tahun 2025. Selama belum ada perubahan lain sesudahnya, admin dapat membatalkannya dengan /tahun.",
    ]);
    expect(h.errors).toEqual([]);
  });

  it("says what a new agency with nothing to empty empties, without counts of 0", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 80");
    const menu = plain(await h.driver.send(ADMIN, "/tahun"));
    expect(menu.split("\n")[3]).toBe(
      "Dikosongkan untuk 2025: faktor pendukung, penghambat dan tindak lanjut (belum ada yang diisi), pagu dan realisasi anggaran (belum ada yang diisi). Nilai lamanya tetap tercatat di /riwayat.",
    );
    await addProgram(h, ADMIN, "Program Perlindungan Sosial", "Rp 1,5 M");
    expect(plain(await h.driver.send(ADMIN, "/tahun")).split("\n")[3]).toContain("pagu dan realisasi anggaran (1 baris anggaran).");
  });

  it("is taken back as a whole, to the very data it replaced, while nothing it changed has changed since", async () => {
    const h = await withDemo();
    const before = await data(h);
    await moveTo2025(h);
    const menu = await h.driver.send(ADMIN, "/tahun");
    expect(buttons(menu)).toEqual(["▶️ Mulai tahun 2026", "▶️ Mulai tahun 2026 dengan Renstra baru", "↩ Kembali ke tahun 2024", "❌ Batal"]);
    expect(plain(await h.driver.press(ADMIN, "↩ Kembali ke tahun 2024"))).toBe(
      "✅ Pergantian tahun dibatalkan: Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai kembali melaporkan tahun 2024, dengan faktor, pagu, realisasi anggaran dan catatan seperti sebelumnya.",
    );
    expect(await data(h)).toEqual(before);
    // Taken back once: no button, and a forged one changes nothing.
    expect(buttons(await h.driver.send(ADMIN, "/tahun"))).toEqual(["▶️ Mulai tahun 2025", "▶️ Mulai tahun 2025 dengan Renstra baru", "❌ Batal"]);
    expect(plain(await h.driver.pressData(ADMIN, "year:back:dinsos-pm-dumai:2025"))).toBe(
      "Tahun pelaporan 2024 tidak dimulai dengan /tahun, atau pergantiannya sudah dibatalkan; tidak ada yang diubah.",
    );
    expect(await data(h)).toEqual(before);
  });

  it("is no longer taken back once anything changed after it", async () => {
    const h = await withDemo();
    await moveTo2025(h);
    await h.driver.send(ADMIN, "/isi");
    expect(plain(await h.driver.send(ADMIN, "95"))).toContain("✅ Tersimpan — Target 2025: 95%.");
    await h.driver.send(ADMIN, "/batal");
    expect(buttons(await h.driver.send(ADMIN, "/tahun"))).toEqual(["▶️ Mulai tahun 2026", "▶️ Mulai tahun 2026 dengan Renstra baru", "❌ Batal"]);
    const now = await data(h);
    expect(plain(await h.driver.pressData(ADMIN, "year:back:dinsos-pm-dumai:2025"))).toBe(
      "Pergantian ke tahun 2025 tidak dapat dibatalkan lagi: sudah ada 1 perubahan sesudahnya (misalnya Data tahun 2025 — 1.1 Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti (INDIKATOR SPM)). Tidak ada yang diubah.",
    );
    expect(await data(h)).toEqual(now);
  });

  it("warns when the new year lies after the Renstra period, and takes back only the last move", async () => {
    const h = await withDemo();
    await moveTo2025(h);
    const in2025 = await data(h);
    await h.driver.send(ADMIN, "/tahun");
    await h.driver.press(ADMIN, "▶️ Mulai tahun 2026");
    const menu = plain(await h.driver.send(ADMIN, "/tahun"));
    expect(menu).toContain(
      "Perhatian: tahun 2027 sudah di luar periode Renstra (berakhir 2026). Bila Renstra baru sudah ditetapkan, pilih Mulai tahun 2027 dengan Renstra baru; bila belum, bagian 3.3 tetap membandingkan dengan target akhir Renstra yang tersimpan.\nSelama belum ada perubahan lain sesudahnya",
    );
    // The Renstra's 2026 target (100) was taken for 2.1 on the second move.
    expect((await data(h)).objectives[1]!.indicators[0]!.years["2026"]).toEqual({ target: "100" });
    await h.driver.press(ADMIN, "↩ Kembali ke tahun 2025");
    expect(await data(h)).toEqual(in2025);
    // The move to 2025 is not offered back: the move to 2026 and its undo came after it.
    expect(buttons(await h.driver.send(ADMIN, "/tahun"))).toEqual(["▶️ Mulai tahun 2026", "▶️ Mulai tahun 2026 dengan Renstra baru", "❌ Batal"]);
  });

  it("starts the year with a new Renstra: the period asked and checked, the old Renstra's targets emptied, and all taken back as one", async () => {
    const h = await withDemo();
    const before = await data(h);
    await h.driver.send(ADMIN, "/tahun");
    expect(plain(await h.driver.press(ADMIN, "▶️ Mulai tahun 2025 dengan Renstra baru"))).toContain("Ketik periode Renstra baru yang memuat tahun 2025, misalnya 2025-2029.");
    expect(plain(await h.driver.send(ADMIN, "dua ribu dua lima"))).toBe('"dua ribu dua lima" bukan periode Renstra. Ketik tahun awal dan akhir, misalnya 2025-2029.');
    expect(plain(await h.driver.send(ADMIN, "2026-2030"))).toBe("Tahun pelaporan 2025 berada di luar periode Renstra 2026-2030. Ketik periode yang memuatnya, misalnya 2025-2029.");
    expect(await data(h)).toEqual(before);
    expect(plain(await h.driver.send(ADMIN, "2025 s.d. 2029"))).toBe(
      "✅ Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai sekarang melaporkan tahun 2025 dengan Renstra 2025–2029; data 2024 menjadi riwayat. Ketik /isi untuk mengisi target, realisasi, target Renstra, anggaran dan faktor tahun 2025.",
    );
    const after = await data(h);
    expect(after.agency).toEqual({ ...before.agency, reportingYear: 2025, strategicPlan: { startYear: 2025, endYear: 2029 } });
    // The old Renstra's targets are gone, 2.1's 2025 target from it included; the years themselves are kept.
    const indicators = (f: AgencyFile) => f.objectives.flatMap((o) => o.indicators);
    expect(indicators(after).map((i) => [i.strategicPlan, i.years])).toEqual(indicators(before).map((i) => [undefined, i.years]));
    expect(plain(await h.driver.send(ADMIN, "/isi"))).toContain("Berapa target 2025 indikator ini?");
    await h.driver.send(ADMIN, "/batal");
    await h.driver.send(ADMIN, "/tahun");
    await h.driver.press(ADMIN, "↩ Kembali ke tahun 2024");
    expect(await data(h)).toEqual(before);
  });

  it("a button of another agency than the active one is refused: it never moves the agency switched to", async () => {
    const h = await harness();
    const first = await registerAgency(h, ADMIN, "Dinas Sosial Kota Satu");
    expect(buttons(await h.driver.send(ADMIN, "/tahun"))[0]).toBe("▶️ Mulai tahun 2025");
    // The admin registers a second agency (reporting on 2024 too), which becomes the active one.
    const second = await registerAgency(h, ADMIN, "Dinas Sosial Kota Dua");
    expect((await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId).toBe(second);
    const before = [structuredClone((await h.repo.agencies.read(first))!.data), structuredClone((await h.repo.agencies.read(second))!.data)];
    expect(plain(await h.driver.press(ADMIN, "▶️ Mulai tahun 2025"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect([(await h.repo.agencies.read(first))!.data, (await h.repo.agencies.read(second))!.data]).toEqual(before);
  });

  it("only an admin starts a year, even with a forged button", async () => {
    const h = await withDemo();
    await joinByInvitation(h, ADMIN, OFFICER);
    const before = await data(h);
    expect(plain(await h.driver.send(OFFICER, "/tahun"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
    expect(plain(await h.driver.pressData(OFFICER, "year:go:dinsos-pm-dumai:2024"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
    expect(await data(h)).toEqual(before);
  });
});
