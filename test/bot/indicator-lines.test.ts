/**
 * An indicator linked to more than INDICATOR_LINES_MAX budget lines: its
 * summary (/indikator) sums them up in one line with a button that lists
 * them, each with its pagu and realisasi and its buttons, in pages when they
 * do not fit; an indicator with fewer still lists them one by one.
 */
import { describe, expect, it } from "vitest";
import { largeAgencyParts } from "../../bench/large-agency.js";
import { INDICATOR_LINES_MAX } from "../../src/bot/flows/indicator.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { ADMIN, VIEWER, harness, joinByInvitation, plain, registerAgency, setAgencyData, type Harness } from "../support/bot-harness.js";

const keyboard = (m: SentMessage) => m.keyboard.map((row) => row.map((b) => b.text));
const bullets = (replies: SentMessage[]) => plain(replies).split("\n").filter((l) => l.startsWith("• Sub kegiatan "));
const line = (k: number, pagu = "Rp550.000.000") => `• Sub kegiatan ${k}: pagu ${pagu}, realisasi Rp518.953.666`;

/** An agency of largeAgencyParts(perObjective, lines): each sub kegiatan (pagu Rp550.000.000, realisasi Rp518.953.666) linked to one indicator in turn. */
async function agency(perObjective: number, lines: number): Promise<Harness> {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const parts = largeAgencyParts(perObjective, lines);
  expect(parts.budgetLines!.at(-1)).toMatchObject({ budget: "550000000", spent: "518953666" });
  await setAgencyData(h, id, parts);
  return h;
}

describe("an indicator linked to many budget lines", () => {
  it("30 lines: one line in the summary, and a button listing them with a button each; an answer given there is summed", async () => {
    expect(INDICATOR_LINES_MAX).toBe(10);
    // 298 sub kegiatan over 20 indicators: indicator 1.1 has sub kegiatan 0, 10, 20 … 290.
    const h = await agency(2, 300);
    const summary = await h.driver.pressData(ADMIN, "ind:I1_1");
    expect(summary).toHaveLength(1);
    const text = plain(summary);
    expect(text).toContain(
      "• Data nasional: 500 indeks (2023, Kementerian Sosial)\n• Anggaran: 30 baris anggaran, pagu Rp16.500.000.000, realisasi Rp15.568.609.980 (94,36%)\n• Faktor pendukung: ",
    );
    expect(text).not.toContain("Sub kegiatan");
    expect(keyboard(summary[0]!)).toEqual([
      ["Target 2024", "Realisasi 2024"],
      ["Target 2023", "Realisasi 2023"],
      ["Target 2022", "Realisasi 2022"],
      ["Target akhir Renstra", "Data nasional"],
      ["💰 30 baris anggaran"],
      ["Faktor pendukung", "Faktor penghambat"],
      ["Tindak lanjut"],
    ]);

    const list = await h.driver.press(ADMIN, "💰 30 baris anggaran");
    expect(list).toHaveLength(1);
    const ks = Array.from({ length: 30 }, (_, j) => j * 10);
    expect(plain(list)).toBe(
      [
        "Baris anggaran indikator 1.1 Indikator 1.1",
        "30 baris, pagu Rp16.500.000.000, realisasi Rp15.568.609.980 (94,36%):",
        ...ks.map((k) => line(k)),
        "",
        "Ketuk tombol untuk mengubah satu jawaban:",
      ].join("\n"),
    );
    expect(keyboard(list[0]!)).toEqual([...ks.map((k) => [`Pagu Sub kegiatan ${k}`, `Realisasi Sub kegiatan ${k}`]), ["↩ Kembali ke indikator 1.1"]]);

    // A pagu changed from the list: the list and the summary's sum show it.
    await h.driver.press(ADMIN, "Pagu Sub kegiatan 120");
    expect(plain(await h.driver.send(ADMIN, "600.000.000"))).toBe("✅ Tersimpan — Pagu Sub kegiatan 120: Rp600.000.000.");
    expect(bullets(await h.driver.pressData(ADMIN, "indl:I1_1"))[12]).toBe(line(120, "Rp600.000.000"));
    const back = await h.driver.press(ADMIN, "↩ Kembali ke indikator 1.1");
    expect(plain(back)).toContain("• Anggaran: 30 baris anggaran, pagu Rp16.550.000.000, realisasi Rp15.568.609.980 (94,07%)");

    // A reader sees the sum and the list, without buttons that edit.
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    const read = await h.driver.pressData(VIEWER, "ind:I1_1");
    expect(keyboard(read[0]!)).toEqual([["💰 30 baris anggaran"]]);
    const readList = await h.driver.press(VIEWER, "💰 30 baris anggaran");
    expect(bullets(readList)).toHaveLength(30);
    expect(plain(readList)).not.toContain("Ketuk tombol");
    expect(keyboard(readList.at(-1)!)).toEqual([["↩ Kembali ke indikator 1.1"]]);
    expect(h.errors).toEqual([]);
  });

  it("100 lines: the list in pages, each line once and in order, every page with its buttons and the way back", async () => {
    // 998 sub kegiatan over 10 indicators: indicator 1.1 has sub kegiatan 0, 10, 20 … 990.
    const h = await agency(1, 1000);
    await h.driver.pressData(ADMIN, "ind:I1_1");
    const first = await h.driver.press(ADMIN, "💰 100 baris anggaran");
    const pages = [first];
    for (;;) {
      const next = pages.at(-1)!.at(-1)!.keyboard.flat().find((b) => / ▶$/.test(b.text));
      if (!next) break;
      pages.push(await h.driver.press(ADMIN, next.text));
    }
    expect(pages.length).toBeGreaterThan(1);
    const seen: string[] = [];
    pages.forEach((page, p) => {
      const note = page.at(-1)!;
      expect(plain([note])).toBe(
        `Daftar ini terlalu panjang untuk dikirim sekaligus (100 baris anggaran; paling banyak 5 pesan), jadi dikirim per halaman: ini halaman ${p + 1} dari ${pages.length}.`,
      );
      const shown = bullets(page);
      seen.push(...shown);
      const nav = [...(p > 0 ? [`◀ Halaman ${p}`] : []), ...(p < pages.length - 1 ? [`Halaman ${p + 2} ▶`] : [])];
      const ks = shown.map((l) => l.split(":")[0]!.slice(2));
      expect(keyboard(note)).toEqual([nav, ...ks.map((k) => [`Pagu ${k}`, `Realisasi ${k}`]), ["↩ Kembali ke indikator 1.1"]]);
      expect(note.keyboard.flat().length).toBeLessThanOrEqual(100);
    });
    expect(seen).toEqual(Array.from({ length: 100 }, (_, j) => line(j * 10)));
    expect(h.errors).toEqual([]);
  });

  it("ten lines or fewer are listed in the summary one by one, as before; a stale list button says so", async () => {
    // 98 sub kegiatan over 10 indicators: indicator 1.1 has sub kegiatan 0, 10 … 90.
    const h = await agency(1, 100);
    const summary = await h.driver.pressData(ADMIN, "ind:I1_1");
    expect(plain(summary).split("\n").filter((l) => l.includes("Sub kegiatan"))).toEqual(
      Array.from({ length: 10 }, (_, j) => [`• Pagu Sub kegiatan ${j * 10}: Rp550.000.000`, `• Realisasi Sub kegiatan ${j * 10}: Rp518.953.666`]).flat(),
    );
    expect(plain(summary)).not.toContain("baris anggaran");
    expect(plain(await h.driver.pressData(ADMIN, "indl:I9_9"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    expect(h.errors).toEqual([]);
  });
});
