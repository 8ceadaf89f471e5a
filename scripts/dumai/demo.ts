/**
 * Builds data/demo/dumai-2024.json: the Dumai 2024 figures (convert.ts) plus
 * what the report says in words — factors per indicator (D:893–970), the
 * reason for low absorption (D:689, D:1148), full names where the
 * transcription abbreviated them, and the Kampung Siaga Bencana sub kegiatan
 * that the report mislabels as a second "Taruna Siaga Bencana" (D:1115).
 *
 * Run: npx tsx scripts/dumai/demo.ts  (the test suite checks the committed file is up to date)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { dumaiToAgency, type DumaiFixture } from "./convert.js";

const FULL_NAMES: Record<string, string> = {
  "Rehabilitasi Sosial Dasar ... di Luar Panti Sosial":
    "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial",
  "Pemberdayaan Lembaga Kemasyarakatan ... dalam Daerah Kabupaten/Kota":
    "Pemberdayaan Lembaga Kemasyarakatan yang Bergerak di Bidang Pemberdayaan Desa dan Lembaga Adat Tingkat Daerah Kabupaten/Kota serta Pemberdayaan Masyarakat Hukum Adat yang Masyarakat Pelakunya Hukum Adat yang Sama dalam Daerah Kabupaten/Kota",
  "Penyediaan Jasa Pemeliharaan ... Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan":
    "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan dan Pajak Kendaraan Perorangan Dinas atau Kendaraan Dinas Jabatan",
  "Penyediaan Jasa Pemeliharaan ... Kendaraan Dinas Operasional atau Lapangan":
    "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak, dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
};

const FACTORS: Record<string, { supporting: string[]; inhibiting: string[]; followUp: string[] }> = {
  IKU1: {
    supporting: ["Adanya koordinasi antar instansi terkait", "Akses pelayanan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) yang mudah dijangkau"],
    inhibiting: ["Terbatasnya SDM pendamping pelayanan PPKS", "Minimnya sarana dan prasarana pendukung pelayanan PPKS"],
    followUp: [
      "Melaksanakan peningkatan kapasitas SDM pendamping",
      "Membuat usulan program dan kegiatan yang mendukung, termasuk kebutuhan sarana dan prasarana",
    ],
  },
  IKU2: {
    supporting: ["SDM yang tersedia", "Sarana dan prasarana yang ada"],
    inhibiting: ["Kinerja SDM yang kurang optimal", "Lokasi kelurahan yang jauh, akses yang sulit dan jaringan internet yang tidak bagus"],
    followUp: ["Pembinaan dengan cara monitoring dan evaluasi kegiatan", "Pemberian reward (penghargaan) dan punishment"],
  },
  IKU3: {
    supporting: ["SDM yang tersedia", "Sarana dan prasarana yang ada"],
    inhibiting: ["Kinerja SDM yang kurang optimal", "Fungsi kepengurusan organisasi kelembagaan belum berjalan optimal"],
    followUp: ["Pembinaan dengan cara monitoring dan evaluasi (monev) kegiatan", "Pemberian reward (penghargaan) dan punishment"],
  },
  IKU4: {
    supporting: [
      "Dukungan dan komitmen Pemerintah Daerah dan Provinsi dalam pemenuhan kebutuhan dasar bagi korban bencana alam dan sosial",
      "Adanya jejaring/kemitraan antar OPD dan organisasi masyarakat dalam penanganan kebutuhan korban bencana alam dan sosial",
    ],
    inhibiting: [
      "Perubahan kondisi lingkungan yang semakin menurun kualitasnya sehingga meningkatkan ancaman risiko bencana",
      "Belum terpenuhinya sarana dan prasarana penanggulangan bencana yang lengkap dan berkualitas",
    ],
    followUp: [
      "Kolaborasi bersama OPD teknis terkait untuk meminimalkan terjadinya bencana di titik-titik rawan bencana",
      "Melengkapi sarana dan prasarana penyaluran bantuan bagi korban bencana alam dan sosial",
    ],
  },
};

const LOW_ABSORPTION_REASON =
  "realisasi belum optimal karena ketidakstabilan anggaran daerah Kota Dumai tahun 2024 mengakibatkan tunda bayar (terutang) atas kegiatan yang telah dilaksanakan";

export function buildDumaiDemo(fixture: DumaiFixture): AgencyFileInput {
  const agency = dumaiToAgency(fixture);
  for (const objective of agency.objectives ?? []) {
    for (const indicator of objective.indicators ?? []) {
      const factors = FACTORS[indicator.id];
      if (factors) indicator.factors = factors;
      if (indicator.national) indicator.national.source = "Kemendagri, realisasi SPM nasional";
    }
  }
  const lines = agency.budgetLines ?? [];
  const taruna = lines.filter((l) => l.name === "Koordinasi, Sosialisasi dan Pelaksanaan Taruna Siaga Bencana");
  if (taruna.length === 2) taruna[0]!.name = "Koordinasi, Sosialisasi dan Pelaksanaan Kampung Siaga Bencana";
  for (const line of lines) {
    line.name = FULL_NAMES[line.name] ?? line.name;
    if (line.level === "program") line.note = LOW_ABSORPTION_REASON;
  }
  return agency;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = new URL("../../", import.meta.url);
  const fixture = JSON.parse(readFileSync(new URL("test/fixtures/dumai-2024-ground-truth.json", root), "utf8")) as DumaiFixture;
  writeFileSync(new URL("data/demo/dumai-2024.json", root), `${JSON.stringify(buildDumaiDemo(fixture), null, 2)}\n`);
  console.log("data/demo/dumai-2024.json ditulis.");
}
