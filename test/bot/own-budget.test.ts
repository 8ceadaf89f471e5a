/**
 * An indicator with a pagu of its own and budget lines linked to it (Dumai's 1.1: Rp1.373.500.000 of its own,
 * five programs linked): /indikator shows the pagu its efficiency is computed on, says so, sums the lines up,
 * and "🔗 Pakai jumlah baris anggaran" removes its own pagu so that the lines' sum counts, in /draf too.
 */
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../src/local/demo.js";
import { computeAgency } from "../../src/domain/calc/agency.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { ADMIN, VIEWER, addProgram, harness, joinByInvitation, pasteTable, plain, registerAgency } from "../support/bot-harness.js";

const keyboard = (m: SentMessage) => m.keyboard.map((row) => row.map((b) => b.text));
const DEMO = "dinsos-pm-dumai";
const BUTTON = "1.1 Persentase (%) penyandang disabilitas terlantar, a";

describe("an indicator's own pagu beside linked budget lines", () => {
  it("is the pagu shown and asked, with the lines summed up; the button hands the efficiency to the lines, undoably", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    await h.driver.send(ADMIN, "/indikator");
    const summary = await h.driver.press(ADMIN, BUTTON);
    const text = plain(summary);
    expect(text).toContain(
      "• Pagu anggaran: Rp1.373.500.000\n• Realisasi anggaran: Rp1.220.878.592\n• Anggaran: 5 baris anggaran, pagu Rp19.563.955.660, realisasi Rp10.739.436.592 (54,89%)\n",
    );
    expect(text).toContain(
      "ℹ️ Indikator ini mempunyai pagu dan realisasi anggaran sendiri (di atas): itulah yang dipakai dalam analisis efisiensi (3.6), bukan jumlah baris anggaran yang terhubung. Bila yang benar jumlah baris anggaran itu, ketuk 🔗 Pakai jumlah baris anggaran.",
    );
    expect(text).not.toContain("• Pagu PROGRAM");
    expect(keyboard(summary[0]!).slice(4, 7)).toEqual([["Pagu anggaran", "Realisasi anggaran"], ["💰 5 baris anggaran"], ["🔗 Pakai jumlah baris anggaran"]]);
    // The list of the lines says their own sum, not the indicator's pagu.
    expect(plain(await h.driver.press(ADMIN, "💰 5 baris anggaran"))).toContain("5 baris, pagu Rp19.563.955.660, realisasi Rp10.739.436.592 (54,89%):\n• PROGRAM PEMBERDAYAAN SOSIAL: pagu Rp921.946.460");

    // A viewer reads the same note without the button.
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    await h.driver.send(VIEWER, "/indikator");
    const seen = await h.driver.press(VIEWER, BUTTON);
    expect(plain(seen)).toContain("ℹ️ Indikator ini mempunyai pagu dan realisasi anggaran sendiri (di atas): itulah yang dipakai dalam analisis efisiensi (3.6), bukan jumlah baris anggaran yang terhubung.");
    expect(plain(seen)).not.toContain("ketuk 🔗");
    // Forged, the button is refused to a viewer.
    expect(plain(await h.driver.pressData(VIEWER, "indb:IKU1"))).toBe("Peran Anda hanya pembaca: Anda dapat melihat data dan menyusun draf, tetapi tidak dapat mengubah data. Minta admin mengubah peran Anda bila perlu.");
    expect((await h.repo.agencies.read(DEMO))!.data.objectives[0]!.indicators[0]!.budget).toEqual({ budget: "1373500000", spent: "1220878592" });

    const used = await h.driver.press(ADMIN, "🔗 Pakai jumlah baris anggaran");
    expect(plain(used.slice(0, 1))).toBe(
      "✅ Pagu dan realisasi anggaran sendiri indikator 1.1 Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti (INDIKATOR SPM) dihapus (pagu Rp1.373.500.000, realisasi Rp1.220.878.592; nilai lamanya tetap di /riwayat). Analisis efisiensi kini memakai jumlah 5 baris anggaran yang terhubung: pagu Rp19.563.955.660, realisasi Rp10.739.436.592 (54,89%).",
    );
    expect(plain(used.slice(1))).toContain("• Pagu PROGRAM PEMBERDAYAAN SOSIAL: Rp921.946.460\n");
    expect(plain(used.slice(1))).not.toContain("ℹ️");
    const stored = (await h.repo.agencies.read(DEMO))!;
    expect(stored.data.objectives[0]!.indicators[0]!.budget).toBeUndefined();
    const budget = computeAgency(stored.data).indicatorById.get("IKU1")!.budget;
    expect([budget.source, budget.budget?.toFixed(), budget.spent?.toFixed()]).toEqual(["lines", "19563955660", "10739436592"]);
    const removal = stored.audit.at(-1)!;
    expect([removal.field, removal.old, removal.new]).toEqual(["objectives/S1/indicators/IKU1/budget", { budget: "1373500000", spent: "1220878592" }, undefined]);
    // The draft's efficiency now takes the lines: 100,00% ÷ 54,89% = 1,82.
    await h.driver.send(ADMIN, "/draf");
    expect(plain(await h.driver.press(ADMIN, "3.6"))).toContain("dicapai dengan serapan anggaran 54,89% (Rp10.739.436.592 dari pagu Rp19.563.955.660), sehingga tingkat efisiensinya 1,82");
    // The same button again has nothing left to remove.
    expect(plain(await h.driver.press(ADMIN, "🔗 Pakai jumlah baris anggaran"))).toBe("Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.");
    await h.driver.send(ADMIN, "/riwayat");
    expect(plain(await h.driver.press(ADMIN, "Semua perubahan"))).toContain(
      "Pagu dan realisasi anggaran sendiri — 1.1 Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti (INDIKATOR SPM): pagu: 1.373.500.000, realisasi anggaran: 1.220.878.592 → (kosong)",
    );
    // /riwayat's undo brings the indicator's own pagu back.
    expect(plain(await h.driver.pressData(ADMIN, `undo:${removal.seq}`))).toBe(`↩ Perubahan #${removal.seq} dibatalkan; nilainya kembali seperti sebelumnya.`);
    expect((await h.repo.agencies.read(DEMO))!.data.objectives[0]!.indicators[0]!.budget).toEqual({ budget: "1373500000", spent: "1220878592" });
    expect(h.errors).toEqual([]);
  });

  it("linking a budget line to such an indicator says that its own pagu still counts", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await pasteTable(h, ADMIN, "Meningkatnya kesejahteraan sosial | Persentase PPKS tertangani | % | 85\nMeningkatnya kesejahteraan sosial | Jumlah KPM graduasi | KPM | 150");
    await h.driver.send(ADMIN, "/indikator");
    await h.driver.press(ADMIN, "1.1 Persentase PPKS tertangani");
    await h.driver.press(ADMIN, "Pagu anggaran");
    await h.driver.send(ADMIN, "1,2 M");
    await addProgram(h, ADMIN, "Program Perlindungan dan Jaminan Sosial", "1,5 M", "1.420.000.000");
    await h.driver.press(ADMIN, "🔗 Indikator");
    const linked = await h.driver.press(ADMIN, "⬜ 1.1 Persentase PPKS tertangani");
    expect(linked).toHaveLength(2);
    expect(plain(linked.slice(0, 1))).toBe(
      "ℹ️ Indikator 1.1 Persentase PPKS tertangani mempunyai pagu sendiri (Rp1.200.000.000), dan itulah yang tetap dipakai dalam analisis efisiensinya, bukan jumlah baris anggaran yang terhubung. Untuk memakai jumlah baris anggaran, buka indikatornya dengan /indikator lalu ketuk 🔗 Pakai jumlah baris anggaran.",
    );
    expect(linked[1]!.keyboard.flat().map((b) => b.text)).toContain("✅ 1.1 Persentase PPKS tertangani");
    // Unlinking it, or linking an indicator without a pagu of its own, says nothing more.
    expect(await h.driver.press(ADMIN, "✅ 1.1 Persentase PPKS tertangani")).toHaveLength(1);
    expect(await h.driver.press(ADMIN, "⬜ 1.2 Jumlah KPM graduasi")).toHaveLength(1);
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.budgetLines[0]!.indicatorIds).toEqual([data.objectives[0]!.indicators[1]!.id]);
    expect(h.errors).toEqual([]);
  });
});
