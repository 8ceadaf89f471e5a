import { describe, expect, it } from "vitest";
import { FILE_NAME_MAX, fileStem, nameSlug } from "../../src/export/file-name.js";
import { agency } from "../support/agency.js";

describe("file names from the agency's name", () => {
  it("writes the name's words in lower-case ASCII joined by dashes", () => {
    expect(nameSlug("Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai")).toBe("dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai");
    expect(nameSlug("Dinsos P3A Kota Bau-Bau")).toBe("dinsos-p3a-kota-bau-bau");
    expect(nameSlug("  Dinas Sosial (Kab.) Pidie Jaya / Aceh  ")).toBe("dinas-sosial-kab-pidie-jaya-aceh");
    expect(nameSlug("Dinas Sosial Kabupaten Pésisir Sélatan")).toBe("dinas-sosial-kabupaten-pesisir-selatan");
  });

  it("cuts a long name at a word, within the limit", () => {
    const long = "Dinas Sosial Pemberdayaan Perempuan Perlindungan Anak Pengendalian Penduduk dan Keluarga Berencana Kabupaten Contoh";
    const slug = nameSlug(long);
    expect(slug).toBe("dinas-sosial-pemberdayaan-perempuan-perlindungan-anak");
    expect(slug.length).toBeLessThanOrEqual(FILE_NAME_MAX);
    expect(nameSlug("a".repeat(100))).toBe("a".repeat(FILE_NAME_MAX));
  });

  it("adds the reporting year, and falls back on the id for a name without Latin letters or digits", () => {
    expect(fileStem(agency())).toBe("dinas-sosial-kabupaten-contoh-2024");
    const other = agency();
    other.agency.name = "Дом социальный";
    expect(fileStem(other)).toBe("dinsos-contoh-2024");
  });
});
