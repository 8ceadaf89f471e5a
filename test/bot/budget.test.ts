import { describe, expect, it } from "vitest";
import { ADMIN, harness, plain, registerAgency } from "../support/bot-harness.js";

/** A budget line as stored, without figures. */
const line = (id: string, level: "program" | "activity" | "subActivity", name: string, parentId?: string) => ({ id, level, name, indicatorIds: [], ...(parentId ? { parentId } : {}) });

describe("budget lines (/anggaran)", () => {
  it("adds a program with a kegiatan and a sub kegiatan, links an indicator, and rolls up by sums", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    await d.send(ADMIN, "Sasaran A | Persentase PPKS terlayani | % | 100");
    await d.press(ADMIN, "✅ Simpan");

    expect(plain(await d.send(ADMIN, "/anggaran"))).toContain("Belum ada program.");
    await d.press(ADMIN, "➕ Program baru");
    await d.send(ADMIN, "Program Rehabilitasi Sosial");
    expect(plain(await d.send(ADMIN, "1,3735 M"))).toContain("Berapa realisasi anggaran Program Rehabilitasi Sosial?");
    const saved = plain(await d.send(ADMIN, "lewati"));
    expect(saved).toContain("✅ Program Rehabilitasi Sosial disimpan.");
    expect(saved).toContain("Pagu: Rp1.373.500.000 · Realisasi: belum diisi");

    await d.press(ADMIN, "➕ Kegiatan");
    await d.send(ADMIN, "Rehabilitasi Sosial Dasar di Luar Panti");
    await d.send(ADMIN, "lewati");
    await d.send(ADMIN, "lewati");
    await d.press(ADMIN, "➕ Sub kegiatan");
    await d.send(ADMIN, "Penyediaan Permakanan");
    expect(plain(await d.send(ADMIN, "Rp 603.500.000 %"))).toContain("Tanda % tidak tepat untuk isian ini");
    // What was typed is quoted as text: "<b>" or "&" in it must not make Telegram refuse the message (the officer got no reply).
    const quoted = await d.send(ADMIN, "Rp <b>6 & 7");
    expect(quoted[0]!.text).toBe("\"Rp &lt;b&gt;6 &amp; 7\" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 1.373.500.000 atau 1,37 M.");
    await d.send(ADMIN, "Rp 603.500.000");
    await d.send(ADMIN, "536.924.356");

    await d.send(ADMIN, "/anggaran");
    await d.press(ADMIN, "Atur 1");
    const link = await d.press(ADMIN, "🔗 Indikator");
    expect(plain(link)).toContain("Indikator yang didukung oleh Program Rehabilitasi Sosial");
    // Typed instead of tapped: the same menu, saying its buttons choose.
    const typed = await d.send(ADMIN, "1.1");
    expect(plain(typed)).toBe(
      "Pilih indikatornya dengan tombol di bawah ini, lalu ketuk Selesai (atau ketik /batal).\nIndikator yang didukung oleh Program Rehabilitasi Sosial (✅ = terhubung). Ketuk untuk menghubungkan atau melepaskan:",
    );
    expect(typed[0]!.keyboard).toEqual(link[0]!.keyboard);
    const linked = await d.press(ADMIN, "⬜ 1.1 Persentase PPKS terlayani");
    expect(linked[0]!.keyboard.flat().map((b) => b.text)).toContain("✅ 1.1 Persentase PPKS terlayani");

    const overview = plain(await d.send(ADMIN, "/anggaran"));
    expect(overview).toContain("1 Program Rehabilitasi Sosial: pagu Rp1.373.500.000, realisasi Rp536.924.356 (39,09%) · 🔗 1.1");
    expect(overview).toContain("    1.1.1 Sub Kegiatan Penyediaan Permakanan: pagu Rp603.500.000, realisasi Rp536.924.356 (88,97%)");

    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.budgetLines.map((l) => [l.id, l.level, l.parentId ?? null, l.budget ?? null, l.spent ?? null, l.indicatorIds])).toEqual([
      ["P1", "program", null, "1373500000", null, ["I1"]],
      ["K1", "activity", "P1", null, null, []],
      ["SK1", "subActivity", "K1", "603500000", "536924356", []],
    ]);
    // /status warns that the program's own pagu differs from the sum of its details.
    expect(plain(await d.send(ADMIN, "/status"))).toContain("⚠️ 1 catatan pemeriksaan anggaran");
  });
});

describe("deleting a budget line", () => {
  it("names how many kegiatan and sub kegiatan go with it, and removes that family only", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    await h.repo.agencies.update(id, async (doc) => ({
      next: {
        ...doc!,
        data: {
          ...doc!.data,
          budgetLines: [
            line("P1", "program", "Program Satu"),
            line("K1", "activity", "Kegiatan Satu", "P1"),
            line("SK1", "subActivity", "Sub Kegiatan Satu", "K1"),
            line("SK2", "subActivity", "Sub Kegiatan Dua", "K1"),
            line("P2", "program", "Program Dua"),
            line("K3", "activity", "Kegiatan Tiga", "P2"),
            line("K2", "activity", "Kegiatan Dua", "P1"),
            line("SK3", "subActivity", "Sub Kegiatan Tiga", "K2"),
          ],
        } as never,
      },
      result: undefined,
    }));
    const d = h.driver;
    await d.send(ADMIN, "/anggaran");
    await d.press(ADMIN, "Atur 2");
    expect(plain(await d.press(ADMIN, "🗑 Hapus"))).toBe("Hapus Program Dua beserta 1 rinciannya?");
    await d.send(ADMIN, "/anggaran");
    await d.press(ADMIN, "Atur 1");
    expect(plain(await d.press(ADMIN, "🗑 Hapus"))).toBe("Hapus Program Satu beserta 5 rinciannya?");
    await d.press(ADMIN, "Ya, hapus");
    expect((await h.repo.agencies.read(id))!.data.budgetLines.map((l) => l.id)).toEqual(["P2", "K3"]);
  });
});

describe("budget line numbers", () => {
  it("numbers each line by its place among its parent's children, in the stored order, whatever order the levels are stored in", async () => {
    const { benchAgency } = await import("../../bench/generate.js");
    const { parseAgency } = await import("../../src/domain/schema/parse-agency.js");
    const { budgetOverview } = await import("../../src/bot/flows/budget-list.js");
    const { htmlToPlain } = await import("../../src/local/fake-telegram.js");
    const parsed = parseAgency({
      ...benchAgency(3),
      budgetLines: [
        line("P1", "program", "Program Satu"),
        line("P2", "program", "Program Dua"),
        line("K1", "activity", "Kegiatan Satu", "P1"),
        line("K2", "activity", "Kegiatan Dua", "P2"),
        line("K3", "activity", "Kegiatan Tiga", "P1"),
        line("SK1", "subActivity", "Sub Kegiatan Satu", "K3"),
      ],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    const shown = budgetOverview(parsed.file, false)
      .map((m) => (m.kind === "text" ? htmlToPlain(m.html) : ""))
      .join("\n");
    expect(shown.split("\n").filter((l) => /^\s*\d/.test(l))).toEqual([
      "1 Program Satu: pagu belum diisi, realisasi belum diisi",
      "  1.1 Kegiatan Satu: pagu belum diisi, realisasi belum diisi",
      "  1.2 Kegiatan Tiga: pagu belum diisi, realisasi belum diisi",
      "    1.2.1 Sub Kegiatan Satu: pagu belum diisi, realisasi belum diisi",
      "2 Program Dua: pagu belum diisi, realisasi belum diisi",
      "  2.1 Kegiatan Dua: pagu belum diisi, realisasi belum diisi",
    ]);
  });
});
