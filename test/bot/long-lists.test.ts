import { describe, expect, it } from "vitest";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { SETUP_MESSAGES_MAX } from "../../src/bot/flows/setup.js";
import { ADMIN, VIEWER, harness, joinByInvitation, plain, registerAgency, type Harness } from "../support/bot-harness.js";

const INDICATORS = 140;
const LINES = 60;

/** An agency past what one Telegram keyboard holds: 140 indicators with long names, one of them supported by 60 budget lines. */
function longAgency(id: string): AgencyFileInput {
  const objectives = [0, 1].map((o) => ({
    id: `S${o + 1}`,
    code: String(o + 1),
    name: `Meningkatnya kualitas layanan kesejahteraan sosial bidang ${o + 1}`,
    indicators: Array.from({ length: INDICATORS / 2 }, (_, k) => ({
      id: `I${o + 1}_${k + 1}`,
      code: `${o + 1}.${k + 1}`,
      name: `Persentase penerima manfaat layanan kesejahteraan sosial bidang ${o + 1} nomor ${k + 1} yang terpenuhi kebutuhan dasarnya`,
      unit: "%",
      years: { "2024": { target: "90" } },
    })),
  }));
  const budgetLines = Array.from({ length: LINES }, (_, k) => ({
    id: `P${k + 1}`,
    level: "program" as const,
    code: `1.06.${k + 1}`,
    name: `Program penyelenggaraan kesejahteraan sosial ${k + 1}`,
    indicatorIds: ["I1_1"],
  }));
  return { format: "lkjip-instansi", version: 1, agency: { id, name: "Dinas Sosial Kabupaten Panjang", region: "Kabupaten Panjang", level: "kabupaten", strategicPlan: { startYear: 2021, endYear: 2026 }, reportingYear: 2024 }, objectives, budgetLines };
}

async function seeded(): Promise<{ h: Harness; id: string }> {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  const data = AgencyFileSchema.parse(longAgency(id));
  await h.repo.agencies.update(id, (doc) => ({ next: { ...doc!, data }, result: undefined }));
  return { h, id };
}

const buttonData = (replies: SentMessage[]) => replies.flatMap((m) => m.keyboard.flat().map((b) => b.callback_data));

/** Every message within Telegram's keyboard limits (the fake Telegram also refuses beyond them), the buttons in order. */
function expectSplit(replies: SentMessage[], keyboards: number): void {
  const withButtons = replies.filter((m) => m.keyboard.length > 0);
  expect(withButtons).toHaveLength(keyboards);
  for (const m of withButtons) {
    expect(m.keyboard.flat().length).toBeLessThanOrEqual(100);
    expect(Buffer.byteLength(JSON.stringify(m.keyboard))).toBeLessThanOrEqual(10_240);
  }
  // The keyboards after the first come on messages of their own, numbered.
  for (let k = 1; k < keyboards; k++) expect(withButtons[k]!.text).toBe(`Pilihan lainnya (${k + 1}/${keyboards}):`);
}

describe("lists longer than one Telegram keyboard", () => {
  it("/indikator, /grafik, /riwayat and /atur: 140 indicators are chosen by sasaran first, each sasaran's in one keyboard, and each works", async () => {
    const { h, id } = await seeded();
    const d = h.driver;
    const of = (o: number) => Array.from({ length: INDICATORS / 2 }, (_, k) => `I${o}_${k + 1}`);
    const bySasaran = "Instansi ini mempunyai 140 indikator, terlalu banyak untuk satu daftar tombol; pilih sasarannya dulu:";

    const chosen = await d.send(ADMIN, "/indikator");
    expect(chosen).toHaveLength(1);
    expect(plain(chosen)).toBe(`Pilih indikator untuk melihat ringkasan dan mengubah jawabannya:\n${bySasaran}`);
    expect(chosen[0]!.keyboard.flat().map((b) => [b.text, b.callback_data])).toEqual([
      ["Sasaran 1 (70 indikator)", "pi:ind:S1"],
      ["Sasaran 2 (70 indikator)", "pi:ind:S2"],
    ]);
    const second = await d.press(ADMIN, "Sasaran 2 (70 indikator)");
    expectSplit(second, 1);
    expect(plain(second).split("\n")[1]).toBe("Sasaran 2. Meningkatnya kualitas layanan kesejahteraan sosial bidang 2");
    expect(buttonData(second)).toEqual(of(2).map((i) => `ind:${i}`));
    expect(plain(await d.press(ADMIN, "2.70 "))).toContain("2.70 Persentase penerima manfaat layanan kesejahteraan sosial bidang 2 nomor 70");

    await d.send(ADMIN, "/grafik");
    expect(buttonData(await d.press(ADMIN, "📈 Tren"))).toEqual(["pi:tren:S1", "pi:tren:S2"]);
    const trend = await d.press(ADMIN, "Sasaran 1 (70 indikator)");
    expectSplit(trend, 1);
    expect(buttonData(trend)).toEqual(of(1).map((i) => `chart:tren:${i}`));

    // The charts of every indicator stay within what Telegram accepts for a photo (or go as a document).
    for (const chart of ["📊 Capaian per indikator", "📊 Capaian vs serapan anggaran"]) {
      await d.send(ADMIN, "/grafik");
      const sent = await d.press(ADMIN, chart);
      expect(sent).toHaveLength(1);
      expect(["sendPhoto", "sendDocument"]).toContain(sent[0]!.method);
    }

    expect(buttonData(await d.send(ADMIN, "/riwayat"))).toEqual(["pi:rw:S1", "pi:rw:S2", "rw:*"]);
    const history = await d.press(ADMIN, "Sasaran 2 (70 indikator)");
    expectSplit(history, 1);
    expect(buttonData(history)).toEqual([...of(2).map((i) => `rw:${i}`), "rw:*"]);

    // /atur: a line per sasaran; a sasaran's menu lists its indicators, each with its button.
    const setup = await d.send(ADMIN, "/atur");
    expect(setup).toHaveLength(1);
    expect(plain(setup)).toBe(
      [
        "Sasaran dan indikator Dinas Sosial Kabupaten Panjang (tahun 2024)",
        "1. Meningkatnya kualitas layanan kesejahteraan sosial bidang 1 — 70 indikator",
        "2. Meningkatnya kualitas layanan kesejahteraan sosial bidang 2 — 70 indikator",
        "",
        "Instansi ini mempunyai 140 indikator, terlalu banyak untuk dikirim sebagai satu daftar, jadi yang di atas hanya sasarannya. Pilih sasaran untuk melihat dan mengubah indikatornya.",
      ].join("\n"),
    );
    expect(buttonData(setup)).toEqual(["atur:o:new", "atur:paste", "atur:o:S1", "atur:o:S2"]);
    const sasaran = await d.press(ADMIN, "Sasaran 1");
    expectSplit(sasaran, 1);
    expect(plain(sasaran).split("\n")[0]).toBe("   1.1 Persentase penerima manfaat layanan kesejahteraan sosial bidang 1 nomor 1 yang terpenuhi kebutuhan dasarnya (%)");
    expect(buttonData(sasaran).slice(0, 70)).toEqual(of(1).map((i) => `atur:i:${i}`));
    expect(buttonData(sasaran).slice(70)).toEqual(["atur:o:addi:S1", "atur:o:ren:S1", "atur:o:del:S1", "atur:o:up:S1", "atur:o:down:S1", "atur:list"]);
    expect(plain(await d.press(ADMIN, "Indikator 1.70"))).toContain("Persentase penerima manfaat layanan kesejahteraan sosial bidang 1 nomor 70");

    // A reader has no buttons, so the whole list comes when its text fits in 5 messages, as here.
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");
    const read = await d.send(VIEWER, "/atur");
    expect(read.length).toBeLessThanOrEqual(SETUP_MESSAGES_MAX);
    expect(read.every((m) => m.keyboard.length === 0)).toBe(true);
    expect(plain(read).split("\n").filter((l) => /^ {3}\d+\.\d+ /.test(l))).toHaveLength(INDICATORS);

    // A sasaran button whose sasaran is gone, or whose indicators are.
    expect(plain(await d.pressData(ADMIN, "pi:ind:S9"))).toContain("Tombol ini sudah tidak berlaku");
    await h.repo.agencies.update(id, (doc) => ({ next: { ...doc!, data: { ...doc!.data, objectives: [doc!.data.objectives[0]!, { ...doc!.data.objectives[1]!, indicators: [] }] } }, result: undefined }));
    expect(plain(await d.pressData(ADMIN, "pi:rw:S2"))).toBe(
      "Riwayat perubahan indikator mana yang ingin dilihat?\nSasaran 2. Meningkatnya kualitas layanan kesejahteraan sosial bidang 2\nSasaran ini belum mempunyai indikator. Tambahkan lewat /atur.",
    );
    expect(h.telegram.refused).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("a budget line's indicator links by sasaran, and an indicator with 60 budget lines keeps all their buttons, the lines' in pages", async () => {
    const { h, id } = await seeded();
    const d = h.driver;
    await d.send(ADMIN, "/anggaran");
    await d.press(ADMIN, "Atur 1");
    // 140 indicators do not fit one keyboard: the sasaran first, then its indicators, each toggle in one keyboard.
    const links = await d.press(ADMIN, "🔗 Indikator");
    expectSplit(links, 1);
    expect(plain(links)).toBe(
      "Indikator yang didukung oleh Program penyelenggaraan kesejahteraan sosial 1 (✅ = terhubung). Ketuk untuk menghubungkan atau melepaskan:\nInstansi ini mempunyai 140 indikator, terlalu banyak untuk satu daftar tombol; pilih sasarannya dulu:",
    );
    expect(buttonData(links)).toEqual(["pi:lk:S1", "pi:lk:S2", "line:P1"]);
    const second = await d.press(ADMIN, "Sasaran 2 (70 indikator)");
    expectSplit(second, 1);
    expect(second[0]!.keyboard.flat().map((b) => b.text).slice(0, 2)).toEqual([
      "⬜ 2.1 Persentase penerima manfaat layanan kesejahteraan sosial b",
      "⬜ 2.2 Persentase penerima manfaat layanan kesejahteraan sosial b",
    ]);
    expect(buttonData(second).slice(-2)).toEqual(["pi:lk:*", "line:P1"]);
    // A toggle stores the link and shows the same sasaran again, the indicator ticked.
    const toggled = await d.pressData(ADMIN, "lk:I2_5");
    expectSplit(toggled, 1);
    expect(toggled[0]!.keyboard.flat().filter((b) => b.text.startsWith("✅")).map((b) => b.callback_data)).toEqual(["lk:I2_5"]);
    expect(buttonData(toggled)).toHaveLength(INDICATORS / 2 + 2);
    expect((await h.repo.agencies.read(id))!.data.budgetLines[0]!.indicatorIds).toEqual(["I1_1", "I2_5"]);
    // Back to the sasaran, and done.
    expect(buttonData(await d.press(ADMIN, "◀ Sasaran lain"))).toEqual(["pi:lk:S1", "pi:lk:S2", "line:P1"]);
    // The sasaran shown deleted by a colleague before a toggle: the toggle is stored, and the menu shows what is left.
    await d.press(ADMIN, "Sasaran 2 (70 indikator)");
    await h.repo.agencies.update(id, async (doc) => {
      const objectives = doc!.data.objectives.filter((o) => o.id !== "S2");
      const budgetLines = doc!.data.budgetLines.map((l) => ({ ...l, indicatorIds: l.indicatorIds.filter((i) => !i.startsWith("I2_")) }));
      return { next: { ...doc!, data: { ...doc!.data, objectives, budgetLines } }, result: undefined };
    });
    const after = await d.pressData(ADMIN, "lk:I1_2");
    expect(buttonData(after).filter((b) => b.includes("S2") || b.includes("I2_"))).toEqual([]);
    expect(buttonData(after).at(-1)).toBe("line:P1");
    expect((await h.repo.agencies.read(id))!.data.budgetLines[0]!.indicatorIds).toEqual(["I1_1", "I1_2"]);
    // A sasaran gone (a forged or older button) is said to be stale; so is a sasaran button once the menu is left.
    const STALE = "Tombol ini sudah tidak berlaku. Ketik perintahnya lagi untuk mendapatkan pilihan terbaru.";
    expect(plain(await d.pressData(ADMIN, "pi:lk:S9"))).toBe(STALE);
    expect(plain(await d.press(ADMIN, "✔️ Selesai"))).toContain("Program penyelenggaraan kesejahteraan sosial 1");
    expect(plain(await d.pressData(ADMIN, "pi:lk:S1"))).toBe(STALE);

    await d.send(ADMIN, "/indikator");
    await d.press(ADMIN, "Sasaran 1 (70 indikator)");
    const opened = await d.press(ADMIN, "1.1 ");
    // Target and realisasi of three years, Renstra, national, the button for the 60 lines, three factors: one keyboard.
    expect(buttonData(opened)).toHaveLength(6 + 2 + 1 + 3);
    expectSplit(opened, 1);
    // The lines' own buttons, pagu and realisasi of each, over pages of one keyboard each.
    let page = await d.press(ADMIN, "💰 60 baris anggaran");
    const lineButtons: string[] = [];
    for (;;) {
      expectSplit(page, 1);
      lineButtons.push(...buttonData(page).filter((b) => b.startsWith("e:line:")));
      const next = page.at(-1)!.keyboard.flat().find((b) => b.text.endsWith("▶"));
      if (!next) break;
      page = await d.press(ADMIN, next.text);
    }
    expect(lineButtons).toEqual(Array.from({ length: LINES }, (_, k) => [`e:line:P${k + 1}:budget`, `e:line:P${k + 1}:spent`]).flat());
    expect(h.telegram.refused).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
