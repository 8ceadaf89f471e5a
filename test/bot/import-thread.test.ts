/**
 * A spreadsheet sent for /impor is read on the export thread, not on the
 * bot's own: this file's bot has made no file before, so the thread exists
 * only once the workbook has been read. The preview is the reader's.
 */
import { expect, it } from "vitest";
import { exportWorker } from "../../src/export/worker-pool.js";
import { ADMIN, harness, plain, registerAgency } from "../support/bot-harness.js";
import { PK_HEADER, xlsx } from "../support/spreadsheets.js";

it("reads an imported workbook on the export thread and previews it", { timeout: 60_000 }, async () => {
  const h = await harness();
  await registerAgency(h, ADMIN);
  const book = await xlsx([{ name: "PK", rows: [PK_HEADER, [1, "Meningkatnya Kesejahteraan Sosial", "Persentase PSKS aktif", "%", 97.5, 98.25, null, null]] }]);
  h.telegram.files.set("pk-1", book);
  expect(exportWorker().running).toBe(false);
  const preview = plain(await h.driver.sendDocument(ADMIN, "pk-1", "pk.xlsx", book.length));
  expect(exportWorker().running).toBe(true);
  expect(preview).toContain('Pratinjau impor "pk.xlsx" (tahun 2024):');
  expect(preview).toContain("  2. Meningkatnya Kesejahteraan Sosial → Persentase PSKS aktif (%): target 97,5, realisasi 98,25");
  expect(h.errors).toEqual([]);
});
