/** Section 3.2: realisasi compared with the previous year and several years (table per year, trend paragraph). */
import type { IndicatorResult, YearResult } from "../../calc/agency.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Column, Paragraph, Row, Section, Table } from "../document.js";
import { joinAnd } from "../counts.js";
import { cell } from "../ink.js";
import { key, orMissing, use, yearFigures } from "../figures.js";

export const TABLE_HISTORY = "3.3";

/** The years shown: the reporting year and the two before it. */
function years(ctx: DraftContext): number[] {
  return [ctx.year - 2, ctx.year - 1, ctx.year];
}

function yearOf(list: readonly YearResult[], current: YearResult | undefined, y: number): YearResult | undefined {
  if (current && current.values.year === y) return current;
  return list.find((h) => h.values.year === y);
}

function historyRow(ctx: DraftContext, r: IndicatorResult, name: string, objectiveId: string, code: string, old: boolean): Row {
  const list = old ? r.predecessorHistory : r.history;
  const current = old ? undefined : r.current;
  const empty = cell(ctx.word("sel.kosong"));
  const perYear = years(ctx).map((y) => {
    const yr = yearOf(list, current, y);
    if (!yr) return { target: empty, actual: empty, achievement: empty };
    const f = yearFigures(ctx, r, yr, old ? ".lama" : "");
    return {
      target: orMissing(ctx, f.target, yr),
      actual: orMissing(ctx, f.actual, yr),
      achievement: orMissing(ctx, f.achievement, yr, yr.achievement.status === "not_computable"),
    };
  });
  let change: Cell = empty;
  if (!old && r.trend.status === "compared") change = cell(changeText(ctx, r), key(r.id, "perubahan"));
  const row: Row = {
    kind: "data",
    groupKey: objectiveId,
    cells: [
      cell(code),
      cell(ctx.objectiveOf(r).objective.name),
      cell(old ? `${name} ${ctx.word("sel.iku_lama")}` : name),
      ...perYear.map((p) => p.target),
      ...perYear.map((p) => p.actual),
      ...perYear.map((p) => p.achievement),
      change,
    ],
  };
  if (old) row.italic = true;
  return row;
}

/** The size of the change: "11,11 poin" for percentages, "12 orang" otherwise. */
function changeAmount(ctx: DraftContext, r: IndicatorResult): string {
  if (r.trend.status !== "compared") return "";
  const d = r.trend.difference;
  return r.indicator.unit === "%" ? ctx.format.points(d) : `${ctx.format.plain(d.abs())} ${r.indicator.unit}`;
}

/** Table cell: "naik 11,11 poin" / "turun 0,05 poin" / "tetap". */
function changeText(ctx: DraftContext, r: IndicatorResult): string {
  if (r.trend.status !== "compared") return "";
  if (r.trend.direction === "same") return ctx.word("sel.tetap");
  return `${ctx.word(r.trend.direction === "up" ? "sel.naik" : "sel.turun")} ${changeAmount(ctx, r)}`;
}

function historyTable(ctx: DraftContext): Table {
  const ys = years(ctx);
  const w = ctx.tableText("riwayat", { awal: ys[0], lalu: ctx.previousYear });
  const [target, realisasi, capaian] = w.grup!;
  const yearColumns = (group: string): Column[] => ys.map((y) => ({ header: String(y), group, align: "right" }));
  const columns: Column[] = [
    { header: w.kolom[0]!, align: "center" },
    { header: w.kolom[1]!, align: "left", merge: true },
    { header: w.kolom[2]!, align: "left", label: true },
    ...yearColumns(target!),
    ...yearColumns(realisasi!),
    ...yearColumns(capaian!),
    { header: w.perubahan!, align: "right" },
  ];
  const rows: Row[] = [];
  for (const { objective, indicators } of ctx.groups()) {
    for (const r of indicators) {
      if (r.indicator.predecessor) rows.push(historyRow(ctx, r, r.indicator.predecessor.name, objective.id, "", true));
      rows.push(historyRow(ctx, r, r.indicator.name, objective.id, ctx.code(r), false));
    }
  }
  const hasOld = ctx.result.indicators.some((r) => r.indicator.predecessor);
  return ctx.table(TABLE_HISTORY, w.judul, columns, rows, hasOld ? w.keterangan : undefined);
}

function trendParagraph(ctx: DraftContext, r: IndicatorResult): Paragraph {
  const ink = ctx.ink();
  const f = yearFigures(ctx, r, r.current);
  const t = r.trend;
  const base = {
    indikator: ink.text(r.indicator.name),
    tahun: ink.year(ctx.year),
    tahunLalu: ink.year(t.previousYear),
    realisasi: use(ink, f.actual),
  };
  const previous = r.history.find((h) => h.values.year === t.previousYear);
  const pf = previous ? yearFigures(ctx, r, previous) : undefined;

  switch (t.status) {
    case "compared": {
      const series = r.history.filter((h) => h.values.year >= ctx.year - 2 && h.values.actual !== undefined);
      const deret =
        series.length >= 2
          ? joinAnd([...series, r.current].map((y) => `${use(ink, yearFigures(ctx, r, y).actual)} (${ink.year(y.values.year)})`))
          : undefined;
      const capaianLalu = pf?.achievement && f.achievement ? use(ink, pf.achievement) : undefined;
      const view = {
        ...base,
        realisasiLalu: use(ink, pf?.actual),
        selisih: t.direction === "same" ? "" : ink.value(key(r.id, "perubahan"), changeAmount(ctx, r)),
        membaik: t.assessment === "better",
        memburuk: t.assessment === "worse",
        capaianLalu,
        capaian: capaianLalu ? use(ink, f.achievement) : undefined,
        deret,
        awal: deret ? ink.year(series[0]!.values.year) : undefined,
      };
      const template = t.direction === "up" ? "tren/meningkat" : t.direction === "down" ? "tren/menurun" : "tren/tetap";
      return ink.paragraph(template, view);
    }
    case "compared_letters":
      return ink.paragraph("tren/predikat", {
        ...base,
        sekarang: use(ink, f.actual),
        lalu: use(ink, pf?.actual),
        membaik: t.assessment === "better",
        tetap: t.assessment === "same",
        memburuk: t.assessment === "worse",
      });
    case "indicator_changed": {
      const old = r.predecessorHistory.find((h) => h.values.year === t.previousYear);
      const of = old ? yearFigures(ctx, r, old, ".lama") : undefined;
      return ink.paragraph("tren/indikator-berubah", { ...base, indikatorLama: ink.text(t.predecessorName), realisasiLama: use(ink, of?.actual) });
    }
    case "no_previous":
      return ink.paragraph("tren/tanpa-data", base);
    case "no_current":
      return ink.paragraph("tren/belum-diisi", { ...base, realisasiLalu: use(ink, pf?.actual) });
  }
}

export function historySection(ctx: DraftContext): Section {
  const blocks: Block[] = [];
  const intro = ctx.ink();
  blocks.push(intro.paragraph("bagian/pengantar-riwayat", { tahun: intro.year(ctx.year), tabel: intro.text(`Tabel ${TABLE_HISTORY}`) }));
  blocks.push(historyTable(ctx));
  for (const r of ctx.result.indicators) blocks.push(trendParagraph(ctx, r));
  return { id: "2", title: ctx.word("bagian.2", { tahun: ctx.year }), blocks };
}
