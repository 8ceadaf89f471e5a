/**
 * Opening a closed agency again (app/leave.ts `reopenAgency`) where the conversation does not reach: the most
 * recent closings are remembered, an officer at the limit of agencies is told to leave one first, and an agency
 * an operator opened for others meanwhile is not taken over.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { registerAgency } from "../../src/app/agencies.js";
import { Forbidden, UserError } from "../../src/app/errors.js";
import { leaveAgency, reopenAgency } from "../../src/app/leave.js";
import type { Services } from "../../src/app/services.js";
import { ensureUser } from "../../src/app/users.js";
import { MAX_CLOSED_AGENCIES, MAX_USER_AGENCIES } from "../../src/storage/documents.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { makeDir } from "../support/bot-harness.js";

const SARI = { userId: 501, name: "Sari" };
const BUDI = { userId: 502, name: "Budi" };
const agency = (n: number) => ({ name: `Dinas Sosial Uji ${n}`, region: "Kota Uji", level: "kota" as const, reportingYear: 2024, startYear: 2021, endYear: 2026 });

async function fresh(): Promise<Services> {
  const repo = new LowdbRepository({ dir: await makeDir("lkjip-reopen-") });
  const services: Services = { repo, now: () => new Date("2025-01-15T03:00:00Z"), random: (n) => randomBytes(n) };
  await ensureUser(services, { id: SARI.userId, first_name: "Sari" });
  await ensureUser(services, { id: BUDI.userId, first_name: "Budi" });
  return services;
}

/** Sari registers and closes `count` agencies; their ids in order. */
async function closeMany(services: Services, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const doc = await registerAgency(services, SARI, agency(n));
    await leaveAgency(services, SARI, doc.data.agency.id, "close");
    ids.push(doc.data.agency.id);
  }
  return ids;
}

const message = (e: unknown) => (e as UserError).messages.join(" ");

describe("reopening a closed agency", () => {
  it(`remembers the ${MAX_CLOSED_AGENCIES} most recent closings; an older one is left to an operator`, async () => {
    const services = await fresh();
    const ids = await closeMany(services, MAX_CLOSED_AGENCIES + 1);
    const user = await services.repo.users.read(String(SARI.userId));
    expect(user!.closedAgencies!.map((c) => c.agencyId)).toEqual(ids.slice(1));
    expect(user!.closedAgencies![0]).toEqual({ agencyId: ids[1], name: "Dinas Sosial Uji 2", at: "2025-01-15T03:00:00.000Z", timeZone: "WIB" });
    const refused = await reopenAgency(services, SARI, ids[0]!).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Forbidden);
    expect((await services.repo.agencies.read(ids[0]!))!.closed).toBeDefined();
    expect((await reopenAgency(services, SARI, ids[20]!)).members.map((m) => m.userId)).toEqual([SARI.userId]);
  });

  it("tells an officer at the limit of agencies to leave one first, and opens nothing", async () => {
    const services = await fresh();
    const [closed] = await closeMany(services, 1);
    for (let n = 0; n < MAX_USER_AGENCIES; n++) await registerAgency(services, SARI, agency(100 + n));
    const refused = await reopenAgency(services, SARI, closed!).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect(message(refused)).toContain(`Akun Anda sudah terhubung dengan ${MAX_USER_AGENCIES} instansi, batas untuk satu akun.`);
    expect((await services.repo.agencies.read(closed!))!.closed).toBeDefined();
    expect((await services.repo.users.read(String(SARI.userId)))!.closedAgencies!.map((c) => c.agencyId)).toEqual([closed]);
  });

  it("does not take over an agency an operator opened for another officer meanwhile, and forgets it", async () => {
    const services = await fresh();
    const [closed] = await closeMany(services, 1);
    await services.repo.agencies.update(closed!, (d) => {
      delete d!.closed;
      d!.members = [{ userId: BUDI.userId, name: "Budi", role: "admin", addedAt: "2025-01-16T00:00:00.000Z", addedBy: null }];
      return { next: d!, result: undefined };
    });
    const refused = await reopenAgency(services, SARI, closed!).catch((e: unknown) => e);
    expect(message(refused)).toBe("Dinas Sosial Uji 1 sudah dibuka kembali dan dikelola petugas lain. Untuk bergabung, minta kode undangan kepada admin-nya (/gabung).");
    expect((await services.repo.agencies.read(closed!))!.members.map((m) => m.userId)).toEqual([BUDI.userId]);
    const user = await services.repo.users.read(String(SARI.userId));
    expect([user!.agencies, user!.closedAgencies]).toEqual([[], undefined]);
  });
});
