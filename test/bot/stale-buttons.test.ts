/**
 * Buttons are made for the agency active when they were sent. Ids of
 * sasaran, indicators and budget lines repeat between agencies ("I1"), so a
 * button pressed after the active agency changed (the officer switched with
 * /instansi, registered or joined another, or was removed from it) is
 * refused rather than acting on the agency active now.
 */
import { describe, expect, it } from "vitest";
import { removeMember } from "../../src/app/agencies.js";
import type { FakeUser } from "../../src/local/fake-telegram.js";
import { ADMIN, OFFICER, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const STALE = "Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.";

async function withIndicator(h: Harness, user: FakeUser, agency: string, indicator: string): Promise<string> {
  const id = await registerAgency(h, user, agency);
  await h.driver.send(user, "/tempel");
  await h.driver.send(user, `Sasaran A | ${indicator} | % | 80`);
  await h.driver.press(user, "✅ Simpan");
  return id;
}

const indicators = async (h: Harness, id: string) => (await h.repo.agencies.read(id))!.data.objectives.flatMap((o) => o.indicators.map((i) => `${i.id} ${i.name}`));

describe("buttons of another agency", () => {
  it("a confirmation made for one agency is refused after switching to another, whose indicator has the same id", async () => {
    const h = await harness();
    const first = await withIndicator(h, ADMIN, "Dinas Sosial Kota Satu", "Indikator kota satu");
    await h.driver.send(ADMIN, "/atur");
    await h.driver.press(ADMIN, "Indikator 1.1");
    expect(plain(await h.driver.press(ADMIN, "🗑 Hapus"))).toContain('Hapus indikator "Indikator kota satu"');
    // A second agency becomes the active one; its first indicator has the same id.
    const second = await withIndicator(h, ADMIN, "Dinas Sosial Kota Dua", "Indikator kota dua");
    expect(await indicators(h, first)).toEqual(["I1 Indikator kota satu"]);
    expect(await indicators(h, second)).toEqual(["I1 Indikator kota dua"]);

    expect(plain(await h.driver.press(ADMIN, "Ya, hapus"))).toBe(STALE);
    expect(await indicators(h, second)).toEqual(["I1 Indikator kota dua"]);
    expect(await indicators(h, first)).toEqual(["I1 Indikator kota satu"]);

    // Buttons sent since then are the active agency's.
    await h.driver.send(ADMIN, "/atur");
    await h.driver.press(ADMIN, "Indikator 1.1");
    await h.driver.press(ADMIN, "🗑 Hapus");
    expect(plain(await h.driver.press(ADMIN, "Ya, hapus"))).toBe('🗑 "Indikator kota dua" dihapus.');
    expect(await indicators(h, second)).toEqual([]);
    expect(await indicators(h, first)).toEqual(["I1 Indikator kota satu"]);

    // Switching back with /instansi: the list's own buttons work, the buttons sent for the other agency do not.
    await h.driver.send(ADMIN, "/atur");
    await h.driver.send(ADMIN, "/instansi");
    expect(plain(await h.driver.press(ADMIN, "Dinas Sosial Kota Satu"))).toContain("Instansi aktif sekarang: Dinas Sosial Kota Satu");
    expect(plain(await h.driver.press(ADMIN, "➕ Sasaran baru"))).toBe(STALE);
  });

  it("an officer removed from the active agency: every earlier button is refused until the next message", async () => {
    const h = await harness();
    const own = await withIndicator(h, OFFICER, "Dinas Sosial Kota Dua", "Indikator kota dua");
    const shared = await withIndicator(h, ADMIN, "Dinas Sosial Kota Satu", "Indikator kota satu");
    await joinByInvitation(h, ADMIN, OFFICER);
    expect((await h.repo.users.read(String(OFFICER.id)))!.activeAgencyId).toBe(shared);
    await h.driver.send(OFFICER, "/atur");
    await h.driver.press(OFFICER, "Indikator 1.1");
    await h.driver.press(OFFICER, "🗑 Hapus");
    // The admin removes the officer (outside the officer's conversation); the officer's own agency is active again.
    await removeMember(h.services, shared, { userId: ADMIN.id, name: "Sari" }, OFFICER.id);
    expect((await h.repo.users.read(String(OFFICER.id)))!.activeAgencyId).toBe(own);

    expect(plain(await h.driver.press(OFFICER, "Ya, hapus"))).toBe(STALE);
    expect(await indicators(h, own)).toEqual(["I1 Indikator kota dua"]);
    // A message: from then on the buttons are the active agency's.
    await h.driver.send(OFFICER, "/atur");
    expect(plain(await h.driver.press(OFFICER, "Indikator 1.1"))).toContain("Indikator 1.1: Indikator kota dua");
  });
});
