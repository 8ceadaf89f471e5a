/**
 * A form for a sasaran, an indicator or a budget line whose target a
 * colleague deleted while it was open: the officer's last answer is not
 * acknowledged as stored (nothing is), the bot says why, and it does not
 * crash. Found by the random walk (test/bot/random-walk.test.ts): a new
 * indicator under a deleted sasaran threw, and the other forms answered
 * "✅ Perubahan disimpan." with nothing stored. Likewise an indicator that a
 * colleague replaced by a new IKU while another replacement was being typed
 * (which renamed the colleague's new IKU).
 */
import { describe, expect, it } from "vitest";
import { ADMIN, OFFICER, addProgram, harness, joinByInvitation, pasteTable, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import { storedText } from "../support/on-disk.js";

async function agencyWithColleague(): Promise<{ h: Harness; id: string }> {
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await pasteTable(h, ADMIN, "Sasaran A | Persentase layanan | % | 90\nSasaran B | Jumlah KPM | KPM | 25");
  await addProgram(h, ADMIN, "Program Perlindungan Sosial", "Rp 1,5 M");
  await joinByInvitation(h, ADMIN, OFFICER);
  const data = (await h.repo.agencies.read(id))!.data;
  expect(data.objectives.map((o) => [o.id, o.indicators.map((i) => i.id)])).toEqual([
    ["S1", ["I1"]],
    ["S2", ["I2"]],
  ]);
  expect(data.budgetLines.map((l) => l.id)).toEqual(["P1"]);
  return { h, id };
}

/** What the bot says to a form whose target is gone. */
const gone = (jenis: string, perintah: string) =>
  `${jenis} ini sudah tidak ada (mungkin dihapus oleh rekan Anda), jadi tidak ada yang disimpan. Ketik ${perintah} untuk melihat yang ada sekarang.`;

/** The colleague deletes with the confirmation buttons of /atur or /anggaran. */
async function colleagueDeletes(h: Harness, kind: "o" | "i" | "line", targetId: string): Promise<void> {
  const prefix = kind === "line" ? "line" : `atur:${kind}`;
  await h.driver.pressData(OFFICER, `${prefix}:del:${targetId}`);
  expect(plain(await h.driver.pressData(OFFICER, `${prefix}:delok:${targetId}`))).toContain("dihapus");
}

describe("a form whose target was deleted meanwhile", () => {
  it("renaming a sasaran, or adding an indicator to it", async () => {
    const { h, id } = await agencyWithColleague();
    const d = h.driver;
    await d.pressData(ADMIN, "atur:o:ren:S1");
    await colleagueDeletes(h, "o", "S1");
    const before = await storedText(h.dir, "instansi", id);
    expect(plain(await d.send(ADMIN, "Meningkatnya Layanan Sosial"))).toBe(
      gone("Sasaran", "/atur"),
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(before);

    // The colleague's new indicator, all its steps answered, after the admin deleted its sasaran.
    await d.pressData(OFFICER, "atur:o:addi:S2");
    await d.send(OFFICER, "Persentase KPM graduasi");
    await d.send(OFFICER, "%");
    await d.pressData(OFFICER, "new:pol:positive");
    await d.pressData(OFFICER, "new:kind:value");
    await d.pressData(OFFICER, "new:skip");
    await d.pressData(ADMIN, "atur:o:del:S2");
    await d.pressData(ADMIN, "atur:o:delok:S2");
    const emptied = await storedText(h.dir, "instansi", id);
    expect(plain(await d.pressData(OFFICER, "new:skip"))).toBe(
      gone("Sasaran", "/atur"),
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(emptied);
    expect((await h.repo.agencies.read(id))!.data.objectives).toEqual([]);
    // Both are idle again: text is not taken for the form.
    expect(plain(await d.send(OFFICER, "Persentase lain"))).toContain("Maaf, saya belum memahami pesan itu.");
    expect(h.errors).toEqual([]);
  });

  it("changing an indicator's unit, name or definition", async () => {
    const { h, id } = await agencyWithColleague();
    const d = h.driver;
    await d.pressData(ADMIN, "atur:i:unit:I1");
    await colleagueDeletes(h, "i", "I1");
    const before = await storedText(h.dir, "instansi", id);
    expect(plain(await d.send(ADMIN, "orang"))).toBe(
      gone("Indikator", "/atur"),
    );
    await d.pressData(ADMIN, "atur:i:def:I2");
    await colleagueDeletes(h, "i", "I2");
    expect(plain(await d.send(ADMIN, "Jumlah keluarga penerima manfaat yang lulus"))).toContain("Indikator ini sudah tidak ada");
    expect(await storedText(h.dir, "instansi", id)).not.toBe(before); // the colleague's second deletion
    expect((await h.repo.agencies.read(id))!.data.objectives.flatMap((o) => o.indicators)).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it("replacing an indicator by a new IKU that a colleague replaced meanwhile", async () => {
    const { h, id } = await agencyWithColleague();
    const d = h.driver;
    await d.pressData(ADMIN, "atur:i:repl:I1");
    await d.pressData(OFFICER, "atur:i:repl:I1");
    expect(plain(await d.send(ADMIN, "Persentase PSKS yang aktif"))).toContain("✅ Persentase PSKS yang aktif sekarang menggantikan IKU lama \"Persentase layanan\"");
    const before = await storedText(h.dir, "instansi", id);
    expect(plain(await d.send(OFFICER, "Persentase PSKS yang diberdayakan"))).toContain(
      'IKU lama "Persentase layanan" sudah diganti dengan Persentase PSKS yang aktif oleh rekan Anda sejak Anda membuka menu ini, jadi tidak ada yang disimpan. Bila nama IKU baru perlu diubah, pilih ✏️ Ubah nama.',
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(before);
    const indicator = (await h.repo.agencies.read(id))!.data.objectives[0]!.indicators[0]!;
    expect([indicator.name, indicator.predecessor?.name]).toEqual(["Persentase PSKS yang aktif", "Persentase layanan"]);
    expect(h.errors).toEqual([]);
  });

  it("changing a budget line's pagu, linking it, or adding a kegiatan under it", async () => {
    const { h, id } = await agencyWithColleague();
    const d = h.driver;
    await d.pressData(OFFICER, "line:new:activity:P1");
    await d.send(OFFICER, "Rehabilitasi Sosial Dasar");
    await d.send(OFFICER, "Rp 700 jt");
    await d.pressData(ADMIN, "line:del:P1");
    await d.pressData(ADMIN, "line:delok:P1");
    const before = await storedText(h.dir, "instansi", id);
    expect(plain(await d.send(OFFICER, "Rp 650 jt"))).toBe(
      gone("Program", "/anggaran"),
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(before);
    expect((await h.repo.agencies.read(id))!.data.budgetLines).toEqual([]);

    // A new program; its pagu asked, and its list of indicators to link, each while a colleague deletes it.
    await addProgram(h, ADMIN, "Program Pemberdayaan Sosial");
    let lineId = (await h.repo.agencies.read(id))!.data.budgetLines[0]!.id;
    await d.pressData(ADMIN, `line:budget:${lineId}`);
    await colleagueDeletes(h, "line", lineId);
    const deleted = await storedText(h.dir, "instansi", id);
    expect(plain(await d.send(ADMIN, "Rp 2 M"))).toBe(
      gone("Program", "/anggaran"),
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(deleted);

    await addProgram(h, ADMIN, "Program Jaminan Sosial");
    lineId = (await h.repo.agencies.read(id))!.data.budgetLines[0]!.id;
    await d.pressData(ADMIN, `line:link:${lineId}`);
    await colleagueDeletes(h, "line", lineId);
    const linked = await storedText(h.dir, "instansi", id);
    expect(plain(await d.pressData(ADMIN, "lk:I1"))).toBe(
      gone("Baris anggaran", "/anggaran"),
    );
    expect(await storedText(h.dir, "instansi", id)).toBe(linked);
    expect(h.errors).toEqual([]);
  });
});
