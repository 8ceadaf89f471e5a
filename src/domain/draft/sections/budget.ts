/**
 * Section 3.8: budget realisation — program / kegiatan / sub kegiatan with
 * pagu, realisasi, serapan and sisa, the totals, and the items absorbed below
 * the agency's threshold with their reasons.
 */
import type { BudgetLineResult, BudgetWarning } from "../../calc/absorption.js";
import { Decimal, presented } from "../../decimal.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Notice, Row, Section } from "../document.js";
import { cell, numberCell } from "../ink.js";
import { renderTemplate } from "../templates.js";

export const TABLE_BUDGET = "3.8";

interface Figures {
  budget: Cell;
  spent: Cell;
  absorption: Cell;
  remaining: Cell;
}

function figures(ctx: DraftContext, prefix: string, r: { budget?: Decimal | undefined; spent?: Decimal | undefined; remaining?: Decimal | undefined; absorption: BudgetLineResult["absorption"] }): Figures {
  const missing = cell(ctx.word("sel.belum_diisi"));
  return {
    budget: r.budget === undefined ? missing : numberCell(ctx.format.money(r.budget), `${prefix}.pagu`, r.budget, "money"),
    spent: r.spent === undefined ? missing : numberCell(ctx.format.money(r.spent), `${prefix}.realisasi`, r.spent, "money"),
    absorption:
      r.absorption.status === "ok"
        ? numberCell(ctx.format.percent(r.absorption.value), `${prefix}.serapan`, r.absorption.value, "percent")
        : cell(ctx.word(r.absorption.status === "not_computable" ? "sel.tidak_dapat_dihitung" : "sel.kosong")),
    remaining: r.remaining === undefined ? cell(ctx.word("sel.kosong")) : numberCell(ctx.format.money(r.remaining), `${prefix}.sisa`, r.remaining, "money"),
  };
}

/** Hierarchical numbers: 1, 1.1, 1.1.1 */
function numbering(lines: readonly BudgetLineResult[]): Map<string, string> {
  const numbers = new Map<string, string>();
  const counters = new Map<string | undefined, number>();
  for (const l of lines) {
    const n = (counters.get(l.parentId) ?? 0) + 1;
    counters.set(l.parentId, n);
    numbers.set(l.id, l.parentId === undefined ? String(n) : `${numbers.get(l.parentId)}.${n}`);
  }
  return numbers;
}

function warningNotice(ctx: DraftContext, w: BudgetWarning): Notice {
  const line = ctx.result.budget.byId.get(w.lineId);
  const nama = line ? ctx.lineTitle(line) : w.lineId;
  const money = (d: Decimal) => ctx.format.money(d);
  const text =
    w.code === "spent_exceeds_budget"
      ? renderTemplate("catatan/realisasi-melebihi-pagu", { nama, realisasi: money(w.spent), pagu: money(w.budget) })
      : renderTemplate(w.code === "budget_mismatch" ? "catatan/pagu-berbeda" : "catatan/realisasi-berbeda", {
          nama,
          sendiri: money(w.own),
          jumlahRincian: money(w.childrenSum),
        });
  return { type: "notice", text };
}

export function budgetSection(ctx: DraftContext): Section {
  const { budget } = ctx.result;
  const w = ctx.tableText("anggaran");
  const numbers = numbering(budget.lines);
  const rows: Row[] = budget.lines.map((l) => {
    const f = figures(ctx, `anggaran.${l.id}`, l);
    return {
      kind: "data",
      indent: l.depth,
      detail: l.depth > 0,
      cells: [cell(numbers.get(l.id)!), cell(ctx.lineTitle(l)), f.budget, f.spent, f.absorption, f.remaining],
    };
  });
  const total = figures(ctx, "anggaran.total", budget.total);
  rows.push({ kind: "total", cells: [cell(""), cell(ctx.word("sel.jumlah")), total.budget, total.spent, total.absorption, total.remaining] });
  const [no, uraian, pagu, realisasi, serapan, sisa] = w.kolom;
  const table = ctx.table(
    TABLE_BUDGET,
    w.judul,
    [
      { header: no!, align: "left" },
      { header: uraian!, align: "left", label: true },
      { header: pagu!, align: "right" },
      { header: realisasi!, align: "right" },
      { header: serapan!, align: "right" },
      { header: sisa!, align: "right" },
    ],
    rows,
  );

  const blocks: Block[] = [];
  const intro = ctx.ink();
  blocks.push(intro.paragraph("bagian/pengantar-anggaran", { tahun: intro.year(ctx.year), tabel: intro.text(`Tabel ${TABLE_BUDGET}`) }));
  blocks.push(table);

  const ti = ctx.ink();
  const base = { tahun: ti.year(ctx.year), instansi: ti.text(ctx.file.agency.name) };
  if (budget.total.absorption.status === "ok" && budget.total.budget && budget.total.spent && budget.total.remaining) {
    blocks.push(
      ti.paragraph("anggaran/total", {
        ...base,
        pagu: ti.value("anggaran.total.pagu", total.budget.text),
        paguTerbilang: ti.terbilangRupiah(budget.total.budget),
        realisasi: ti.value("anggaran.total.realisasi", total.spent.text),
        serapan: ti.value("anggaran.total.serapan", total.absorption.text),
        sisa: ti.value("anggaran.total.sisa", total.remaining.text),
      }),
    );
  } else if (budget.lines.length > 0) {
    blocks.push(ti.paragraph("anggaran/total-belum-lengkap", base));
  } else {
    blocks.push(ti.paragraph("anggaran/belum-ada", base));
  }

  // Items below the threshold: the most detailed lines (those without children), as printed.
  const threshold = new Decimal(ctx.file.profile.absorptionThreshold);
  const hasChildren = new Set(budget.lines.map((l) => l.parentId).filter((p): p is string => p !== undefined));
  const low = budget.lines.filter(
    (l) => !hasChildren.has(l.id) && l.absorption.status === "ok" && presented(l.absorption.value, ctx.format.settings.decimals).lessThan(threshold),
  );
  const ai = ctx.ink();
  const ambang = ai.text(`${ctx.format.plain(threshold)}%`);
  if (budget.lines.length > 0 && low.length === 0) blocks.push(ai.paragraph("anggaran/semua-di-atas-ambang", { ambang }));
  if (low.length > 0) {
    blocks.push(ai.paragraph("anggaran/di-bawah-ambang", { jumlah: ai.count(low.length), ambang, program: low.some((l) => l.level !== "subActivity") }));
    const notes = new Map(ctx.file.budgetLines.map((l) => [l.id, l.note]));
    const reasonOf = (l: BudgetLineResult): string | undefined => {
      for (let cur: BudgetLineResult | undefined = l; cur; cur = cur.parentId ? budget.byId.get(cur.parentId) : undefined) {
        const note = notes.get(cur.id);
        if (note) return note;
      }
      return undefined;
    };
    blocks.push({
      type: "list",
      ordered: false,
      items: low.map((l) => {
        const ink = ctx.ink();
        const f = figures(ctx, `anggaran.${l.id}`, l);
        const parentTitle = l.parentId ? ctx.lineTitle(budget.byId.get(l.parentId)!) : undefined;
        const reason = reasonOf(l);
        return ink.paragraph("anggaran/butir-rendah", {
          nama: ink.text(ctx.lineTitle(l)),
          induk: parentTitle ? ink.text(parentTitle) : undefined,
          serapan: ink.value(`anggaran.${l.id}.serapan`, f.absorption.text),
          pagu: ink.value(`anggaran.${l.id}.pagu`, f.budget.text),
          alasan: reason ? ink.text(reason) : undefined,
        });
      }),
    });
  }
  blocks.push(...budget.warnings.map((w) => warningNotice(ctx, w)));
  return { id: "8", title: ctx.word("bagian.8"), blocks };
}
