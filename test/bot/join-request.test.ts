/**
 * Registering an agency a colleague registered already: the agencies of the region are listed, the officer asks
 * to join one instead, and its admins accept (as editor or viewer) or turn the request down, from the notice or
 * from /anggota.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ADMIN, harness, joinByInvitation, OFFICER, OUTSIDER, plain, registerAgency, registerWithCommand, VIEWER, type Harness } from "../support/bot-harness.js";
import type { FakeUser, SentMessage } from "../../src/local/fake-telegram.js";

const OTHER: FakeUser = { id: 505, first_name: "Dewi" };

const SARAN = [
  "",
  "Bila salah satunya instansi Anda, jangan didaftarkan lagi: isian pada dua pendaftaran tidak tergabung, sehingga BAB III keduanya tidak lengkap. Ketuk namanya di bawah agar admin-nya menerima Anda, atau minta kode undangan kepada admin lalu ketik /gabung.",
  "Bila bukan, ketuk Tetap daftarkan.",
];

/** `user` starts registering "Dinas Sosial Kab. Contoh" and taps the region offered (Kabupaten Contoh). */
async function startRegistering(h: Harness, user: FakeUser, name = "Dinas Sosial Kab. Contoh"): Promise<SentMessage[]> {
  await h.driver.send(user, "/daftar");
  await h.driver.send(user, name);
  return h.driver.press(user, "Kabupaten Contoh");
}

const buttons = (replies: SentMessage[]) => replies.flatMap((m) => m.keyboard.flat().map((b) => b.text));
const sentTo = (h: Harness, user: FakeUser, from: number) => h.telegram.sent.slice(from).filter((m) => m.chatId === user.id);

describe("registering an agency registered already", () => {
  it("lists the region's agencies, and registers another only when asked to", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const listed = await startRegistering(h, OFFICER);
    expect(plain(listed)).toBe(["ℹ️ Di Kabupaten Contoh sudah terdaftar 1 instansi:", "• Dinas Sosial Kabupaten Contoh", ...SARAN].join("\n"));
    expect(buttons(listed)).toEqual(["🙋 Minta bergabung: Dinas Sosial Kabupaten Contoh", "➕ Tetap daftarkan Dinas Sosial Kab. Contoh"]);
    // Typed instead of a tap: what to tap.
    expect(plain(await h.driver.send(OFFICER, "2024"))).toBe(
      "Ketuk salah satu tombol pada pesan sebelumnya: nama instansi yang sudah terdaftar untuk meminta bergabung, atau Tetap daftarkan bila instansi Anda belum ada di daftar itu. Ketik /batal untuk berhenti.",
    );
    // Another Dinas of the same region: registered as usual, and listed from then on.
    expect(plain(await h.driver.press(OFFICER, "➕ Tetap daftarkan"))).toBe("Tingkat pemerintahan: Kabupaten (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    await h.driver.send(OFFICER, "2024");
    await h.driver.send(OFFICER, "2021-2026");
    expect(plain(await h.driver.press(OFFICER, "✅ Gunakan pengaturan bawaan"))).toContain("✅ Instansi Dinas Sosial Kab. Contoh terdaftar, dan Anda menjadi admin.");
    const third = await startRegistering(h, VIEWER, "Dinas Sosial Kabupaten Contoh");
    expect(plain(third).split("\n").slice(0, 3)).toEqual(["ℹ️ Di Kabupaten Contoh sudah terdaftar 2 instansi:", "• Dinas Sosial Kabupaten Contoh", "• Dinas Sosial Kab. Contoh"]);
    // A region of another level or name lists nothing.
    await h.driver.send(OUTSIDER, "/daftar");
    await h.driver.send(OUTSIDER, "Dinas Sosial Kota Contoh");
    expect(plain(await h.driver.press(OUTSIDER, "Kota Contoh"))).toBe("Tingkat pemerintahan: Kota (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.");
    expect(h.errors).toEqual([]);
  });

  it("opens the agency for one of its members instead of asking", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, OFFICER);
    const listed = await startRegistering(h, OFFICER);
    expect(plain(listed)).toBe(
      [
        "ℹ️ Di Kabupaten Contoh sudah terdaftar 1 instansi:",
        "• Dinas Sosial Kabupaten Contoh (Anda anggotanya)",
        "",
        "Anda sudah anggotanya: ketuk Buka untuk mengisinya. Bila yang hendak Anda daftarkan instansi lain di daerah ini, ketuk Tetap daftarkan.",
      ].join("\n"),
    );
    expect(buttons(listed)[0]).toBe("➡️ Buka Dinas Sosial Kabupaten Contoh");
    expect(plain(await h.driver.press(OFFICER, "➡️ Buka"))).toBe("Instansi aktif sekarang: Dinas Sosial Kabupaten Contoh (tahun pelaporan 2024, peran Anda: editor).");
  });

  it("sends the request to the admins, who let the officer in as editor; the request waits in the agency's file until then", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await startRegistering(h, { ...OFFICER, username: "budi_dinsos" });
    const before = h.telegram.sent.length;
    const asked = await h.driver.press(OFFICER, "🙋 Minta bergabung");
    expect(plain(asked)).toBe(
      "✅ Permintaan Anda untuk bergabung dengan Dinas Sosial Kabupaten Contoh sudah dikirim kepada admin-nya. Anda akan diberi tahu di sini begitu admin menjawabnya. Sementara itu, bila admin memberi Anda kode undangan, ketik /gabung.",
    );
    const notice = sentTo(h, ADMIN, before);
    expect(plain(notice)).toBe(
      [
        "🙋 Budi (@budi_dinsos) ingin bergabung dengan Dinas Sosial Kabupaten Contoh: ia hendak mendaftarkan instansi ini, dan mendapati Anda sudah mendaftarkannya.",
        "Bila Anda mengenalnya sebagai petugas instansi ini, terima sebagai editor (dapat mengisi data) atau pembaca (hanya melihat). Bila tidak, tolak.",
      ].join("\n"),
    );
    expect(buttons(notice)).toEqual(["✅ Terima sebagai editor", "👁 Terima sebagai pembaca", "✖️ Tolak"]);
    const file = JSON.parse(await readFile(join(h.dir, "instansi", `${id}.json`), "utf8"));
    expect(file.joinRequests).toBeUndefined(); // written to the journal first
    const stored = (await h.restart().repo.agencies.read(id))!;
    expect(stored.joinRequests).toEqual([{ userId: OFFICER.id, name: "Budi", username: "budi_dinsos", at: "2025-01-15T03:00:00.000Z" }]);
    expect(stored.members.map((m) => m.userId)).toEqual([ADMIN.id]);
    // The registration ended; asking again within a day sends nothing to the admins.
    await startRegistering(h, OFFICER);
    const again = h.telegram.sent.length;
    expect(plain(await h.driver.press(OFFICER, "🙋 Minta bergabung"))).toBe(
      "Anda sudah meminta bergabung dengan Dinas Sosial Kabupaten Contoh pada 15 Jan 2025, 10.00 WIB, dan admin-nya belum menjawab. Permintaan dapat dikirim lagi 24 jam setelah yang terakhir; sementara itu, hubungi admin-nya langsung untuk meminta kode undangan (/gabung).",
    );
    expect(sentTo(h, ADMIN, again)).toEqual([]);

    const answered = h.telegram.sent.length;
    expect(plain(await h.driver.press(ADMIN, "✅ Terima sebagai editor"))).toBe("✅ Budi sekarang anggota Dinas Sosial Kabupaten Contoh sebagai editor.");
    expect(plain(sentTo(h, OFFICER, answered))).toBe(
      "✅ Sari Wulandari menerima permintaan Anda: Anda sekarang anggota Dinas Sosial Kabupaten Contoh sebagai editor. Instansi ini sekarang instansi aktif Anda; ketik /status untuk melihat datanya.",
    );
    const after = (await h.restart().repo.agencies.read(id))!;
    expect(after.joinRequests).toEqual([]);
    expect(after.members[1]).toEqual({ userId: OFFICER.id, name: "Budi", role: "editor", addedAt: "2025-01-15T03:00:00.000Z", addedBy: ADMIN.id });
    expect((await h.repo.users.read(String(OFFICER.id)))!).toMatchObject({ agencies: [id], activeAgencyId: id });
    // The officer works on it at once (their next message counts).
    expect(plain(await h.driver.send(OFFICER, "/start"))).toContain("Instansi aktif: Dinas Sosial Kabupaten Contoh (tahun pelaporan 2024), peran Anda: editor.");
    // The notice's buttons again: answered already.
    expect(plain(await h.driver.press(ADMIN, "👁 Terima sebagai pembaca"))).toBe("Budi sudah menjadi anggota Dinas Sosial Kabupaten Contoh sebagai editor; permintaannya sudah dijawab.");
    expect((await h.repo.agencies.read(id))!.members[1]!.role).toBe("editor");
    expect(h.errors).toEqual([]);
  });

  it("tells the officer when turned down, and the other admins what was answered; /anggota lists the requests waiting", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, VIEWER, "Editor (sekali pakai)");
    await h.driver.send(ADMIN, "/anggota");
    await h.driver.press(ADMIN, "2. Rina");
    await h.driver.press(ADMIN, "Jadikan admin");
    await startRegistering(h, OFFICER);
    await h.driver.press(OFFICER, "🙋 Minta bergabung");
    await startRegistering(h, OUTSIDER);
    await h.driver.press(OUTSIDER, "🙋 Minta bergabung");
    // Both admins were asked, each time.
    expect(h.telegram.sent.filter((m) => m.chatId === VIEWER.id && m.text.startsWith("🙋")).map((m) => plain([m]).split(" ")[1])).toEqual(["Budi", "Joko"]);

    // /status reminds each admin, and only them.
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain("\n🙋 2 permintaan bergabung menunggu jawaban Anda: /anggota.\n");
    expect(plain(await h.driver.send(VIEWER, "/status"))).toContain("🙋 2 permintaan");
    const members = await h.driver.send(ADMIN, "/anggota");
    expect(plain(members).split("\n").slice(-3)).toEqual(["Permintaan bergabung yang menunggu jawaban:", "P1. Joko, 15 Jan 2025, 10.00 WIB", "P2. Budi, 15 Jan 2025, 10.00 WIB"]);
    expect(buttons(members).slice(-7)).toEqual([
      "P1. ✅ Terima sebagai editor",
      "P1. 👁 Terima sebagai pembaca",
      "P1. ✖️ Tolak",
      "P2. ✅ Terima sebagai editor",
      "P2. 👁 Terima sebagai pembaca",
      "P2. ✖️ Tolak",
      "🚪 Keluar dari instansi ini",
    ]);
    await h.driver.send(ADMIN, "/anggota");
    const before = h.telegram.sent.length;
    expect(plain(await h.driver.press(ADMIN, "P1. ✖️ Tolak"))).toBe("Permintaan Joko ditolak; ia sudah diberi tahu.");
    expect(plain(sentTo(h, OUTSIDER, before))).toBe(
      "Permintaan Anda untuk bergabung dengan Dinas Sosial Kabupaten Contoh tidak diterima admin-nya. Bila Anda memang petugas instansi itu, hubungi admin-nya langsung dan minta kode undangan (/gabung).",
    );
    expect(plain(sentTo(h, VIEWER, before))).toBe("ℹ️ Sari Wulandari menolak permintaan Joko untuk bergabung dengan Dinas Sosial Kabupaten Contoh.");
    // The other admin answers Budi's with the buttons of the notice they received (the first of the two).
    const notices = h.telegram.sent.filter((m) => m.chatId === VIEWER.id && m.text.startsWith("🙋"));
    expect(notices[0]!.keyboard.flat().map((b) => b.callback_data)).toEqual([`jr:${id}:${OFFICER.id}:e`, `jr:${id}:${OFFICER.id}:v`, `jr:${id}:${OFFICER.id}:x`]);
    const second = h.telegram.sent.length;
    expect(plain(await h.driver.pressData(VIEWER, `jr:${id}:${OFFICER.id}:v`))).toBe("✅ Budi sekarang anggota Dinas Sosial Kabupaten Contoh sebagai pembaca.");
    expect(plain(sentTo(h, ADMIN, second))).toBe("ℹ️ Rina menerima Budi di Dinas Sosial Kabupaten Contoh sebagai pembaca.");
    // Joko's notice in Rina's chat: answered already, and Joko is no member.
    expect(plain(await h.driver.press(VIEWER, "✖️ Tolak"))).toBe("Permintaan Joko sudah dijawab oleh admin lain, atau tidak ada lagi.");
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.joinRequests).toEqual([]);
    expect(doc.members.map((m) => [m.name, m.role])).toEqual([
      ["Sari Wulandari", "admin"],
      ["Rina", "admin"],
      ["Budi", "viewer"],
    ]);
    expect((await h.driver.send(ADMIN, "/anggota")).some((m) => m.text.includes("Permintaan bergabung"))).toBe(false);
    expect(plain(await h.driver.send(ADMIN, "/status"))).not.toContain("permintaan bergabung");
    expect(h.errors).toEqual([]);
  });

  it("lets no one but the agency's admins answer, nor ask to join an agency outside the region typed", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, VIEWER, "Editor (sekali pakai)");
    await startRegistering(h, OFFICER);
    await h.driver.press(OFFICER, "🙋 Minta bergabung");
    // An editor is not reminded in /status; an admin is.
    expect(plain(await h.driver.send(VIEWER, "/status"))).not.toContain("permintaan bergabung");
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain("🙋 1 permintaan bergabung menunggu jawaban Anda: /anggota.");
    // An editor of the agency, and the officer who asked, press a forged answer.
    expect(plain(await h.driver.pressData(VIEWER, `jr:${id}:${OFFICER.id}:e`))).toBe("Hanya admin instansi yang dapat melakukan ini.");
    expect(plain(await h.driver.pressData(OFFICER, `jr:${id}:${OFFICER.id}:e`))).toBe("Anda bukan anggota instansi ini. Minta kode undangan kepada admin instansi, lalu ketik /gabung.");
    expect((await h.repo.agencies.read(id))!.members.map((m) => m.userId)).toEqual([ADMIN.id, VIEWER.id]);
    // An agency of another region, named in a forged button while the agencies of Kota Contoh are listed.
    await registerWithCommand(h, OUTSIDER, "Dinas Sosial Kota Contoh", "Kota Contoh");
    await h.driver.send(OTHER, "/daftar");
    await h.driver.send(OTHER, "Dinas Sosial Kota Contoh");
    expect(buttons(await h.driver.press(OTHER, "Kota Contoh"))[0]).toBe("🙋 Minta bergabung: Dinas Sosial Kota Contoh");
    const before = h.telegram.sent.length;
    expect(plain(await h.driver.pressData(OTHER, `reg:same:ask:${id}`))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect(h.telegram.sent.slice(before).filter((m) => m.chatId !== OTHER.id)).toEqual([]);
    expect((await h.repo.agencies.read(id))!.joinRequests!.map((r) => r.userId)).toEqual([OFFICER.id]);
    expect(h.errors).toEqual([]);
  });
});
