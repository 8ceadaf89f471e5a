/** Section 3.7: programs and activities supporting (or hindering) each key indicator. */
import type { IndicatorResult } from "../../calc/agency.js";
import type { BudgetLine } from "../../schema/budget.js";
import { Decimal } from "../../decimal.js";
import type { DraftContext } from "../context.js";
import type { Block, Cell, Paragraph, Row, Section } from "../document.js";
import { joinAnd } from "../counts.js";
import { cell, numberCell } from "../ink.js";

export const TABLE_PROGRAMS = "3.7";

/** Each line's parent and the lines linked to each indicator, built once per draft (the section asks for every indicator, twice). */
const LINE_INDEX = new WeakMap<DraftContext, { parent: Map<string, string | undefined>; linked: Map<string, Set<string>> }>();

function lineIndex(ctx: DraftContext): { parent: Map<string, string | undefined>; linked: Map<string, Set<string>> } {
  let index = LINE_INDEX.get(ctx);
  if (!index) {
    index = { parent: new Map(), linked: new Map() };
    for (const l of ctx.file.budgetLines) {
      index.parent.set(l.id, l.parentId);
      for (const id of l.indicatorIds) (index.linked.get(id) ?? index.linked.set(id, new Set()).get(id)!).add(l.id);
    }
    LINE_INDEX.set(ctx, index);
  }
  return index;
}

/** Lines linked to an indicator, without those whose ancestor is linked too. */
function linkedLines(ctx: DraftContext, indicatorId: string): BudgetLine[] {
  const { parent, linked: byIndicator } = lineIndex(ctx);
  const linked = byIndicator.get(indicatorId);
  if (!linked) return [];
  const ancestorLinked = (id: string) => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) if (linked.has(p)) return true;
    return false;
  };
  return ctx.file.budgetLines.filter((l) => linked.has(l.id) && !ancestorLinked(l.id));
}

type Support = "menunjang" | "tidak_menunjang" | "belum_dinilai";

function support(ctx: DraftContext, line: BudgetLine): Support {
  const out = ctx.result.outputs.get(line.id);
  if (!out || out.comparison === "na") return "belum_dinilai";
  return out.comparison === "below" ? "tidak_menunjang" : "menunjang";
}

interface LineCells {
  name: Cell;
  output: Cell;
  target: Cell;
  actual: Cell;
  achievement: Cell;
  absorption: Cell;
  remark: Cell;
}

function lineCells(ctx: DraftContext, line: BudgetLine): LineCells {
  const none = cell(ctx.word("sel.kosong"));
  const src = (what: string) => `program.${line.id}.${what}`;
  const out = line.output;
  const result = ctx.result.outputs.get(line.id);
  const roll = ctx.result.budget.byId.get(line.id);
  const fmt = (v: string | undefined, what: string) => (v === undefined || !out ? none : numberCell(ctx.format.measure(new Decimal(v), out.unit), src(what), new Decimal(v), "number"));
  return {
    name: cell(ctx.lineTitle(line)),
    output: out ? cell(out.indicator) : none,
    target: fmt(out?.target, "target"),
    actual: fmt(out?.actual, "realisasi"),
    achievement: result?.achievement.status === "ok" ? numberCell(ctx.format.percent(result.achievement.value), src("capaian"), result.achievement.value, "percent") : none,
    absorption: roll?.absorption.status === "ok" ? numberCell(ctx.format.percent(roll.absorption.value), `anggaran.${line.id}.serapan`, roll.absorption.value, "percent") : none,
    remark: cell(ctx.word(`sel.${support(ctx, line)}`)),
  };
}

function rowsFor(ctx: DraftContext, r: IndicatorResult): Row[] {
  const rows: Row[] = [];
  for (const line of linkedLines(ctx, r.id)) {
    // A program's kegiatan are listed when they have an output indicator to judge them by.
    const children = line.level === "program" ? ctx.file.budgetLines.filter((l) => l.parentId === line.id && l.output) : [];
    for (const [l, indent] of [[line, 0] as const, ...children.map((c) => [c, 1] as const)]) {
      const c = lineCells(ctx, l);
      rows.push({
        kind: "data",
        groupKey: r.id,
        indent,
        detail: indent > 0,
        cells: [cell(ctx.code(r)), cell(r.indicator.name), c.name, c.output, c.target, c.actual, c.achievement, c.absorption, c.remark],
      });
    }
  }
  return rows;
}

function indicatorParagraph(ctx: DraftContext, r: IndicatorResult): Paragraph {
  const ink = ctx.ink();
  const lines = linkedLines(ctx, r.id);
  const indikator = ink.text(r.indicator.name);
  if (lines.length === 0) return ink.paragraph("program/tanpa-program", { indikator });
  const names = (ls: BudgetLine[]) => joinAnd(ls.map((l) => ink.text(ctx.lineTitle(l))));
  const bySupport = (s: Support) => lines.filter((l) => support(ctx, l) === s);
  const notSupporting = bySupport("tidak_menunjang");
  const unrated = bySupport("belum_dinilai");
  return ink.paragraph("program/indikator", {
    indikator,
    daftar: names(lines),
    satu: lines.length === 1,
    semuaMenunjang: notSupporting.length === 0 && unrated.length === 0,
    tidakMenunjang: notSupporting.length > 0 ? names(notSupporting) : undefined,
    belumDinilai: unrated.length > 0 ? names(unrated) : undefined,
  });
}

export function programsSection(ctx: DraftContext): Section {
  const w = ctx.tableText("program");
  const rows = ctx.result.indicators.flatMap((r) => rowsFor(ctx, r));
  const [no, iku, program, keluaran, target, realisasi, capaian, serapan, keterangan] = w.kolom;
  const table = ctx.table(
    TABLE_PROGRAMS,
    w.judul,
    [
      { header: no!, align: "center", merge: true },
      { header: iku!, align: "left", merge: true },
      { header: program!, align: "left", label: true },
      { header: keluaran!, align: "left" },
      { header: target!, align: "right" },
      { header: realisasi!, align: "right" },
      { header: capaian!, align: "right" },
      { header: serapan!, align: "right" },
      { header: keterangan!, align: "left" },
    ],
    rows,
    // No indicator linked to a line yet: the table (its number kept for the tables after it) says why it is empty.
    rows.length === 0 ? ctx.word("tabel_kosong.program") : undefined,
  );
  const intro = ctx.ink();
  const blocks: Block[] = [intro.paragraph("program/pengantar", { tahun: intro.year(ctx.year), tabel: intro.text(`Tabel ${TABLE_PROGRAMS}`) }), table];
  for (const r of ctx.result.indicators) blocks.push(indicatorParagraph(ctx, r));

  // Programs not linked to any indicator, directly or through one of their lines.
  const linkedIds = new Set(ctx.file.budgetLines.filter((l) => l.indicatorIds.length > 0).map((l) => l.id));
  const parent = new Map(ctx.file.budgetLines.map((l) => [l.id, l.parentId]));
  const programOf = (id: string): string => {
    let current = id;
    for (let p = parent.get(current); p !== undefined; p = parent.get(current)) current = p;
    return current;
  };
  const linkedPrograms = new Set([...linkedIds].map(programOf));
  const unlinked = ctx.file.budgetLines.filter((l) => l.level === "program" && !linkedPrograms.has(l.id));
  if (unlinked.length > 0) {
    const ink = ctx.ink();
    blocks.push(ink.paragraph("program/tidak-terhubung", { daftar: joinAnd(unlinked.map((l) => ink.text(ctx.lineTitle(l)))) }));
  }
  return { id: "7", title: ctx.word("bagian.7"), blocks };
}
