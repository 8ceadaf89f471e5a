/**
 * /draf of an agency whose draft is longer than DRAFT_MESSAGES_MAX messages:
 * it comes as the Word files of the parts chosen, with one message saying
 * why, instead of dozens of messages in the chat; a shorter one still comes
 * as messages.
 */
import { expect, it } from "vitest";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { draftChapter } from "../../src/domain/draft/chapter.js";
import { renderDraft } from "../../src/domain/draft/index.js";
import { SECTION_IDS } from "../../src/domain/draft/document.js";
import { DRAFT_MESSAGES_MAX } from "../../src/bot/flows/read.js";
import { benchAgency } from "../../bench/generate.js";
import { largeAgencyParts } from "../../bench/large-agency.js";
import { ADMIN, harness, plain, registerAgency, setAgencyData, type Harness } from "../support/bot-harness.js";
import { readDocx } from "../support/docx.js";

/** The messages the sections would take in the chat. */
async function messagesFor(h: Harness, id: string, sections: (typeof SECTION_IDS)[number][]): Promise<number> {
  return renderDraft(draftChapter((await h.repo.agencies.read(id))!.data), sections, "html").length;
}

const paragraphs = async (data: Uint8Array): Promise<string[]> => (await readDocx(data)).blocks.flatMap((b) => (b.type === "p" ? [b.text] : []));

it("every section of the benchmark's 40-indicator agency comes as the three Word files, with a message saying why", { timeout: 60_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const { objectives, budgetLines } = benchAgency(3);
  await setAgencyData(h, id, { objectives, budgetLines });
  expect(await messagesFor(h, id, [...SECTION_IDS])).toBe(57);

  await h.driver.send(ADMIN, "/draf");
  const replies = await h.driver.press(ADMIN, "📄 Semua bagian");
  expect(replies.map((r) => [r.method, r.file?.filename])).toEqual([
    ["sendMessage", undefined],
    ["sendDocument", "dinas-sosial-kabupaten-contoh-2024-ringkasan.docx"],
    ["sendDocument", "dinas-sosial-kabupaten-contoh-2024-bab-iii.docx"],
    ["sendDocument", "dinas-sosial-kabupaten-contoh-2024-penutup.docx"],
  ]);
  expect(plain(replies.slice(0, 1))).toBe(
    "Draf semua bagian untuk Dinas Sosial Kabupaten Contoh tahun 2024 terlalu panjang untuk dikirim sebagai pesan (57 pesan; paling banyak 20), jadi dikirim sebagai dokumen Word: Ringkasan eksekutif, BAB III, Penutup. Isinya sama dengan draf di percakapan, dengan tabel lengkap dan grafik: salin dari sana ke laporan Anda.",
  );
  expect(replies[2]!.caption).toContain("BAB III Dinas Sosial Kabupaten Contoh tahun 2024 (dokumen Word, A4)");
  // The chapter's file holds every one of its sections.
  const chapter = await paragraphs(replies[2]!.file!.data);
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) expect(chapter.some((p) => p.startsWith(`3.${n} `))).toBe(true);
  expect((await paragraphs(replies[1]!.file!.data)).join("\n")).toContain("Dinas Sosial Kabupaten Contoh");

  // One section within the limit still comes as messages (section 3.7 of this agency: 14).
  expect(await messagesFor(h, id, ["7"])).toBe(14);
  await h.driver.send(ADMIN, "/draf");
  const section = await h.driver.press(ADMIN, "3.7");
  expect(section.map((r) => r.method)).toEqual(Array(15).fill("sendMessage"));
  expect(plain(section.slice(0, 1))).toBe("Draf untuk Dinas Sosial Kabupaten Contoh tahun 2024. Salin ke laporan Anda; tabel lengkap tersedia juga sebagai dokumen.");
  expect(h.errors).toEqual([]);
});

it("one section longer than the limit comes as the Word file of BAB III, which holds it; a small agency's every section as messages", { timeout: 60_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await setAgencyData(h, id, largeAgencyParts(20, 300)); // 200 indicators
  const long = await messagesFor(h, id, ["5"]);
  expect(long).toBeGreaterThan(DRAFT_MESSAGES_MAX);

  await h.driver.send(ADMIN, "/draf");
  const replies = await h.driver.press(ADMIN, "3.5");
  expect(replies.map((r) => [r.method, r.file?.filename])).toEqual([
    ["sendMessage", undefined],
    ["sendDocument", "dinas-sosial-kabupaten-contoh-2024-bab-iii.docx"],
  ]);
  expect(plain(replies.slice(0, 1))).toBe(
    `Draf bagian 3.5 untuk Dinas Sosial Kabupaten Contoh tahun 2024 terlalu panjang untuk dikirim sebagai pesan (${long} pesan; paling banyak 20), jadi dikirim sebagai dokumen Word: BAB III, tempat bagian 3.5 berada. Isinya sama dengan draf di percakapan, dengan tabel lengkap dan grafik: salin dari sana ke laporan Anda.`,
  );
  expect((await paragraphs(replies[1]!.file!.data)).some((p) => p.startsWith("3.5 "))).toBe(true);

  // A small agency's every section: the introduction and the draft's messages, no file.
  await setAgencyData(h, id, { objectives: [objectivesOf(3)], budgetLines: [] });
  const small = await messagesFor(h, id, [...SECTION_IDS]);
  expect(small).toBeLessThanOrEqual(DRAFT_MESSAGES_MAX);
  await h.driver.send(ADMIN, "/draf");
  const all = await h.driver.press(ADMIN, "📄 Semua bagian");
  expect(all.map((r) => r.method)).toEqual(Array(small + 1).fill("sendMessage"));
  expect(h.errors).toEqual([]);
});

/** The benchmark agency's first sasaran with its first `n` indicators. */
function objectivesOf(n: number): NonNullable<AgencyFileInput["objectives"]>[number] {
  const first = benchAgency(3).objectives![0]!;
  return { ...first, indicators: first.indicators!.slice(0, n) };
}
