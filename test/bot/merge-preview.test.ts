/**
 * How the preview of a merge writes the answers given differently: in Indonesian, as the officer reads them
 * elsewhere (a polarity in words, Rupiah, a range, lists, a national figure), and the indicators not merged.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { receiveAgencyFile } from "../../src/bot/flows/merge.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { agencyDocument } from "../support/documents.js";
import { htmlToPlain } from "../../src/local/fake-telegram.js";
import { utf8 } from "../support/spreadsheets.js";

function demo(): AgencyFile {
  const parsed = parseAgency(JSON.parse(readFileSync("data/demo/dumai-2024.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.file;
}

const IKU1 =
  "1.1 Persentase (%) penyandang disabilitas terlantar, anak terlantar, lanjut usia terlantar, dan gelandangan pengemis yang terpenuhi kebutuhan dasarnya di luar panti (INDIKATOR SPM)";

describe("the preview of a merge", () => {
  it("writes each answer given differently as the officer reads it, and each indicator not merged", () => {
    const agency = { ...agencyDocument("dinsos-pm-dumai"), data: demo() };
    const file = demo();
    file.agency.name = "Dinas Sosial dan PM Kota Dumai";
    file.agency.reportingYear = 2025;
    const [first] = file.objectives[0]!.indicators;
    first!.polarity = "negative";
    first!.years["2024"]!.target = { min: "80", max: "90" };
    first!.factors = { ...first!.factors, supporting: ["Koordinasi lintas sektor"] };
    first!.national = { value: "95.5", year: 2024, kind: "standar" };
    file.budgetLines[0]!.budget = "1500000000.5";
    file.objectives[1]!.indicators[1]!.unit = "unit";

    const out = receiveAgencyFile(agency, "ganda.json", utf8(JSON.stringify(file)), "berkas-1");
    const said = out.replies.map((r) => htmlToPlain((r as { html: string }).html)).join("\n\n");
    expect(said).toBe(
      [
        'Tidak ada yang perlu ditambahkan: semua isi berkas "ganda.json" sudah ada di Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai.',
        "",
        "⚠️ Berkas ini untuk tahun pelaporan 2025, instansi ini tahun 2024; angka setiap tahun digabungkan ke tahunnya masing-masing.",
        "",
        "1 indikator tidak digabung karena satuan atau jenisnya berbeda (isinya di sini tetap):",
        "• 2.2 Persentase PKK (Pemberdayaan Kesejahteraan Keluarga) Aktif: satuan di sini %, di berkas unit",
        "",
        "5 isian berbeda; yang di sini tetap dipakai. Bila yang di berkas benar, ubah sendiri (/indikator, /anggaran):",
        `• Polaritas — ${IKU1}: di sini positif, di berkas negatif`,
        `• Target 2024 — ${IKU1}: di sini 100, di berkas 80–90`,
        `• Data nasional — ${IKU1}: di sini 83,38 (realisasi 2023), di berkas 95,5 (standar 2024)`,
        `• Faktor pendukung — ${IKU1}: di sini Adanya koordinasi antar instansi terkait; Akses pelayanan Pemerlu Pelayanan Kesejahteraan Sosial…, di berkas Koordinasi lintas sektor`,
        "• Pagu anggaran — PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA: di sini Rp7.126.209.060, di berkas Rp1.500.000.000,50",
      ].join("\n"),
    );
    // Nothing to add or fill: no button, no merge to wait for.
    expect(out.state).toMatchObject({ flow: "idle" });
  });
});
