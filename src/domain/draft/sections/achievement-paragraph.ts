/**
 * The paragraph that states an indicator's result for the reporting year:
 * exceeded / met / not met, range targets, grades, not filled, not computable,
 * plus the ratio formula and the negative-polarity formula when they apply.
 * Used in section 3.1 and again as the opening of section 3.5.
 */
import type { IndicatorResult } from "../../calc/agency.js";
import { gradeTable } from "../../calc/grade.js";
import type { DraftContext } from "../context.js";
import type { Paragraph } from "../document.js";
import { key, use, yearFigures } from "../figures.js";

export function achievementParagraphs(ctx: DraftContext, r: IndicatorResult): Paragraph[] {
  const ink = ctx.ink();
  const f = yearFigures(ctx, r, r.current);
  const a = r.current.achievement;
  const base = {
    indikator: ink.text(r.indicator.name),
    tahun: ink.year(ctx.year),
    target: use(ink, f.target),
    realisasi: use(ink, f.actual),
    rentang: r.current.values.target?.kind === "range",
  };

  if (a.status === "not_filled") return [ink.paragraph("capaian/belum-diisi", base)];
  if (a.status === "not_computable") {
    return [ink.paragraph("capaian/tidak-dapat-dihitung", { ...base, alasan: ctx.word(`alasan_capaian.${a.reason}`) })];
  }
  if (a.status === "ordinal") {
    return [
      ink.paragraph("capaian/predikat", {
        ...base,
        tabel: gradeTable(r.indicator.gradeTable!).name,
        melebihi: a.comparison === "above",
        tercapai: a.comparison === "at",
        belum: a.comparison === "below",
      }),
    ];
  }

  const capaian = use(ink, f.achievement);
  const kategori = use(ink, f.category);
  const template = r.comparison === "above" ? "capaian/melebihi-target" : r.comparison === "at" ? "capaian/mencapai-target" : "capaian/belum-mencapai-target";
  const paragraphs = [ink.paragraph(template, { ...base, capaian, kategori, interval: ink.text(ctx.interval(r.current.category!)) })];

  const ratio = r.current.values.ratio;
  if (ratio) {
    const ri = ctx.ink();
    paragraphs.push(
      ri.paragraph("capaian/rumus-rasio", {
        label: Boolean(r.indicator.numeratorLabel && r.indicator.denominatorLabel),
        pembilangLabel: ri.text(r.indicator.numeratorLabel ?? ""),
        penyebutLabel: ri.text(r.indicator.denominatorLabel ?? ""),
        pembilang: ri.value(key(r.id, "pembilang", ctx.year), ctx.format.plain(ratio.numerator)),
        penyebut: ri.value(key(r.id, "penyebut", ctx.year), ctx.format.plain(ratio.denominator)),
        skala: ri.text(`${ctx.format.plain(ratio.scale)}${r.indicator.unit === "%" ? "%" : ""}`),
        realisasi: use(ri, f.actual),
      }),
    );
  }

  if (r.indicator.polarity === "negative" && r.indicator.kind !== "grade" && a.formula !== "range-inside") {
    const ni = ctx.ink();
    const T = ni.text(ctx.format.plain(a.targetUsed));
    const R = ni.text(ctx.format.plain(r.current.values.actual!));
    const C = use(ni, f.achievement);
    const hundred = ni.text("100%");
    const rumus = a.formula === "T/R" ? `${T} ÷ ${R} × ${hundred} = ${C}` : `(${ni.text("2")} × ${T} − ${R}) ÷ ${T} × ${hundred} = ${C}`;
    paragraphs.push(ni.paragraph("capaian/polaritas-negatif", { rumus }));
  }
  return paragraphs;
}
