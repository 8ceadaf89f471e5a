import { describe, expect, it } from "vitest";
import { levelOfRegion, regionInName } from "../../src/app/region.js";

describe("the region in an agency's name, and the level in a region's name", () => {
  it("finds the region the name ends with, its first word written out", () => {
    expect(regionInName("Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai")).toBe("Kota Dumai");
    expect(regionInName("Dinas Sosial Provinsi Kepulauan Riau")).toBe("Provinsi Kepulauan Riau");
    expect(regionInName("Dinas Sosial Kab. Siak")).toBe("Kabupaten Siak");
    expect(regionInName("dinas sosial kabupaten kotawaringin timur")).toBe("Kabupaten kotawaringin timur");
    // The first such word starts the region: "Kabupaten Kota Baru" is a kabupaten.
    expect(regionInName("Dinas Sosial Kabupaten Kota Baru")).toBe("Kabupaten Kota Baru");
    expect(regionInName("Kota Dumai")).toBe("Kota Dumai");
    // A kota or kabupaten named with its province: the region ends where the province begins.
    expect(regionInName("Dinas Sosial Kota Dumai Provinsi Riau")).toBe("Kota Dumai");
    expect(regionInName("Dinas Sosial Provinsi Kepulauan Riau")).toBe("Provinsi Kepulauan Riau");
  });

  it("finds none where the word is part of another or nothing follows it", () => {
    expect(regionInName("Dinas Sosial Kotamobagu")).toBeUndefined();
    expect(regionInName("Dinas Sosial DKI Jakarta")).toBeUndefined();
    expect(regionInName("Dinas Sosial Kota")).toBeUndefined();
    expect(regionInName("Dinas Sosial Kab.Siak")).toBeUndefined();
  });

  it("reads the level from the region's first word only", () => {
    expect(levelOfRegion("Kota Dumai")).toBe("kota");
    expect(levelOfRegion("kabupaten Siak")).toBe("kabupaten");
    expect(levelOfRegion("Kab. Siak")).toBe("kabupaten");
    expect(levelOfRegion("Provinsi Riau")).toBe("provinsi");
    expect(levelOfRegion("Kotabaru")).toBeUndefined();
    expect(levelOfRegion("DKI Jakarta")).toBeUndefined();
    expect(levelOfRegion("Daerah Istimewa Yogyakarta")).toBeUndefined();
    expect(levelOfRegion("Kota")).toBeUndefined();
  });
});
