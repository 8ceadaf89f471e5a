/** Section 3.4: realisasi against the national standard or national realisasi. */
import type { IndicatorResult } from "../../calc/agency.js";
import { Decimal } from "../../decimal.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Paragraph, Row, Section } from "../document.js";
import { cell, numberCell } from "../ink.js";
import { key, orMissing, use, yearFigures } from "../figures.js";

export const TABLE_NATIONAL = "3.5";

function nationalCells(ctx: DraftContext, r: IndicatorResult): { value: Cell; year: Cell; gap: Cell; remark: Cell } | undefined {
  const n = r.indicator.national;
  if (!n) return undefined;
  const unit = r.indicator.unit;
  const value = numberCell(ctx.format.measure(new Decimal(n.value), unit), key(r.id, "nasional.nilai"), new Decimal(n.value), "number");
  const year = cell(String(n.year));
  const res = r.national;
  if (res.status !== "ok") return { value, year, gap: cell(ctx.word("sel.kosong")), remark: cell(ctx.word("sel.belum_diisi")) };
  const amount = unit === "%" ? ctx.format.points(res.difference) : `${ctx.format.plain(res.difference.abs())} ${unit}`;
  const gap = numberCell(amount, key(r.id, "nasional.selisih"), res.difference, unit === "%" ? "points" : "number");
  const position = ctx.word(res.position === "higher" ? "sel.lebih_tinggi" : res.position === "lower" ? "sel.lebih_rendah" : "sel.sama");
  const judgement = res.assessment === "better" ? `, ${ctx.word("sel.lebih_baik")}` : res.assessment === "worse" ? `, ${ctx.word("sel.lebih_buruk")}` : "";
  return { value, year, gap, remark: cell(`${position}${judgement}`) };
}

function nationalParagraph(ctx: DraftContext, r: IndicatorResult): Paragraph {
  const ink = ctx.ink();
  const f = yearFigures(ctx, r, r.current);
  const n = r.indicator.national;
  const base = { indikator: ink.text(r.indicator.name), tahun: ink.year(ctx.year), realisasi: use(ink, f.actual) };
  const cells = nationalCells(ctx, r);
  if (!n || !cells) return ink.paragraph("nasional/belum-tersedia", base);
  const res = r.national;
  const view = { ...base, standar: n.kind === "standar", nasional: use(ink, cells.value), tahunNasional: ink.year(n.year) };
  if (res.status !== "ok") return ink.paragraph("nasional/belum-diisi", view);
  return ink.paragraph("nasional/perbandingan", {
    ...view,
    lebihTinggi: res.position === "higher",
    lebihRendah: res.position === "lower",
    sama: res.position === "equal",
    selisih: res.position === "equal" ? undefined : use(ink, cells.gap),
    sumber: n.source ? ink.text(n.source) : undefined,
    lebihBaik: res.assessment === "better",
    lebihBuruk: res.assessment === "worse",
    negatif: r.indicator.polarity === "negative",
    daerah: ink.text(ctx.file.agency.region),
    dataLama: n.year < ctx.year,
  });
}

export function nationalSection(ctx: DraftContext): Section {
  const w = ctx.tableText("nasional");
  const rows: Row[] = [];
  for (const { objective, indicators } of ctx.groups()) {
    for (const r of indicators) {
      const f = yearFigures(ctx, r, r.current);
      const c = nationalCells(ctx, r);
      const none = cell(ctx.word("sel.kosong"));
      rows.push({
        kind: "data",
        groupKey: objective.id,
        cells: [
          cell(ctx.code(r)),
          cell(objective.objective.name),
          cell(r.indicator.name),
          orMissing(ctx, f.actual, r.current),
          c?.value ?? cell(ctx.word("sel.belum_tersedia")),
          c?.year ?? none,
          c?.gap ?? none,
          c?.remark ?? none,
        ],
      });
    }
  }
  const [no, sasaran, indikator, realisasi, nasional, tahun, selisih, keterangan] = w.kolom;
  const table = ctx.table(
    TABLE_NATIONAL,
    w.judul,
    [
      { header: no!, align: "center" },
      { header: sasaran!, align: "left", merge: true },
      { header: indikator!, align: "left", label: true },
      { header: realisasi!, align: "right" },
      { header: nasional!, align: "right" },
      { header: tahun!, align: "center" },
      { header: selisih!, align: "right" },
      { header: keterangan!, align: "left" },
    ],
    rows,
  );
  const blocks: Block[] = [];
  const intro = ctx.ink();
  blocks.push(intro.paragraph("bagian/pengantar-nasional", { tabel: intro.text(`Tabel ${TABLE_NATIONAL}`) }));
  blocks.push(table);
  for (const r of ctx.result.indicators) blocks.push(nationalParagraph(ctx, r));
  return { id: "4", title: ctx.word("bagian.4"), blocks };
}
