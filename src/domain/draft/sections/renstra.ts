/** Section 3.3: realisasi against the Renstra final target (tingkat kemajuan). */
import type { IndicatorResult } from "../../calc/agency.js";
import { isGradeValue, numericTarget } from "../../calc/values.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Paragraph, Row, Section } from "../document.js";
import { cell, numberCell } from "../ink.js";
import { key, orMissing, use, yearFigures } from "../figures.js";

export const TABLE_RENSTRA = "3.4";

/** Final target as printed (a grade prints its letter and score). */
function finalTargetCell(ctx: DraftContext, r: IndicatorResult): Cell | undefined {
  const raw = r.indicator.strategicPlan?.finalTarget;
  if (raw === undefined) return undefined;
  const source = key(r.id, "renstra.target");
  if (isGradeValue(raw)) return cell(ctx.format.grade(raw), source);
  const t = numericTarget(raw)!;
  const text = ctx.format.target(t, r.indicator.unit);
  return t.kind === "point" ? numberCell(text, source, t.value, "number") : cell(text, source);
}

function progressCells(ctx: DraftContext, r: IndicatorResult): { progress: Cell | undefined; gap: Cell | undefined } {
  const p = r.strategicPlan;
  if (p.status !== "ok") return { progress: undefined, gap: undefined };
  return {
    progress: numberCell(ctx.format.percent(p.progress), key(r.id, "renstra.kemajuan"), p.progress, "percent"),
    gap: numberCell(ctx.format.points(p.gap), key(r.id, "renstra.selisih"), p.gap.abs(), "points"),
  };
}

function renstraParagraph(ctx: DraftContext, r: IndicatorResult): Paragraph {
  const ink = ctx.ink();
  const f = yearFigures(ctx, r, r.current);
  const end = ctx.file.agency.strategicPlan.endYear;
  const base = {
    indikator: ink.text(r.indicator.name),
    tahun: ink.year(ctx.year),
    akhir: ink.year(end),
    realisasi: use(ink, f.actual),
    targetAkhir: use(ink, finalTargetCell(ctx, r)),
  };
  const p = r.strategicPlan;
  switch (p.status) {
    case "no_target":
      return ink.paragraph("renstra/tanpa-target", base);
    case "no_actual":
      return ink.paragraph("renstra/belum-diisi", base);
    case "not_computable":
      return ink.paragraph("renstra/tidak-dapat-dihitung", base);
    case "ok": {
      const { progress, gap } = progressCells(ctx, r);
      const view = { ...base, kemajuan: use(ink, progress) };
      if (p.reached) {
        return ink.paragraph("renstra/tercapai", { ...view, selisih: p.gap.isNegative() ? use(ink, gap) : undefined });
      }
      const remaining = end - ctx.year;
      return ink.paragraph("renstra/belum-tercapai", {
        ...view,
        selisih: use(ink, gap),
        negatif: r.indicator.polarity === "negative",
        sisaTahun: remaining > 0 ? ink.count(remaining) : undefined,
      });
    }
  }
}

export function renstraSection(ctx: DraftContext): Section {
  const { startYear, endYear } = ctx.file.agency.strategicPlan;
  const w = ctx.tableText("renstra", { awal: startYear, akhir: endYear });
  const rows: Row[] = [];
  for (const { objective, indicators } of ctx.groups()) {
    for (const r of indicators) {
      const f = yearFigures(ctx, r, r.current);
      const { progress, gap } = progressCells(ctx, r);
      const missing = cell(ctx.word(r.strategicPlan.status === "not_computable" ? "sel.tidak_dapat_dihitung" : "sel.kosong"));
      rows.push({
        kind: "data",
        groupKey: objective.id,
        cells: [
          cell(ctx.code(r)),
          cell(objective.objective.name),
          cell(r.indicator.name),
          orMissing(ctx, f.actual, r.current),
          finalTargetCell(ctx, r) ?? cell(ctx.word("sel.belum_diisi")),
          progress ?? missing,
          gap ?? cell(ctx.word("sel.kosong")),
        ],
      });
    }
  }
  const [no, sasaran, indikator, realisasi, target, kemajuan, selisih] = w.kolom;
  const table = ctx.table(
    TABLE_RENSTRA,
    w.judul,
    [
      { header: no!, align: "center" },
      { header: sasaran!, align: "left", merge: true },
      { header: indikator!, align: "left", label: true },
      { header: realisasi!, align: "right" },
      { header: target!, align: "right" },
      { header: kemajuan!, align: "right" },
      { header: selisih!, align: "right" },
    ],
    rows,
  );
  const blocks: Block[] = [];
  const intro = ctx.ink();
  blocks.push(
    intro.paragraph("bagian/pengantar-renstra", {
      tahun: intro.year(ctx.year),
      awal: intro.year(startYear),
      akhir: intro.year(endYear),
      tabel: intro.text(`Tabel ${TABLE_RENSTRA}`),
    }),
  );
  blocks.push(table);
  for (const r of ctx.result.indicators) blocks.push(renstraParagraph(ctx, r));
  return { id: "3", title: ctx.word("bagian.3", { tahun: ctx.year, awal: startYear, akhir: endYear }), blocks };
}
