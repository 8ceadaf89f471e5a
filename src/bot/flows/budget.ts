/**
 * /anggaran — program / kegiatan / sub kegiatan with pagu and realisasi,
 * linked to the indicators they support, with a note (e.g. why absorption is
 * low). Roll-ups and warnings come from the calculation core.
 */
import { editAgency } from "../../app/edits.js";
import { isNone } from "../../app/entry/answers.js";
import { currentValue, formatFor } from "../../app/entry/present.js";
import { findIndicator, findLine } from "../../app/entry/missing.js";
import { computeAgency } from "../../domain/calc/agency.js";
import { formatCount } from "../../domain/numbers/format.js";
import { normalizeInput } from "../../domain/numbers/normalize.js";
import { numberErrorMessage } from "../../domain/numbers/messages.js";
import { parseNumber } from "../../domain/numbers/parse.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { BudgetLine, BudgetLevel } from "../../domain/schema/budget.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { IDLE, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, escapeHtml, grid, html, label, text, type Button, type Out } from "../ui.js";
import { isControlWord } from "./entry.js";
import { nextId } from "../../app/ids.js";
import { lineTitle } from "./lines.js";
import { budgetMenu, budgetTree } from "./budget-list.js";
import { deletedMeanwhile } from "./deleted.js";
import { chooseIndicatorOut } from "./choose-indicator.js";
import { hasOwnBudget } from "./indicator.js";

type LineState = Extract<State, { flow: "line" }>;
/** The most lines below a line its menu has a button for; beyond, one button opens their list (budget-list.ts). */
export const LINE_MENU_CHILDREN_MAX = 40;
const CHILD: Record<BudgetLevel, BudgetLevel | undefined> = { program: "activity", activity: "subActivity", subActivity: undefined };

/** The ids of the lines below `lineId` (its kegiatan and their sub kegiatan): what goes when it is deleted. */
function below(lines: readonly BudgetLine[], lineId: string): Set<string> {
  const found = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const l of lines) {
      if (l.parentId !== undefined && (l.parentId === lineId || found.has(l.parentId)) && !found.has(l.id)) {
        found.add(l.id);
        grew = true;
      }
    }
  }
  return found;
}

function lineMenu(file: AgencyFile, lineId: string): Out {
  const line = findLine(file, lineId);
  if (!line) return text(html("akses.tombol_kedaluwarsa"));
  const f = formatFor(file);
  const result = computeAgency(file).budget.byId.get(lineId)!;
  const inds = line.indicatorIds.map((id) => file.objectives.flatMap((o) => o.indicators).find((i) => i.id === id)?.name ?? id);
  const tree = budgetTree(file);
  const nums = tree.numbers;
  const rows: Button[][] = [];
  const child = CHILD[line.level];
  const children = tree.children.get(lineId) ?? [];
  if (child) rows.push([button(label(`anggaran.tombol_anak_${child}`), `line:new:${child}:${lineId}`)]);
  // Hundreds of sub kegiatan would be a keyboard over many messages: their list, in pages, has a button for each.
  if (children.length > LINE_MENU_CHILDREN_MAX) rows.push([button(label("anggaran.tombol_rincian", { nomor: nums.get(lineId) }), `agr:${lineId}`)]);
  else rows.push(...grid(children.map((c) => button(label("anggaran.tombol_baris", { nomor: nums.get(c.id) }), `line:${c.id}`)), 4));
  rows.push(
    [button(label("anggaran.tombol_nama"), `line:name:${lineId}`), button(label("anggaran.tombol_pagu"), `line:budget:${lineId}`), button(label("anggaran.tombol_realisasi"), `line:spent:${lineId}`)],
    [button(label("anggaran.tombol_tautan"), `line:link:${lineId}`), button(label("anggaran.tombol_catatan"), `line:note:${lineId}`)],
    [button(label("anggaran.tombol_hapus"), `line:del:${lineId}`), button(label("anggaran.tombol_selesai"), "line:list")],
  );
  return text(
    html("anggaran.menu", {
      nama: `${nums.get(lineId)} ${lineTitle(line)}`,
      pagu: result.budget ? f.money(result.budget) : label("anggaran.belum"),
      realisasi: result.spent ? f.money(result.spent) : label("anggaran.belum"),
      indikator: inds.length > 0 ? inds.join("; ") : "-",
      catatan: line.note ?? "-",
    }),
    rows,
  );
}

/**
 * The indicators a budget line supports, a button each to link or unlink it; by sasaran when they do not fit one
 * keyboard (`chooseIndicatorOut`), then `objectiveId`'s, with a button back to the sasaran. Undefined when that
 * sasaran no longer exists. `before`: a line said first.
 */
function linkMenu(file: AgencyFile, lineId: string, objectiveId?: string, before?: string): Out | undefined {
  const line = findLine(file, lineId)!;
  if (!file.objectives.some((o) => o.indicators.length > 0)) return text(html("anggaran.tidak_ada_indikator"));
  const make = (i: Indicator) => button(`${line.indicatorIds.includes(i.id) ? "✅" : "⬜"} ${i.code ?? ""} ${i.name}`.slice(0, 64), `lk:${i.id}`);
  const done = [button(label("anggaran.tombol_selesai"), `line:${lineId}`)];
  const extra = objectiveId === undefined ? [done] : [[button(label("anggaran.tombol_sasaran_lain"), "pi:lk:*")], done];
  const prompt = html("anggaran.tautan", { nama: lineTitle(line) });
  return chooseIndicatorOut(file, "lk", before ? `${before}\n${prompt}` : prompt, make, extra, objectiveId);
}

/** Text typed while the links are chosen: the menu again, saying that its buttons choose. */
export async function linkText(turn: Turn, state: Extract<State, { flow: "link" }>): Promise<Outcome> {
  const doc = await flowAgency(turn, state.agencyId, "editor");
  if (!findLine(doc.data, state.lineId)) return deletedMeanwhile(label("anggaran.baris_anggaran"), "/anggaran");
  return outcome([linkMenu(doc.data, state.lineId, state.objectiveId, html("anggaran.tautan_ketuk"))!]);
}

/** A sasaran's button of the link menu (`*`: back to the sasaran): its indicators, remembered for the next toggle. */
export async function chooseLinkSasaran(turn: Turn, state: State, objectiveId: string): Promise<Outcome> {
  if (state.flow !== "link") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const doc = await flowAgency(turn, state.agencyId, "editor");
  if (!findLine(doc.data, state.lineId)) return deletedMeanwhile(label("anggaran.baris_anggaran"), "/anggaran");
  const chosen = objectiveId === "*" ? undefined : objectiveId;
  const menu = linkMenu(doc.data, state.lineId, chosen);
  if (!menu) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const { objectiveId: _previous, ...rest } = state;
  return outcome([menu], chosen === undefined ? rest : { ...rest, objectiveId: chosen });
}

export async function budgetCallback(turn: Turn, state: State, data: string): Promise<Outcome> {
  if (data === "line:list") return budgetMenu(turn);
  const { doc } = await activeAgency(turn, "editor");
  const file = doc.data;
  const agencyId = file.agency.id;
  let m = /^line:new:(program|activity|subActivity)(?::(.+))?$/.exec(data);
  if (m) {
    const level = m[1] as BudgetLevel;
    const parentId = m[2];
    const parent = parentId ? findLine(file, parentId) : undefined;
    if (level !== "program" && !parent) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
    const draft = parentId ? { level, parentId } : { level };
    return outcome([text(html("anggaran.nama", { tingkat: label(`tingkat.${level}`).toLowerCase(), induk: parent ? lineTitle(parent) : "" }))], {
      v: 1,
      flow: "line",
      agencyId,
      step: "name",
      draft,
    });
  }
  m = /^line:(name|budget|spent|note|link|del|delok):(.+)$/.exec(data);
  if (m) {
    const [, action, lineId] = m as unknown as [string, string, string];
    const line = findLine(file, lineId);
    if (!line) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
    const nama = lineTitle(line);
    const base = { v: 1 as const, flow: "line" as const, agencyId, lineId, draft: { level: line.level } };
    switch (action) {
      case "name":
        return outcome([text(html("anggaran.nama", { tingkat: label(`tingkat.${line.level}`).toLowerCase(), induk: "" }))], { ...base, step: "name" });
      case "budget":
        return outcome([text(html("anggaran.pagu", { nama }))], { ...base, step: "budget" });
      case "spent":
        return outcome([text(html("anggaran.realisasi", { nama }))], { ...base, step: "spent" });
      case "note":
        return outcome([text(html("anggaran.catatan", { nama }))], { ...base, step: "note" });
      case "link":
        return outcome([linkMenu(file, lineId)!], { v: 1, flow: "link", agencyId, lineId });
      case "del": {
        const descendants = below(file.budgetLines, lineId).size;
        return outcome([text(html("anggaran.konfirmasi_hapus", { nama, anak: descendants ? formatCount(descendants) : "" }), [[button(label("anggaran.tombol_ya_hapus"), `line:delok:${lineId}`)]])]);
      }
      case "delok": {
        await editAgency(turn.services, agencyId, turn.actor, "editor", (d) => {
          const gone = below(d.budgetLines, lineId).add(lineId);
          d.budgetLines = d.budgetLines.filter((l) => !gone.has(l.id));
        });
        return outcome([text(html("anggaran.dihapus", { nama }))], IDLE);
      }
    }
  }
  m = /^lk:(.+)$/.exec(data);
  if (m && state.flow === "link") {
    const indicatorId = m[1]!;
    const lineId = state.lineId;
    let gone = false;
    const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
      const line = d.budgetLines.find((l) => l.id === lineId);
      gone = !line;
      if (!line) return;
      line.indicatorIds = line.indicatorIds.includes(indicatorId) ? line.indicatorIds.filter((x) => x !== indicatorId) : [...line.indicatorIds, indicatorId];
    });
    if (gone) return deletedMeanwhile(label("anggaran.baris_anggaran"), "/anggaran");
    // The sasaran shown may have been deleted meanwhile: then the whole menu again.
    const menu = linkMenu(saved.doc.data, lineId, state.objectiveId) ?? linkMenu(saved.doc.data, lineId)!;
    // Linked to an indicator with a pagu of its own, the line does not change its efficiency: say so.
    const ind = findIndicator(saved.doc.data, indicatorId);
    const linked = findLine(saved.doc.data, lineId)?.indicatorIds.includes(indicatorId) ?? false;
    if (linked && ind && hasOwnBudget(ind)) {
      const pagu = currentValue(saved.doc.data, { q: "budget", indicatorId, field: "budget" }) ?? label("indikator.anggaran_belum");
      return outcome([text(html("anggaran.tautan_pagu_sendiri", { kode: ind.code ?? "", nama: ind.name, pagu })), menu]);
    }
    return outcome([menu]);
  }
  m = /^line:(.+)$/.exec(data);
  if (m) return outcome([lineMenu(file, m[1]!)], IDLE);
  return outcome([text(html("akses.tombol_kedaluwarsa"))]);
}

export async function lineText(turn: Turn, state: LineState, input: string): Promise<Outcome> {
  const doc = await flowAgency(turn, state.agencyId, "editor");
  const value = normalizeInput(input);
  const skip = isControlWord(input);
  const money = (): { ok: true; value: string | undefined } | { ok: false; out: Outcome } => {
    if (skip) return { ok: true, value: undefined };
    const r = parseNumber(input, { kind: "money" });
    return r.ok ? { ok: true, value: r.value.toFixed() } : { ok: false, out: outcome([text(escapeHtml(numberErrorMessage(r.error, "money")))]) };
  };
  if (state.lineId) {
    // One field of an existing line.
    const lineId = state.lineId;
    let change: (l: BudgetLine) => void;
    if (state.step === "name") {
      if (value.length < 3 || value.length > 500) return outcome([text(html("atur.nama_salah", { contoh: "Program Rehabilitasi Sosial" }))]);
      change = (l) => (l.name = value);
    } else if (state.step === "note") {
      if (value.length > 1000) return outcome([text(html("atur.teks_salah", { maks: formatCount(1000) }))]);
      change = (l) => {
        if (isNone(input) || value === "") delete l.note;
        else l.note = value;
      };
    } else {
      const m = money();
      if (!m.ok) return m.out;
      const field = state.step;
      change = (l) => {
        if (m.value === undefined) delete l[field];
        else l[field] = m.value;
      };
    }
    let gone = false;
    const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
      const l = d.budgetLines.find((x) => x.id === lineId);
      gone = !l;
      if (l) change(l);
    });
    if (gone) return deletedMeanwhile(label(`tingkat.${state.draft.level}`), "/anggaran");
    return outcome([text(html("atur.diubah")), lineMenu(saved.doc.data, lineId)], IDLE);
  }
  // A new line: name → pagu → realisasi.
  const draft = { ...state.draft };
  if (state.step === "name") {
    if (value.length < 3 || value.length > 500) return outcome([text(html("atur.nama_salah", { contoh: "Program Rehabilitasi Sosial" }))]);
    draft.name = value;
    return outcome([text(html("anggaran.pagu", { nama: lineTitle({ level: draft.level, name: value }) }))], { ...state, step: "budget", draft });
  }
  const m = money();
  if (!m.ok) return m.out;
  if (state.step === "budget") {
    if (m.value !== undefined) draft.budget = m.value;
    return outcome([text(html("anggaran.realisasi", { nama: lineTitle({ level: draft.level, name: draft.name ?? "" }) }))], { ...state, step: "spent", draft });
  }
  const id = nextId(doc.data, draft.level === "program" ? "P" : draft.level === "activity" ? "K" : "SK");
  let gone = false;
  const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
    gone = draft.parentId !== undefined && !d.budgetLines.some((l) => l.id === draft.parentId);
    if (gone) return;
    const line: BudgetLine = { id, level: draft.level, name: draft.name!, indicatorIds: [] };
    if (draft.parentId) line.parentId = draft.parentId;
    if (draft.budget) line.budget = draft.budget;
    if (m.value !== undefined) line.spent = m.value;
    // Keep children right after their parent so documents list them in order.
    const lastOfParent = draft.parentId ? d.budgetLines.map((l) => l.parentId === draft.parentId || l.id === draft.parentId).lastIndexOf(true) : -1;
    if (lastOfParent >= 0) d.budgetLines.splice(lastOfParent + 1, 0, line);
    else d.budgetLines.push(line);
  });
  if (gone) return deletedMeanwhile(label(`tingkat.${draft.level === "subActivity" ? "activity" : "program"}`), "/anggaran");
  return outcome([text(html("anggaran.tersimpan", { nama: lineTitle({ level: draft.level, name: draft.name! }) })), lineMenu(saved.doc.data, id)], IDLE);
}
