/** Section 3.6: efficiency of resource use, with the agency's declared method stated and applied. */
import type { IndicatorResult } from "../../calc/agency.js";
import { Decimal, HUNDRED, presented } from "../../decimal.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Paragraph, Row, Section } from "../document.js";
import { cell, numberCell } from "../ink.js";
import { key, orMissing, use, yearFigures } from "../figures.js";

export const TABLE_EFFICIENCY = "3.6";

export interface BudgetCells {
  budget: Cell | undefined;
  spent: Cell | undefined;
  absorption: Cell | undefined;
  efficiency: Cell | undefined;
  label: Cell | undefined;
}

export function budgetCells(ctx: DraftContext, r: IndicatorResult): BudgetCells {
  const b = r.budget;
  const e = r.efficiency;
  let efficiency: Cell | undefined;
  let label: Cell | undefined;
  if (e.status === "ok") {
    const text =
      e.method === "rasio" ? ctx.format.ratio(e.value) : e.method === "selisih" ? signedPoints(ctx, e.value) : ctx.format.percent(e.value);
    efficiency = numberCell(text, key(r.id, "efisiensi"), e.value, e.method === "rasio" ? "ratio" : e.method === "selisih" ? "points" : "percent");
    label = cell(ctx.word(`efisiensi.label.${e.label}`), key(r.id, "efisiensi.label"));
  }
  return {
    budget: b.budget === undefined ? undefined : numberCell(ctx.format.money(b.budget), key(r.id, "pagu"), b.budget, "money"),
    spent: b.spent === undefined ? undefined : numberCell(ctx.format.money(b.spent), key(r.id, "realisasiAnggaran"), b.spent, "money"),
    absorption: b.absorption.status === "ok" ? numberCell(ctx.format.percent(b.absorption.value), key(r.id, "serapan"), b.absorption.value, "percent") : undefined,
    efficiency,
    label,
  };
}

/** "+11,11 poin" / "-5,00 poin" / "0,00 poin" */
function signedPoints(ctx: DraftContext, d: Decimal): string {
  const text = ctx.format.points(d);
  if (presented(d, ctx.format.settings.decimals).isZero()) return text;
  return `${d.isNegative() ? "-" : "+"}${text}`;
}

function efficiencyParagraph(ctx: DraftContext, r: IndicatorResult): Paragraph {
  const ink = ctx.ink();
  const f = yearFigures(ctx, r, r.current);
  const c = budgetCells(ctx, r);
  const indikator = ink.text(r.indicator.name);
  if (r.budget.source === "none") return ink.paragraph("efisiensi/tanpa-anggaran", { indikator });
  const e = r.efficiency;
  if (e.status !== "ok") return ink.paragraph("efisiensi/tidak-dapat-dihitung", { indikator, alasan: ctx.word(`alasan_efisiensi.${e.reason}`) });
  const view = {
    indikator,
    capaian: use(ink, f.achievement),
    serapan: use(ink, c.absorption),
    realisasiAnggaran: use(ink, c.spent),
    pagu: use(ink, c.budget),
    efisiensi: use(ink, c.efficiency),
    label: use(ink, c.label),
    belum: e.label === "target_belum_tercapai",
  };
  return ink.paragraph(`efisiensi/${e.method}`, view);
}

export function efficiencySection(ctx: DraftContext): Section {
  const w = ctx.tableText("efisiensi");
  const { method, band } = ctx.file.profile.efficiency;
  const rows: Row[] = [];
  for (const { objective, indicators } of ctx.groups()) {
    for (const r of indicators) {
      const f = yearFigures(ctx, r, r.current);
      const c = budgetCells(ctx, r);
      const none = cell(ctx.word("sel.kosong"));
      const noBudget = r.budget.source === "none";
      rows.push({
        kind: "data",
        groupKey: objective.id,
        cells: [
          cell(ctx.code(r)),
          cell(objective.objective.name),
          cell(r.indicator.name),
          orMissing(ctx, f.achievement, r.current, r.current.achievement.status === "not_computable"),
          c.budget ?? (noBudget ? cell(ctx.word("sel.tanpa_anggaran")) : cell(ctx.word("sel.belum_diisi"))),
          c.spent ?? (noBudget ? none : cell(ctx.word("sel.belum_diisi"))),
          c.absorption ?? none,
          c.efficiency ?? (noBudget ? none : cell(ctx.word("sel.tidak_dapat_dihitung"))),
          c.label ?? none,
        ],
      });
    }
  }
  // The whole budget in one row; with the `penghematan` method its unspent share is the agency's efficiency.
  const total = ctx.result.budget.total;
  if (total.budget !== undefined) {
    const none = cell(ctx.word("sel.kosong"));
    const saving = method === "penghematan" && total.absorption.status === "ok" ? HUNDRED.minus(total.absorption.value) : undefined;
    rows.push({
      kind: "total",
      cells: [
        cell(""),
        cell(ctx.word("sel.jumlah_anggaran")),
        cell(""),
        none,
        numberCell(ctx.format.money(total.budget), "anggaran.total.pagu", total.budget, "money"),
        total.spent === undefined ? none : numberCell(ctx.format.money(total.spent), "anggaran.total.realisasi", total.spent, "money"),
        total.absorption.status === "ok" ? numberCell(ctx.format.percent(total.absorption.value), "anggaran.total.serapan", total.absorption.value, "percent") : none,
        saving === undefined ? none : numberCell(ctx.format.percent(saving), "anggaran.total.efisiensi", saving, "percent"),
        none,
      ],
    });
  }
  const [no, sasaran, indikator, capaian, pagu, realisasi, serapan, efisiensi, keterangan] = w.kolom;
  const table = ctx.table(
    TABLE_EFFICIENCY,
    w.judul,
    [
      { header: no!, align: "center" },
      { header: sasaran!, align: "left", merge: true },
      { header: indikator!, align: "left", label: true },
      { header: capaian!, align: "right" },
      { header: pagu!, align: "right" },
      { header: realisasi!, align: "right" },
      { header: serapan!, align: "right" },
      { header: efisiensi!, align: "right" },
      { header: keterangan!, align: "left" },
    ],
    rows,
  );
  const intro = ctx.ink();
  const bandValue = new Decimal(band);
  const blocks: Block[] = [
    intro.paragraph(`efisiensi/metode-${method}`, {
      tabel: intro.text(`Tabel ${TABLE_EFFICIENCY}`),
      pita: bandValue.isZero() ? undefined : intro.text(ctx.format.points(bandValue)),
    }),
    table,
  ];
  for (const r of ctx.result.indicators) blocks.push(efficiencyParagraph(ctx, r));
  return { id: "6", title: ctx.word("bagian.6"), blocks };
}
