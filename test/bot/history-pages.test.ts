/**
 * /riwayat beyond its latest ten changes: pages of ten, newest first, down to
 * the first change (the archived ones included), pages that stay put while
 * others make changes, and an undo button on every page.
 */
import { describe, expect, it } from "vitest";
import { AUDIT_RECENT, editAgency } from "../../src/app/edits.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { ADMIN, OFFICER, harness, joinByInvitation, pasteTable, plain, registerAgency } from "../support/bot-harness.js";

const labels = (replies: SentMessage[]) => replies.at(-1)!.keyboard.flat().map((b) => b.text);
/** The numbers of the changes shown ("#12 · …"), in order. */
const shown = (replies: SentMessage[]) => [...plain(replies).matchAll(/^#(\d+) · /gm)].map((m) => Number(m[1]));
const head = (replies: SentMessage[]) => plain(replies).split("\n")[0];

describe("/riwayat in pages", () => {
  it("131 changes, some archived: pages of ten down to the first, pages kept while changes are made, and an archived change undone", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 100"); // #1
    await joinByInvitation(h, ADMIN, OFFICER);
    const officer = { userId: OFFICER.id, name: "Budi" };
    await editAgency(h.services, id, officer, "editor", (d) => {
      d.objectives[0]!.indicators[0]!.dataSource = "Aplikasi SIKS-NG"; // #2
    });
    for (let k = 1; k <= 129; k++) {
      await editAgency(h.services, id, officer, "editor", (d) => {
        d.objectives[0]!.indicators[0]!.years["2024"]!.actual = String(k); // #3 … #131
      });
    }
    const doc = (await h.repo.agencies.read(id))!;
    expect(doc.audit.length).toBeLessThanOrEqual(AUDIT_RECENT);
    expect(doc.audit[0]!.seq).toBeGreaterThan(2); // #1 and #2 are in the archive

    await h.driver.send(ADMIN, "/riwayat");
    const first = await h.driver.press(ADMIN, "Semua perubahan");
    expect(head(first)).toBe(
      "Riwayat perubahan Dinas Sosial Kabupaten Contoh: 131 perubahan, terbaru di atas; halaman 1 dari 14, halaman berikutnya berisi yang lebih lama:",
    );
    expect(shown(first)).toEqual([131, 130, 129, 128, 127, 126, 125, 124, 123, 122]);
    expect(plain(first)).toContain("#131 · 15 Jan 2025, 10.00 WIB · Budi\nRealisasi 2024 — 1.1 Indikator satu: 128 → 129");
    expect(labels(first)).toEqual(["Halaman 2 ▶", ...shown(first).map((n) => `↩ Batalkan #${n}`)]);

    // A change made meanwhile does not shift the pages already counted.
    await editAgency(h.services, id, officer, "editor", (d) => {
      d.objectives[0]!.indicators[0]!.years["2024"]!.actual = "130"; // #132
    });
    const seen: number[] = [...shown(first)];
    let page = first;
    for (let n = 2; n <= 14; n++) {
      page = await h.driver.press(ADMIN, `Halaman ${n} ▶`);
      const older = n < 14 ? ", halaman berikutnya berisi yang lebih lama" : "";
      expect(head(page)).toBe(`Riwayat perubahan Dinas Sosial Kabupaten Contoh: 131 perubahan, terbaru di atas; halaman ${n} dari 14${older}:`);
      expect(page.at(-1)!.keyboard[0]!.map((b) => b.text)).toEqual(n < 14 ? [`◀ Halaman ${n - 1}`, `Halaman ${n + 1} ▶`] : ["◀ Halaman 13"]);
      seen.push(...shown(page));
    }
    expect(seen).toEqual(Array.from({ length: 131 }, (_, k) => 131 - k));
    expect(plain(page)).toContain("#1 · 15 Jan 2025, 10.00 WIB · Sari Wulandari\nSasaran — Sasaran A: (kosong) → Sasaran A");

    // Back a page from the last: the same changes as on the way there, with the archived change #2, undone there.
    const back = await h.driver.press(ADMIN, "◀ Halaman 13");
    expect(shown(back)).toEqual(seen.slice(120, 130));
    expect(plain(back)).toContain("#2 · 15 Jan 2025, 10.00 WIB · Budi\nSumber data — 1.1 Indikator satu: (kosong) → Aplikasi SIKS-NG");
    expect(plain(await h.driver.press(ADMIN, "↩ Batalkan #2"))).toBe("↩ Perubahan #2 dibatalkan; nilainya kembali seperti sebelumnya.");
    expect((await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!.dataSource).toBeUndefined();

    // One indicator's changes: all of them but #1 (the sasaran) and, now, the undo #133.
    await h.driver.send(ADMIN, "/riwayat");
    const one = await h.driver.press(ADMIN, "1.1 Indikator satu");
    expect(head(one)).toBe("Riwayat perubahan Indikator satu: 132 perubahan, terbaru di atas; halaman 1 dari 14, halaman berikutnya berisi yang lebih lama:");
    expect(shown(one)).toEqual([133, 132, 131, 130, 129, 128, 127, 126, 125, 124]);

    // A page beyond the last (a forged button) shows the last.
    expect(shown(await h.driver.pressData(ADMIN, "rw:*:999999:131"))).toEqual([1]);
    // The officer (an editor) reads the pages without undo buttons.
    await h.driver.send(OFFICER, "/riwayat");
    expect(labels(await h.driver.press(OFFICER, "Semua perubahan"))).toEqual(["Halaman 2 ▶"]);
    expect(h.errors).toEqual([]);
  });

  it("ten changes or fewer: one message, as before", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Sasaran A | Indikator satu | % | 100");
    await h.driver.send(ADMIN, "/riwayat");
    const all = await h.driver.press(ADMIN, "Semua perubahan");
    expect(head(all)).toBe("Riwayat perubahan Dinas Sosial Kabupaten Contoh (1 terakhir, terbaru di atas):");
    expect(labels(all)).toEqual(["↩ Batalkan #1"]);
  });
});
