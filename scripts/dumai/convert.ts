/**
 * Converts the transcribed Dumai 2024 ground truth (test/fixtures) into the
 * agency file format. Used by the golden test and by the demo builder.
 *
 * Budget: program pagu and realisasi are the report's Rupiah figures (Tabel
 * 3.6.1; the Program Penunjang realisasi is the report's total minus the
 * other programs). The report prints only percentages for kegiatan and sub
 * kegiatan, so their realisasi is reconstructed: pagu × printed % rounded to
 * the Rupiah, then the program's small rounding residue is spread over its
 * sub kegiatan in proportion to their pagu, so that every sum is exact.
 */
import { Decimal } from "../../src/domain/decimal.js";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";

interface FixtureRow {
  line: number;
  level: "program" | "kegiatan" | "sub_kegiatan" | "total";
  name: string;
  pagu: string;
  pct: string;
  parent: number | null;
  realisasi: string | null;
}
interface FixtureProgramRow {
  name: string;
  iku: string;
  k_target: string;
  k_realisasi: string;
  pagu: string;
  realisasi: string;
}
interface FixtureIndicator {
  id: string;
  sasaran: string;
  indikator: string;
  satuan: string;
  polarity: "positive" | "negative";
  target: string | null;
  realisasi: string | null;
  numerator?: string | null;
  denominator?: string | null;
  history: Record<string, { target: string; realisasi: string; numerator?: string; denominator?: string }>;
  renstra_target?: string;
  renstra_target_lampiran?: Record<string, unknown>;
  national_standard?: { value: string | null; what: string } | null;
  anggaran?: string;
  realisasi_anggaran?: string;
  budget_link?: string;
}
export interface DumaiFixture {
  report: {
    agency: string;
    report_year: number;
    indicators: FixtureIndicator[];
    budget_tables: { table: string; rows: unknown[] }[];
    totals: { pagu: number; realisasi: number };
  };
}

const GOALS: Record<string, string> = {
  "Meningkatnya Penyelenggaraan Kesejahteraan Sosial": "Meningkatkan Kesejahteraan Sosial",
  "Meningkatnya Kapasitas Pemberdayaan Masyarakat Desa/Kelurahan": "Meningkatkan Pembangunan Berbasis Pemberdayaan Masyarakat Desa/Kelurahan",
  "Meningkatnya Penanggulangan Korban Bencana": "Meningkatkan Penanggulangan Korban Bencana",
};

/** IKU → the old IKU it replaced in 2024 (Tabel 3.2.1). */
const PREDECESSORS: Record<string, string> = { "001-IKU2": "001-OLD1", "001-IKU3": "001-OLD2" };

const RATIO_LABELS: Record<string, [string, string]> = {
  "001-IKU2": ["jumlah kelurahan cepat berkembang", "jumlah kelurahan"],
  "001-IKU3": ["jumlah PKK aktif", "jumlah PKK"],
};

const strip = (id: string) => id.replace("001-", "");
const key = (name: string) => name.toLowerCase().replace(/^program\s+/, "").replace(/[^a-z]/g, "");

function yearsOf(h: FixtureIndicator["history"]) {
  const years: Record<string, { target: string; actual: string; note?: string }> = {};
  for (const [year, v] of Object.entries(h)) {
    years[year] = { target: v.target, actual: v.realisasi };
    if (v.numerator && v.denominator) years[year]!.note = `${v.numerator} dari ${v.denominator}`;
  }
  return years;
}

/**
 * Spread `residue` Rupiah over `amounts` in proportion to `weights`; lines
 * printed at 0% or 100% keep their exact value.
 */
function spread(amounts: Decimal[], weights: Decimal[], residue: Decimal): Decimal[] {
  const eligible = amounts.map((a, i) => !a.isZero() && !a.equals(weights[i]!));
  const weightSum = weights.reduce((s, w, i) => (eligible[i] ? s.plus(w) : s), new Decimal(0));
  let left = residue;
  const lastEligible = eligible.lastIndexOf(true);
  return amounts.map((a, i) => {
    if (!eligible[i]) return a;
    if (i === lastEligible) return a.plus(left);
    const share = residue.times(weights[i]!).dividedBy(weightSum).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    left = left.minus(share);
    return a.plus(share);
  });
}

export function dumaiToAgency(fixture: DumaiFixture): AgencyFileInput {
  const report = fixture.report;
  const byId = new Map(report.indicators.map((i) => [i.id, i]));
  const current = report.indicators.filter((i) => i.id.includes("IKU"));

  const programs361 = report.budget_tables.find((t) => t.table === "Tabel 3.6.1")!.rows as FixtureProgramRow[];
  const rows33 = report.budget_tables.find((t) => t.table === "Tabel 3.3")!.rows as FixtureRow[];
  const programOf361 = new Map(programs361.map((r) => [key(r.name), r]));

  // Objectives in report order.
  const objectives: NonNullable<AgencyFileInput["objectives"]> = [];
  for (const ind of current) {
    let objective = objectives.find((o) => o.name === ind.sasaran);
    if (!objective) {
      objective = { id: `S${objectives.length + 1}`, code: String(objectives.length + 1), name: ind.sasaran, goal: GOALS[ind.sasaran]!, indicators: [] };
      objectives.push(objective);
    }
    const n = objective.indicators!.length + 1;
    const isRatio = ind.numerator != null && ind.denominator != null;
    const yearValues = isRatio
      ? { target: ind.target!, numerator: ind.numerator!, denominator: ind.denominator! }
      : { target: ind.target!, actual: ind.realisasi! };
    const indicator: NonNullable<(typeof objective)["indicators"]>[number] = {
      id: strip(ind.id),
      code: `${objective.code}.${n}`,
      name: ind.indikator,
      unit: ind.satuan,
      polarity: ind.polarity,
      kind: isRatio ? "ratio" : "value",
      years: { ...yearsOf(ind.history), [String(report.report_year)]: yearValues },
    };
    if (isRatio) {
      const [numeratorLabel, denominatorLabel] = RATIO_LABELS[ind.id]!;
      indicator.numeratorLabel = numeratorLabel;
      indicator.denominatorLabel = denominatorLabel;
    }
    const predecessorId = PREDECESSORS[ind.id];
    if (predecessorId) {
      const old = byId.get(predecessorId)!;
      indicator.predecessor = { name: old.indikator, unit: old.satuan, years: yearsOf(old.history) };
    }
    // The Renstra matrix gives the final (2026) target; IKU2's is 100, not the 80 the narrative calls "target akhir".
    const lampiran = ind.renstra_target_lampiran as Record<string, string> | undefined;
    const finalTarget = lampiran?.["2026 (final)"] ?? ind.renstra_target;
    if (finalTarget) {
      indicator.strategicPlan = { finalTarget };
      if (lampiran) indicator.strategicPlan.byYear = { "2024": lampiran["2024"]!, "2025": lampiran["2025"]!, "2026": lampiran["2026 (final)"]! };
    }
    if (ind.national_standard?.value) {
      indicator.national = {
        value: ind.national_standard.value,
        year: 2023,
        kind: "realisasi",
        source: "Kemendagri (realisasi SPM nasional; data 2024 belum dirilis)",
      };
    }
    // IKU1: Tabel 3.6.1 lists five programs under it, but the report's efficiency (Tabel 3.7.1)
    // uses Program Rehabilitasi Sosial alone; keep the report's figure as a direct budget.
    const linkedPrograms = programs361.filter((p) => p.iku === ind.id);
    if (linkedPrograms.length > 1 && ind.anggaran && ind.realisasi_anggaran) {
      indicator.budget = { budget: ind.anggaran, spent: ind.realisasi_anggaran };
    }
    objective.indicators!.push(indicator);
  }

  // Budget lines (Tabel 3.3), ids P1 / P1.K1 / P1.K1.S1.
  const budgetLines: NonNullable<AgencyFileInput["budgetLines"]> = [];
  const idOfLine = new Map<number, string>();
  const counters = new Map<string, number>();
  const nextId = (parent: string | undefined, prefix: string) => {
    const k = `${parent ?? ""}/${prefix}`;
    const n = (counters.get(k) ?? 0) + 1;
    counters.set(k, n);
    return parent ? `${parent}.${prefix}${n}` : `${prefix}${n}`;
  };
  const rowsByParent = new Map<number | null, FixtureRow[]>();
  for (const r of rows33) rowsByParent.set(r.parent, [...(rowsByParent.get(r.parent) ?? []), r]);

  const totalLine = rows33.find((r) => r.level === "total")!;
  for (const program of rowsByParent.get(totalLine.line) ?? []) {
    const pid = nextId(undefined, "P");
    idOfLine.set(program.line, pid);
    const match = programOf361.get(key(program.name));
    const programSpent = new Decimal(program.realisasi!);
    const line: (typeof budgetLines)[number] = {
      id: pid,
      level: "program",
      name: program.name,
      budget: program.pagu,
      spent: program.realisasi!,
      fundingSource: "APBD",
      indicatorIds: match ? [strip(match.iku)] : [],
    };
    if (match) {
      line.output = { indicator: `Capaian ${match.name}`, unit: "%", target: match.k_target, actual: match.k_realisasi };
    }
    budgetLines.push(line);

    const kegiatan = rowsByParent.get(program.line) ?? [];
    const subs = kegiatan.flatMap((k) => rowsByParent.get(k.line) ?? []);
    const derived = subs.map((s) => new Decimal(s.pagu).times(s.pct).dividedBy(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
    const residue = programSpent.minus(derived.reduce((a, b) => a.plus(b), new Decimal(0)));
    const adjusted = spread(derived, subs.map((s) => new Decimal(s.pagu)), residue);
    const spentOfSub = new Map(subs.map((s, i) => [s.line, adjusted[i]!]));

    for (const k of kegiatan) {
      const kid = nextId(pid, "K");
      idOfLine.set(k.line, kid);
      budgetLines.push({ id: kid, level: "activity", name: k.name, parentId: pid, budget: k.pagu });
      for (const s of rowsByParent.get(k.line) ?? []) {
        const sid = nextId(kid, "S");
        budgetLines.push({
          id: sid,
          level: "subActivity",
          name: s.name.replace(/ \(2nd row, same name\)$/, ""),
          parentId: kid,
          budget: s.pagu,
          spent: spentOfSub.get(s.line)!.toFixed(),
        });
      }
    }
  }

  return {
    format: "lkjip-instansi",
    version: 1,
    agency: {
      id: "dinsos-pm-dumai",
      name: report.agency,
      region: "Kota Dumai",
      province: "Riau",
      level: "kota",
      head: { name: "drg. HERMIYATI", nip: "19711229 200012 2 001", rank: "Pembina Utama Muda" },
      strategicPlan: { startYear: 2021, endYear: 2026 },
      reportingYear: report.report_year,
    },
    profile: {
      scale: "permendagri86",
      efficiency: { method: "rasio", band: "0" },
      negativeFormula: "2T-R",
      decimals: 2,
      moneyStyle: "rp",
      absorptionThreshold: "80",
      dataSource: "Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai",
    },
    objectives,
    budgetLines,
  };
}
