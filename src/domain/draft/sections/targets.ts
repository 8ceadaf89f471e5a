/** Section 3.1: target vs realisasi — the scale table, the capaian table, a paragraph per indicator, roll-ups. */
import { describeBand } from "../../calc/scale.js";
import { Decimal } from "../../decimal.js";
import { formatPlain } from "../../numbers/format.js";
import type { DraftContext } from "../context.js";
import type { IndicatorResult } from "../../calc/agency.js";
import type { Block, Cell, Row, Section, Table } from "../document.js";
import { countsPhrase } from "../counts.js";
import { cell, numberCell } from "../ink.js";
import { key, orMissing, yearFigures } from "../figures.js";
import { achievementParagraphs } from "./achievement-paragraph.js";

export const TABLE_SCALE = "3.1";
export const TABLE_TARGETS = "3.2";

function scaleTable(ctx: DraftContext): Table {
  const { scale } = ctx.result;
  const w = ctx.tableText("skala");
  const rows: Row[] = scale.bands.map((b, i) => ({
    kind: "data",
    cells: [cell(String(i + 1)), cell(describeBand(b, (v) => formatPlain(new Decimal(v), 2))), cell(b.label)],
  }));
  const table = ctx.table(
    TABLE_SCALE,
    w.judul,
    [
      { header: w.kolom[0]!, align: "center" },
      { header: w.kolom[1]!, align: "center", label: true },
      { header: w.kolom[2]!, align: "left" },
    ],
    rows,
  );
  table.source = `Sumber: ${scale.source ?? scale.name}`;
  return table;
}

/** A ratio indicator's realisasi cell also shows its numerator and denominator: "98,25% (56/57)". */
function withRatio(ctx: DraftContext, r: IndicatorResult, c: Cell): Cell {
  const ratio = r.current.values.ratio;
  if (!ratio || !c.source) return c;
  const numerator = ctx.format.plain(ratio.numerator);
  const denominator = ctx.format.plain(ratio.denominator);
  return {
    ...c,
    text: `${c.text} (${numerator}/${denominator})`,
    parts: [
      { source: key(r.id, "pembilang", ctx.year), text: numerator },
      { source: key(r.id, "penyebut", ctx.year), text: denominator },
    ],
  };
}

export function targetsTable(ctx: DraftContext): Table {
  const w = ctx.tableText("target_realisasi");
  const rows: Row[] = [];
  ctx.groups().forEach(({ objective, indicators }) => {
    const oc = ctx.objectiveCode(objective);
    for (const r of indicators) {
      const f = yearFigures(ctx, r, r.current);
      const a = r.current.achievement;
      rows.push({
        kind: "data",
        groupKey: objective.id,
        cells: [
          cell(ctx.code(r)),
          cell(objective.objective.name),
          cell(r.indicator.name),
          cell(r.indicator.unit),
          orMissing(ctx, f.target, r.current),
          withRatio(ctx, r, orMissing(ctx, f.actual, r.current)),
          orMissing(ctx, f.achievement, r.current, a.status === "not_computable"),
          f.category ?? cell(ctx.word("sel.kosong")),
        ],
      });
    }
    const avg = objective.average;
    rows.push({
      kind: "total",
      groupKey: objective.id,
      cells: [
        cell(oc),
        cell(objective.objective.name),
        cell(ctx.word("sel.rata_sasaran")),
        cell(""),
        cell(""),
        cell(""),
        avg.value ? numberCell(ctx.format.percent(avg.value), `${objective.id}.rata`, avg.value, "percent") : cell(ctx.word("sel.na")),
        avg.category ? cell(avg.category, `${objective.id}.kategori`) : cell(ctx.word("sel.kosong")),
      ],
    });
  });
  const total = ctx.result.average;
  rows.push({
    kind: "total",
    cells: [
      cell(""),
      cell(ctx.word("sel.rata_instansi")),
      cell(""),
      cell(""),
      cell(""),
      cell(""),
      total.value ? numberCell(ctx.format.percent(total.value), "instansi.rata", total.value, "percent") : cell(ctx.word("sel.na")),
      total.category ? cell(total.category, "instansi.kategori") : cell(ctx.word("sel.kosong")),
    ],
  });
  const [no, sasaran, indikator, satuan, target, realisasi, capaian, kategori] = w.kolom;
  return ctx.table(
    TABLE_TARGETS,
    w.judul,
    [
      { header: no!, align: "center" },
      { header: sasaran!, align: "left", merge: true },
      { header: indikator!, align: "left", label: true },
      { header: satuan!, align: "center" },
      { header: target!, align: "right" },
      { header: realisasi!, align: "right" },
      { header: capaian!, align: "right" },
      { header: kategori!, align: "left" },
    ],
    rows,
  );
}

export function objectiveParagraph(ctx: DraftContext, objectiveId: string) {
  const objective = ctx.result.objectives.find((o) => o.id === objectiveId)!;
  const ink = ctx.ink();
  const { counts, average } = objective;
  const view = { sasaran: ink.text(objective.objective.name), jumlah: ink.count(counts.total) };
  if (average.value === undefined) {
    const results = objective.indicatorIds.map((id) => ctx.indicator(id));
    if (results.length > 0 && results.every((r) => r.current.achievement.status === "ordinal")) {
      return ink.paragraph("sasaran/predikat", {
        ...view,
        semuaTercapai: counts.below === 0,
        belum: counts.below > 0 ? ink.count(counts.below) : undefined,
      });
    }
    return ink.paragraph("sasaran/belum-terukur", view);
  }
  const cap = ctx.file.profile.averageCap;
  return ink.paragraph("sasaran/rata-rata", {
    ...view,
    satu: counts.total === 1,
    semuaTercapai: counts.below === 0 && counts.notMeasurable === 0,
    belum: counts.below > 0 ? ink.count(counts.below) : undefined,
    na: counts.notMeasurable > 0 ? ink.count(counts.notMeasurable) : undefined,
    rata: ink.percent(`${objective.id}.rata`, average.value),
    kategori: ink.value(`${objective.id}.kategori`, average.category!),
    batas: average.capped && cap !== undefined ? ink.text(ctx.format.percent(new Decimal(cap))) : undefined,
  });
}

export function agencyParagraph(ctx: DraftContext) {
  const ink = ctx.ink();
  const { average, counts, objectives } = ctx.result;
  const view = {
    instansi: ink.text(ctx.file.agency.name),
    tahun: ink.year(ctx.year),
    jumlahSasaran: ink.count(objectives.length),
    jumlahIndikator: ink.count(counts.total),
    rincian: countsPhrase(ink, ctx.result.indicators),
  };
  if (average.value === undefined) return ink.paragraph("instansi/belum-terukur", view);
  return ink.paragraph("instansi/rata-rata", {
    ...view,
    // Sasaran without a capaian in percent (predikat only, or nothing measured yet) are not in the mean.
    diikutkan: ink.count(average.included),
    tanpa: average.included < objectives.length ? ink.count(objectives.length - average.included) : undefined,
    rata: ink.percent("instansi.rata", average.value),
    kategori: ink.value("instansi.kategori", average.category!),
  });
}

export function targetsSection(ctx: DraftContext): Section {
  const blocks: Block[] = [];
  const intro = ctx.ink();
  const negative = ctx.result.indicators.some((r) => r.indicator.polarity === "negative");
  blocks.push(
    intro.paragraph("bagian/pengantar-capaian", {
      rumusNegatif: negative ? ctx.word(`rumus_negatif.${ctx.file.profile.negativeFormula}`) : undefined,
      skala: intro.text(ctx.result.scale.source ? `${ctx.result.scale.name} (${ctx.result.scale.source})` : ctx.result.scale.name),
      tabelSkala: intro.text(`Tabel ${TABLE_SCALE}`),
    }),
  );
  blocks.push(scaleTable(ctx));
  const intro2 = ctx.ink();
  blocks.push(intro2.paragraph("bagian/pengantar-tabel-capaian", { tahun: intro2.year(ctx.year), tabel: intro2.text(`Tabel ${TABLE_TARGETS}`) }));
  blocks.push(targetsTable(ctx));
  for (const { objective, indicators } of ctx.groups()) {
    blocks.push({ type: "heading", level: 3, text: `Sasaran ${ctx.objectiveCode(objective)}: ${objective.objective.name}` });
    for (const r of indicators) blocks.push(...achievementParagraphs(ctx, r));
    blocks.push(objectiveParagraph(ctx, objective.id));
  }
  blocks.push(agencyParagraph(ctx));
  return { id: "1", title: ctx.word("bagian.1", { tahun: ctx.year }), blocks };
}
