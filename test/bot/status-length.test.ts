/**
 * /status of an agency whose list of indicators is longer than STATUS_MESSAGES_MAX
 * messages: a line per sasaran and a button per sasaran for its indicators,
 * instead of dozens of messages; a shorter list still comes whole.
 */
import { expect, it } from "vitest";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { STATUS_MESSAGES_MAX } from "../../src/bot/flows/status.js";
import { benchAgency } from "../../bench/generate.js";
import { ADMIN, harness, plain, registerAgency, setAgencyData } from "../support/bot-harness.js";

/**
 * `sasaran` sasaran of 100 indicators each, with names as long as real ones. Of every three indicators the
 * first exceeds its target of 80 (realisasi 90), the second falls short (60) and the third has no realisasi yet.
 */
function largeAgency(sasaran: number): Pick<AgencyFileInput, "objectives" | "budgetLines"> {
  const objectives = Array.from({ length: sasaran }, (_, o) => ({
    id: `S${o + 1}`,
    code: String(o + 1),
    name: `Meningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang ${o + 1}`,
    indicators: Array.from({ length: 100 }, (_, k) => ({
      id: `I${o + 1}_${k + 1}`,
      code: `${o + 1}.${k + 1}`,
      name: `Persentase penerima manfaat layanan kesejahteraan sosial bidang ${o + 1} nomor ${k + 1} yang terpenuhi kebutuhan dasarnya`,
      unit: "%",
      years: { "2024": k % 3 === 2 ? { target: "80" } : { target: "80", actual: k % 3 === 0 ? "90" : "60" } },
    })),
  }));
  return { objectives, budgetLines: [] };
}

it("an agency of 1,000 indicators gets a line per sasaran and a button per sasaran, which lists that sasaran's indicators", { timeout: 60_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await setAgencyData(h, id, largeAgency(10));

  const replies = await h.driver.send(ADMIN, "/status");
  // The head lines and a line per sasaran in one message, the buttons in the next.
  expect(replies).toHaveLength(2);
  const all = plain(replies);
  // Of 13 questions per indicator, the target and the realisasi answered for two in three, the target alone for the
  // third; the capaian's mean is (34 × 112,5% + 33 × 75%) / 67 in every sasaran.
  expect(all.split("\n").slice(0, 3)).toEqual([
    "Status Dinas Sosial Kabupaten Contoh — tahun 2024",
    "Kelengkapan: 1.670 dari 13.000 isian (13%). Rata-rata capaian: 94,03% (Sangat Tinggi).",
    "🟢 target tercapai · 🔴 belum tercapai · ⚪ belum dihitung",
  ]);
  // 1,000 indicators: 334 above the target, 333 below, 333 without a capaian; each sasaran's line counts its own.
  expect(all).toContain(
    "1. Meningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang 1\n100 indikator: 🟢 34 tercapai · 🔴 33 belum tercapai · ⚪ 33 belum dihitung · 167/1.300 isian",
  );
  expect(all).not.toContain("Persentase penerima manfaat");
  const last = replies.at(-1)!;
  expect(plain([last])).toBe(
    `Daftar per indikator terlalu panjang untuk dikirim sebagai pesan (1.000 indikator, 38 pesan; paling banyak ${STATUS_MESSAGES_MAX}), jadi yang di atas adalah ringkasan per sasaran. Pilih sasaran untuk melihat indikatornya:`,
  );
  expect(last.keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual(Array.from({ length: 10 }, (_, o) => [`Sasaran ${o + 1}`, `st:S${o + 1}`]));

  const objective = await h.driver.press(ADMIN, "Sasaran 2");
  const lines = plain(objective).split("\n");
  expect(lines.slice(0, 2)).toEqual(["Status sasaran 2. Meningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang 2", "Dinas Sosial Kabupaten Contoh — tahun 2024 · 167/1.300 isian"]);
  const listed = lines.filter((l) => /^[🟢🔴⚪] \d/u.test(l));
  expect(listed).toHaveLength(100);
  expect(listed.slice(0, 3).map((l) => l.replace(/ · \d+\/\d+ isian$/, ""))).toEqual([
    "🟢 2.1 Persentase penerima manfaat layanan kesejahteraan sosial bidang 2 nomor 1 yang terpenuhi kebutuhan dasarnya: 112,50% (Sangat Tinggi)",
    "🔴 2.2 Persentase penerima manfaat layanan kesejahteraan sosial bidang 2 nomor 2 yang terpenuhi kebutuhan dasarnya: 75,00% (Sedang)",
    "⚪ 2.3 Persentase penerima manfaat layanan kesejahteraan sosial bidang 2 nomor 3 yang terpenuhi kebutuhan dasarnya: belum dihitung",
  ]);
  expect(listed.every((l) => l.includes(" 2."))).toBe(true);

  // The sasaran is gone by the time its button is pressed.
  await setAgencyData(h, id, largeAgency(2));
  expect(plain(await h.driver.press(ADMIN, "Sasaran 10"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
  expect(h.errors).toEqual([]);
  expect(h.telegram.refused).toEqual([]);
});

it("a sasaran of 100 indicators with names of 400 characters: its list comes in pages, every indicator once and in order", { timeout: 60_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const parts = largeAgency(2);
  const long = (name: string) => `${name}, ${"termasuk penerima manfaat di wilayah terpencil, perbatasan dan pulau-pulau kecil ".repeat(4)}`.slice(0, 400);
  parts.objectives = parts.objectives!.map((o) => ({ ...o, indicators: o.indicators!.map((i) => ({ ...i, name: long(i.name!) })) }));
  await setAgencyData(h, id, parts);
  await h.driver.send(ADMIN, "/status");

  let page = await h.driver.press(ADMIN, "Sasaran 1");
  const seen: string[] = [];
  const notes: string[] = [];
  for (let p = 1; ; p++) {
    expect(page.length).toBeLessThanOrEqual(STATUS_MESSAGES_MAX + 1);
    const lines = plain(page).split("\n");
    expect(lines[0]).toBe("Status sasaran 1. Meningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang 1");
    seen.push(...lines.filter((l) => /^[🟢🔴⚪] \d/u.test(l)).map((l) => l.split(" ")[1]!));
    notes.push(plain([page.at(-1)!]));
    const next = page.at(-1)!.keyboard.flat().find((b) => b.text === `Halaman ${p + 1} ▶`);
    if (!next) break;
    expect(next.callback_data).toBe(`st:S1:${p}`);
    page = await h.driver.press(ADMIN, `Halaman ${p + 1} ▶`);
  }
  expect(seen).toEqual(Array.from({ length: 100 }, (_, k) => `1.${k + 1}`));
  const pages = notes.length;
  expect(pages).toBeGreaterThan(1);
  expect(notes[0]).toBe(`Daftar indikator sasaran ini terlalu panjang untuk dikirim sebagai pesan (100 indikator; paling banyak ${STATUS_MESSAGES_MAX} pesan), jadi dikirim per halaman: ini halaman 1 dari ${pages}.`);
  expect(page.at(-1)!.keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([[`◀ Halaman ${pages - 1}`, `st:S1:${pages - 2}`]]);
  expect(h.telegram.refused).toEqual([]);
  expect(h.errors).toEqual([]);
});

it("the benchmark's 40-indicator agency still gets every indicator listed, without buttons", { timeout: 60_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const { objectives, budgetLines } = benchAgency(3);
  await setAgencyData(h, id, { objectives, budgetLines });
  const replies = await h.driver.send(ADMIN, "/status");
  expect(replies).toHaveLength(2);
  expect(replies.every((r) => r.keyboard.length === 0)).toBe(true);
  const listed = plain(replies).split("\n").filter((l) => /^[🟢🔴⚪] \d/u.test(l));
  expect(listed).toHaveLength(40);
  expect(plain(replies)).not.toContain("Daftar per indikator terlalu panjang");
});
