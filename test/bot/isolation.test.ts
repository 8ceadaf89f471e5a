/**
 * Isolation: a user of agency A cannot read, draft, change or export agency B
 * by any command, button or forged callback; viewers cannot change anything;
 * removed members cannot continue a flow.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, OFFICER, OUTSIDER, VIEWER, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import type { FakeUser } from "../../src/local/fake-telegram.js";
import { storedText } from "../support/on-disk.js";

const COMMANDS = ["/start", "/isi", "/indikator", "/status", "/draf", "/atur", "/tempel", "/anggaran", "/profil", "/instansi", "/anggota", "/undang", "/undangan", "/riwayat", "/ekspor json", "/pulihkan", "/gabung", "/batal"];

async function setUp(h: Harness, admin: FakeUser, name: string): Promise<string> {
  const id = await registerAgency(h, admin, name);
  await h.driver.send(admin, "/tempel");
  await h.driver.send(admin, `Sasaran ${name} | Indikator rahasia ${name} | % | 100`);
  await h.driver.press(admin, "✅ Simpan");
  await h.driver.send(admin, "/anggaran");
  await h.driver.press(admin, "➕ Program baru");
  await h.driver.send(admin, `Program ${name}`);
  await h.driver.send(admin, "1 M");
  await h.driver.send(admin, "lewati");
  await h.driver.send(admin, "/undang");
  await h.driver.press(admin, "Editor (banyak orang)");
  return id;
}

/** Every kind of callback the bot understands, aimed at ids that exist in both agencies and at agency B directly. */
function forgedCallbacks(otherAgency: string, otherInvitation: string, otherMember: number): string[] {
  return [
    `agency:${otherAgency}`,
    "ind:I1",
    "e:actual:I1:2024",
    "e:target:I1:2024",
    "e:factors:I1:supporting",
    "e:line:P1:spent",
    "draf:semua",
    "draf:1",
    "atur:o:S1",
    "atur:o:delok:S1",
    "atur:i:delok:I1",
    "atur:i:up:I1",
    "line:P1",
    "line:delok:P1",
    "lk:I1",
    "paste:save",
    "new:kind:grade",
    "prof:dec:0",
    "prof:scale:baik100",
    `inv:rev:${otherInvitation}`,
    "inv:new:editor:n",
    `mem:${otherMember}`,
    `role:${otherMember}:viewer`,
    `rm:${otherMember}`,
    `rmok:${otherMember}`,
    "rw:*",
    "undo:1",
    "rst:2025-01-15",
    "rstok:2025-01-15",
    "exp:json",
    "isi:skip",
    "go:isi",
    "reg:profile:default",
    "start:join",
    "tidak-ada-yang-seperti-ini",
  ];
}

describe("isolation between agencies", () => {
  it("nobody reaches another agency's data by command, button or forged callback", async () => {
    const h = await harness();
    await setUp(h, ADMIN, "Alfa");
    const b = await setUp(h, OUTSIDER, "Beta");
    const bBefore = await storedText(h.dir, "instansi", b);
    const bDoc = (await h.repo.agencies.read(b))!;

    const seen: string[] = [];
    for (const c of COMMANDS) seen.push(plain(await h.driver.send(ADMIN, c)));
    for (const data of forgedCallbacks(b, bDoc.invitations[0]!.id, OUTSIDER.id)) seen.push(plain(await h.driver.pressData(ADMIN, data)));
    // Someone with no agency at all.
    for (const c of COMMANDS) seen.push(plain(await h.driver.send(OFFICER, c)));
    for (const data of forgedCallbacks(b, bDoc.invitations[0]!.id, OUTSIDER.id)) seen.push(plain(await h.driver.pressData(OFFICER, data)));

    const all = seen.join("\n");
    expect(all).not.toContain("Beta");
    expect(await storedText(h.dir, "instansi", b)).toBe(bBefore);
    expect((await h.repo.users.read(String(ADMIN.id)))!.agencies).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it("viewers change nothing, whatever they press or type", async () => {
    const h = await harness();
    const a = await setUp(h, ADMIN, "Alfa");
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (sekali pakai)");
    const before = await storedText(h.dir, "instansi", a);
    for (const c of COMMANDS.filter((x) => x !== "/gabung")) {
      await h.driver.send(VIEWER, c);
      await h.driver.send(VIEWER, "99");
    }
    for (const data of forgedCallbacks(a, "x", ADMIN.id)) {
      await h.driver.pressData(VIEWER, data);
      await h.driver.send(VIEWER, "50");
    }
    expect(await storedText(h.dir, "instansi", a)).toBe(before);
    expect(h.errors).toEqual([]);
  });

  it("a removed member cannot finish a flow they had started", async () => {
    const h = await harness();
    const a = await setUp(h, ADMIN, "Alfa");
    await joinByInvitation(h, ADMIN, OFFICER);
    expect(plain(await h.driver.send(OFFICER, "/isi"))).toContain("Berapa realisasi 2024");
    await h.driver.send(ADMIN, "/anggota");
    await h.driver.press(ADMIN, "2. Budi");
    await h.driver.press(ADMIN, "Keluarkan dari instansi");
    await h.driver.press(ADMIN, "Ya, keluarkan");
    const before = await storedText(h.dir, "instansi", a);
    expect(plain(await h.driver.send(OFFICER, "90"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect(await storedText(h.dir, "instansi", a)).toBe(before);
  });
});
