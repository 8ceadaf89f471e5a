/**
 * The closing (Penutup): overall result, one line per indicator, the budget,
 * the obstacles and follow-ups the officers gave (not invented), and a
 * closing sentence.
 */
import { HUNDRED } from "../../decimal.js";
import type { DraftContext } from "../context.js";
import type { Block, ListBlock, Section } from "../document.js";
import { use, yearFigures } from "../figures.js";

function uniqueItems(lists: readonly (readonly string[] | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of lists.flatMap((l) => l ?? [])) {
    const k = item.trim().toLowerCase().replace(/[.;]+$/, "");
    if (!seen.has(k)) {
      seen.add(k);
      out.push(item.trim());
    }
  }
  return out;
}

function textList(ctx: DraftContext, items: readonly string[], ordered: boolean): ListBlock {
  return {
    type: "list",
    ordered,
    items: items.map((text) => {
      const ink = ctx.ink();
      return { type: "paragraph", text: ink.text(text), parts: [...ink.parts] };
    }),
  };
}

export function closingSection(ctx: DraftContext): Section {
  const { average, counts, objectives, budget, indicators } = ctx.result;
  const blocks: Block[] = [];
  const ink = ctx.ink();
  blocks.push(
    ink.paragraph("penutup/pembuka", {
      jumlahSasaran: ink.count(objectives.length),
      jumlahIndikator: ink.count(counts.total),
      instansi: ink.text(ctx.file.agency.name),
      tahun: ink.year(ctx.year),
      rata: average.value === undefined ? undefined : ink.percent("instansi.rata", average.value),
      kategori: average.category === undefined ? undefined : ink.value("instansi.kategori", average.category),
    }),
  );
  blocks.push({
    type: "list",
    ordered: false,
    items: indicators.map((r) => {
      const li = ctx.ink();
      const f = yearFigures(ctx, r, r.current);
      // A predikat compared by its letters alone has no capaian: the line says whether its target was reached.
      const a = r.current.achievement;
      const graded = a.status === "ordinal";
      return li.paragraph("penutup/indikator", {
        indikator: li.text(r.indicator.name),
        realisasi: use(li, f.actual),
        target: use(li, f.target) ?? ctx.word("sel.belum_diisi"),
        predikat: r.indicator.kind === "grade",
        targetPredikat: r.indicator.kind === "grade" && f.target !== undefined,
        capaian: graded ? undefined : use(li, f.achievement),
        tercapai: graded && a.comparison !== "below",
        belumTercapai: graded && a.comparison === "below",
        kategori: use(li, f.category),
      });
    }),
  });

  const total = budget.total;
  if (total.absorption.status === "ok" && total.budget !== undefined && total.spent !== undefined) {
    const bi = ctx.ink();
    const saving = ctx.file.profile.efficiency.method === "penghematan" ? HUNDRED.minus(total.absorption.value) : undefined;
    blocks.push(
      bi.paragraph("penutup/anggaran", {
        tahun: bi.year(ctx.year),
        realisasi: bi.money("anggaran.total.realisasi", total.spent),
        pagu: bi.money("anggaran.total.pagu", total.budget),
        serapan: bi.percent("anggaran.total.serapan", total.absorption.value),
        efisiensi: saving === undefined ? undefined : bi.percent("anggaran.total.efisiensi", saving),
      }),
    );
  }

  const obstacles = uniqueItems(indicators.map((r) => r.indicator.factors?.inhibiting));
  if (obstacles.length > 0) {
    blocks.push(ctx.ink().paragraph("penutup/kendala", {}));
    blocks.push(textList(ctx, obstacles, true));
  }
  const actions = uniqueItems(indicators.map((r) => r.indicator.factors?.followUp));
  if (actions.length > 0) {
    blocks.push(ctx.ink().paragraph("penutup/upaya", {}));
    blocks.push(textList(ctx, actions, true));
  }
  const hi = ctx.ink();
  blocks.push(hi.paragraph("penutup/harapan", { instansi: hi.text(ctx.file.agency.name) }));
  return { id: "penutup", title: ctx.word("bagian.penutup"), blocks };
}
