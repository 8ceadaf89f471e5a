/**
 * /anggaran of an agency whose budget list is longer than BUDGET_MESSAGES_MAX
 * messages: the list cut at the deepest level that fits, a button for the
 * rincian of each line cut short, and pages when even one level does not fit;
 * a shorter list (the Dumai demo) still comes whole.
 */
import { describe, expect, it } from "vitest";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { BUDGET_MESSAGES_MAX } from "../../src/bot/flows/budget-list.js";
import type { SentMessage } from "../../src/local/fake-telegram.js";
import { seedDemo } from "../../src/local/demo.js";
import { benchAgency } from "../../bench/generate.js";
import { largeAgencyParts } from "../../bench/large-agency.js";
import { ADMIN, VIEWER, harness, joinByInvitation, plain, registerAgency, setAgencyData, type Harness } from "../support/bot-harness.js";

const buttons = (m: SentMessage | undefined) => (m?.keyboard ?? []).flat().map((b) => [b.text, b.callback_data]);
/** The numbered lines of the list ("  1.2 Kegiatan …"), as shown. */
const rows = (replies: SentMessage[]) => plain(replies).split("\n").filter((l) => /^\s*\d+(\.\d+)* /.test(l));

async function agency(parts: Pick<AgencyFileInput, "objectives" | "budgetLines">): Promise<{ h: Harness; id: string }> {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await setAgencyData(h, id, parts);
  return { h, id };
}

describe("/anggaran of a list too long to send whole", () => {
  it("the benchmark's 200 lines: down to the kegiatan in one message, and the rincian of a kegiatan on its button", async () => {
    const { objectives, budgetLines } = benchAgency(1);
    const { h } = await agency({ objectives, budgetLines });
    await joinByInvitation(h, ADMIN, VIEWER, "Pembaca (banyak orang)");

    const replies = await h.driver.send(ADMIN, "/anggaran");
    expect(replies).toHaveLength(2);
    const shown = rows(replies);
    // 8 programs and their 24 kegiatan; each kegiatan says how many sub kegiatan it has.
    expect(shown).toHaveLength(32);
    expect(shown.slice(0, 3)).toEqual([
      "1 Program penyelenggaraan kesejahteraan sosial 1: pagu Rp9.215.000.000, realisasi Rp7.716.840.135 (83,74%) · 🔗 2.2",
      "  1.1 Kegiatan pelayanan sosial 1.1: pagu Rp3.232.000.000, realisasi Rp2.717.002.345 (84,07%) · 📂 7 rincian",
      "  1.2 Kegiatan pelayanan sosial 1.2: pagu Rp3.097.000.000, realisasi Rp2.477.558.362 (80,00%) · 📂 7 rincian",
    ]);
    expect(plain(replies)).toContain("\n\nJumlah: pagu Rp");
    const last = replies.at(-1)!;
    expect(plain([last])).toBe(
      `Daftar anggaran terlalu panjang untuk dikirim sebagai pesan (200 baris; paling banyak ${BUDGET_MESSAGES_MAX} pesan), jadi yang di atas hanya sampai tingkat kegiatan. Pilih baris untuk melihat rinciannya:`,
    );
    const kegiatan = Array.from({ length: 24 }, (_, k) => `${Math.floor(k / 3) + 1}.${(k % 3) + 1}`);
    expect(buttons(last)).toEqual([
      ...kegiatan.map((n) => [`📂 Rincian ${n}`, `agr:K${n.replace(".", "_")}`]),
      ["➕ Program baru", "line:new:program"],
      ...Array.from({ length: 8 }, (_, p) => [`Atur ${p + 1}`, `line:P${p + 1}`]),
    ]);

    const detail = await h.driver.press(ADMIN, "📂 Rincian 1.1");
    expect(detail).toHaveLength(1);
    const lines = plain(detail).split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "Rincian 1.1 Kegiatan pelayanan sosial 1.1",
      "Dinas Sosial Kabupaten Contoh — tahun 2024",
      "1.1 Kegiatan pelayanan sosial 1.1: pagu Rp3.232.000.000, realisasi Rp2.717.002.345 (84,07%)",
    ]);
    expect(rows(detail).slice(1).map((l) => l.split(":")[0])).toEqual(Array.from({ length: 7 }, (_, k) => `  1.1.${k + 1} Sub kegiatan penyediaan layanan sosial dasar 1.1.${k + 1}`));
    // To edit the kegiatan or one of its sub kegiatan, and back to the list.
    expect(buttons(detail[0])).toEqual([
      ["Atur 1.1", "line:K1_1"],
      ["⬅️ Daftar anggaran", "line:list"],
      ...Array.from({ length: 7 }, (_, k) => [`Atur 1.1.${k + 1}`, `line:SK1_1_${k + 1}`]),
    ]);
    // Back to the list; and "Atur 1.1" opens the kegiatan's menu as before.
    expect(await h.driver.press(ADMIN, "⬅️ Daftar anggaran")).toHaveLength(2);
    await h.driver.press(ADMIN, "📂 Rincian 1.1");
    expect(plain(await h.driver.press(ADMIN, "Atur 1.1"))).toContain("1.1 Kegiatan pelayanan sosial 1.1\nPagu: Rp3.232.000.000");

    // A reader sees the same list and rincian, without the buttons that edit.
    const read = await h.driver.send(VIEWER, "/anggaran");
    expect(rows(read)).toEqual(shown);
    expect(buttons(read.at(-1)).map(([text]) => text)).toEqual(kegiatan.map((n) => `📂 Rincian ${n}`));
    expect(buttons((await h.driver.press(VIEWER, "📂 Rincian 8.3"))[0])).toEqual([["⬅️ Daftar anggaran", "line:list"]]);
    expect(h.telegram.refused).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("5,000 lines, 4,998 of them under one kegiatan: that kegiatan's rincian comes in pages, every line once and in order", { timeout: 120_000 }, async () => {
    const { h, id } = await agency(largeAgencyParts(100, 5000));
    const list = await h.driver.send(ADMIN, "/anggaran");
    expect(list).toHaveLength(2);
    expect(rows(list).map((l) => l.replace(/: pagu .*?(?= · 📂|$)/, ""))).toEqual(["1 Program 1", "  1.1 Kegiatan 1 · 📂 4.998 rincian"]);
    expect(buttons(list.at(-1)).map(([text]) => text)).toEqual(["📂 Rincian 1.1", "➕ Program baru", "Atur 1"]);

    let page = await h.driver.press(ADMIN, "📂 Rincian 1.1");
    const seen: string[] = [];
    const notes: string[] = [];
    for (let p = 1; ; p++) {
      expect(page.length).toBeLessThanOrEqual(BUDGET_MESSAGES_MAX + 1);
      // The kegiatan itself heads every page; its sub kegiatan follow.
      expect(rows(page)[0]).toMatch(/^1\.1 Kegiatan 1: pagu /);
      seen.push(...rows(page).slice(1).map((l) => l.trim().split(" ")[0]!));
      notes.push(plain([page.at(-1)!]));
      const next = buttons(page.at(-1)).find(([text]) => text === `Halaman ${p + 1} ▶`);
      // Every page's buttons in one keyboard.
      expect(page.filter((m) => m.keyboard.length > 0)).toEqual([page.at(-1)]);
      if (!next) break;
      expect(next[1]).toBe(`agr:K1:${p}`);
      page = await h.driver.press(ADMIN, `Halaman ${p + 1} ▶`);
    }
    expect(seen).toEqual(Array.from({ length: 4998 }, (_, k) => `1.1.${k + 1}`));
    const pages = notes.length;
    expect(pages).toBeGreaterThan(10);
    expect(notes[0]).toBe(
      `Rincian 1.1 Kegiatan 1 terlalu panjang untuk dikirim sebagai pesan (4.998 baris; paling banyak ${BUDGET_MESSAGES_MAX} pesan), jadi dikirim per halaman: ini halaman 1 dari ${pages}.`,
    );
    expect(notes.at(-1)).toContain(`ini halaman ${pages} dari ${pages}.`);
    // The last page goes back, not forward; the kegiatan's menu and the list are still a button away, and each
    // sub kegiatan on the page has its own.
    const onLast = rows(page).slice(1).map((l) => l.trim().split(" ")[0]!);
    expect(buttons(page.at(-1))).toEqual([
      [`◀ Halaman ${pages - 1}`, `agr:K1:${pages - 2}`],
      ["Atur 1.1", "line:K1"],
      ["⬅️ Daftar anggaran", "line:list"],
      ...onLast.map((n) => [`Atur ${n}`, `line:SK${Number(n.split(".")[2]) - 1}`]),
    ]);
    // The kegiatan's menu has a button for that list rather than 4,998 buttons of its own.
    const menu = await h.driver.press(ADMIN, "Atur 1.1");
    expect(menu).toHaveLength(1);
    expect(buttons(menu[0])).toEqual([
      ["➕ Sub kegiatan", "line:new:subActivity:K1"],
      ["📂 Rincian 1.1", "agr:K1"],
      ...["✏️ Nama:name", "💰 Pagu:budget", "💰 Realisasi:spent", "🔗 Indikator:link", "📝 Catatan/alasan:note", "🗑 Hapus:del"].map((b) => [b.split(":")[0], `line:${b.split(":")[1]}:K1`]),
      ["✔️ Selesai", "line:list"],
    ]);
    // A page that no longer exists (the list got shorter meanwhile) shows the last one.
    expect(plain(await h.driver.pressData(ADMIN, "agr:K1:999"))).toContain(`ini halaman ${pages} dari ${pages}.`);
    // The pages are kept with the stored agency: a change makes them again (a sub kegiatan deleted, another's pagu changed).
    const firstPage = async () => plain(await h.driver.pressData(ADMIN, "agr:K1:0"));
    expect(rows(await h.driver.pressData(ADMIN, "agr:K1:0"))[1]).toMatch(/^ {2}1\.1\.1 Sub kegiatan 0: /);
    await h.repo.agencies.update(id, (doc) => {
      const budgetLines = doc!.data.budgetLines.filter((l) => l.id !== "SK0").map((l) => (l.id === "SK1" ? { ...l, budget: "123456789" } : l));
      return { next: { ...doc!, data: { ...doc!.data, budgetLines } }, result: undefined };
    });
    const changed = await firstPage();
    expect(changed.split("\n").filter((l) => /^\s*\d+(\.\d+)* /.test(l))[1]).toMatch(/^ {2}1\.1\.1 Sub kegiatan 1: pagu Rp123\.456\.789, /);
    expect(changed).toContain("(4.997 baris; paling banyak 5 pesan)");
    expect(h.errors).toEqual([]);
    expect(h.telegram.refused).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("300 programs with long names: even the programs come in pages", { timeout: 60_000 }, async () => {
    const budgetLines = Array.from({ length: 300 }, (_, k) => ({
      id: `P${k + 1}`,
      level: "program" as const,
      name: `Program penyelenggaraan kesejahteraan sosial dan pemberdayaan masyarakat nomor ${k + 1}`,
      budget: "1000000",
      indicatorIds: [],
    }));
    const { h } = await agency({ objectives: [], budgetLines });
    const first = await h.driver.send(ADMIN, "/anggaran");
    expect(first.length).toBeLessThanOrEqual(BUDGET_MESSAGES_MAX + 1);
    const note = plain([first.at(-1)!]);
    expect(note).toMatch(/^Daftar anggaran terlalu panjang untuk dikirim sebagai pesan \(300 baris; paling banyak 5 pesan\), jadi dikirim per halaman: ini halaman 1 dari (\d+)\.$/);
    const pages = Number(/dari (\d+)\./.exec(note)![1]);
    expect(buttons(first.at(-1))[0]).toEqual(["Halaman 2 ▶", "agr:-:1"]);
    // Each page: at most BUDGET_MESSAGES_MAX messages of lines and the note, whose one keyboard has a button to edit
    // each program shown; the total of the whole list closes every page; every program once, in order.
    const shown: string[] = [];
    for (let p = 1, page = first; p <= pages; p++) {
      if (p > 1) page = await h.driver.press(ADMIN, `Halaman ${p} ▶`);
      expect(page.length).toBeLessThanOrEqual(BUDGET_MESSAGES_MAX + 1);
      expect(page.filter((m) => m.keyboard.length > 0)).toEqual([page.at(-1)]);
      expect(plain(page)).toContain("\n\nJumlah: pagu Rp300.000.000, realisasi belum diisi");
      const numbers = rows(page).map((l) => l.split(" ")[0]!);
      expect(buttons(page.at(-1)).filter(([text]) => text!.startsWith("Atur ")).map(([text]) => text)).toEqual(numbers.map((n) => `Atur ${n}`));
      shown.push(...numbers);
    }
    expect(shown).toEqual(Array.from({ length: 300 }, (_, k) => String(k + 1)));
    expect(h.telegram.refused).toEqual([]);
  });

  it("the Dumai demo's 89 lines still come whole, without a note", async () => {
    const h = await harness();
    await seedDemo(h.services, ADMIN);
    const replies = await h.driver.send(ADMIN, "/anggaran");
    expect(replies).toHaveLength(3);
    expect(rows(replies)).toHaveLength(89);
    expect(plain(replies)).not.toContain("terlalu panjang");
    expect(plain(replies)).not.toContain("📂");
  });

  it("a rincian button whose line has been deleted meanwhile says so", async () => {
    const { objectives, budgetLines } = benchAgency(1);
    const { h, id } = await agency({ objectives, budgetLines });
    await h.driver.send(ADMIN, "/anggaran");
    await setAgencyData(h, id, { objectives, budgetLines: budgetLines!.filter((l) => l.id !== "K1_1" && l.parentId !== "K1_1") });
    expect(plain(await h.driver.press(ADMIN, "📂 Rincian 1.1"))).toContain("Tombol ini sudah tidak berlaku");
  });
});
