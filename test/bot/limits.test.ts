/**
 * The stored documents hold at most MAX_MEMBERS members per agency,
 * MAX_INVITATION_USES officers per multi-use code and MAX_USER_AGENCIES
 * agencies per officer. Reaching a limit is said plainly (it is nobody's
 * typing mistake, so it is not counted as a wrong code), and nothing is
 * half-done: no member added without the agency in the officer's list, no
 * agency created that its admin's list cannot hold.
 */
import { describe, expect, it } from "vitest";
import { registerAgency as createAgency } from "../../src/app/agencies.js";
import { MAX_INVITATION_USES, MAX_MEMBERS, MAX_USER_AGENCIES } from "../../src/storage/documents.js";
import { ADMIN, OFFICER, harness, inviteCode, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const FULL =
  "Instansi ini sudah memiliki 500 anggota, batas untuk satu instansi, jadi Anda belum dapat bergabung. Minta admin mengeluarkan anggota yang tidak aktif lagi (/anggota), lalu kirim kode ini sekali lagi.";
const CODE_USED_UP = "Kode undangan ini sudah dipakai 1.000 orang, batas untuk satu kode. Minta kode baru kepada admin instansi.";
const TOO_MANY_AGENCIES =
  "Akun Anda sudah terhubung dengan 100 instansi, batas untuk satu akun. Keluarlah dari instansi yang tidak lagi Anda tangani (pilih instansinya dengan /instansi, lalu /anggota › 🚪 Keluar dari instansi ini), lalu coba lagi.";

/** `count` more members (officers 10,000 on) in agency `id`, as if they had joined. */
async function addMembers(h: Harness, id: string, count: number): Promise<void> {
  await h.repo.agencies.update(id, async (doc) => {
    const added = Array.from({ length: count }, (_, i) => ({ userId: 10_000 + i, name: `Petugas ${i}`, role: "editor" as const, addedAt: doc!.createdAt, addedBy: ADMIN.id }));
    return { next: { ...doc!, members: [...doc!.members, ...added] }, result: undefined };
  });
}

async function join(h: Harness, code: string): Promise<string> {
  await h.driver.send(OFFICER, "/gabung");
  return plain(await h.driver.send(OFFICER, code));
}

describe("limits of the stored documents", () => {
  it("the 501st member is told the agency is full; after a member leaves, the same code lets them in", async () => {
    expect(MAX_MEMBERS).toBe(500);
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const code = await inviteCode(h, ADMIN, "Editor (banyak orang)");
    await addMembers(h, id, MAX_MEMBERS - 1);
    await h.driver.send(OFFICER, "/start");

    // Six times: more than the five wrong codes the rate limit allows, so none of these counted as one.
    for (let i = 0; i < 6; i++) expect(await join(h, code)).toBe(FULL);
    expect((await h.repo.agencies.read(id))!.members.length).toBe(MAX_MEMBERS);
    const officer = (await h.repo.users.read(String(OFFICER.id)))!;
    expect([officer.agencies, officer.joinFailures]).toEqual([[], []]);

    await h.repo.agencies.update(id, async (doc) => ({ next: { ...doc!, members: doc!.members.filter((m) => m.userId !== 10_000) }, result: undefined }));
    expect(await join(h, code)).toContain("✅ Anda bergabung dengan");
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.members.length).toBe(MAX_MEMBERS);
    expect(doc.members.at(-1)).toMatchObject({ userId: OFFICER.id, role: "editor" });
    expect((await h.repo.users.read(String(OFFICER.id)))!.agencies).toEqual([id]);
    expect(h.errors).toEqual([]);
  });

  it("a multi-use code used by 1,000 officers admits nobody new; one of them joining again is still let in", async () => {
    expect(MAX_INVITATION_USES).toBe(1000);
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const code = await inviteCode(h, ADMIN, "Editor (banyak orang)");
    const usedBy = [OFFICER.id, ...Array.from({ length: MAX_INVITATION_USES - 1 }, (_, i) => 20_000 + i)];
    await h.repo.agencies.update(id, async (doc) => ({
      next: { ...doc!, invitations: doc!.invitations.map((inv) => ({ ...inv, usedBy })) },
      result: undefined,
    }));
    await h.driver.send(OFFICER, "/start");
    // The officer used the code once (and was removed since): joining again adds no use.
    expect(await join(h, code)).toContain("✅ Anda bergabung dengan");
    expect((await h.repo.agencies.read(id))!.invitations[0]!.usedBy).toEqual(usedBy);

    const other = { id: 777, first_name: "Dewi" };
    await h.driver.send(other, "/start");
    await h.driver.send(other, "/gabung");
    expect(plain(await h.driver.send(other, code))).toBe(CODE_USED_UP);
    // The admin's list of invitations counts the uses the same way.
    expect(plain(await h.driver.send(ADMIN, "/undangan"))).toContain("sudah dipakai 1.000 kali");
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.members.map((m) => m.userId)).toEqual([ADMIN.id, OFFICER.id]);
    expect((await h.repo.users.read("777"))!.agencies).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("an officer in 100 agencies can neither register nor join another, and no agency is left behind", async () => {
    expect(MAX_USER_AGENCIES).toBe(100);
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const code = await inviteCode(h, ADMIN, "Editor (banyak orang)");
    await h.driver.send(OFFICER, "/start");
    const actor = { userId: OFFICER.id, name: OFFICER.first_name };
    const input = { name: "Dinas Sosial Kabupaten Contoh", region: "Kabupaten Contoh", level: "kabupaten" as const, reportingYear: 2024, startYear: 2021, endYear: 2026 };
    for (let i = 0; i < MAX_USER_AGENCIES; i++) await createAgency(h.services, actor, input);
    const agencies = await h.repo.agencies.list();
    expect(agencies.length).toBe(MAX_USER_AGENCIES + 1);

    // Said at once, before the registration's questions, by command and by button.
    expect(plain(await h.driver.send(OFFICER, "/daftar"))).toBe(TOO_MANY_AGENCIES);
    await h.driver.send(OFFICER, "/instansi");
    expect(plain(await h.driver.press(OFFICER, "➕ Daftarkan instansi lain"))).toBe(TOO_MANY_AGENCIES);
    // And by the registration itself, had the questions been started before.
    await expect(createAgency(h.services, actor, input)).rejects.toThrow(TOO_MANY_AGENCIES);
    expect(await h.repo.agencies.list()).toEqual(agencies);

    expect(await join(h, code)).toBe(TOO_MANY_AGENCIES);
    expect((await h.repo.agencies.read(id))!.members.map((m) => m.userId)).toEqual([ADMIN.id]);
    const officer = (await h.repo.users.read(String(OFFICER.id)))!;
    expect([officer.agencies.length, officer.agencies.includes(id), officer.joinFailures]).toEqual([MAX_USER_AGENCIES, false, []]);

    // As told: leaving one (the active one, of which the officer is the only member: it is closed) makes room.
    await h.driver.send(OFFICER, "/anggota");
    await h.driver.press(OFFICER, "🚪 Keluar dari instansi ini");
    expect(plain(await h.driver.press(OFFICER, "Ya, keluar dan tutup instansi"))).toMatch(/^✅ Anda sudah keluar dari Dinas Sosial Kabupaten Contoh, dan instansi itu sekarang ditutup \(bila keliru, bukalah kembali lewat \/instansi\)\. Instansi aktif Anda sekarang: Dinas Sosial Kabupaten Contoh /);
    expect(await join(h, code)).toBe(
      "✅ Anda bergabung dengan Dinas Sosial Kabupaten Contoh sebagai editor. Instansi ini sekarang menjadi instansi aktif Anda. Ketik /status untuk melihat datanya.",
    );
    expect((await h.repo.users.read(String(OFFICER.id)))!.agencies.length).toBe(MAX_USER_AGENCIES);
    expect(h.errors).toEqual([]);
  });
});
