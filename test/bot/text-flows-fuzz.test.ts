/**
 * Fuzz of every step that reads free text besides /isi's questions (which
 * `fuzz.test.ts` covers): registration, joining, names of sasaran,
 * indicators and budget lines, units, definitions, money, notes, /tempel,
 * /profil's numbers and custom scale, /tahun's new Renstra period, /cek and
 * idle text. Each round opens one step and types 10–25 messages, random,
 * hostile or nearly valid, into it (a message that is accepted moves the
 * conversation on, so the later ones reach the next steps too).
 *
 * After every message: the bot replied and logged no error; another agency's
 * stored files are byte for byte what they were; and whenever the agency or the
 * officer's document changed on disk, a restarted repository reads both, the
 * agency passes its schema and the officer's conversation state passes the
 * bot's (a state the bot could not read back would silently drop the officer
 * to idle).
 *
 * SEED and RUNS (environment) explore beyond the fixed seed: e.g.
 * `SEED=7 RUNS=400 npx vitest run test/bot/text-flows-fuzz.test.ts`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { StateSchema } from "../../src/bot/state.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { ADMIN, OUTSIDER, VIEWER, addProgram, harness, pasteTable, registerAgency, type Harness } from "../support/bot-harness.js";
import { inputArb } from "../support/hostile-inputs.js";
import { storedText } from "../support/on-disk.js";
import type { FakeUser } from "../../src/local/fake-telegram.js";

const word = fc.constantFrom("Program", "Layanan", "Rehabilitasi", "Sosial", "Persentase", "Jumlah", "PMKS", "Bidang", "x", "<b>", "&", "Ω", "  ");
const phrase = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(" "));
const year = fc.integer({ min: 1990, max: 2110 });
const amount = fc.oneof(
  fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
  fc.constantFrom("Rp 1,37 M", "250 jt", "1.373.500.000", "Rp 0", "1,5 miliar", "lewati", "tidak ada"),
);
/** Text that is nearly what a step asks for, so that rounds get past the first check. */
const nearlyValid = fc.oneof(
  phrase,
  amount,
  fc.tuple(fc.oneof(year, fc.integer({ min: 2019, max: 2031 })), fc.oneof(year, fc.integer({ min: 2019, max: 2031 })), fc.constantFrom("-", " - ", "–", " s.d. ", " sampai ")).map(([a, b, s]) => `${a}${s}${b}`),
  fc
    .array(fc.tuple(fc.constantFrom("≥ ", "> ", "", ">= "), fc.integer({ min: -10, max: 130 }), phrase), { minLength: 1, maxLength: 6 })
    .map((rows) => rows.map(([op, n, name]) => `${op}${n} ${name}`).join("\n")),
  fc
    .array(fc.tuple(fc.constantFrom(" | ", "\t"), phrase, phrase, fc.constantFrom("%", "KPM", "indeks", ""), fc.constantFrom("90", "100%", "3,5", "B", "", "-1")), { minLength: 1, maxLength: 5 })
    .map((rows) => rows.map(([separator, ...cells]) => cells.join(separator)).join("\n")),
  fc
    .uniqueArray(fc.integer({ min: 1, max: 130 }), { minLength: 1, maxLength: 5 })
    .chain((bounds) => fc.tuple(fc.constant([...bounds.sort((a, b) => b - a), 0]), fc.array(phrase, { minLength: bounds.length + 1, maxLength: bounds.length + 1 })))
    .map(([bounds, names]) => bounds.map((b, i) => `≥ ${b} ${names[i]}`).join("\n")),
  fc.constantFrom("Sasaran | Indikator | Satuan | Target", "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "(1) (2) (3) (4)", "80", "120", "tidak ada", "2025-2029", "2020-2024"),
);
/** A valid answer to one of the steps, so that every step is finished now and then. */
const valid = fc.constantFrom("2025-2029", "2024", "2021-2026", "Program Perlindungan Sosial", "Rp 1,5 M", "80", "tidak ada", "orang", "≥ 90 Sangat Baik\n≥ 75 Baik\n≥ 0 Kurang");
const message = fc.oneof({ weight: 6, arbitrary: inputArb }, { weight: 4, arbitrary: nearlyValid }, { weight: 3, arbitrary: valid });

/** How a round reaches its step: presses (callback data) and commands, by the admin unless said otherwise. */
interface Opening {
  name: string;
  user?: FakeUser;
  steps: string[];
}

function openings(agencyId: string): Opening[] {
  return [
    { name: "sasaran baru", steps: ["#atur:o:new"] },
    { name: "nama sasaran", steps: ["#atur:o:ren:S1"] },
    { name: "indikator baru", steps: ["#atur:o:addi:S2"] },
    { name: "nama indikator", steps: ["#atur:i:ren:I1"] },
    { name: "diganti IKU baru", steps: ["#atur:i:repl:I2"] },
    { name: "satuan", steps: ["#atur:i:unit:I3"] },
    { name: "definisi", steps: ["#atur:i:def:I1"] },
    { name: "sumber data", steps: ["#atur:i:src:I4"] },
    { name: "program baru", steps: ["#line:new:program"] },
    { name: "kegiatan baru", steps: ["#line:new:activity:P1"] },
    { name: "nama program", steps: ["#line:name:P1"] },
    { name: "pagu", steps: ["#line:budget:P1"] },
    { name: "realisasi anggaran", steps: ["#line:spent:P1"] },
    { name: "catatan", steps: ["#line:note:P1"] },
    { name: "ambang serapan", steps: ["#prof:thr"] },
    { name: "batas capaian", steps: ["#prof:cap"] },
    { name: "skala khusus", steps: ["#prof:custom"] },
    { name: "Renstra baru", steps: [`#year:plan:${agencyId}:2024`] },
    { name: "tempel", steps: ["/tempel"] },
    { name: "cek", steps: ["/batal"] },
    { name: "diam", steps: ["/batal"] },
    { name: "gabung", user: VIEWER, steps: ["/batal", "/gabung"] },
    { name: "daftar", user: VIEWER, steps: ["/batal", "/start", "#start:reg"] },
    { name: "daftar: tahun dan Renstra", user: VIEWER, steps: ["/batal", "/daftar", "Dinas Sosial Kabupaten Uji", "Kabupaten Uji", "#reg:level:kabupaten"] },
    // The agencies of Kabupaten Contoh listed (the admin's): only its buttons go on.
    { name: "daftar: sudah terdaftar", user: VIEWER, steps: ["/batal", "/daftar", "Dinas Sosial Kab. Contoh", "Kabupaten Contoh"] },
  ];
}

async function open(h: Harness, user: FakeUser, steps: string[]): Promise<void> {
  for (const step of steps) {
    if (step.startsWith("#")) await h.driver.pressData(user, step.slice(1));
    else await h.driver.send(user, step);
  }
}

/** What a restarted bot reads: the agency must pass its schema, the user's conversation state the bot's. */
async function checkStored(h: Harness, agencyId: string, userId: number, problems: string[], where: string): Promise<void> {
  const fresh = new LowdbRepository({ dir: h.dir, backupDays: 0 });
  const agency = await fresh.agencies.read(agencyId);
  const parsed = AgencyFileSchema.safeParse(JSON.parse(JSON.stringify(agency!.data)));
  if (!parsed.success) problems.push(`${where}: stored agency fails its schema: ${parsed.error.message.slice(0, 300)}`);
  const user = await fresh.users.read(String(userId));
  if (user?.session !== undefined && user.session !== null && !StateSchema.safeParse(user.session).success) {
    problems.push(`${where}: stored state unreadable: ${JSON.stringify(user.session).slice(0, 300)}`);
  }
}

describe("fuzz of the free-text steps", () => {
  it("random, hostile and nearly valid text at every step: always a reply, never an error, nothing stored that a restart cannot read, another agency untouched", async () => {
    const h = await harness();
    const other = await registerAgency(h, OUTSIDER, "Dinas Sosial Kota Lain");
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await pasteTable(h, ADMIN, "Sasaran A | Persentase layanan | % | 90\nSasaran A | Jumlah KPM | KPM | 25\nSasaran B | Nilai indeks | indeks | 3,5\nSasaran B | Angka kemiskinan | % | 10");
    await addProgram(h, ADMIN, "Program Perlindungan Sosial", "Rp 1,5 M");
    const start = await h.repo.agencies.read(id);
    expect(start!.data.objectives.map((o) => o.indicators.map((i) => i.id))).toEqual([["I1", "I2"], ["I3", "I4"]]);
    expect(start!.data.budgetLines.map((l) => [l.id, l.budget])).toEqual([["P1", "1500000000"]]);
    const otherBefore = await storedText(h.dir, "instansi", other);

    const all = openings(id);
    const reached = new Map<string, number>();
    let messages = 0;
    let stored = 0;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.array(message, { minLength: 10, maxLength: 25 }), async (opening, texts) => {
        const user = opening.user ?? ADMIN;
        await open(h, user, opening.steps);
        for (const raw of texts) {
          const text = opening.name === "cek" ? `/cek ${raw}` : raw;
          messages++;
          const agencyBefore = await storedText(h.dir, "instansi", id);
          const userBefore = await storedText(h.dir, "pengguna", String(user.id));
          const replies = await d.send(user, text);
          const where = `${opening.name} ← ${JSON.stringify(text.slice(0, 60))}`;
          if (replies.length === 0) problems.push(`${where}: no reply`);
          const flow = ((await h.repo.users.read(String(user.id)))?.session as { flow?: string } | null | undefined)?.flow ?? "idle";
          reached.set(`${opening.name}→${flow}`, (reached.get(`${opening.name}→${flow}`) ?? 0) + 1);
          if ((await storedText(h.dir, "instansi", id)) !== agencyBefore || (await storedText(h.dir, "pengguna", String(user.id))) !== userBefore) {
            stored++;
            await checkStored(h, id, user.id, problems, where);
          }
          if ((await storedText(h.dir, "instansi", other)) !== otherBefore) problems.push(`${where}: another agency's files changed`);
          // Done with the step (stored, or left): open it again for the next message.
          if (flow === "idle") await open(h, user, opening.steps);
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 160), seed: Number(process.env.SEED ?? 20261206) },
    );
    expect(problems).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(messages).toBeGreaterThanOrEqual(2000);
    // The rounds got past the first check of their step: much of the text was stored.
    expect(stored).toBeGreaterThan(500);
    // Nearly every step that can finish was finished at least once (its text stored, the conversation idle again;
    // with this seed, all of them; other seeds may miss one or two that need a rare valid answer) …
    const finished = new Set([...reached.keys()].filter((k) => k.endsWith("→idle")).map((k) => k.split("→")[0]));
    const finishable = all.filter((o) => !["tempel", "gabung", "daftar", "daftar: tahun dan Renstra", "daftar: sudah terdaftar", "indikator baru", "sasaran baru"].includes(o.name));
    expect(finishable.filter((o) => !finished.has(o.name)).length).toBeLessThanOrEqual(process.env.SEED ? 3 : 0);
    // … and the steps that lead to further ones reached them.
    expect(reached.get("sasaran baru→indicator")).toBeGreaterThan(0);
    expect(reached.get("program baru→line")).toBeGreaterThan(0);
    expect(reached.get("daftar: sudah terdaftar→register")).toBeGreaterThan(0);
  }, 600_000);
});
