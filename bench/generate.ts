/**
 * Benchmark data: a realistic large agency (10 sasaran × 4 indicators, three
 * history years, 200 budget lines linked to the indicators), deterministic
 * from its number. The reporting year's realisasi is left empty, so /isi has
 * 40 questions to ask; everything else is filled in. Optionally with the
 * audit entries earlier answers left in the document (`--audit`).
 */
import type { AgencyFileInput } from "../src/domain/schema/agency.js";
import type { AgencyDocument } from "../src/storage/documents.js";
import { AgencyFileSchema } from "../src/domain/schema/agency.js";
import { STORAGE_SCHEMA_VERSION } from "../src/storage/documents.js";

export const SHAPE = { objectives: 10, indicatorsPerObjective: 4, historyYears: 3, programs: 8, activitiesPerProgram: 3, subPerActivity: 7 };
// 8 programs + 24 kegiatan + 168 sub kegiatan = 200 budget lines.

const UNITS = ["%", "orang", "indeks", "KPM", "%", "dokumen"];
const REPORTING_YEAR = 2024;

/** A small deterministic pseudo-random generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The unit of indicator `I<o>_<i>`: the same in every generated agency, so the load generator knows it without reading the agency. */
export function benchUnit(indicatorId: string): string {
  const [o, i] = indicatorId.slice(1).split("_").map(Number) as [number, number];
  return UNITS[(o + i) % UNITS.length]!;
}

export function agencyId(n: number): string {
  return `uji-${String(n).padStart(5, "0")}`;
}

export function benchAgency(n: number): AgencyFileInput {
  const rnd = random(n + 1);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const objectives: NonNullable<AgencyFileInput["objectives"]> = [];
  const indicatorIds: string[] = [];
  for (let o = 1; o <= SHAPE.objectives; o++) {
    const indicators = [];
    for (let i = 1; i <= SHAPE.indicatorsPerObjective; i++) {
      const id = `I${o}_${i}`;
      indicatorIds.push(id);
      const unit = benchUnit(id);
      const negative = (o * 4 + i) % 7 === 0;
      const ratio = unit === "%" && (o + i) % 3 === 0;
      const years: Record<string, Record<string, string>> = {};
      for (let y = REPORTING_YEAR - SHAPE.historyYears; y < REPORTING_YEAR; y++) {
        const target = unit === "%" ? int(70, 100) : int(20, 900);
        if (ratio) {
          const denominator = int(40, 400);
          years[String(y)] = { target: String(target), numerator: String(Math.floor((denominator * int(60, 100)) / 100)), denominator: String(denominator) };
        } else years[String(y)] = { target: String(target), actual: String(Math.round(target * (0.8 + rnd() * 0.4))) };
      }
      years[String(REPORTING_YEAR)] = { target: String(unit === "%" ? int(75, 100) : int(20, 900)) };
      indicators.push({
        id,
        code: `${o}.${i}`,
        name: `Persentase capaian layanan kesejahteraan sosial bidang ${o} indikator ${i} pada kabupaten uji ${n}`,
        unit,
        polarity: negative ? ("negative" as const) : ("positive" as const),
        kind: ratio ? ("ratio" as const) : ("value" as const),
        ...(ratio ? { numeratorLabel: "jumlah penerima manfaat yang tertangani", denominatorLabel: "jumlah penerima manfaat yang terdata" } : {}),
        definition: "Indikator ini mengukur keberhasilan layanan terhadap sasaran penerima manfaat pada tahun berjalan.",
        dataSource: "Bidang Rehabilitasi Sosial",
        years,
        strategicPlan: { finalTarget: unit === "%" ? "100" : String(int(500, 1000)) },
        national: { value: unit === "%" ? "85" : "500", year: REPORTING_YEAR - 1, kind: "realisasi" as const, source: "Kementerian Sosial" },
        factors: {
          supporting: ["Koordinasi yang baik antar perangkat daerah", "Dukungan anggaran yang memadai"],
          inhibiting: ["Keterbatasan sumber daya manusia di lapangan"],
          followUp: ["Meningkatkan pelatihan petugas dan pemutakhiran data"],
        },
      });
    }
    objectives.push({ id: `S${o}`, code: String(o), name: `Meningkatnya kualitas penyelenggaraan kesejahteraan sosial bidang ${o}`, indicators });
  }
  const budgetLines: NonNullable<AgencyFileInput["budgetLines"]> = [];
  let k = 0;
  for (let p = 1; p <= SHAPE.programs; p++) {
    budgetLines.push({ id: `P${p}`, level: "program", code: `1.06.${String(p).padStart(2, "0")}`, name: `Program penyelenggaraan kesejahteraan sosial ${p}`, indicatorIds: [indicatorIds[(p * 5) % indicatorIds.length]!] });
    for (let a = 1; a <= SHAPE.activitiesPerProgram; a++) {
      const activityId = `K${p}_${a}`;
      budgetLines.push({ id: activityId, level: "activity", parentId: `P${p}`, name: `Kegiatan pelayanan sosial ${p}.${a}`, indicatorIds: [] });
      for (let s = 1; s <= SHAPE.subPerActivity; s++) {
        const budget = int(50, 900) * 1_000_000;
        budgetLines.push({
          id: `SK${p}_${a}_${s}`,
          level: "subActivity",
          parentId: activityId,
          name: `Sub kegiatan penyediaan layanan sosial dasar ${p}.${a}.${s}`,
          budget: String(budget),
          spent: String(Math.round(budget * (0.6 + rnd() * 0.4))),
          indicatorIds: [indicatorIds[k++ % indicatorIds.length]!],
          fundingSource: "APBD",
        });
      }
    }
  }
  return {
    format: "lkjip-instansi",
    version: 1,
    agency: {
      id: agencyId(n),
      name: `Dinas Sosial Kabupaten Uji ${n}`,
      region: `Kabupaten Uji ${n}`,
      level: "kabupaten",
      strategicPlan: { startYear: 2021, endYear: 2026 },
      reportingYear: REPORTING_YEAR,
    },
    objectives,
    budgetLines,
  };
}

/** The user id of the admin of agency n (one officer per agency in the benchmark). */
export function officerId(n: number): number {
  return 100_000 + n;
}

/**
 * `count` audit entries of agency n, as the officer's earlier answers left
 * them (the previous years' targets and realisasi, then the Renstra and
 * national figures, indicator after indicator), oldest first.
 */
function benchAudit(n: number, data: AgencyDocument["data"], count: number): AgencyDocument["audit"] {
  const fields: { field: string; label: string; value: unknown }[] = [];
  for (const o of data.objectives) {
    for (const i of o.indicators) {
      const base = `objectives/${o.id}/indicators/${i.id}`;
      for (const [year, y] of Object.entries(i.years)) {
        if (!y) continue;
        if (y.target !== undefined) fields.push({ field: `${base}/years/${year}/target`, label: `Target ${year} — ${i.name}`, value: y.target });
        if (y.actual !== undefined) fields.push({ field: `${base}/years/${year}/actual`, label: `Realisasi ${year} — ${i.name}`, value: y.actual });
      }
      fields.push({ field: `${base}/strategicPlan/finalTarget`, label: `Target akhir Renstra — ${i.name}`, value: i.strategicPlan?.finalTarget });
      fields.push({ field: `${base}/national`, label: `Data nasional — ${i.name}`, value: i.national });
    }
  }
  const start = Date.parse("2025-01-06T01:00:00.000Z");
  return Array.from({ length: count }, (_, k) => {
    const f = fields[k % fields.length]!;
    return { seq: k + 1, at: new Date(start + k * 97_000).toISOString(), userId: officerId(n), userName: `Petugas ${n}`, field: f.field, label: f.label, new: f.value };
  });
}

/** The stored document of agency n, as the repository holds it, with `audit` entries of earlier answers. */
export function benchDocument(n: number, audit = 0): AgencyDocument {
  const at = "2025-01-15T03:00:00.000Z";
  const data = AgencyFileSchema.parse(benchAgency(n));
  return {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    revision: 1,
    createdAt: at,
    updatedAt: at,
    data,
    members: [{ userId: officerId(n), name: `Petugas ${n}`, role: "admin", addedAt: at, addedBy: null }],
    invitations: [],
    audit: benchAudit(n, data, audit),
    auditSeq: audit,
  };
}
