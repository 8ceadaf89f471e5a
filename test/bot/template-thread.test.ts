/**
 * /templat is made on the export thread, not on the bot's own: exceljs,
 * whose loading stopped the bot's thread for about 350 ms and kept 33 MB, is never loaded
 * there (this file's process loads it only to read the template back, after
 * the check). The workbook is made once per process: a second /templat,
 * after the thread has ended, is answered without starting it again.
 */
import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { exportWorker } from "../../src/export/worker-pool.js";
import { sayList } from "../../src/messages/catalog.js";
import { ADMIN, harness, registerAgency } from "../support/bot-harness.js";

const excelJsLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes("/node_modules/exceljs/"));

it("makes the import template on the export thread, once per process", { timeout: 60_000 }, async () => {
  const h = await harness();
  await registerAgency(h, ADMIN);
  expect(exportWorker().running).toBe(false);
  const [sent] = await h.driver.send(ADMIN, "/templat");
  expect(sent!.file!.filename).toBe("templat-impor-lkjip.xlsx");
  expect(sent!.caption).toBe('Templat impor: isi lembar "Perjanjian Kinerja" (dan bila perlu "Anggaran"), lalu kirim berkasnya kembali ke sini.');
  expect(exportWorker().running).toBe(true);
  expect(excelJsLoaded()).toBe(false);

  await exportWorker().close();
  const [again] = await h.driver.send(ADMIN, "/templat");
  expect(exportWorker().running).toBe(false); // kept from the first: the thread was not started for it
  expect(again!.file!.data).toEqual(sent!.file!.data);
  expect(h.errors).toEqual([]);

  // The workbook is the template: its sheets and their header rows as the prompts give them.
  const { readSpreadsheet } = await import("../../src/import/spreadsheet.js");
  const read = await readSpreadsheet(again!.file!.data, "templat-impor-lkjip.xlsx");
  if (!read.ok) throw new Error(read.reason);
  expect(read.sheets.map((s) => s.name)).toEqual(["Perjanjian Kinerja", "Anggaran", "Petunjuk"]);
  expect(read.sheets[0]!.rows[0]).toEqual(sayList("impor.templat.kolom_pk"));
  expect(read.sheets[1]!.rows[0]).toEqual(sayList("impor.templat.kolom_anggaran"));
});
