/** Two officers of one agency answer 500 questions interleaved, concurrently: nothing is lost. */
import { describe, expect, it } from "vitest";
import { allAuditEntries } from "../../src/app/edits.js";
import { encodeKey, type QuestionKey } from "../../src/app/entry/keys.js";
import { currentValue } from "../../src/app/entry/present.js";
import type { FakeUser } from "../../src/local/fake-telegram.js";
import { tenAnswers } from "../support/answers.js";
import { ADMIN, OFFICER, harness, joinByInvitation, plain, registerAgency } from "../support/bot-harness.js";

const INDICATORS = 50;

describe("concurrent officers", () => {
  it("500 interleaved answers from two officers are all stored", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const rows = Array.from({ length: INDICATORS }, (_, i) => `Sasaran ${i < 25 ? "A" : "B"} | Indikator ${i + 1} | % | ${60 + i}`).join("\n");
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, rows);
    await h.driver.press(ADMIN, "✅ Simpan");
    await joinByInvitation(h, ADMIN, OFFICER);

    const setup = (await h.repo.agencies.read(id))!;
    const file = setup.data;
    const ids = file.objectives.flatMap((o) => o.indicators.map((i) => i.id));
    const work = (parity: number) => ids.flatMap((indId, k) => (k % 2 === parity ? tenAnswers(indId, k + 10) : []));
    const plan: [FakeUser, [QuestionKey, string, string][]][] = [
      [ADMIN, work(0)],
      [OFFICER, work(1)],
    ];
    expect(plan[0]![1].length + plan[1]![1].length).toBe(500);

    const failures: string[] = [];
    await Promise.all(
      plan.map(async ([user, answers]) => {
        for (const [key, typed] of answers) {
          await h.driver.pressData(user, `e:${encodeKey(key)}`);
          const reply = plain(await h.driver.send(user, typed));
          if (!reply.startsWith("✅ Tersimpan")) failures.push(`${encodeKey(key)}: ${reply.slice(0, 120)}`);
        }
      }),
    );
    expect(failures).toEqual([]);

    const fresh = h.restart();
    const stored = (await fresh.repo.agencies.read(id))!;
    for (const [, answers] of plan) for (const [key, , shown] of answers) expect(currentValue(stored.data, key), encodeKey(key)).toBe(shown);
    // One audit entry per answer, each by the officer who gave it.
    const entries = (await allAuditEntries(fresh.services, stored)).filter((e) => e.seq > setup.auditSeq);
    expect(entries).toHaveLength(500);
    expect(stored.revision).toBe(setup.revision + 500);
    expect(new Set(entries.map((e) => e.userName))).toEqual(new Set(["Sari Wulandari", "Budi"]));
    expect(h.errors).toEqual([]);
  }, 120_000);
});
