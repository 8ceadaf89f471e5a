import { Bot, GrammyError, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { FAKE_BOT_INFO, FakeTelegram } from "../../src/local/fake-telegram.js";
import { htmlProblems } from "../../src/local/telegram-html.js";

describe("Telegram HTML as the Bot API accepts it", () => {
  it("accepts the tags and entities Telegram supports", () => {
    expect(htmlProblems('<b>Capaian</b> 107,64% &lt; 120% &amp; <i>naik</i> <a href="https://x.id">tautan</a> &#8805; <code>1.1</code>')).toEqual([]);
    expect(htmlProblems("<pre>tabel</pre>\n<blockquote>kutipan</blockquote><tg-spoiler>s</tg-spoiler>")).toEqual([]);
  });

  it("names what Telegram refuses", () => {
    expect(htmlProblems("Format: /cek <realisasi> 80")).toEqual([
      'Unsupported start tag "realisasi" at byte offset 13',
      'Can\'t find end tag corresponding to start tag "realisasi"',
    ]);
    expect(htmlProblems("skala (≥ 91 … < 51 Sangat Rendah)")).toEqual(['Unexpected "<" in text (write &lt; or &gt;)']);
    expect(htmlProblems("<b>tebal</i>")).toEqual(['Unmatched end tag "i"']);
    expect(htmlProblems("Rp 5 juta & lebih")).toEqual(['Unsupported entity "&" (write &amp; for &)']);
    expect(htmlProblems("&nbsp;")).toEqual(['Unsupported entity "&nbsp;" (write &amp; for &)']);
    expect(htmlProblems("<b> </b>")).toEqual(["message text is empty"]);
  });

  it("counts the length on the text Telegram shows: tags left out, entities as one character", () => {
    expect(htmlProblems(`<b>${"a".repeat(4096)}</b>`)).toEqual([]);
    expect(htmlProblems(`${"&lt;".repeat(4096)}`)).toEqual([]);
    expect(htmlProblems("a".repeat(4097))).toEqual(["message is too long (4097 characters, at most 4096)"]);
    expect(htmlProblems("a".repeat(1025), 1024)).toEqual(["message is too long (1025 characters, at most 1024)"]);
  });
});

describe("the fake Telegram refuses what Telegram refuses", () => {
  function bot(): { bot: Bot; telegram: FakeTelegram } {
    const telegram = new FakeTelegram();
    const b = new Bot("123:TEST", { botInfo: FAKE_BOT_INFO });
    telegram.install(b);
    return { bot: b, telegram };
  }

  it("answers 400 for HTML it cannot parse, records it, and delivers nothing", async () => {
    const { bot: b, telegram } = bot();
    const error = await b.api.sendMessage(1, "Format: /cek <realisasi>", { parse_mode: "HTML" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
    expect((error as GrammyError).description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "realisasi" at byte offset 13');
    expect(telegram.sent).toEqual([]);
    expect(telegram.refused).toEqual([{ method: "sendMessage", problem: 'Unsupported start tag "realisasi" at byte offset 13', text: "Format: /cek <realisasi>" }]);
    // The check after each test (test/support/refused-messages.ts) sees every instance's refusals: take this one back.
    expect(FakeTelegram.refusedAnywhere.splice(0)).toEqual(telegram.refused);
  });

  it("refuses a message or caption over the limit, and an empty message; plain text may hold < and &", async () => {
    const { bot: b, telegram } = bot();
    await expect(b.api.sendMessage(1, "x".repeat(4097))).rejects.toThrow("Bad Request: message is too long");
    await expect(b.api.sendMessage(1, "<b></b>", { parse_mode: "HTML" })).rejects.toThrow("Bad Request: message text is empty");
    const photo = new InputFile(new Uint8Array([1, 2, 3]), "grafik.png");
    await expect(b.api.sendPhoto(1, photo, { caption: "y".repeat(1025), parse_mode: "HTML" })).rejects.toThrow("Bad Request: message is too long");
    expect(telegram.refused.map((r) => r.method)).toEqual(["sendMessage", "sendMessage", "sendPhoto"]);
    FakeTelegram.refusedAnywhere.splice(0);

    await b.api.sendMessage(1, "5 < 6 & 7 > 3");
    await b.api.sendPhoto(1, photo, { caption: "<b>Grafik</b> capaian", parse_mode: "HTML" });
    await b.api.sendDocument(1, new InputFile(new Uint8Array([1]), "bab3.docx"));
    expect(telegram.sent.map((m) => [m.method, m.text || m.caption])).toEqual([
      ["sendMessage", "5 < 6 & 7 > 3"],
      ["sendPhoto", "<b>Grafik</b> capaian"],
      ["sendDocument", undefined],
    ]);
    expect(telegram.refused).toHaveLength(3);
  });

  it("refuses a photo whose sides add up to over 10,000 px or differ over 20 times, and a file over 50 MB", async () => {
    const { bot: b, telegram } = bot();
    /** The first 24 bytes of a PNG of this size (signature and IHDR): all the fake Telegram reads. */
    const png = (width: number, height: number) => {
      const bytes = new Uint8Array(24);
      bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      const view = new DataView(bytes.buffer);
      view.setUint32(16, width);
      view.setUint32(20, height);
      return new InputFile(bytes, "grafik.png");
    };
    await b.api.sendPhoto(1, png(1200, 8800));
    await expect(b.api.sendPhoto(1, png(1200, 8801))).rejects.toThrow("Bad Request: PHOTO_INVALID_DIMENSIONS");
    await expect(b.api.sendPhoto(1, png(300, 6001))).rejects.toThrow("Bad Request: PHOTO_INVALID_DIMENSIONS");
    // The same picture as a document is delivered; a file over 50 MB is not.
    await b.api.sendDocument(1, png(300, 6001));
    await expect(b.api.sendDocument(1, new InputFile(new Uint8Array(50 * 1024 * 1024 + 1), "besar.docx"))).rejects.toThrow("Request Entity Too Large");
    expect(telegram.sent.map((m) => m.method)).toEqual(["sendPhoto", "sendDocument"]);
    expect(telegram.refused.map((r) => r.problem)).toEqual(["photo of 1200 × 8801 px", "photo of 300 × 6001 px", "file too large (52428801 bytes, at most 52428800)"]);
    FakeTelegram.refusedAnywhere.splice(0);
  });

  it("refuses an inline keyboard of more than 100 buttons, 8 in a row, or 10 KB", async () => {
    const { bot: b, telegram } = bot();
    const keys = (rows: number, perRow: number, label = "Tombol") => ({
      inline_keyboard: Array.from({ length: rows }, (_, r) => Array.from({ length: perRow }, (_, c) => ({ text: label, callback_data: `x:${r}:${c}` }))),
    });
    await b.api.sendMessage(1, "Pilih:", { reply_markup: keys(25, 4) });
    await expect(b.api.sendMessage(1, "Pilih:", { reply_markup: keys(101, 1) })).rejects.toThrow("Bad Request: reply markup is too long");
    await expect(b.api.sendMessage(1, "Pilih:", { reply_markup: keys(1, 9) })).rejects.toThrow("Bad Request: reply markup is too long");
    await expect(b.api.sendMessage(1, "Pilih:", { reply_markup: keys(60, 1, "x".repeat(200)) })).rejects.toThrow("Bad Request: reply markup is too long");
    expect(telegram.sent).toHaveLength(1);
    expect(telegram.refused.map((r) => r.problem)).toEqual([
      "reply markup is too long (101 buttons, at most 100)",
      "reply markup is too long (9 buttons in a row, at most 8)",
      expect.stringMatching(/^reply markup is too long \(1\d{4} bytes, at most 10240\)$/),
    ]);
    FakeTelegram.refusedAnywhere.splice(0);
  });

  it("finds a button by its label: exact, by its start in any case, or without the emoji before it", async () => {
    const { bot: b, telegram } = bot();
    const row = (...labels: string[]) => ({ inline_keyboard: [labels.map((text, i) => ({ text, callback_data: `b:${i}` }))] });
    await b.api.sendMessage(1, "Pilih:", { reply_markup: row("📊 Capaian per indikator", "📊 Capaian vs serapan anggaran", "🔑", "Kota") });
    const data = (label: string) => telegram.findButton(1, label)?.data;
    expect(data("📊 Capaian vs serapan anggaran")).toBe("b:1");
    expect(data("📊 capaian VS")).toBe("b:1");
    expect(data("Capaian vs")).toBe("b:1");
    expect(data("capaian")).toBe("b:0"); // the first that fits
    expect(data("🔑")).toBe("b:2");
    expect(data("🔒")).toBeUndefined(); // marks alone match no other button
    expect(data("Kabupaten")).toBeUndefined();
  });
});
