/** A small agency with one indicator per drafting variant. */
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { agency } from "./agency.js";

export const variantsInput = (): Partial<AgencyFileInput> => ({
  agency: {
    id: "dinsos-varian",
    name: "Dinas Sosial Kabupaten Varian",
    region: "Kabupaten Varian",
    level: "kabupaten",
    strategicPlan: { startYear: 2021, endYear: 2026 },
    reportingYear: 2024,
  },
  objectives: [
    {
      id: "S1",
      code: "1",
      name: "Meningkatnya Pelayanan Sosial",
      indicators: [
        {
          id: "LEBIH",
          code: "1.1",
          name: "Persentase kelurahan cepat berkembang",
          unit: "%",
          years: { "2023": { target: "75", actual: "75" }, "2024": { target: "80", actual: "86.11" } },
          strategicPlan: { finalTarget: "100" },
          national: { value: "83.38", year: 2023, kind: "realisasi", source: "Kemendagri" },
          factors: { supporting: ["Koordinasi antarinstansi"], inhibiting: [], followUp: ["Monitoring dan evaluasi"] },
        },
        {
          id: "TEPAT",
          code: "1.2",
          name: "Persentase PKK aktif",
          unit: "%",
          years: { "2022": { target: "100", actual: "100" }, "2023": { target: "100", actual: "100" }, "2024": { target: "100", actual: "100" } },
          strategicPlan: { finalTarget: "100" },
        },
        {
          id: "BELUM",
          code: "1.3",
          name: "Persentase PMKS tertangani",
          unit: "%",
          years: { "2023": { target: "90", actual: "80" }, "2024": { target: "100", actual: "70" } },
          strategicPlan: { finalTarget: "100" },
          national: { value: "75", year: 2024, kind: "standar" },
          factors: { supporting: ["Dukungan relawan"], inhibiting: ["Anggaran terbatas"] },
        },
      ],
    },
    {
      id: "S2",
      code: "2",
      name: "Menurunnya Angka Kemiskinan",
      indicators: [
        {
          id: "NEG",
          code: "2.1",
          name: "Angka kemiskinan",
          unit: "%",
          polarity: "negative",
          years: { "2023": { target: "11", actual: "13" }, "2024": { target: "10", actual: "12" } },
          strategicPlan: { finalTarget: "8" },
          national: { value: "9.03", year: 2024, kind: "realisasi", source: "BPS" },
        },
        {
          id: "RASIO",
          code: "2.2",
          name: "Persentase PSKS aktif",
          unit: "%",
          kind: "ratio",
          numeratorLabel: "jumlah PSKS aktif",
          denominatorLabel: "jumlah PSKS",
          years: { "2024": { target: "97.5", numerator: "56", denominator: "57" } },
        },
        {
          id: "ISI",
          code: "2.3",
          name: "Jumlah KPM graduasi",
          unit: "KPM",
          years: { "2023": { target: "20", actual: "22" }, "2024": { target: "25" } },
        },
      ],
    },
    {
      id: "S3",
      code: "3",
      name: "Meningkatnya Tata Kelola",
      indicators: [
        {
          id: "NILAI",
          code: "3.1",
          name: "Nilai SAKIP",
          unit: "nilai",
          kind: "grade",
          gradeTable: "lheAkip",
          years: { "2023": { target: { letter: "A", score: "81.5" }, actual: { letter: "A", score: "82.1" } }, "2024": { target: { letter: "A", score: "81.5" }, actual: { score: "80.15" } } },
        },
        {
          id: "IKM",
          code: "3.2",
          name: "Indeks Kepuasan Masyarakat",
          unit: "predikat",
          kind: "grade",
          gradeTable: "ikm",
          years: { "2024": { target: { letter: "B" }, actual: { letter: "A" } } },
        },
        {
          id: "RENTANG",
          code: "3.3",
          name: "Persentase ketepatan waktu laporan",
          unit: "%",
          years: { "2024": { target: { min: "80", max: "90" }, actual: "85" } },
        },
        {
          id: "NOL",
          code: "3.4",
          name: "Jumlah aduan terselesaikan",
          unit: "aduan",
          years: { "2024": { target: "0", actual: "4" } },
        },
      ],
    },
  ],
  budgetLines: [
    { id: "P1", level: "program", name: "Program Rehabilitasi Sosial", budget: "1373500000", spent: "1220878592", indicatorIds: ["LEBIH"], output: { indicator: "Persentase PPKS terlayani", unit: "%", target: "100", actual: "100" } },
    { id: "P2", level: "program", name: "Program Perlindungan Sosial", indicatorIds: ["BELUM"], note: "tunda bayar", output: { indicator: "Persentase KPM terlindungi", unit: "%", target: "100", actual: "90" } },
    { id: "K2", level: "activity", parentId: "P2", name: "Pengelolaan Data Fakir Miskin", budget: "500000000", spent: "250000000" },
    { id: "P3", level: "program", name: "Program Penunjang Urusan", budget: "100000000", spent: "0", indicatorIds: ["NEG"] },
  ],
});

export const variants = () => agency(variantsInput());
