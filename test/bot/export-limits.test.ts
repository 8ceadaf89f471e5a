/**
 * /ekspor and /draf of an agency too large for the export thread's heap
 * (EXPORT_HEAP_MB, here 32 MB: an agency of 1,000 indicators and 2,000 budget
 * lines needs several times that): the officer is told why and what to do
 * instead, the bot goes on answering, and the next export and draft are made.
 */
import { expect, it } from "vitest";
import { ADMIN, harness, plain, registerAgency, setAgencyData } from "../support/bot-harness.js";
import { largeAgencyParts } from "../../bench/large-agency.js";

process.env.EXPORT_HEAP_MB = "32"; // the least allowed; read when this file's bot makes its first file

it("an export or a draft too large for the export thread is refused with a message; the bot answers on", { timeout: 120_000 }, async () => {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const { objectives, budgetLines } = largeAgencyParts(100, 2000);
  await setAgencyData(h, id, { objectives, budgetLines });

  const refused = await h.driver.send(ADMIN, "/ekspor docx");
  expect(refused.map((r) => r.method)).toEqual(["sendMessage"]);
  expect(plain(refused)).toBe(
    "Berkas ini tidak dapat dibuat: untuk instansi sebesar ini (1.000 indikator, 2.000 baris anggaran) pembuatannya melampaui batas memori pembuat berkas bot. Data Anda tetap aman. Unduh datanya sebagai berkas JSON lewat /ekspor, atau minta pengelola bot menaikkan EXPORT_HEAP_MB.",
  );
  await h.driver.send(ADMIN, "/draf");
  expect(plain(await h.driver.press(ADMIN, "📄 Semua bagian"))).toBe(
    "Draf ini tidak dapat disusun: untuk instansi sebesar ini (1.000 indikator, 2.000 baris anggaran) penyusunannya melampaui batas memori bot. Data Anda tetap aman. Minta pengelola bot menaikkan EXPORT_HEAP_MB.",
  );
  expect(plain(await h.driver.send(ADMIN, "/cek 86,11 80"))).toContain("Capaian: 107,64% (Sangat Tinggi)");
  const json = await h.driver.send(ADMIN, "/ekspor json");
  expect(json.map((r) => [r.method, r.file?.filename])).toEqual([["sendDocument", "dinas-sosial-kabupaten-contoh-2024.json"]]);
  // A smaller agency's file is made again on a new thread.
  await setAgencyData(h, id, { objectives: objectives!.slice(0, 1).map((o) => ({ ...o, indicators: o.indicators!.slice(0, 3) })), budgetLines: [] });
  const made = await h.driver.send(ADMIN, "/ekspor ringkasan");
  expect(made.map((r) => [r.method, r.file?.filename])).toEqual([["sendDocument", "dinas-sosial-kabupaten-contoh-2024-ringkasan.docx"]]);
  await h.driver.send(ADMIN, "/draf");
  expect(plain(await h.driver.press(ADMIN, "3.1"))).toContain("3.1 Perbandingan Target dan Realisasi Kinerja Tahun 2024");
  expect(h.errors).toEqual([]);
});
