/**
 * /anggota, /undangan and /instansi of lists longer than LIST_MESSAGES_MAX
 * messages or one keyboard: pages of the list, every item on exactly one
 * page and in order, each page within the limits with its own buttons, and
 * page buttons that lead on and back. Short lists still come whole
 * (members.test.ts).
 */
import { describe, expect, it } from "vitest";
import { registerAgency as createAgency } from "../../src/app/agencies.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { LIST_MESSAGES_MAX, TELEGRAM_KEYBOARD } from "../../src/bot/ui.js";
import { MAX_MEMBERS, MAX_USER_AGENCIES } from "../../src/storage/documents.js";
import { ADMIN, OFFICER, VIEWER, harness, inviteCode, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const labels = (m: SentMessage) => m.keyboard.flat().map((b) => b.text);
const PAGE = /^Daftar ini terlalu panjang untuk dikirim sekaligus \((\S+) (\S+); paling banyak 5 pesan\), jadi dikirim per halaman: ini halaman (\d+) dari (\d+)\.$/;

/** Every page of a list, from its first reply on, pressing "Halaman n ▶" until there is none: each page's replies. */
async function walk(h: Harness, user: typeof ADMIN, first: SentMessage[]): Promise<SentMessage[][]> {
  const pages = [first];
  for (;;) {
    const next = labels(pages.at(-1)!.at(-1)!).find((l) => /^Halaman [\d.]+ ▶$/.test(l));
    if (!next) return pages;
    pages.push(await h.driver.press(user, next));
  }
}

/** Checks a page: at most LIST_MESSAGES_MAX messages of the list, then the note of page `n` of `of` with one keyboard. */
function checkPage(page: SentMessage[], n: number, of: number, count: string, unit: string): void {
  const note = page.at(-1)!;
  expect(plain([note]).match(PAGE)?.slice(1)).toEqual([count, unit, String(n), String(of)]);
  expect(page.length - 1).toBeLessThanOrEqual(LIST_MESSAGES_MAX);
  expect(page.slice(0, -1).every((m) => m.keyboard.length === 0)).toBe(true);
  expect(note.keyboard.flat().length).toBeLessThanOrEqual(TELEGRAM_KEYBOARD.buttons);
  const nav = [...(n > 1 ? [`◀ Halaman ${n - 1}`] : []), ...(n < of ? [`Halaman ${n + 1} ▶`] : [])];
  expect(note.keyboard[0]!.map((b) => b.text)).toEqual(nav);
}

/** The list's numbered lines ("12. …") of a page. */
const numbered = (page: SentMessage[]) => plain(page.slice(0, -1)).split("\n").filter((l) => /^\d+\. /.test(l));

describe("long lists of members, invitations and agencies come in pages", () => {
  it("/anggota of 500 members with names of 200 characters: pages for the admin, with a button per member shown; a reader's pages have none", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    const name = (i: number) => `Petugas ${String(i).padStart(3, "0")} `.padEnd(200, "x");
    await h.repo.agencies.update(id, async (doc) => {
      const added = Array.from({ length: MAX_MEMBERS - 2 }, (_, i) => ({ userId: 10_000 + i, name: name(i), role: "editor" as const, addedAt: doc!.createdAt, addedBy: ADMIN.id }));
      return { next: { ...doc!, members: [...doc!.members, ...added] }, result: undefined };
    });

    const pages = await walk(h, ADMIN, await h.driver.send(ADMIN, "/anggota"));
    expect(pages.length).toBeGreaterThan(1);
    const lines: string[] = [];
    pages.forEach((page, k) => {
      checkPage(page, k + 1, pages.length, "500", "anggota");
      const shown = numbered(page);
      lines.push(...shown);
      expect(plain(page.slice(0, -1))).toMatch(/^Anggota Dinas Sosial Kabupaten Contoh:\n1?\d/);
      expect(plain(page.slice(0, -1)).endsWith("\n\nPilih anggota untuk mengubah peran atau mengeluarkannya:")).toBe(true);
      // After the page buttons, a button per member of this page: its number and the first 40 characters of its name;
      // last, the admin's own button to leave.
      const buttons = page.at(-1)!.keyboard.slice(1).map((row) => row.map((b) => b.text));
      expect(buttons).toEqual([...shown.map((l) => [`${l.slice(0, l.indexOf(" "))} ${l.slice(l.indexOf(" ") + 1, l.indexOf(" — ")).slice(0, 40)}`]), ["🚪 Keluar dari instansi ini"]]);
    });
    expect(lines).toEqual([
      "1. Sari Wulandari — admin (Anda)",
      "2. Rina — pembaca",
      ...Array.from({ length: MAX_MEMBERS - 2 }, (_, i) => `${i + 3}. ${name(i)} — editor`),
    ]);

    // A member's button on a later page, and the way back.
    const third = pages[2]!;
    const member = third.at(-1)!.keyboard[1]![0]!;
    const shownFirst = numbered(third)[0]!;
    expect(plain(await h.driver.pressData(ADMIN, member.callback_data))).toBe(`${shownFirst.slice(shownFirst.indexOf(" ") + 1, shownFirst.indexOf(" — "))} saat ini berperan sebagai editor. Pilih tindakan:`);
    const back = await h.driver.press(ADMIN, "◀ Halaman 2");
    expect(numbered(back)).toEqual(numbered(pages[1]!));

    // A page beyond the last (a button of a longer list) shows the last.
    expect(numbered(await h.driver.pressData(ADMIN, "anggota:999999"))).toEqual(numbered(pages.at(-1)!));

    // A reader: the same list in pages of its own, without member buttons or the admin's line.
    const read = await walk(h, VIEWER, await h.driver.send(VIEWER, "/anggota"));
    const readLines: string[] = [];
    read.forEach((page, k) => {
      checkPage(page, k + 1, read.length, "500", "anggota");
      // The page buttons, and the button to leave: no member's.
      expect(page.at(-1)!.keyboard.slice(1).map((row) => row.map((b) => b.text))).toEqual([["🚪 Keluar dari instansi ini"]]);
      expect(plain(page)).not.toContain("Pilih anggota");
      readLines.push(...numbered(page));
    });
    expect(readLines).toEqual(lines.map((l) => l.replace(" (Anda)", "").replace("2. Rina — pembaca", "2. Rina — pembaca (Anda)")));
    expect(h.errors).toEqual([]);
  });

  it("/undangan of 200 valid invitations: pages numbered on, and an invitation of a later page revoked by its button", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    for (let i = 0; i < 200; i++) await inviteCode(h, ADMIN, i % 2 === 0 ? "Editor (sekali pakai)" : "Pembaca (banyak orang)");
    expect((await h.repo.agencies.read(id))!.invitations).toHaveLength(200);

    const pages = await walk(h, ADMIN, await h.driver.send(ADMIN, "/undangan"));
    // 200 buttons do not fit one keyboard.
    expect(pages.length).toBeGreaterThan(2);
    const lines: string[] = [];
    pages.forEach((page, k) => {
      checkPage(page, k + 1, pages.length, "200", "undangan");
      const shown = numbered(page);
      const first = lines.length + 1;
      lines.push(...shown);
      expect(page.at(-1)!.keyboard.slice(1).map((row) => row.map((b) => b.text))).toEqual(shown.map((_, j) => [`Cabut undangan ${first + j}`]));
    });
    expect(lines).toEqual(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0
          ? `${i + 1}. Editor (sekali pakai), dibuat 15 Januari 2025, berlaku sampai 22 Januari 2025, sudah dipakai 0 kali`
          : `${i + 1}. Pembaca (dapat dipakai beberapa orang), dibuat 15 Januari 2025, berlaku sampai 22 Januari 2025, sudah dipakai 0 kali`,
      ),
    );

    const last = lines.length;
    expect(plain(await h.driver.press(ADMIN, `Cabut undangan ${last}`))).toBe(
      "Undangan pembaca (dapat dipakai beberapa orang) yang dibuat 15 Januari 2025 dicabut; kodenya tidak dapat dipakai lagi.",
    );
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.invitations.map((i) => i.revokedAt !== undefined)).toEqual(Array.from({ length: 200 }, (_, i) => i === 199));
    expect(h.errors).toEqual([]);
  });

  it("/instansi of an officer in 100 agencies: pages, each with the buttons to register or join another, and an agency of a later page chosen", async () => {
    const h = await harness();
    await h.driver.send(OFFICER, "/start");
    const actor = { userId: OFFICER.id, name: OFFICER.first_name };
    const input = (i: number) => ({ name: `Dinas Sosial Kabupaten Contoh ${i + 1}`, region: "Kabupaten Contoh", level: "kabupaten" as const, reportingYear: 2024, startYear: 2021, endYear: 2026 });
    for (let i = 0; i < MAX_USER_AGENCIES; i++) await createAgency(h.services, actor, input(i));

    const pages = await walk(h, OFFICER, await h.driver.send(OFFICER, "/instansi"));
    expect(pages.length).toBe(2);
    const lines: string[] = [];
    pages.forEach((page, k) => {
      checkPage(page, k + 1, 2, "100", "instansi");
      const shown = plain(page.slice(0, -1)).split("\n").slice(1).filter((l) => l !== "");
      expect(plain(page.slice(0, -1)).split("\n")[0]).toBe("Instansi Anda (yang aktif ditandai ✅):");
      lines.push(...shown);
      const keyboard = page.at(-1)!.keyboard.map((row) => row.map((b) => b.text));
      expect(keyboard.slice(1)).toEqual([...shown.map((l) => [l.replace(/^✅ /, "").replace(/ — .*$/, "")]), ["➕ Daftarkan instansi lain", "🔑 Gabung dengan kode"]]);
    });
    // The last registered is the active one.
    expect(lines).toEqual(Array.from({ length: 100 }, (_, i) => `${i === 99 ? "✅ " : ""}Dinas Sosial Kabupaten Contoh ${i + 1} — admin, tahun 2024`));

    // Going back to page 1 and choosing its first agency: a page's buttons are not refused as another agency's.
    await h.driver.press(OFFICER, "◀ Halaman 1");
    expect(plain(await h.driver.press(OFFICER, "Dinas Sosial Kabupaten Contoh 1"))).toBe(
      "Instansi aktif sekarang: Dinas Sosial Kabupaten Contoh 1 (tahun pelaporan 2024, peran Anda: admin).",
    );
    const again = await h.driver.send(OFFICER, "/instansi");
    expect(numberless(again)[0]).toBe("✅ Dinas Sosial Kabupaten Contoh 1 — admin, tahun 2024");
    expect(h.errors).toEqual([]);
  });

  it("a page button of /anggota made for another agency is refused after switching", async () => {
    const h = await harness();
    const first = await registerAgency(h, ADMIN, "Dinas Sosial Kabupaten Satu");
    await h.repo.agencies.update(first, async (doc) => {
      const added = Array.from({ length: 300 }, (_, i) => ({ userId: 10_000 + i, name: `Petugas ${i} `.padEnd(200, "y"), role: "viewer" as const, addedAt: doc!.createdAt, addedBy: ADMIN.id }));
      return { next: { ...doc!, members: [...doc!.members, ...added] }, result: undefined };
    });
    const page1 = await h.driver.send(ADMIN, "/anggota");
    const next = page1.at(-1)!.keyboard[0]!.find((b) => b.text === "Halaman 2 ▶")!;
    await registerAgency(h, ADMIN, "Dinas Sosial Kabupaten Dua");
    expect(next.callback_data).toBe("anggota:1");
    expect(plain(await h.driver.press(ADMIN, "Halaman 2 ▶"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect(h.errors).toEqual([]);
  });
});

/** The lines of /instansi after its head. */
const numberless = (replies: SentMessage[]) => plain(replies).split("\n").slice(1);
