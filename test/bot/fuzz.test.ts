/**
 * Fuzz: more than 10,000 random and hostile inputs at every question type.
 * The bot always answers with a message, never throws, and a rejected answer
 * leaves the stored agency file byte-for-byte unchanged.
 */
import fc from "fast-check";
import { inputArb } from "../support/hostile-inputs.js";
import { describe, expect, it } from "vitest";
import { encodeKey, type QuestionKey } from "../../src/app/entry/keys.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { ADMIN, addProgram, harness, pasteTable, registerAgency } from "../support/bot-harness.js";
import { storedText } from "../support/on-disk.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";

const STALE = ["e:actual:NOPE:2024", "e:line:NOPE:budget", "e:nonsense", "ind:NOPE", "atur:i:NOPE", "line:NOPE", "lk:NOPE", "undo:999999", "rstok:2001-01-01", "draf:9", "isi:skip", "paste:save", "new:kind:grade", "a".repeat(64), ""];

describe("fuzz", () => {
  it("10,000+ hostile inputs at every question type: always a reply, never a crash, rejected answers change nothing", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    await pasteTable(h, ADMIN, "Sasaran A | Persentase layanan | % | 90\nSasaran A | Jumlah KPM | KPM | 25\nSasaran B | Nilai indeks | indeks | 3,5\nSasaran B | Angka kemiskinan | % | 10");
    // Make one indicator a ratio, one negative, and add a grade indicator and a budget line.
    await d.pressData(ADMIN, "atur:i:kind:I1");
    await d.press(ADMIN, "Rasio (pembilang/penyebut)");
    await d.pressData(ADMIN, "atur:i:pol:I4");
    await d.press(ADMIN, "Negatif (makin rendah makin baik)");
    await d.pressData(ADMIN, "atur:o:addi:S1");
    await d.send(ADMIN, "Indeks Kepuasan Masyarakat");
    await d.send(ADMIN, "predikat");
    await d.press(ADMIN, "Positif (makin tinggi makin baik)");
    await d.press(ADMIN, "Predikat/huruf (IKM, LHE AKIP)");
    await d.press(ADMIN, "IKM (A–D)");
    await d.send(ADMIN, "lewati");
    await d.send(ADMIN, "lewati");
    await addProgram(h, ADMIN, "Program Perlindungan Sosial");

    const data = (await h.repo.agencies.read(id))!.data;
    const indicators = data.objectives.flatMap((o) => o.indicators.map((i) => i.id));
    expect(indicators).toHaveLength(5);
    const keys: QuestionKey[] = [];
    for (const indicatorId of indicators) {
      keys.push(
        { q: "target", indicatorId, year: 2024 },
        { q: "actual", indicatorId, year: 2024 },
        { q: "actual", indicatorId, year: 2023 },
        { q: "final", indicatorId },
        { q: "national", indicatorId },
        { q: "factors", indicatorId, which: "inhibiting" },
        { q: "budget", indicatorId, field: "spent" },
      );
    }
    keys.push({ q: "line", lineId: "P1", field: "budget" }, { q: "line", lineId: "P1", field: "spent" });

    let inputs = 0;
    let rejected = 0;
    let accepted = 0;
    const problems: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.array(inputArb, { minLength: 20, maxLength: 40 }), fc.constantFrom(...STALE), async (key, texts, stale) => {
        inputs++;
        const stalePress = await d.pressData(ADMIN, stale);
        if (stalePress.length === 0) problems.push(`no reply to callback ${stale}`);
        inputs++;
        await d.pressData(ADMIN, `e:${encodeKey(key)}`);
        for (const text of texts) {
          inputs++;
          const before = await storedText(h.dir, "instansi", id);
          const replies = await d.send(ADMIN, text);
          if (replies.length === 0) problems.push(`no reply to ${JSON.stringify(text.slice(0, 40))} at ${encodeKey(key)}`);
          const reply = replies.map((r) => r.text).join("\n");
          const after = await storedText(h.dir, "instansi", id);
          if (reply.startsWith("✅ Tersimpan")) {
            accepted++;
            // What a restarted bot reads (the file with its journal replayed) is a valid agency.
            const stored = await new LowdbRepository({ dir: h.dir, backupDays: 0 }).agencies.read(id);
            AgencyFileSchema.parse(JSON.parse(JSON.stringify(stored!.data)));
            await d.pressData(ADMIN, `e:${encodeKey(key)}`); // ask the same question again
            inputs++;
          } else {
            rejected++;
            if (after !== before) problems.push(`rejected ${JSON.stringify(text.slice(0, 40))} at ${encodeKey(key)} changed the file`);
          }
        }
      }),
      { numRuns: 350, seed: 20250115 },
    );
    expect(problems).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(inputs).toBeGreaterThanOrEqual(10_000);
    expect(rejected).toBeGreaterThan(3000);
    expect(accepted).toBeGreaterThan(100);
  }, 300_000);
});
