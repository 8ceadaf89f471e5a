/**
 * Random but valid agency files for property tests: every indicator kind and
 * polarity, missing values, zero targets, ranges, grades, history,
 * predecessors, Renstra targets (final and yearly) and national data, factors, budget hierarchies and all
 * methodology profiles. Names carry digits and HTML characters on purpose.
 */
import fc from "fast-check";
import { GRADE_TABLES, letterForScore } from "../../src/domain/calc/grade.js";
import { Decimal } from "../../src/domain/decimal.js";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";

const YEAR = 2024;

const decimalText = (maxInt: number, places: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** places - 1 })).map(([i, f]) =>
    places === 0 || f === 0 ? String(i) : `${i}.${String(f).padStart(places, "0")}`.replace(/0+$/, ""),
  );

const NAMES = [
  "Persentase PMKS yang tertangani",
  "Persentase <PSKS> & lembaga aktif",
  "Jumlah KPM graduasi tahap 2",
  "Indeks kepuasan \"masyarakat\"",
  "Angka kemiskinan 10 tahun",
  "Persentase penyandang disabilitas terlantar yang terpenuhi kebutuhan dasarnya",
];

const unitArb = fc.constantFrom("%", "%", "orang", "KPM", "indeks");

const pointOrRange = fc.oneof(
  { weight: 6, arbitrary: decimalText(150, 2) },
  { weight: 1, arbitrary: fc.constant("0") },
  { weight: 2, arbitrary: fc.tuple(decimalText(80, 1), decimalText(40, 1)).map(([a, b]) => ({ min: a, max: new Decimal(a).plus(b).toFixed() })) },
);

const gradeValue = (table: "ikm" | "lheAkip") =>
  fc.oneof(
    decimalText(99, 2).filter((s) => letterForScore(GRADE_TABLES[table], new Decimal(s)) !== undefined).map((score) => ({
      letter: letterForScore(GRADE_TABLES[table], new Decimal(score))!,
      score,
    })),
    fc.constantFrom(...GRADE_TABLES[table].grades.map((g) => ({ letter: g.letter }))),
    decimalText(99, 2).map((score) => ({ score })),
  );

const yearValues = (kind: "value" | "ratio" | "grade", table: "ikm" | "lheAkip"): fc.Arbitrary<Record<string, unknown>> => {
  if (kind === "grade") {
    return fc.record({ target: fc.option(gradeValue(table), { nil: undefined }), actual: fc.option(gradeValue(table), { nil: undefined }) });
  }
  if (kind === "ratio") {
    return fc.record({
      target: fc.option(pointOrRange, { nil: undefined }),
      ratio: fc.option(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 })), { nil: undefined }),
    }).map(({ target, ratio }) => ({
      ...(target === undefined ? {} : { target }),
      ...(ratio === undefined ? {} : { numerator: String(ratio[0]), denominator: String(ratio[1]) }),
    }));
  }
  return fc.record({ target: fc.option(pointOrRange, { nil: undefined }), actual: fc.option(decimalText(150, 2), { nil: undefined }) });
};

const strip = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const factorList = fc.oneof(fc.constant(undefined), fc.constant([] as string[]), fc.array(fc.constantFrom("Koordinasi antarinstansi", "Anggaran terbatas 2 bulan", "SDM <kurang> & rotasi", "Monitoring rutin"), { minLength: 1, maxLength: 3 }));

const indicatorArb = fc
  .record({
    kind: fc.constantFrom("value" as const, "value" as const, "ratio" as const, "grade" as const),
    table: fc.constantFrom("ikm" as const, "lheAkip" as const),
    polarity: fc.constantFrom("positive" as const, "negative" as const),
    unit: unitArb,
    name: fc.constantFrom(...NAMES),
    years: fc.array(fc.integer({ min: YEAR - 3, max: YEAR }), { maxLength: 4 }),
    hasPredecessor: fc.boolean(),
    finalTarget: fc.option(decimalText(120, 2), { nil: undefined }),
    national: fc.option(fc.record({ value: decimalText(100, 2), year: fc.constantFrom(YEAR - 1, YEAR), kind: fc.constantFrom("standar" as const, "realisasi" as const) }), { nil: undefined }),
    factors: fc.option(fc.record({ supporting: factorList, inhibiting: factorList, followUp: factorList }), { nil: undefined }),
    direct: fc.option(fc.record({ budget: decimalText(2_000_000_000, 0), spent: decimalText(2_000_000_000, 0) }), { nil: undefined }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain((spec) =>
    fc.record({
      spec: fc.constant(spec),
      values: fc.array(yearValues(spec.kind, spec.table), { minLength: 4, maxLength: 4 }),
      oldValues: fc.array(fc.record({ target: decimalText(100, 1), actual: decimalText(100, 1) }), { minLength: 2, maxLength: 2 }),
    }),
  );

export const agencyArb: fc.Arbitrary<AgencyFileInput> = fc
  .record({
    objectives: fc.array(fc.array(indicatorArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }),
    scale: fc.constantFrom<unknown>("permendagri86", "atribut", "baik100", {
      name: "Skala khusus",
      bands: [
        { label: "Baik", min: "90" },
        { label: "Cukup", min: "60", max: "90" },
        { label: "Kurang", min: "0", max: "60" },
      ],
    }),
    method: fc.constantFrom("rasio" as const, "selisih" as const, "penghematan" as const),
    band: fc.constantFrom("0", "5"),
    decimals: fc.integer({ min: 0, max: 2 }),
    moneyStyle: fc.constantFrom("rp" as const, "rp-dash" as const),
    cap: fc.option(fc.constantFrom("120", "150"), { nil: undefined }),
    negativeFormula: fc.constantFrom("2T-R" as const, "T/R" as const),
    programs: fc.array(
      fc.record({
        budget: fc.option(decimalText(5_000_000_000, 0), { nil: undefined }),
        spent: fc.option(decimalText(5_000_000_000, 0), { nil: undefined }),
        links: fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 2 }),
        output: fc.option(fc.record({ target: decimalText(100, 0), actual: decimalText(120, 0) }), { nil: undefined }),
        note: fc.option(fc.constantFrom("tunda bayar", "sisa lelang 3 paket"), { nil: undefined }),
        activities: fc.array(
          fc.record({
            budget: fc.option(decimalText(900_000_000, 0), { nil: undefined }),
            spent: fc.option(decimalText(900_000_000, 0), { nil: undefined }),
            subs: fc.array(fc.record({ budget: decimalText(300_000_000, 0), spent: fc.option(decimalText(300_000_000, 0), { nil: undefined }) }), { maxLength: 3 }),
          }),
          { maxLength: 3 },
        ),
      }),
      { maxLength: 4 },
    ),
  })
  .map((g) => {
    const indicatorIds: string[] = [];
    const objectives = g.objectives.map((inds, oi) => ({
      id: `S${oi + 1}`,
      code: String(oi + 1),
      name: `Sasaran ${oi + 1}: meningkatnya layanan <sosial> & "kesejahteraan"`,
      indicators: inds.map(({ spec, values, oldValues }, ii) => {
        const id = `I${oi + 1}_${ii + 1}`;
        indicatorIds.push(id);
        const years: Record<string, unknown> = {};
        spec.years.forEach((y, k) => {
          years[String(y)] = strip(values[k]!);
        });
        const indicator: Record<string, unknown> = {
          id,
          code: `${oi + 1}.${ii + 1}`,
          name: `${spec.name} ${oi + 1}.${ii + 1}`,
          unit: spec.kind === "grade" ? "nilai" : spec.unit,
          polarity: spec.kind === "grade" ? "positive" : spec.polarity,
          kind: spec.kind,
          years,
        };
        if (spec.kind === "grade") indicator.gradeTable = spec.table;
        if (spec.kind === "ratio" && spec.seed % 2 === 0) {
          indicator.numeratorLabel = "jumlah yang terlayani";
          indicator.denominatorLabel = "jumlah sasaran";
        }
        if (spec.hasPredecessor && spec.kind !== "grade") {
          indicator.predecessor = {
            name: `Indikator lama ${oi + 1}.${ii + 1}`,
            years: { [String(YEAR - 2)]: oldValues[0], [String(YEAR - 1)]: oldValues[1] },
          };
        }
        if (spec.finalTarget !== undefined && spec.kind !== "grade") {
          // One in four with the Renstra's targets of two other years too (a range among them), which /tahun takes.
          const byYear = spec.seed % 4 === 1 ? { byYear: { "2023": { min: "80", max: "90.5" }, "2025": spec.finalTarget } } : {};
          indicator.strategicPlan = { finalTarget: spec.finalTarget, ...byYear };
        }
        if (spec.national && spec.kind !== "grade") indicator.national = spec.national;
        if (spec.factors) indicator.factors = strip(spec.factors);
        if (spec.direct && spec.seed % 3 === 0) indicator.budget = spec.direct;
        return indicator;
      }),
    }));
    const budgetLines: Record<string, unknown>[] = [];
    g.programs.forEach((p, pi) => {
      const pid = `P${pi + 1}`;
      budgetLines.push(
        strip({
          id: pid,
          level: "program",
          name: `Program ${pi + 1} <layanan> & dukungan`,
          budget: p.budget,
          spent: p.spent,
          note: p.note,
          indicatorIds: [...new Set(p.links.map((k) => indicatorIds[k % indicatorIds.length]!))],
          output: p.output ? { indicator: `Persentase keluaran program ${pi + 1}`, unit: "%", ...p.output } : undefined,
        }),
      );
      p.activities.forEach((a, ai) => {
        const kid = `${pid}.K${ai + 1}`;
        budgetLines.push(strip({ id: kid, level: "activity", parentId: pid, name: `Kegiatan ${pi + 1}.${ai + 1}`, budget: a.budget, spent: a.spent }));
        a.subs.forEach((s, si) => {
          budgetLines.push(strip({ id: `${kid}.S${si + 1}`, level: "subActivity", parentId: kid, name: `Sub kegiatan ${pi + 1}.${ai + 1}.${si + 1}`, budget: s.budget, spent: s.spent }));
        });
      });
    });
    return {
      format: "lkjip-instansi",
      version: 1,
      agency: {
        id: "acak",
        name: "Dinas Sosial <Acak> & Mitra",
        region: "Kabupaten Acak",
        level: "kabupaten",
        strategicPlan: { startYear: 2021, endYear: 2026 },
        reportingYear: YEAR,
      },
      profile: strip({
        scale: g.scale,
        efficiency: { method: g.method, band: g.band },
        negativeFormula: g.negativeFormula,
        decimals: g.decimals,
        moneyStyle: g.moneyStyle,
        averageCap: g.cap,
      }),
      objectives,
      budgetLines,
    } as AgencyFileInput;
  });
