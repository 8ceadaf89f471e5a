/**
 * Counts in the bot's messages are written as Indonesian writes numbers, with
 * a dot between thousands ("1.200 baris", "4.096 karakter"), as the figures
 * of the drafts are: a large agency's import or a long message must not read
 * "1200" beside "Rp1.373.500.000".
 */
import { describe, expect, it } from "vitest";
import { ADMIN, harness, plain, registerAgency } from "../support/bot-harness.js";
import { BUDGET_HEADER, xlsx } from "../support/spreadsheets.js";

describe("counts of a thousand or more in messages", () => {
  it("a message longer than the bot reads: its length and the limit", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    expect(plain(await h.driver.send(ADMIN, "x".repeat(5000)))).toBe("Pesan terlalu panjang (5.000 karakter). Kirim paling banyak 4.096 karakter sekaligus.");
  });

  it("a pasted table of 1,500 lines: its count", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    await h.driver.send(ADMIN, "/tempel");
    // One message of Telegram's length: a row, then 1,499 short lines.
    expect(plain(await h.driver.send(ADMIN, ["Sasaran | Indikator | % | 1", ...Array(1499).fill("a")].join("\n")))).toBe(
      "Terlalu banyak baris (1.500); kirim paling banyak 200 baris sekaligus.",
    );
  });

  it("an import of 1,200 budget rows and 600 rows with two mistakes each: the preview, the question and the saved counts", { timeout: 60_000 }, async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const good = Array.from({ length: 1200 }, (_, i) => ["Program Perlindungan Sosial", `Kegiatan ${i + 1}`, null, 1_000_000 + i, 900_000]);
    const bad = Array.from({ length: 600 }, (_, i) => ["Program Perlindungan Sosial", `Kegiatan rusak ${i + 1}`, null, "sejuta", "banyak"]);
    const data = await xlsx([{ name: "Anggaran", rows: [BUDGET_HEADER, ...good, ...bad] }]);
    h.telegram.files.set("anggaran-besar", data);

    const preview = plain(await h.driver.sendDocument(ADMIN, "anggaran-besar", "anggaran.xlsx", data.length));
    expect(preview).toContain("• Anggaran: 1.200 baris benar — 1.201 baris anggaran (program/kegiatan/sub kegiatan) baru.");
    expect(preview).toContain("1.200 masalah (baris ini tidak akan disimpan):");
    expect(preview).toContain("• … dan 1.170 masalah lain.");
    expect(preview).toContain("Simpan 1.200 baris yang benar?");

    expect(plain(await h.driver.press(ADMIN, "✅ Simpan"))).toBe(
      "✅ Impor tersimpan: 0 sasaran baru, 0 indikator baru, 0 indikator diperbarui, 1.201 baris anggaran baru. Ketik /status untuk melihat hasilnya.",
    );
    expect((await h.restart().repo.agencies.read(id))!.data.budgetLines).toHaveLength(1201);
  });
});
