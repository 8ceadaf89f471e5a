/**
 * Leaving an agency (every member, from /anggota), and closing it when the one leaving is its only member: a
 * Dinas registered twice, or a trial registration, is put away and no longer offered to officers registering.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, botOn, harness, inviteCode, joinByInvitation, OFFICER, OUTSIDER, plain, registerAgency, registerWithCommand, VIEWER, type BotOn } from "../support/bot-harness.js";
import type { FakeUser, SentMessage } from "../../src/local/fake-telegram.js";
import { INVITATION_INDEX_ID, type Repository } from "../../src/storage/repository.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { regionId } from "../../src/app/directory.js";
import { createTestDatabase } from "../support/postgres.js";

type Bot = BotOn<Repository>;

/** A bot on a storage, and the same storage opened again (a restart, or another process). */
interface Opened {
  h: Bot;
  reopen(): Promise<Bot>;
  done(): Promise<void>;
}

const BACKENDS: [string, () => Promise<Opened>][] = [
  [
    "lowdb",
    async () => {
      const h = await harness();
      return { h, reopen: async () => h.restart(), done: async () => {} };
    },
  ],
  [
    "PostgreSQL",
    async () => {
      const database = await createTestDatabase();
      const opened: PgRepository[] = [];
      const open = async (clock: { now: Date }) => {
        const repo = await PgRepository.open({ url: database.url, now: () => clock.now });
        opened.push(repo);
        return repo;
      };
      const clock = { now: new Date("2025-01-15T03:00:00Z") };
      const h = botOn(await open(clock), undefined, clock);
      return {
        h,
        reopen: async () => botOn(await open(h.clock), h.telegram, h.clock),
        done: async () => {
          for (const repo of opened) await repo.close();
          await database.drop();
        },
      };
    },
  ],
];

const INSTANSI = "Dinas Sosial Kabupaten Contoh";
const buttons = (replies: SentMessage[]) => replies.flatMap((m) => m.keyboard.flat().map((b) => b.text));
const sentTo = (h: Bot, user: FakeUser, from: number) => plain(h.telegram.sent.slice(from).filter((m) => m.chatId === user.id));

/** The invitation codes of `agencyId` in the index that joining looks codes up in. */
const codesOf = async (h: Bot, agencyId: string) => Object.values((await h.repo.invitations.read(INVITATION_INDEX_ID))?.codes ?? {}).filter((c) => c.agencyId === agencyId);

/** The admin (Sari) makes member `button` ("2. Budi") an admin too, from /anggota. */
async function makeAdmin(h: Bot, button: string): Promise<void> {
  await h.driver.send(ADMIN, "/anggota");
  await h.driver.press(ADMIN, button);
  await h.driver.press(ADMIN, "Jadikan admin");
}

async function pressLeave(h: Bot, user: FakeUser): Promise<SentMessage[]> {
  await h.driver.send(user, "/anggota");
  return h.driver.press(user, "🚪 Keluar dari instansi ini");
}

const LAST_ADMIN = `Anda satu-satunya admin ${INSTANSI}, dan instansi ini tidak boleh tanpa admin. Jadikan anggota lain admin terlebih dahulu (/anggota › pilih namanya › Jadikan admin), lalu keluar. Bila instansi ini hendak ditutup (misalnya karena terdaftar dua kali), keluarkan dulu anggota lainnya: anggota terakhir yang keluar menutupnya.`;

const CLOSE_QUESTION = (requests: string) =>
  [
    `Anda satu-satunya anggota ${INSTANSI}. Bila Anda keluar, instansi ini ditutup:`,
    "• tidak ada yang dapat membukanya lagi selain Anda (/instansi › ♻️ Buka kembali), sebagai satu-satunya admin;",
    `• kode undangannya tidak berlaku lagi${requests};`,
    "• instansi ini tidak lagi tercantum bagi petugas yang mendaftarkan instansi di Kabupaten Contoh.",
    "",
    "Tutuplah instansi yang terdaftar dua kali atau yang didaftarkan untuk mencoba. Datanya (1 indikator) tetap tersimpan.",
  ].join("\n");

describe("leaving an agency", () => {
  it("an editor leaves; the admins are told, the data stays, and the agency is no longer theirs", async () => {
    const h = await harness();
    const agencyId = await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, OFFICER);
    await h.driver.send(OFFICER, "/tempel");
    await h.driver.send(OFFICER, "Meningkatnya kesejahteraan sosial | Persentase PSKS aktif | % | 80");
    await h.driver.press(OFFICER, "✅ Simpan");

    // Every member has the button, not only the admins.
    const list = await h.driver.send(OFFICER, "/anggota");
    expect(plain(list)).toBe(`Anggota ${INSTANSI}:\n1. Sari Wulandari — admin\n2. Budi — editor (Anda)`);
    expect(buttons(list)).toEqual(["🚪 Keluar dari instansi ini"]);
    const asked = await h.driver.press(OFFICER, "🚪 Keluar dari instansi ini");
    expect(plain(asked)).toBe(
      `Keluar dari ${INSTANSI}? Data yang pernah Anda isi tetap tersimpan di instansi itu. Untuk kembali, Anda memerlukan kode undangan dari admin-nya (/gabung).`,
    );
    expect(buttons(asked)).toEqual(["Ya, keluar"]);
    const from = h.telegram.sent.length;
    expect(plain(await h.driver.press(OFFICER, "Ya, keluar"))).toBe(
      `✅ Anda sudah keluar dari ${INSTANSI}. Anda tidak lagi terhubung dengan instansi mana pun: ketik /start untuk mendaftarkan instansi atau bergabung dengan kode undangan.`,
    );
    expect(sentTo(h, ADMIN, from)).toBe(`ℹ️ Budi keluar dari ${INSTANSI}.`);

    const doc = await h.repo.agencies.read(agencyId);
    expect(doc!.members.map((m) => m.userId)).toEqual([ADMIN.id]);
    expect(doc!.closed).toBeUndefined();
    expect(doc!.data.objectives[0]!.indicators[0]!.name).toBe("Persentase PSKS aktif");
    expect((await h.repo.users.read(String(OFFICER.id)))!.agencies).toEqual([]);
    expect(plain(await h.driver.send(OFFICER, "/status"))).toContain("Anda belum terhubung dengan instansi mana pun");
    // The confirmation pressed again does nothing more.
    expect(plain(await h.driver.pressData(OFFICER, "leave:ok:leave"))).toBe("Anda belum terhubung dengan instansi mana pun. Ketik /start untuk mendaftarkan instansi atau bergabung dengan kode undangan.");
    expect(plain(await h.driver.send(ADMIN, "/anggota"))).toContain("1. Sari Wulandari — admin (Anda)\n\nPilih anggota");
    expect(h.errors).toEqual([]);
  });

  it("the last admin makes another admin first, and then leaves for the next agency of theirs", async () => {
    const h = await harness();
    const agencyId = await registerAgency(h, ADMIN);
    const other = await registerAgency(h, ADMIN, "Dinas Sosial Kota Lain");
    await h.driver.send(ADMIN, "/instansi");
    await h.driver.press(ADMIN, INSTANSI);
    await joinByInvitation(h, ADMIN, OFFICER);
    expect(plain(await pressLeave(h, ADMIN))).toBe(
      LAST_ADMIN,
    );
    // A forged confirmation is refused the same way.
    expect(plain(await h.driver.pressData(ADMIN, "leave:ok:leave"))).toBe(
      LAST_ADMIN,
    );
    await makeAdmin(h, "2. Budi");
    // The officer is shown "leave" for this agency, then registers another (now active): that button is refused,
    // and leaves neither.
    await pressLeave(h, OFFICER);
    const third = await registerWithCommand(h, OFFICER, "Dinas Sosial Kota Ketiga", "Kota Ketiga");
    expect(third).not.toBe(agencyId);
    expect(plain(await h.driver.press(OFFICER, "Ya, keluar"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect((await h.repo.agencies.read(third))!.members.map((m) => m.userId)).toEqual([OFFICER.id]);
    expect((await h.repo.agencies.read(agencyId))!.members.map((m) => m.userId)).toEqual([ADMIN.id, OFFICER.id]);
    await pressLeave(h, ADMIN);
    const from = h.telegram.sent.length;
    expect(plain(await h.driver.press(ADMIN, "Ya, keluar"))).toBe(
      `✅ Anda sudah keluar dari ${INSTANSI}. Instansi aktif Anda sekarang: Dinas Sosial Kota Lain (/instansi untuk memilih yang lain).`,
    );
    expect(sentTo(h, OFFICER, from)).toBe(`ℹ️ Sari Wulandari keluar dari ${INSTANSI}.`);

    expect((await h.repo.users.read(String(ADMIN.id)))!.activeAgencyId).toBe(other);
    expect(plain(await h.driver.send(ADMIN, "/status"))).toContain("Status Dinas Sosial Kota Lain — tahun 2024");
    expect(h.errors).toEqual([]);
  });

  it("a confirmation no longer right when pressed does nothing: the members changed since", async () => {
    const h = await harness();
    const agencyId = await registerAgency(h, ADMIN);
    // Shown "close" alone; an officer joins before the press: the only admin of two cannot leave.
    expect(plain(await pressLeave(h, ADMIN))).toBe(CLOSE_QUESTION("").replace("(1 indikator)", "(0 indikator)"));
    await joinByInvitation(h, ADMIN, OFFICER);
    expect(plain(await h.driver.press(ADMIN, "Ya, keluar dan tutup instansi"))).toBe(
      LAST_ADMIN,
    );
    // Both admins are shown "leave"; one leaves first: the other, now alone, would close it, and is asked again.
    await makeAdmin(h, "2. Budi");
    await pressLeave(h, ADMIN);
    await pressLeave(h, OFFICER);
    await h.driver.press(OFFICER, "Ya, keluar");
    expect(plain(await h.driver.press(ADMIN, "Ya, keluar"))).toBe(
      "Anggota instansi berubah sejak tombol itu dikirim, jadi Anda belum keluar. Ketik /anggota lalu tekan tombol keluarnya lagi.",
    );
    const doc = await h.repo.agencies.read(agencyId);
    expect(doc!.members.map((m) => m.userId)).toEqual([ADMIN.id]);
    expect(doc!.closed).toBeUndefined();
    expect(plain(await pressLeave(h, ADMIN))).toContain("Bila Anda keluar, instansi ini ditutup:");
    expect(h.errors).toEqual([]);
  });
});

describe.each(BACKENDS)("closing an agency on %s", (_name, open) => {
    it("the only member closes the agency: its codes stop working, those who asked to join are told, and its region no longer lists it", async () => {
      const { h, reopen, done } = await open();
      const agencyId = await registerAgency(h, ADMIN);
      await h.driver.send(ADMIN, "/tempel");
      await h.driver.send(ADMIN, "Meningkatnya kesejahteraan sosial | Persentase PSKS aktif | % | 80");
      await h.driver.press(ADMIN, "✅ Simpan");
      const code = await inviteCode(h, ADMIN, "Editor (banyak orang)");
      // An officer registering the same Dinas asks to join it.
      await h.driver.send(OUTSIDER, "/daftar");
      await h.driver.send(OUTSIDER, INSTANSI);
      await h.driver.press(OUTSIDER, "Kabupaten Contoh");
      await h.driver.press(OUTSIDER, `🙋 Minta bergabung: ${INSTANSI}`);

      expect(await codesOf(h, agencyId)).toHaveLength(1);
      const asked = await pressLeave(h, ADMIN);
      expect(plain(asked)).toBe(CLOSE_QUESTION(", dan 1 orang yang meminta bergabung diberi tahu bahwa instansi ini ditutup"));
      expect(buttons(asked)).toEqual(["Ya, keluar dan tutup instansi"]);
      const from = h.telegram.sent.length;
      expect(plain(await h.driver.press(ADMIN, "Ya, keluar dan tutup instansi"))).toBe(
        `✅ Anda sudah keluar dari ${INSTANSI}, dan instansi itu sekarang ditutup (bila keliru, bukalah kembali lewat /instansi). Anda tidak lagi terhubung dengan instansi mana pun: ketik /start untuk mendaftarkan instansi atau bergabung dengan kode undangan.`,
      );
      expect(sentTo(h, OUTSIDER, from)).toBe(
        `Permintaan Anda untuk bergabung dengan ${INSTANSI} tidak dapat dijawab lagi: instansi itu ditutup oleh anggota terakhirnya. Bila instansi Anda belum terdaftar, daftarkan dengan /daftar; bila sudah terdaftar dengan nama lain, minta kode undangan kepada admin-nya (/gabung).`,
      );

      // Stored, and kept across a restart: closed, no members, every invitation revoked, none in the index, the region empty.
      const restarted = await reopen();
      const doc = await restarted.repo.agencies.read(agencyId);
      expect(doc!.closed).toEqual({ at: "2025-01-15T03:00:00.000Z", userId: ADMIN.id, name: "Sari Wulandari" });
      expect(doc!.members).toEqual([]);
      expect(doc!.joinRequests).toBeUndefined();
      expect(doc!.invitations.every((i) => i.revokedAt === "2025-01-15T03:00:00.000Z")).toBe(true);
      expect(await codesOf(restarted, agencyId)).toEqual([]);
      expect((await restarted.repo.regions.read(regionId("kabupaten", "Kabupaten Contoh")))?.agencies ?? []).toEqual([]);
      expect(doc!.data.objectives[0]!.indicators[0]!.name).toBe("Persentase PSKS aktif");

      // Nobody gets in again: not with the code, not by asking, not with a forged button.
      await restarted.driver.send(VIEWER, "/gabung");
      expect(plain(await restarted.driver.send(VIEWER, code))).toBe("Kode undangan tidak dikenal. Periksa kembali kodenya atau minta kode baru kepada admin. Sisa percobaan: 4.");
      expect(plain(await restarted.driver.pressData(ADMIN, `agency:${agencyId}`))).toBe("Anda bukan anggota instansi ini. Minta kode undangan kepada admin instansi, lalu ketik /gabung.");
      expect(plain(await restarted.driver.pressData(ADMIN, `jr:${agencyId}:${OUTSIDER.id}:e`))).toBe("Anda bukan anggota instansi ini. Minta kode undangan kepada admin instansi, lalu ketik /gabung.");
      // Registering in the region again lists nothing: the next question comes at once.
      await restarted.driver.send(OFFICER, "/daftar");
      await restarted.driver.send(OFFICER, INSTANSI);
      expect(plain(await restarted.driver.press(OFFICER, "Kabupaten Contoh"))).toBe(
        "Tingkat pemerintahan: Kabupaten (dari nama daerahnya).\nKetik tahun pelaporan (tahun kinerja yang dilaporkan), misalnya 2024.",
      );
      expect(h.errors).toEqual([]);
      expect(restarted.errors).toEqual([]);
      await done();
    });

    it("the officer who closed it opens it again from /instansi: its only admin, listed in its region, its old codes still refused", async () => {
      const { h, reopen, done } = await open();
      const agencyId = await registerAgency(h, ADMIN);
      const code = await inviteCode(h, ADMIN, "Editor (banyak orang)");
      await pressLeave(h, ADMIN);
      await h.driver.press(ADMIN, "Ya, keluar dan tutup instansi");
      // Nobody else opens it: a forged button is refused.
      const forged = "Instansi itu hanya dapat dibuka kembali oleh petugas yang menutupnya, dari tombol di /instansi.";
      expect(plain(await h.driver.pressData(OFFICER, `reopen:${agencyId}`))).toBe(forged);

      // After a restart (another process), /start and /instansi offer it to the officer who closed it.
      const restarted = await reopen();
      const closedLines = `Instansi yang Anda tutup (hanya Anda yang dapat membukanya kembali):\n• ${INSTANSI} — ditutup 15 Januari 2025`;
      const welcome = await restarted.driver.send(ADMIN, "/start");
      expect(plain(welcome)).toMatch(new RegExp(`bergabung dengan kode undangan dari rekan Anda\\.\\n\\n${closedLines.replace(/[()]/g, "\\$&")}$`));
      expect(buttons(welcome)).toEqual(["🏛 Daftarkan instansi", "🔑 Gabung dengan kode undangan", `♻️ Buka kembali: ${INSTANSI}`]);
      const listed = await restarted.driver.send(ADMIN, "/instansi");
      expect(plain(listed)).toBe(`Anda belum terhubung dengan instansi mana pun: daftarkan instansi Anda atau bergabung dengan kode undangan.\n\n${closedLines}`);
      expect(buttons(listed)).toEqual(["➕ Daftarkan instansi lain", "🔑 Gabung dengan kode", `♻️ Buka kembali: ${INSTANSI}`]);

      restarted.clock.now = new Date("2025-01-20T03:00:00Z");
      const opened = `✅ ${INSTANSI} dibuka kembali dan kini menjadi instansi aktif Anda (tahun pelaporan 2024); Anda satu-satunya admin-nya. Kode undangan lamanya tetap tidak berlaku: buat kode baru di /anggota untuk mengundang anggota.`;
      expect(plain(await restarted.driver.press(ADMIN, `♻️ Buka kembali: ${INSTANSI}`))).toBe(opened);
      const doc = await restarted.repo.agencies.read(agencyId);
      expect(doc!.closed).toBeUndefined();
      expect(doc!.members).toEqual([{ userId: ADMIN.id, name: "Sari Wulandari", role: "admin", addedAt: "2025-01-20T03:00:00.000Z", addedBy: null }]);
      const user = await restarted.repo.users.read(String(ADMIN.id));
      expect([user!.agencies, user!.activeAgencyId, user!.closedAgencies]).toEqual([[agencyId], agencyId, undefined]);
      expect((await restarted.repo.regions.read(regionId("kabupaten", "Kabupaten Contoh")))!.agencies.map((a) => a.id)).toEqual([agencyId]);
      expect(plain(await restarted.driver.send(ADMIN, "/anggota"))).toContain("1. Sari Wulandari — admin (Anda)");

      // The button pressed again says the same and changes nothing; the old code still does not work.
      const revision = doc!.revision;
      expect(plain(await restarted.driver.pressData(ADMIN, `reopen:${agencyId}`))).toBe(opened);
      expect((await restarted.repo.agencies.read(agencyId))!.revision).toBe(revision);
      await restarted.driver.send(VIEWER, "/gabung");
      expect(plain(await restarted.driver.send(VIEWER, code))).toBe("Kode undangan tidak dikenal. Periksa kembali kodenya atau minta kode baru kepada admin. Sisa percobaan: 4.");
      expect(h.errors).toEqual([]);
      expect(restarted.errors).toEqual([]);
      await done();
    });
});
