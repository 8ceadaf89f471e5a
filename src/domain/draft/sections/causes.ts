/**
 * Section 3.5: causes of success or failure and alternative solutions. Per
 * indicator: the result sentence, then faktor pendukung, faktor penghambat and
 * tindak lanjut. Answers not given yet are named as missing, never invented.
 */
import type { IndicatorResult } from "../../calc/agency.js";
import type { Factors } from "../../schema/indicator.js";
import type { DraftContext } from "../context.js";
import type { Block, ListBlock, Section } from "../document.js";
import { joinAnd } from "../counts.js";
import { achievementParagraphs } from "./achievement-paragraph.js";

const KINDS = [
  ["supporting", "faktor/pendukung"],
  ["inhibiting", "faktor/penghambat"],
  ["followUp", "faktor/tindak-lanjut"],
] as const satisfies readonly [keyof Factors, string][];

function list(ctx: DraftContext, items: readonly string[]): ListBlock {
  return {
    type: "list",
    ordered: false,
    items: items.map((item) => {
      const ink = ctx.ink();
      return { type: "paragraph", text: ink.text(item), parts: [...ink.parts] };
    }),
  };
}

function indicatorBlocks(ctx: DraftContext, r: IndicatorResult): Block[] {
  const blocks: Block[] = [{ type: "heading", level: 3, text: `${ctx.code(r)} ${r.indicator.name}` }];
  blocks.push(...achievementParagraphs(ctx, r).slice(0, 1));
  const factors = r.indicator.factors ?? {};
  const notMet = r.comparison === "below";
  const met = r.comparison === "above" || r.comparison === "at";
  const missing: string[] = [];
  for (const [kind, template] of KINDS) {
    const items = factors[kind];
    if (items === undefined) {
      missing.push(ctx.word(`faktor.${kind}`));
      continue;
    }
    const ink = ctx.ink();
    const view = { indikator: ink.text(r.indicator.name), tercapai: met, belum: notMet, jenis: ctx.word(`faktor.${kind}`) };
    if (items.length === 0) {
      blocks.push(ink.paragraph("faktor/tidak-ada", view));
      continue;
    }
    blocks.push(ink.paragraph(template, view));
    blocks.push(list(ctx, items));
  }
  if (missing.length > 0) {
    const ink = ctx.ink();
    blocks.push(ink.paragraph("faktor/belum-diisi", { indikator: ink.text(r.indicator.name), daftar: joinAnd(missing) }));
  }
  return blocks;
}

export function causesSection(ctx: DraftContext): Section {
  const intro = ctx.ink();
  const blocks: Block[] = [intro.paragraph("bagian/pengantar-faktor", {})];
  for (const r of ctx.result.indicators) blocks.push(...indicatorBlocks(ctx, r));
  return { id: "5", title: ctx.word("bagian.5"), blocks };
}
