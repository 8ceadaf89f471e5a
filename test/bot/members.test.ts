import { describe, expect, it } from "vitest";
import { ADMIN, OFFICER, OUTSIDER, VIEWER, harness, inviteCode, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const invite = (h: Harness, button: string) => inviteCode(h, ADMIN, button);

describe("invitations and roles", () => {
  it("an admin invites an editor and a viewer; codes are single use, hashed, and roles are enforced", async () => {
    const h = await harness();
    const agencyId = await registerAgency(h, ADMIN);
    const editorCode = await invite(h, "Editor (sekali pakai)");
    expect(editorCode).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);

    // The code itself is never stored, only its hash.
    const doc = await h.repo.agencies.read(agencyId);
    expect(JSON.stringify(doc)).not.toContain(editorCode.replace(/-/g, ""));
    expect(doc!.invitations[0]).toMatchObject({ role: "editor", multiUse: false, usedBy: [] });

    await h.driver.send(OFFICER, "/gabung");
    expect(plain(await h.driver.send(OFFICER, "ABCD-EFGH-JKLM-NPQR"))).toBe(
      "Kode undangan tidak dikenal. Periksa kembali kodenya atau minta kode baru kepada admin. Sisa percobaan: 4.",
    );
    await h.driver.send(OFFICER, "/gabung");
    // Lower case, spaces and a Cyrillic look-alike are normalised.
    const typed = editorCode.toLowerCase().replace(/-/g, " ");
    expect(plain(await h.driver.send(OFFICER, typed))).toBe(
      "✅ Anda bergabung dengan Dinas Sosial Kabupaten Contoh sebagai editor. Instansi ini sekarang menjadi instansi aktif Anda. Ketik /status untuk melihat datanya.",
    );

    // Single use: another person cannot reuse it.
    await h.driver.send(OUTSIDER, "/gabung");
    expect(plain(await h.driver.send(OUTSIDER, editorCode))).toBe(
      "Kode undangan sekali pakai ini sudah digunakan orang lain. Minta kode baru kepada admin. Sisa percobaan: 4.",
    );

    const viewerCode = await invite(h, "Pembaca (banyak orang)");
    await h.driver.send(VIEWER, "/gabung");
    expect(plain(await h.driver.send(VIEWER, viewerCode))).toContain("sebagai pembaca");

    // A viewer reads and drafts but cannot change anything.
    expect(plain(await h.driver.send(VIEWER, "/isi"))).toBe(
      "Peran Anda hanya pembaca: Anda dapat melihat data dan menyusun draf, tetapi tidak dapat mengubah data. Minta admin mengubah peran Anda bila perlu.",
    );
    expect(plain(await h.driver.send(VIEWER, "/tempel"))).toContain("Peran Anda hanya pembaca");
    expect(plain(await h.driver.send(VIEWER, "/status"))).toContain("Status Dinas Sosial Kabupaten Contoh — tahun 2024");
    expect(plain(await h.driver.send(VIEWER, "/draf"))).toBe("Bagian mana yang ingin disusun?");
    // …not even with a forged or stale button.
    expect(plain(await h.driver.pressData(VIEWER, "atur:o:new"))).toContain("Peran Anda hanya pembaca");
    expect(plain(await h.driver.pressData(VIEWER, "inv:new:editor:n"))).toBe("Hanya admin instansi yang dapat melakukan ini.");
    expect(plain(await h.driver.send(OFFICER, "/undang"))).toBe("Hanya admin instansi yang dapat melakukan ini.");

    // The admin lists members and promotes the viewer to editor.
    const list = await h.driver.send(ADMIN, "/anggota");
    expect(plain(list)).toContain("1. Sari Wulandari — admin (Anda)\n2. Budi — editor\n3. Rina — pembaca");
    await h.driver.press(ADMIN, "3. Rina");
    expect(plain(await h.driver.press(ADMIN, "Jadikan editor"))).toBe("Peran Rina sekarang: editor.");
    // Rina is told in her own chat.
    const lastTo = (user: { id: number }) => plain([h.telegram.sent.filter((m) => m.chatId === user.id).at(-1)!]);
    expect(lastTo(VIEWER)).toBe("ℹ️ Peran Anda di Dinas Sosial Kabupaten Contoh sekarang editor (diubah oleh Sari Wulandari).");
    expect(plain(await h.driver.send(VIEWER, "/isi"))).toContain("belum memiliki indikator");

    // The last admin cannot be demoted or removed.
    await h.driver.send(ADMIN, "/anggota");
    await h.driver.press(ADMIN, "1. Sari Wulandari");
    expect(plain(await h.driver.press(ADMIN, "Jadikan editor"))).toBe("Instansi harus memiliki paling sedikit satu admin. Jadikan anggota lain admin terlebih dahulu.");
    expect(h.telegram.sent.filter((m) => m.chatId === ADMIN.id && m.text.startsWith("ℹ️ Peran Anda"))).toEqual([]);

    // Removing a member takes the agency away from them.
    await h.driver.send(ADMIN, "/anggota");
    await h.driver.press(ADMIN, "2. Budi");
    await h.driver.press(ADMIN, "Keluarkan dari instansi");
    expect(plain(await h.driver.press(ADMIN, "Ya, keluarkan"))).toBe("Budi telah dikeluarkan dari instansi.");
    expect(lastTo(OFFICER)).toBe(
      "ℹ️ Anda dikeluarkan dari Dinas Sosial Kabupaten Contoh oleh Sari Wulandari. Data yang pernah Anda isi tetap tersimpan di instansi itu. Ketik /instansi untuk melihat instansi Anda yang lain, atau /start untuk mendaftar atau bergabung lagi.",
    );
    expect(plain(await h.driver.send(OFFICER, "/status"))).toContain("Anda belum terhubung dengan instansi mana pun");
    expect(h.errors).toEqual([]);
  });

  it("revoked and expired invitations fail, and wrong guesses are rate limited", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const revoked = await invite(h, "Editor (banyak orang)");
    const expiring = await invite(h, "Pembaca (sekali pakai)");
    const list = await h.driver.send(ADMIN, "/undangan");
    // Each line is numbered as its button is.
    expect(plain(list)).toBe(
      [
        "Undangan yang masih berlaku:",
        "1. Editor (dapat dipakai beberapa orang), dibuat 15 Januari 2025, berlaku sampai 22 Januari 2025, sudah dipakai 0 kali",
        "2. Pembaca (sekali pakai), dibuat 15 Januari 2025, berlaku sampai 22 Januari 2025, sudah dipakai 0 kali",
      ].join("\n"),
    );
    expect(list.at(-1)!.keyboard.flat().map((b) => b.text)).toEqual(["Cabut undangan 1", "Cabut undangan 2"]);
    const revokeFirst = list.at(-1)!.keyboard[0]![0]!.callback_data;
    expect(plain(await h.driver.press(ADMIN, "Cabut undangan 1"))).toBe(
      "Undangan editor (dapat dipakai beberapa orang) yang dibuat 15 Januari 2025 dicabut; kodenya tidak dapat dipakai lagi.",
    );
    // The same button again says so, rather than a number the list no longer has.
    expect(plain(await h.driver.pressData(ADMIN, revokeFirst))).toBe(
      "Undangan editor (dapat dipakai beberapa orang) yang dibuat 15 Januari 2025 sudah dicabut sebelumnya; kodenya tidak dapat dipakai lagi.",
    );
    // The list numbers the invitations still valid: the pembaca's is now the first, as its button says.
    const after = await h.driver.send(ADMIN, "/undangan");
    expect(plain(after)).toBe("Undangan yang masih berlaku:\n1. Pembaca (sekali pakai), dibuat 15 Januari 2025, berlaku sampai 22 Januari 2025, sudah dipakai 0 kali");
    expect(after.at(-1)!.keyboard.flat().map((b) => b.text)).toEqual(["Cabut undangan 1"]);
    await h.driver.send(OFFICER, "/gabung");
    expect(plain(await h.driver.send(OFFICER, revoked))).toContain("Kode undangan tidak dikenal");

    h.clock.now = new Date(h.clock.now.getTime() + 8 * 86_400_000);
    await h.driver.send(VIEWER, "/gabung");
    expect(plain(await h.driver.send(VIEWER, expiring))).toBe("Kode undangan ini sudah kedaluwarsa. Minta kode baru kepada admin instansi. Sisa percobaan: 4.");

    for (let i = 0; i < 4; i++) {
      await h.driver.send(OUTSIDER, "/gabung");
      await h.driver.send(OUTSIDER, `WXYZ-WXYZ-WXYZ-WXY${i + 2}`);
    }
    await h.driver.send(OUTSIDER, "/gabung");
    expect(plain(await h.driver.send(OUTSIDER, "WXYZ-WXYZ-WXYZ-WXYZ"))).toContain("Sisa percobaan: 0.");
    await h.driver.send(OUTSIDER, "/gabung");
    expect(plain(await h.driver.send(OUTSIDER, expiring))).toBe("Terlalu banyak percobaan kode yang salah. Coba lagi dalam 15 menit.");
    h.clock.now = new Date(h.clock.now.getTime() + 16 * 60_000);
    await h.driver.send(OUTSIDER, "/gabung");
    expect(plain(await h.driver.send(OUTSIDER, "WXYZ-WXYZ-WXYZ-WXYZ"))).toContain("Sisa percobaan: 4.");
  });

  it("the invitation carries a link to join: tapped, it sends /start with the code, which joins at once; /gabung takes the code too; admins are told", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/undang");
    const made = await h.driver.press(ADMIN, "Editor (banyak orang)");
    const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(made[0]!.text)![1]!;
    expect(plain(made)).toBe(
      [
        "Kode undangan untuk editor (dapat dipakai beberapa orang):",
        "",
        code,
        "",
        "Berlaku sampai 22 Januari 2025. Kirimkan kode ini secara pribadi; penerima mengetik /gabung lalu memasukkan kodenya. Atau kirimkan tautan ini, yang cukup diketuk penerima lalu tekan Mulai:",
        `https://t.me/asisten_lkjip_bot?start=${code}`,
        "",
        "Kode hanya ditampilkan sekali dan dapat dicabut melalui /undangan.",
      ].join("\n"),
    );

    // Telegram sends "/start <code>" from the link: the officer's first message joins.
    const JOINED = "✅ Anda bergabung dengan Dinas Sosial Kabupaten Contoh sebagai editor. Instansi ini sekarang menjadi instansi aktif Anda. Ketik /status untuk melihat datanya.";
    expect(plain(await h.driver.send(OFFICER, `/start ${code}`))).toBe(JOINED);
    // The code typed after /gabung, in one message.
    expect(plain(await h.driver.send(VIEWER, `/gabung ${code.toLowerCase()}`))).toBe(JOINED);
    // Each admin is told who joined, once: a code passed on further than meant shows at once.
    const notices = h.telegram.sent.filter((m) => m.chatId === ADMIN.id && m.text.startsWith("ℹ️"));
    expect(notices.map((m) => plain([m]))).toEqual(
      ["Budi", "Rina"].map(
        (nama) =>
          `ℹ️ ${nama} bergabung dengan Dinas Sosial Kabupaten Contoh sebagai editor, memakai undangan (dapat dipakai beberapa orang) yang dibuat 15 Januari 2025. Bila Anda tidak mengenalnya, keluarkan melalui /anggota dan cabut undangannya melalui /undangan.`,
      ),
    );
    // Once a member, the link says so (and the admins are not told again).
    expect(plain(await h.driver.send(OFFICER, `/start ${code}`))).toBe(
      "Anda sudah menjadi anggota Dinas Sosial Kabupaten Contoh (editor). Instansi ini sekarang aktif.",
    );

    expect(h.telegram.sent.filter((m) => m.chatId === ADMIN.id && m.text.startsWith("ℹ️"))).toHaveLength(2);

    // An admin who blocked the bot is not told; the other admins are, and the officer joining is answered all the same.
    await h.repo.agencies.update(id, async (doc) => ({ next: { ...doc!, members: doc!.members.map((m) => (m.userId === VIEWER.id ? { ...m, role: "admin" as const } : m)) }, result: undefined }));
    h.telegram.blockedChats.add(ADMIN.id);
    const dewi = { id: 601, first_name: "Dewi" };
    expect(plain(await h.driver.send(dewi, `/start ${code}`))).toBe(JOINED);
    expect(h.telegram.sent.filter((m) => plain([m]).startsWith("ℹ️ Dewi bergabung")).map((m) => m.chatId)).toEqual([VIEWER.id]);
    expect(h.errors).toEqual([]);
    h.telegram.blockedChats.clear();

    // A link from elsewhere ("/start iklan_2025") is an ordinary /start and no wrong code; a code-shaped one that is not a code is.
    expect(plain(await h.driver.send(OUTSIDER, "/start iklan_2025"))).toContain("Untuk memulai, daftarkan instansi Anda");
    expect((await h.repo.users.read(String(OUTSIDER.id)))!.joinFailures).toEqual([]);
    expect(plain(await h.driver.send(OUTSIDER, "/start ABCD-EFGH-JKLM-NPQR"))).toBe(
      "Kode undangan tidak dikenal. Periksa kembali kodenya atau minta kode baru kepada admin. Sisa percobaan: 4.",
    );
    expect(h.errors).toEqual([]);
  });

  it("a user in two agencies switches the active one", async () => {
    const h = await harness();
    const first = await registerAgency(h, ADMIN, "Dinas Sosial Kota Satu");
    const second = await registerAgency(h, ADMIN, "Dinas Sosial Kota Dua");
    expect(first).not.toBe(second);
    const list = await h.driver.send(ADMIN, "/instansi");
    expect(plain(list)).toContain("Dinas Sosial Kota Satu — admin, tahun 2024\n✅ Dinas Sosial Kota Dua — admin, tahun 2024");
    expect(plain(await h.driver.press(ADMIN, "Dinas Sosial Kota Satu"))).toBe("Instansi aktif sekarang: Dinas Sosial Kota Satu (tahun pelaporan 2024, peran Anda: admin).");
    expect((await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId).toBe(first);
    // A forged button for an agency one is not a member of is refused.
    expect(plain(await h.driver.pressData(OUTSIDER, `agency:${first}`))).toContain("Anda bukan anggota instansi ini");
  });
});
