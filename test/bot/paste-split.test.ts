/**
 * /tempel with a Perjanjian Kinerja longer than one Telegram message: Telegram
 * splits a text over 4,096 characters into several messages, cutting at a line
 * break or inside a line. The parts after the first, which have no header row,
 * are read as the same table, and the preview and "Simpan" cover all of it.
 */
import { describe, expect, it } from "vitest";
import { ADMIN, harness, plain, registerAgency } from "../support/bot-harness.js";

/** A table copied from Word: a title, the header, the column numbers and 40 rows, about 7,000 characters. */
function longTable(): string {
  const rows = Array.from({ length: 40 }, (_, k) => {
    const n = k + 1;
    return `${n}\tMeningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang ${Math.ceil(n / 5)}\tPersentase penerima manfaat layanan rehabilitasi sosial dasar yang terpenuhi kebutuhan dasarnya nomor ${n}\t${80 + (n % 10)}%`;
  });
  return ["PERJANJIAN KINERJA TAHUN 2024", "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "(1)\t(2)\t(3)\t(4)", ...rows].join("\n");
}

/** Telegram's cut: the last line break (or space) before 4,096 characters, which it drops. */
function split(text: string, at: "\n" | " "): [string, string] {
  const cut = text.lastIndexOf(at, 4096);
  return [text.slice(0, cut), text.slice(cut + 1)];
}

describe("/tempel of a table Telegram split into two messages", () => {
  for (const [where, at] of [["at a line break", "\n"], ["inside a line", " "]] as const) {
    it(`reads the second message as the rest of the table (cut ${where})`, async () => {
      const h = await harness();
      const id = await registerAgency(h, ADMIN);
      const d = h.driver;
      const [first, second] = split(longTable(), at);
      expect(first.length).toBeGreaterThan(3500);
      expect(first.length).toBeLessThanOrEqual(4096);
      await d.send(ADMIN, "/tempel");
      const firstPreview = plain(await d.send(ADMIN, first));
      expect(firstPreview).not.toContain("lanjutan");
      const preview = plain(await d.send(ADMIN, second));
      expect(preview).toContain("Pesan ini saya baca sebagai lanjutan tabel sebelumnya (Telegram memotong pesan yang panjang); nomor baris dihitung dari awal tabel.");
      expect(preview).toContain("Pratinjau (40 baris, tahun 2024):");
      expect(preview).not.toContain("Masalah");
      expect(preview).toContain("Simpan 40 baris yang benar?");
      expect(plain(await d.press(ADMIN, "✅ Simpan"))).toContain("8 sasaran baru, 40 indikator baru");
      const data = (await h.repo.agencies.read(id))!.data;
      const indicators = data.objectives.flatMap((o) => o.indicators);
      expect(indicators).toHaveLength(40);
      expect(indicators.map((i) => [i.name.replace(/.* nomor /, ""), i.unit, i.years["2024"]?.target]).slice(18, 22)).toEqual([
        ["19", "%", "89"],
        ["20", "%", "80"],
        ["21", "%", "81"],
        ["22", "%", "82"],
      ]);
      expect(h.errors).toEqual([]);
    });
  }

  it("a short message after a short paste is a new paste, not a continuation", async () => {
    const h = await harness();
    await registerAgency(h, ADMIN);
    const d = h.driver;
    await d.send(ADMIN, "/tempel");
    await d.send(ADMIN, "Sasaran A | Persentase layanan | % | 90");
    const again = plain(await d.send(ADMIN, "Sasaran B | Jumlah KPM | KPM | 25"));
    expect(again).not.toContain("lanjutan");
    expect(again).toContain("Pratinjau (1 baris, tahun 2024):");
    expect(again).toContain("Sasaran B");
    expect(again).not.toContain("Sasaran A");
  });
});
