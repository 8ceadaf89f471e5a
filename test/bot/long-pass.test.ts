/**
 * An /isi pass longer than the conversation state can remember: a large
 * agency (here 1,001 programs: 2,002 budget questions) where the officer skips
 * 2,000 questions, answers, goes back and skips again. The state stays one the
 * bot can read at every step: "kembali" remembers the latest MAX_PREVIOUS
 * questions, and a skip beyond MAX_SKIPPED ends the pass with a message
 * instead of leaving a conversation the next message cannot continue.
 */
import { expect, it } from "vitest";
import { MAX_PREVIOUS, MAX_SKIPPED, readState } from "../../src/bot/state.js";
import { ADMIN, harness, pasteTable, plain, registerAgency } from "../support/bot-harness.js";

const PROGRAMS = 1001;

it("a pass of more than 2,000 questions: skips and answers stay readable, the 2,001st skip ends the pass", { timeout: 120_000 }, async () => {
  expect(MAX_SKIPPED).toBe(2000);
  expect(MAX_PREVIOUS).toBe(2000);
  const h = await harness();
  const id = await registerAgency(h, ADMIN);
  await pasteTable(h, ADMIN, "Meningkatnya kesejahteraan sosial | Persentase PSKS aktif | % | 80");
  await h.repo.agencies.update(id, async (doc) => {
    const indicatorIds = [doc!.data.objectives[0]!.indicators[0]!.id]; // budget questions are asked for an indicator's lines
    const budgetLines = Array.from({ length: PROGRAMS }, (_, i) => ({ id: `P${i + 1}`, level: "program" as const, name: `Program ${i + 1}`, indicatorIds }));
    return { next: { ...doc!, data: { ...doc!.data, budgetLines } }, result: undefined };
  });
  const say = async (text: string) => plain(await h.driver.send(ADMIN, text));
  const state = async () => readState((await h.repo.users.read(String(ADMIN.id)))!.session);

  const first = await say("/isi");
  expect(first).toContain("Berapa realisasi 2024 indikator ini?");
  // Written as Indonesian writes counts: "2.004 isian".
  const total = Number(/Belum diisi: (\d\.\d{3}) isian/.exec(first)![1]!.replace(".", ""));
  expect(total).toBeGreaterThan(MAX_SKIPPED + 2);

  let last = "";
  for (let i = 0; i < MAX_SKIPPED; i++) last = await say("lewati");
  // The 2,001st question of the pass, a program's realisasi, with 2,000 skipped and 2,000 remembered for "kembali".
  expect(last).toMatch(/Berapa realisasi anggaran Program \d+\?/);
  let s = await state();
  expect(s.reset).toBe(false);
  if (s.state.flow !== "entry") throw new Error(`not in /isi: ${s.state.flow}`);
  expect([s.state.skipped.length, s.state.previous.length]).toEqual([MAX_SKIPPED, MAX_PREVIOUS]);
  const asked = s.state.current;
  const firstRemembered = s.state.previous[1];

  // Answered: stored, and the next question asked; "kembali" now remembers one more and forgets the oldest.
  const saved = await say("1.000.000");
  expect(saved).not.toContain("Percakapan sebelumnya tidak dapat dilanjutkan");
  const line = (await h.repo.agencies.read(id))!.data.budgetLines.find((l) => `line:${l.id}:spent` === asked)!;
  expect(line.spent).toBe("1000000");
  // The confirmation names the line answered.
  expect(saved).toContain(`✅ Tersimpan — Realisasi ${line.name}: Rp1.000.000.`);
  s = await state();
  if (s.state.flow !== "entry") throw new Error(`not in /isi: ${s.state.flow}`);
  expect(s.reset).toBe(false);
  expect(s.state.previous.length).toBe(MAX_PREVIOUS);
  expect(s.state.previous[0]).toBe(firstRemembered);
  expect(s.state.previous.at(-1)).toBe(asked);

  // "kembali" goes back to the question just answered, showing its answer.
  const back = await say("kembali");
  expect(back).toMatch(/Berapa realisasi anggaran Program \d+\?/);
  expect(back).toContain("Saat ini: Rp1.000.000");
  expect((await state()).state).toMatchObject({ flow: "entry", current: asked });

  // One skip more than the pass can remember: the pass ends, saying so; nothing typed next is taken for an answer.
  expect(await say("lewati")).toBe(
    "Putaran pengisian ini saya akhiri: sudah 2.001 pertanyaan dilewati, sebanyak yang dapat saya ingat dalam satu putaran. Semua jawaban yang sudah tersimpan tetap ada; ketik /isi untuk mulai lagi, dan pertanyaan yang dilewati akan ditanyakan kembali.",
  );
  expect((await state()).state).toEqual({ v: 1, flow: "idle" });
  // A new pass starts from the first question still open, skipped ones included.
  const again = await say("/isi");
  expect(again).toContain("Berapa realisasi 2024 indikator ini?");
  expect(again).toContain(`Belum diisi: ${(total - 1).toLocaleString("id-ID")} isian, termasuk pertanyaan ini.`);
});
