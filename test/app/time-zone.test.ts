import { describe, expect, it } from "vitest";
import { agencyZone, yearIn, zoneOfRegion } from "../../src/app/time-zone.js";
import { ZONE_PROVINCES } from "../../src/app/zone-regions.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";

const agency = (over: Partial<AgencyFile["agency"]>): AgencyFile["agency"] => ({
  id: "a",
  name: "Dinas Sosial Kota Dumai",
  region: "Kota Dumai",
  level: "kota",
  strategicPlan: { startYear: 2021, endYear: 2026 },
  reportingYear: 2024,
  ...over,
});

describe("the time zone of a region", () => {
  it("finds kabupaten and kota of WITA and WIT by their name, however the level word is written", () => {
    expect(zoneOfRegion("kota", "Kota Makassar")).toBe("WITA");
    expect(zoneOfRegion("kota", "Kotamadya Makassar")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kab. Pangkep")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten  Pangkajene dan Kepulauan")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Tojo Una-Una")).toBe("WITA");
    expect(zoneOfRegion("kota", "Kota Pare-Pare")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten Kota Baru")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten Kotabaru")).toBe("WITA");
    expect(zoneOfRegion("kota", "Kota Jayapura")).toBe("WIT");
    expect(zoneOfRegion("kabupaten", "Kabupaten Mimika")).toBe("WIT");
    expect(zoneOfRegion("kabupaten", "Kabupaten Maluku Tenggara Barat")).toBe("WIT");
  });

  it("tells a kabupaten from a kota of the same name, and a name from a longer one", () => {
    expect(zoneOfRegion("kabupaten", "Kabupaten Banjar")).toBe("WITA");
    expect(zoneOfRegion("kota", "Kota Banjar")).toBeUndefined(); // Jawa Barat
    expect(zoneOfRegion("kabupaten", "Kabupaten Bone")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten Bone Bolango")).toBe("WITA");
    expect(zoneOfRegion("kota", "Kota Sorong")).toBe("WIT");
    expect(zoneOfRegion("kabupaten", "Kabupaten Barito Kuala")).toBe("WITA"); // Kalimantan Selatan
    expect(zoneOfRegion("kabupaten", "Kabupaten Barito Selatan")).toBeUndefined(); // Kalimantan Tengah, WIB
  });

  it("finds provinces by their names and short forms; WIB regions are none of them", () => {
    expect(zoneOfRegion("provinsi", "Provinsi Sulawesi Selatan")).toBe("WITA");
    expect(zoneOfRegion("provinsi", "Prov. NTT")).toBe("WITA");
    expect(zoneOfRegion("provinsi", "Nusa Tenggara Barat")).toBe("WITA");
    expect(zoneOfRegion("provinsi", "Provinsi Papua Barat Daya")).toBe("WIT");
    expect(zoneOfRegion("provinsi", "Provinsi Maluku Utara")).toBe("WIT");
    expect(zoneOfRegion("provinsi", "Provinsi Kalimantan Barat")).toBeUndefined();
    expect(zoneOfRegion("provinsi", "DKI Jakarta")).toBeUndefined();
    expect(zoneOfRegion("kota", "Kota Dumai")).toBeUndefined();
    expect(zoneOfRegion("kabupaten", "Kabupaten Siak")).toBeUndefined();
  });

  it("falls back on a WITA or WIT province named in the region, the province or the agency's name, as whole words", () => {
    expect(zoneOfRegion("kabupaten", "Kabupaten Bone, Sulawesi Selatan")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten Baru", "Maluku Utara")).toBe("WIT");
    expect(zoneOfRegion("kabupaten", "Kabupaten Baru", undefined, "Dinas Sosial Kabupaten Baru Provinsi Bali")).toBe("WITA");
    expect(zoneOfRegion("kabupaten", "Kabupaten Baru", "Riau", "Dinas Sosial Kabupaten Baru")).toBeUndefined();
    // "Balinese" is not Bali, "Papuan" not Papua: only whole words count.
    expect(zoneOfRegion("kota", "Kota Balikota", "Papuanesia")).toBeUndefined();
  });

  it("lists every kabupaten and kota of the WITA and WIT provinces, as Kemendagri counts them", () => {
    const counts = Object.fromEntries(ZONE_PROVINCES.map((p) => [p.province[0], [p.kabupaten.length, p.kota.length]]));
    expect(counts).toEqual({
      Bali: [8, 1],
      "Nusa Tenggara Barat": [8, 2],
      "Nusa Tenggara Timur": [21, 1],
      "Kalimantan Selatan": [11, 2],
      "Kalimantan Timur": [7, 3],
      "Kalimantan Utara": [4, 1],
      "Sulawesi Utara": [11, 4],
      Gorontalo: [5, 1],
      "Sulawesi Tengah": [12, 1],
      "Sulawesi Barat": [6, 0],
      "Sulawesi Selatan": [21, 3],
      "Sulawesi Tenggara": [15, 2],
      Maluku: [9, 2],
      "Maluku Utara": [8, 2],
      Papua: [8, 1],
      "Papua Barat": [7, 0],
      "Papua Barat Daya": [5, 1],
      "Papua Selatan": [4, 0],
      "Papua Tengah": [8, 0],
      "Papua Pegunungan": [8, 0],
    });
    // Every name and short form is found again.
    for (const p of ZONE_PROVINCES) {
      for (const names of p.kabupaten) for (const name of names.split("|")) expect([name, zoneOfRegion("kabupaten", `Kabupaten ${name}`)]).toEqual([name, p.zone]);
      for (const names of p.kota) for (const name of names.split("|")) expect([name, zoneOfRegion("kota", `Kota ${name}`)]).toEqual([name, p.zone]);
      for (const name of p.province) expect([name, zoneOfRegion("provinsi", `Provinsi ${name}`)]).toEqual([name, p.zone]);
    }
  });
});

describe("an agency's time zone", () => {
  it("is the one an admin chose, else its region's, else WIB", () => {
    expect(agencyZone(agency({ region: "Kota Makassar", name: "Dinas Sosial Kota Makassar" }))).toEqual({ zone: "WITA", source: "region" });
    expect(agencyZone(agency({ region: "Kota Makassar", timeZone: "WIB" }))).toEqual({ zone: "WIB", source: "chosen" });
    expect(agencyZone(agency({}))).toEqual({ zone: "WIB", source: "default" });
    expect(agencyZone(agency({ timeZone: "WIT" }))).toEqual({ zone: "WIT", source: "chosen" });
    expect(agencyZone(agency({ level: "kabupaten", region: "Kabupaten Contoh", province: "Papua Tengah" }))).toEqual({ zone: "WIT", source: "region" });
  });
});

describe("the year in a zone", () => {
  it("turns at the zone's midnight, not the server's", () => {
    expect(yearIn(new Date("2026-12-31T16:59:00Z"), "WIB")).toBe(2026);
    expect(yearIn(new Date("2026-12-31T17:00:00Z"), "WIB")).toBe(2027);
    expect(yearIn(new Date("2026-12-31T15:00:00Z"), "WIT")).toBe(2027);
    expect(yearIn(new Date("2026-12-31T15:00:00Z"), "WITA")).toBe(2026);
  });
});
