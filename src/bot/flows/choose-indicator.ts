/**
 * Choosing an indicator by button (/indikator, /riwayat, /grafik's trend, a budget line's links): a button per indicator when they all
 * fit in one keyboard, as for every real report; otherwise a button per sasaran first, then a button per
 * indicator of that sasaran (at most 100, the schema's limit). An agency of 1,000 indicators would otherwise
 * get 13 messages of buttons, spending Telegram's sending limit that all officers share.
 */
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { formatCount } from "../../domain/numbers/format.js";
import { button, html, label, splitKeyboard, text, type Button, type Out } from "../ui.js";

/** What the chooser is for: the prefix of its sasaran buttons' data (`pi:<purpose>:<objectiveId>`); `lk`: a budget line's indicator links. */
export type Purpose = "ind" | "rw" | "tren" | "lk";

/** A sasaran's code, or its place when it has none. */
const codeOf = (file: AgencyFile, o: AgencyFile["objectives"][number]): string => o.code ?? String(file.objectives.indexOf(o) + 1);

/**
 * The message choosing an indicator: `prompt` (HTML) with a button per indicator made by `make` and the
 * `extra` rows after them; by sasaran when they do not fit one keyboard. With `objectiveId`, that sasaran's
 * indicators; undefined when it no longer exists.
 */
export function chooseIndicatorOut(file: AgencyFile, purpose: Purpose, prompt: string, make: (ind: Indicator) => Button, extra: Button[][] = [], objectiveId?: string): Out | undefined {
  if (objectiveId !== undefined) {
    const o = file.objectives.find((x) => x.id === objectiveId);
    if (!o) return undefined;
    const head = html("pilih_indikator.sasaran", { kode: codeOf(file, o), nama: o.name });
    // Its indicators may have been deleted since its button was sent.
    const empty = o.indicators.length === 0 ? `\n${html("status.sasaran_kosong")}` : "";
    return text(`${prompt}\n${head}${empty}`, [...o.indicators.map((i) => [make(i)]), ...extra]);
  }
  const all = [...file.objectives.flatMap((o) => o.indicators.map((i) => [make(i)])), ...extra];
  if (splitKeyboard(all).length <= 1) return text(prompt, all);
  const count = file.objectives.reduce((n, o) => n + o.indicators.length, 0);
  const bySasaran = file.objectives
    .filter((o) => o.indicators.length > 0)
    .map((o) => [button(label("pilih_indikator.tombol_sasaran", { kode: codeOf(file, o), jumlah: formatCount(o.indicators.length) }), `pi:${purpose}:${o.id}`)]);
  return text(`${prompt}\n${html("pilih_indikator.per_sasaran", { jumlah: formatCount(count) })}`, [...bySasaran, ...extra]);
}
