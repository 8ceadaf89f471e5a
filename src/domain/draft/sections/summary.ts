/** The executive-summary paragraph (Ringkasan Eksekutif) that opens the report. */
import type { DraftContext } from "../context.js";
import type { Section } from "../document.js";
import { countsPhrase } from "../counts.js";

export function summarySection(ctx: DraftContext): Section {
  const ink = ctx.ink();
  const { average, counts, objectives, budget } = ctx.result;
  const total = budget.total;
  const hasBudget = total.absorption.status === "ok" && total.budget !== undefined && total.spent !== undefined;
  const paragraph = ink.paragraph("ringkasan/ringkasan", {
    tahun: ink.year(ctx.year),
    instansi: ink.text(ctx.file.agency.name),
    jumlahSasaran: ink.count(objectives.length),
    jumlahIndikator: ink.count(counts.total),
    rata: average.value === undefined ? undefined : ink.percent("instansi.rata", average.value),
    kategori: average.category === undefined ? undefined : ink.value("instansi.kategori", average.category),
    rincian: average.value === undefined ? undefined : countsPhrase(ink, ctx.result.indicators),
    // Sasaran without a capaian in percent (predikat only, or nothing measured yet) are not in the mean.
    diikutkan: average.included < objectives.length ? ink.count(average.included) : undefined,
    pagu: hasBudget ? ink.money("anggaran.total.pagu", total.budget!) : undefined,
    realisasi: hasBudget ? ink.money("anggaran.total.realisasi", total.spent!) : undefined,
    serapan: hasBudget && total.absorption.status === "ok" ? ink.percent("anggaran.total.serapan", total.absorption.value) : undefined,
  });
  return { id: "ringkasan", title: ctx.word("bagian.ringkasan"), blocks: [paragraph] };
}
