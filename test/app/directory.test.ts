import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAgencyFromFile, registerAgency } from "../../src/app/agencies.js";
import { requestToJoin } from "../../src/app/join-requests.js";
import { agenciesInRegion, DIRECTORY_FILLED, fillDirectory, recordAgency, regionId } from "../../src/app/directory.js";
import type { Services } from "../../src/app/services.js";
import { ensureUser } from "../../src/app/users.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { MAX_REGION_AGENCIES } from "../../src/storage/documents.js";
import { agencyInput } from "../support/agency.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument } from "../support/documents.js";

const services = (repo: LowdbRepository): Services => ({ repo, now: () => new Date("2025-01-15T03:00:00Z"), random: (n) => randomBytes(n) });
/** A repository on a new folder whose users Sari (501) and Budi (502) have written to the bot. */
async function fresh(): Promise<{ dir: string; repo: LowdbRepository }> {
  const dir = await makeDir("lkjip-dir-");
  const repo = new LowdbRepository({ dir });
  await ensureUser(services(repo), { id: 501, first_name: "Sari" });
  await ensureUser(services(repo), { id: 502, first_name: "Budi" });
  return { dir, repo };
}
const SARI = { userId: 501, name: "Sari" };
const BUDI = { userId: 502, name: "Budi" };
const newAgency = (name: string, region: string, level: "provinsi" | "kabupaten" | "kota") => ({ name, region, level, reportingYear: 2024, startYear: 2021, endYear: 2026 });

describe("the directory of agencies by region", () => {
  it("names a region by its level and its name, however the name is written", () => {
    expect(regionId("kota", "Kota Dumai")).toBe("kota-dumai");
    expect(regionId("kota", "  kota   DUMAI ")).toBe("kota-dumai");
    expect(regionId("kabupaten", "Kab. Siak")).toBe("kabupaten-siak");
    expect(regionId("kabupaten", "Kabupaten Siak")).toBe("kabupaten-siak");
    expect(regionId("kabupaten", "Kab Kotawaringin Timur")).toBe("kabupaten-kotawaringin-timur");
    // A province named with or without the word, and a kota and a kabupaten of one name, which are two regions.
    expect(regionId("provinsi", "DKI Jakarta")).toBe("provinsi-dki-jakarta");
    expect(regionId("provinsi", "Provinsi DKI Jakarta")).toBe("provinsi-dki-jakarta");
    expect(regionId("kota", "Kota Bekasi")).not.toBe(regionId("kabupaten", "Kabupaten Bekasi"));
    // Letters with marks, punctuation, and a name that is only the level word.
    expect(regionId("kabupaten", "Kabupaten Pangkajene dan Kepulauan (Pangkep)")).toBe("kabupaten-pangkajene-dan-kepulauan-pangkep");
    expect(regionId("kota", "Kota Bau-Bau")).toBe("kota-bau-bau");
    expect(regionId("kota", "Kota")).toBe("kota-kota");
    expect(regionId("kota", "Kotamobagu")).toBe("kota-kotamobagu");
    expect(regionId("kota", "Kota ???")).toBe("kota-tanpa-nama");
    // Always a valid document id, however long the name.
    const long = regionId("kabupaten", `Kabupaten ${"Panjang ".repeat(20)}`);
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^kabupaten-panjang-[a-z-]*[a-z]$/);
  });

  it("lists each registered agency under its region, on disk, and finds it again after a restart", async () => {
    const { dir, repo } = await fresh();
    const dumai = await registerAgency(services(repo), SARI, newAgency("Dinas Sosial Kota Dumai", "Kota Dumai", "kota"));
    const siak = await registerAgency(services(repo), BUDI, newAgency("Dinas Sosial Kabupaten Siak", "Kab. Siak", "kabupaten"));
    const other = await registerAgency(services(repo), BUDI, newAgency("Dinas Kesehatan Kota Dumai", "kota dumai", "kota"));
    await repo.close();
    expect((await readdir(join(dir, "wilayah"))).filter((f) => f.endsWith(".json")).sort()).toEqual(["kabupaten-siak.json", "kota-dumai.json"]);
    const onDisk = JSON.parse(await readFile(join(dir, "wilayah", "kota-dumai.json"), "utf8"));
    expect(onDisk.agencies).toEqual([
      { id: dumai.data.agency.id, name: "Dinas Sosial Kota Dumai", addedAt: "2025-01-15T03:00:00.000Z" },
      { id: other.data.agency.id, name: "Dinas Kesehatan Kota Dumai", addedAt: "2025-01-15T03:00:00.000Z" },
    ]);

    const again = new LowdbRepository({ dir });
    const names = async (level: "kota" | "kabupaten", region: string) => (await agenciesInRegion(services(again), level, region, 8)).agencies.map((d) => d.data.agency.name);
    expect(await names("kota", "Kota  Dumai")).toEqual(["Dinas Sosial Kota Dumai", "Dinas Kesehatan Kota Dumai"]);
    expect(await names("kabupaten", "Kabupaten Siak")).toEqual(["Dinas Sosial Kabupaten Siak"]);
    expect(await names("kabupaten", "Kabupaten Dumai")).toEqual([]);
    expect(siak.data.agency.region).toBe("Kab. Siak");
    await again.close();
  });

  it("passes over an entry whose agency was never stored, and records an agency from a file too", async () => {
    const { repo } = await fresh();
    // Recorded before the agency is written: an agency whose write then failed leaves an entry with no agency.
    await recordAgency(services(repo), { id: "hilang", name: "Dinas Sosial Kabupaten Contoh", region: "Kabupaten Contoh", level: "kabupaten" }, "2025-01-15T03:00:00.000Z");
    await createAgencyFromFile(services(repo), SARI, agencyInput());
    const found = await agenciesInRegion(services(repo), "kabupaten", "Kabupaten Contoh", 8);
    expect(found.agencies.map((d) => d.data.agency.name)).toEqual(["Dinas Sosial Kabupaten Contoh"]);
    expect(found.count).toBe(1);
    expect((await repo.regions.read("kabupaten-contoh"))!.agencies.map((a) => a.id)).toEqual(["hilang", found.agencies[0]!.data.agency.id]);
    await repo.close();
  });

  it("registers an agency in a region already listing the most it holds, without listing it", async () => {
    const { repo } = await fresh();
    const full = Array.from({ length: MAX_REGION_AGENCIES }, (_, k) => ({ id: `x${k}`, name: `Instansi ${k}`, addedAt: "2025-01-15T03:00:00.000Z" }));
    await repo.regions.update("kota-dumai", () => ({ next: { schemaVersion: 1, agencies: full }, result: undefined }));
    const doc = await registerAgency(services(repo), SARI, newAgency("Dinas Sosial Kota Dumai", "Kota Dumai", "kota"));
    expect((await repo.agencies.read(doc.data.agency.id))!.data.agency.name).toBe("Dinas Sosial Kota Dumai");
    const listed = (await repo.regions.read("kota-dumai"))!.agencies;
    expect(listed).toHaveLength(MAX_REGION_AGENCIES);
    expect(listed.some((a) => a.id === doc.data.agency.id)).toBe(false);
    // Ten real agencies in a region: the first eight read, all ten counted.
    for (let k = 1; k <= 10; k++) await registerAgency(services(repo), SARI, newAgency(`Dinas ${k} Kabupaten Siak`, "Kabupaten Siak", "kabupaten"));
    const siak = await agenciesInRegion(services(repo), "kabupaten", "Kabupaten Siak", 8);
    expect(siak.agencies.map((d) => d.data.agency.name)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((k) => `Dinas ${k} Kabupaten Siak`));
    expect(siak.count).toBe(10);
    // A region whose entries have no agency (never more than a few in practice) reads a few of them, and counts them all.
    const first = await agenciesInRegion(services(repo), "kota", "Kota Dumai", 8);
    expect(first).toEqual({ agencies: [], count: MAX_REGION_AGENCIES });
    await repo.close();
  });

  it("passes over a region's file that cannot be read, leaving it as it is, and registers the agency", async () => {
    const { dir, repo } = await fresh();
    await mkdir(join(dir, "wilayah"), { recursive: true });
    await writeFile(join(dir, "wilayah", "kota-dumai.json"), '{"schemaVersion":1,"agencies":"rusak"}');
    const doc = await registerAgency(services(repo), SARI, newAgency("Dinas Sosial Kota Dumai", "Kota Dumai", "kota"));
    expect((await repo.agencies.read(doc.data.agency.id))!.data.agency.region).toBe("Kota Dumai");
    expect(await agenciesInRegion(services(repo), "kota", "Kota Dumai", 8)).toEqual({ agencies: [], count: 0 });
    expect(await readFile(join(dir, "wilayah", "kota-dumai.json"), "utf8")).toBe('{"schemaVersion":1,"agencies":"rusak"}');
    await repo.close();
  });

  it("adds the agencies stored before the directory existed, once", async () => {
    const { repo } = await fresh();
    // Stored as an earlier version did: the agency documents alone.
    await repo.agencies.update("a1", () => ({ next: agencyDocument("a1"), result: undefined }));
    await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
    expect(await agenciesInRegion(services(repo), "kabupaten", "Kabupaten Contoh", 8)).toEqual({ agencies: [], count: 0 });
    expect(await fillDirectory(services(repo))).toBe(2);
    expect((await agenciesInRegion(services(repo), "kabupaten", "Kabupaten Contoh", 8)).agencies.map((d) => d.data.agency.id)).toEqual(["a1", "a2"]);
    expect((await repo.regions.read(DIRECTORY_FILLED))!.agencies).toHaveLength(1);
    // Done once: an agency stored without the directory afterwards is not looked for again.
    await repo.agencies.update("a3", () => ({ next: agencyDocument("a3"), result: undefined }));
    expect(await fillDirectory(services(repo))).toBe(0);
    expect((await repo.regions.read("kabupaten-contoh"))!.agencies.map((a) => a.id)).toEqual(["a1", "a2"]);
    // The mark is no region: each region's id starts with its level.
    expect(DIRECTORY_FILLED).not.toMatch(/^(provinsi|kabupaten|kota)-/);
    await repo.close();
  });

  it("passes over a closed agency its region still lists, and does not add one when filling", async () => {
    const { repo } = await fresh();
    const closed = { at: "2025-01-10T03:00:00.000Z", userId: 501, name: "Sari" };
    // Stored by an earlier version, closed since: not added.
    await repo.agencies.update("a1", () => ({ next: { ...agencyDocument("a1"), closed, members: [] }, result: undefined }));
    await repo.agencies.update("a2", () => ({ next: agencyDocument("a2"), result: undefined }));
    await fillDirectory(services(repo));
    expect((await repo.regions.read("kabupaten-contoh"))!.agencies.map((a) => a.id)).toEqual(["a2"]);
    // Closed after it was listed, with a stop before its region's list was changed: passed over, and not asked to join.
    await repo.agencies.update("a2", (doc) => ({ next: { ...doc!, closed, members: [] }, result: undefined }));
    expect(await agenciesInRegion(services(repo), "kabupaten", "Kabupaten Contoh", 8)).toEqual({ agencies: [], count: 0 });
    await expect(requestToJoin(services(repo), BUDI, "a2")).rejects.toThrow(
      "<b>Dinas Sosial Kabupaten Contoh</b> sudah ditutup oleh anggota terakhirnya, jadi tidak dapat dimintai bergabung. Ketik /daftar untuk mendaftarkan instansi Anda.",
    );
    expect((await repo.agencies.read("a2"))!.joinRequests).toBeUndefined();
    await repo.close();
  });
});
