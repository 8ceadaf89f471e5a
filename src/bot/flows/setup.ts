/**
 * /atur — sasaran and indicators in conversation: add, rename, reorder,
 * delete; unit, polarity, kind (value / ratio / grade with its table),
 * definition and data source. Every change goes through editAgency (editor
 * role, validated, audited).
 */
import { editAgency } from "../../app/edits.js";
import { normalizeInput } from "../../domain/numbers/normalize.js";
import { formatCount } from "../../domain/numbers/format.js";
import { GRADE_TABLES } from "../../domain/calc/grade.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { IDLE, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, label, splitHtml, splitKeyboard, text, type Button, type Out } from "../ui.js";
import { nextId, renumber } from "../../app/ids.js";
import { isControlWord } from "./entry.js";
import { deletedMeanwhile } from "./deleted.js";
import { choiceText, polarityWord } from "../../domain/polarity-word.js";
import { sameName } from "../../app/by-name.js";

type IndicatorState = Extract<State, { flow: "indicator" }>;

function findObjective(file: AgencyFile, id: string) {
  return file.objectives.find((o) => o.id === id);
}

function findWithObjective(file: AgencyFile, indicatorId: string) {
  for (const o of file.objectives) {
    const i = o.indicators.find((x) => x.id === indicatorId);
    if (i) return { objective: o, indicator: i };
  }
  return undefined;
}

/**
 * The most messages /atur's list of every sasaran and indicator takes, as /status's (STATUS_MESSAGES_MAX). A
 * longer list, or one whose buttons do not fit one keyboard, becomes a line per sasaran, and each sasaran's
 * menu lists its indicators with their buttons.
 */
export const SETUP_MESSAGES_MAX = 5;

const indicatorLine = (ind: Indicator): string =>
  html("atur.indikator", {
    kode: ind.code ?? "",
    nama: ind.name,
    satuan: ind.unit,
    negatif: ind.polarity === "negative",
    jenis: ind.kind === "value" ? "" : label(`indikator.jenis.${ind.kind}`),
  });
const indicatorButton = (ind: Indicator): Button => button(label("atur.tombol_indikator", { kode: ind.code ?? "" }), `atur:i:${ind.id}`);
const topButtons = (): Button[] => [button(label("atur.tombol_sasaran_baru"), "atur:o:new"), button(label("atur.tombol_tempel"), "atur:paste")];

/** Every sasaran and indicator, with their buttons: the list /atur sends when it is short enough. */
function wholeOverview(file: AgencyFile): { lines: string[]; buttons: Button[] } {
  const lines = [html("atur.kepala", { instansi: file.agency.name, tahun: file.agency.reportingYear })];
  const buttons: Button[] = [];
  if (file.objectives.length === 0) lines.push(html("atur.kosong"));
  for (const o of file.objectives) {
    lines.push(html("atur.sasaran", { kode: o.code ?? "", nama: o.name }));
    buttons.push(button(label("atur.tombol_sasaran", { kode: o.code ?? "" }), `atur:o:${o.id}`));
    for (const ind of o.indicators) {
      lines.push(indicatorLine(ind));
      buttons.push(indicatorButton(ind));
    }
  }
  return { lines, buttons };
}

/** Whether /atur lists a line per sasaran instead of every indicator: too many messages, or, for an editor, too many buttons for one keyboard. */
function bySasaran(whole: { lines: string[]; buttons: Button[] }, canEdit: boolean): boolean {
  if (splitHtml([...whole.lines, "", html("atur.petunjuk")].join("\n")).length > SETUP_MESSAGES_MAX) return true;
  return canEdit && splitKeyboard([topButtons(), ...grid(whole.buttons, 3)]).length > 1;
}

export function setupOverview(file: AgencyFile, canEdit: boolean): Out {
  const whole = wholeOverview(file);
  if (bySasaran(whole, canEdit)) {
    const count = file.objectives.reduce((n, o) => n + o.indicators.length, 0);
    const lines = [whole.lines[0]!, ...file.objectives.map((o) => html("atur.sasaran_ringkas", { kode: o.code ?? "", nama: o.name, jumlah: formatCount(o.indicators.length) }))];
    lines.push("", html(canEdit ? "atur.per_sasaran" : "atur.per_sasaran_baca", { jumlah: formatCount(count) }));
    if (!canEdit) return text(lines.join("\n"));
    return text(lines.join("\n"), [topButtons(), ...grid(file.objectives.map((o) => button(label("atur.tombol_sasaran", { kode: o.code ?? "" }), `atur:o:${o.id}`)), 3)]);
  }
  if (!canEdit) return text(whole.lines.join("\n"));
  if (file.objectives.length > 0) whole.lines.push("", html("atur.petunjuk"));
  return text(whole.lines.join("\n"), [topButtons(), ...grid(whole.buttons, 3)]);
}

export async function setupMenu(turn: Turn): Promise<Outcome> {
  const { doc, role } = await activeAgency(turn);
  return outcome([setupOverview(doc.data, role !== "viewer")], IDLE);
}

function objectiveMenu(file: AgencyFile, objectiveId: string): Out {
  const o = findObjective(file, objectiveId);
  if (!o) return text(html("akses.tombol_kedaluwarsa"));
  const menu = html("atur.menu_sasaran", { kode: o.code ?? "", nama: o.name, jumlah: formatCount(o.indicators.length) });
  // When /atur lists a line per sasaran, the sasaran's menu lists its indicators, with a button each.
  const listed = bySasaran(wholeOverview(file), true) && o.indicators.length > 0;
  return text(listed ? [...o.indicators.map(indicatorLine), "", menu].join("\n") : menu, [
    ...(listed ? grid(o.indicators.map(indicatorButton), 3) : []),
    [button(label("atur.tombol_indikator_baru"), `atur:o:addi:${o.id}`)],
    [button(label("atur.tombol_ubah_nama"), `atur:o:ren:${o.id}`), button(label("atur.tombol_hapus"), `atur:o:del:${o.id}`)],
    [button(label("atur.tombol_naik"), `atur:o:up:${o.id}`), button(label("atur.tombol_turun"), `atur:o:down:${o.id}`)],
    [button(label("atur.tombol_kembali"), "atur:list")],
  ]);
}

function indicatorMenu(file: AgencyFile, indicatorId: string): Out {
  const found = findWithObjective(file, indicatorId);
  if (!found) return text(html("akses.tombol_kedaluwarsa"));
  const i = found.indicator;
  return text(
    html("atur.menu_indikator", {
      kode: i.code ?? "",
      nama: i.name,
      satuan: i.unit,
      polaritas: label(`indikator.polaritas.${i.polarity}`),
      jenis: label(`indikator.jenis.${i.kind}`),
      tabel: i.gradeTable ? GRADE_TABLES[i.gradeTable].name : "",
      definisi: i.definition ?? label("atur.belum"),
      sumber: i.dataSource ?? label("atur.belum"),
    }),
    [
      [button(label("atur.tombol_ubah_nama"), `atur:i:ren:${i.id}`), button(label("atur.tombol_satuan"), `atur:i:unit:${i.id}`)],
      [button(label("atur.tombol_polaritas"), `atur:i:pol:${i.id}`), button(label("atur.tombol_jenis"), `atur:i:kind:${i.id}`)],
      [button(label("atur.tombol_definisi"), `atur:i:def:${i.id}`), button(label("atur.tombol_sumber"), `atur:i:src:${i.id}`)],
      [button(label("atur.tombol_naik"), `atur:i:up:${i.id}`), button(label("atur.tombol_turun"), `atur:i:down:${i.id}`), button(label("atur.tombol_hapus"), `atur:i:del:${i.id}`)],
      // An indicator that replaced another once keeps that one as its predecessor: it is not replaced again here.
      ...(i.predecessor ? [] : [[button(label("atur.tombol_ganti"), `atur:i:repl:${i.id}`)]]),
      [button(label("atur.tombol_kembali"), "atur:list")],
    ],
  );
}

const stepQuestion = (step: IndicatorState["step"], view: Record<string, unknown>): Out => {
  switch (step) {
    case "name":
      return text(html(view.replaces ? "atur.nama_indikator_pengganti" : view.rename ? "atur.nama_indikator_baru" : "atur.nama_indikator", view));
    case "unit":
      return text(html("atur.satuan"), [["%", "orang", "KPM", "indeks"].map((u) => button(u, `new:unit:${u}`))]);
    case "polarity":
      return text(html("atur.polaritas"), [[button(label("atur.tombol_positif"), "new:pol:positive")], [button(label("atur.tombol_negatif"), "new:pol:negative")]]);
    case "kind":
      return text(html("atur.jenis"), [
        [button(label("atur.tombol_nilai"), "new:kind:value")],
        [button(label("atur.tombol_rasio"), "new:kind:ratio")],
        [button(label("atur.tombol_predikat"), "new:kind:grade")],
      ]);
    case "gradeTable":
      return text(html("atur.tabel_predikat"), [[button(label("atur.tombol_ikm"), "new:grade:ikm"), button(label("atur.tombol_lhe"), "new:grade:lheAkip")]]);
    case "definition":
      return text(html("atur.definisi"), [[button(label("atur.tombol_lewati"), "new:skip")]]);
    case "dataSource":
      return text(html("atur.sumber"), [[button(label("atur.tombol_lewati"), "new:skip")]]);
  }
};

export async function setupCallback(turn: Turn, data: string): Promise<Outcome> {
  if (data === "atur:list") return setupMenu(turn);
  const { doc } = await activeAgency(turn, "editor");
  const file = doc.data;
  const agencyId = file.agency.id;
  if (data === "atur:o:new") return outcome([text(html("atur.nama_sasaran"))], { v: 1, flow: "objective-name", agencyId });
  let m = /^atur:o:(addi|ren|del|delok|up|down):(.+)$/.exec(data);
  if (m) {
    const [, action, id] = m as unknown as [string, string, string];
    const o = findObjective(file, id);
    if (!o) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
    switch (action) {
      case "addi":
        return outcome([stepQuestion("name", { sasaran: o.name })], { v: 1, flow: "indicator", agencyId, objectiveId: id, step: "name", draft: {} });
      case "ren":
        return outcome([text(html("atur.nama_sasaran_baru", { nama: o.name }))], { v: 1, flow: "objective-name", agencyId, objectiveId: id });
      case "del":
        return outcome([text(html("atur.konfirmasi_hapus_sasaran", { nama: o.name, jumlah: formatCount(o.indicators.length) }), [[button(label("atur.tombol_ya_hapus"), `atur:o:delok:${id}`)]])]);
      case "delok": {
        const ids = new Set(o.indicators.map((i) => i.id));
        await editAgency(turn.services, agencyId, turn.actor, "editor", (d) => {
          d.objectives = d.objectives.filter((x) => x.id !== id);
          for (const line of d.budgetLines) line.indicatorIds = line.indicatorIds.filter((x) => !ids.has(x));
          renumber(d);
        });
        return outcome([text(html("atur.dihapus", { nama: o.name }))], IDLE);
      }
      default: {
        const saved = await editAgency(turn.services, agencyId, turn.actor, "editor", (d) => {
          const i = d.objectives.findIndex((x) => x.id === id);
          const j = action === "up" ? i - 1 : i + 1;
          if (i < 0 || j < 0 || j >= d.objectives.length) return;
          [d.objectives[i], d.objectives[j]] = [d.objectives[j]!, d.objectives[i]!];
          renumber(d);
        });
        return outcome([setupOverview(saved.doc.data, true)], IDLE);
      }
    }
  }
  m = /^atur:i:(ren|repl|unit|pol|kind|def|src|up|down|del|delok):(.+)$/.exec(data);
  if (m) {
    const [, action, id] = m as unknown as [string, string, string];
    const found = findWithObjective(file, id);
    if (!found) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
    const base = { v: 1 as const, flow: "indicator" as const, agencyId, objectiveId: found.objective.id, indicatorId: id, draft: {} };
    switch (action) {
      case "ren":
        return outcome([stepQuestion("name", { rename: true, nama: found.indicator.name })], { ...base, step: "name" });
      case "repl":
        if (found.indicator.predecessor) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
        return outcome([stepQuestion("name", { replaces: true, nama: found.indicator.name, tahun: file.agency.reportingYear })], { ...base, step: "name", draft: { replaces: true } });
      case "unit":
        return outcome([stepQuestion("unit", {})], { ...base, step: "unit" });
      case "pol":
        return outcome([stepQuestion("polarity", {})], { ...base, step: "polarity" });
      case "kind":
        return outcome([stepQuestion("kind", {})], { ...base, step: "kind" });
      case "def":
        return outcome([stepQuestion("definition", {})], { ...base, step: "definition" });
      case "src":
        return outcome([stepQuestion("dataSource", {})], { ...base, step: "dataSource" });
      case "del":
        return outcome([text(html("atur.konfirmasi_hapus_indikator", { nama: found.indicator.name }), [[button(label("atur.tombol_ya_hapus"), `atur:i:delok:${id}`)]])]);
      case "delok":
        await editAgency(turn.services, agencyId, turn.actor, "editor", (d) => {
          for (const o of d.objectives) o.indicators = o.indicators.filter((x) => x.id !== id);
          for (const line of d.budgetLines) line.indicatorIds = line.indicatorIds.filter((x) => x !== id);
          renumber(d);
        });
        return outcome([text(html("atur.dihapus", { nama: found.indicator.name }))], IDLE);
      default: {
        const saved = await editAgency(turn.services, agencyId, turn.actor, "editor", (d) => {
          const o = d.objectives.find((x) => x.id === found.objective.id)!;
          const i = o.indicators.findIndex((x) => x.id === id);
          const j = action === "up" ? i - 1 : i + 1;
          if (i < 0 || j < 0 || j >= o.indicators.length) return;
          [o.indicators[i], o.indicators[j]] = [o.indicators[j]!, o.indicators[i]!];
          renumber(d);
        });
        return outcome([setupOverview(saved.doc.data, true)], IDLE);
      }
    }
  }
  m = /^atur:(o|i):(.+)$/.exec(data);
  if (m) return outcome([m[1] === "o" ? objectiveMenu(file, m[2]!) : indicatorMenu(file, m[2]!)]);
  return outcome([text(html("akses.tombol_kedaluwarsa"))]);
}

export async function objectiveNameText(turn: Turn, state: Extract<State, { flow: "objective-name" }>, input: string): Promise<Outcome> {
  const name = normalizeInput(input);
  if (name.length < 3 || name.length > 500) return outcome([text(html("atur.nama_salah", { contoh: "Meningkatnya Penyelenggaraan Kesejahteraan Sosial" }))]);
  const doc = await flowAgency(turn, state.agencyId, "editor");
  const duplicate = doc.data.objectives.some((o) => o.id !== state.objectiveId && sameName(o.name, name));
  if (duplicate) return outcome([text(html("atur.nama_ganda", { jenis: "sasaran", nama: name }))]);
  if (state.objectiveId) {
    const id = state.objectiveId;
    let gone = false;
    await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
      const o = d.objectives.find((x) => x.id === id);
      gone = !o;
      if (o) o.name = name;
    });
    if (gone) return deletedMeanwhile(label("atur.jenis_sasaran"), "/atur");
    return outcome([text(html("atur.diubah"))], IDLE);
  }
  const id = nextId(doc.data, "S");
  const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
    d.objectives.push({ id, name, indicators: [] });
    renumber(d);
  });
  const o = findObjective(saved.doc.data, id)!;
  return outcome(
    [text(html("atur.sasaran_tersimpan", { kode: o.code ?? "", nama: o.name })), stepQuestion("name", { sasaran: o.name })],
    { v: 1, flow: "indicator", agencyId: state.agencyId, objectiveId: id, step: "name", draft: {} },
  );
}

const ORDER: IndicatorState["step"][] = ["name", "unit", "polarity", "kind", "gradeTable", "definition", "dataSource"];

/** Apply one answer of the indicator form; editing an existing indicator saves at once. */
async function indicatorStep(turn: Turn, state: IndicatorState, value: string | undefined): Promise<Outcome> {
  const doc = await flowAgency(turn, state.agencyId, "editor");
  const draft = { ...state.draft };
  const v = value === undefined ? undefined : normalizeInput(value);
  switch (state.step) {
    case "name":
      if (!v || v.length < 3 || v.length > 500) return outcome([text(html("atur.nama_salah", { contoh: "Persentase PSKS yang aktif" }))]);
      // Another indicator of the sasaran by that name (as tables and imports match names) would be found in its place.
      if (doc.data.objectives.find((o) => o.id === state.objectiveId)?.indicators.some((i) => i.id !== state.indicatorId && sameName(i.name, v))) {
        return outcome([text(html("atur.nama_ganda", { jenis: "indikator", nama: v }))]);
      }
      draft.name = v;
      break;
    case "unit":
      if (!v || v.length > 40) return outcome([text(html("atur.satuan_salah"))]);
      draft.unit = v;
      break;
    case "definition":
      if (v && v.length > 2000) return outcome([text(html("atur.teks_salah", { maks: formatCount(2000) }))]);
      if (v) draft.definition = v;
      break;
    case "dataSource":
      if (v && v.length > 300) return outcome([text(html("atur.teks_salah", { maks: 300 }))]);
      break;
    default:
      return outcome([text(html("umum.tidak_dipahami"))]);
  }
  return advance(turn, state, draft, state.step === "dataSource" ? v : undefined, doc.data);
}

/**
 * The indicator becomes a new one named `name` that replaces it: its name, unit and the years before the reporting
 * year move to its predecessor, shown as "IKU lama" and not compared with the new indicator (METHOD.md §2).
 */
function replaceIndicator(ind: Indicator, name: string, reportingYear: number): void {
  const earlier = Object.fromEntries(Object.entries(ind.years).filter(([y]) => Number(y) < reportingYear));
  ind.predecessor = { name: ind.name, unit: ind.unit, years: earlier };
  for (const y of Object.keys(earlier)) delete ind.years[y as keyof typeof ind.years];
  ind.name = name;
}

async function advance(turn: Turn, state: IndicatorState, draft: IndicatorState["draft"], dataSource: string | undefined, file: AgencyFile): Promise<Outcome> {
  if (state.indicatorId) {
    // Editing one field of an existing indicator.
    const id = state.indicatorId;
    let gone = false;
    let replacedMeanwhile = false;
    const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
      const found = findWithObjective(d, id);
      gone = !found;
      if (!found) return;
      const ind = found.indicator as Indicator;
      // Replaced by a colleague since this form was opened: replacing it again would only rename their new IKU.
      replacedMeanwhile = draft.replaces === true && ind.predecessor !== undefined;
      if (replacedMeanwhile) return;
      if (draft.replaces && draft.name) replaceIndicator(ind, draft.name, d.agency.reportingYear);
      else if (draft.name) ind.name = draft.name;
      if (draft.unit) ind.unit = draft.unit;
      if (draft.polarity) ind.polarity = draft.polarity;
      if (draft.kind) {
        ind.kind = draft.kind;
        if (draft.kind === "grade") ind.gradeTable = draft.gradeTable ?? ind.gradeTable ?? "ikm";
        else delete ind.gradeTable;
      }
      if (state.step === "definition") {
        if (draft.definition) ind.definition = draft.definition;
        else delete ind.definition;
      }
      if (state.step === "dataSource") {
        if (dataSource) ind.dataSource = dataSource;
        else delete ind.dataSource;
      }
    });
    if (gone) return deletedMeanwhile(label("atur.jenis_indikator"), "/atur");
    if (replacedMeanwhile) {
      const now = findWithObjective(saved.doc.data, id)!.indicator;
      return outcome([text(html("atur.sudah_diganti", { baru: now.name, lama: now.predecessor?.name ?? "" })), indicatorMenu(saved.doc.data, id)], IDLE);
    }
    if (state.step === "kind" && draft.kind === "grade" && !draft.gradeTable) {
      return outcome([stepQuestion("gradeTable", {})], { ...state, step: "gradeTable", draft });
    }
    const after = findWithObjective(saved.doc.data, id)?.indicator;
    if (draft.replaces && after?.predecessor) {
      const done = html("atur.diganti", { baru: after.name, lama: after.predecessor.name, tahun: Object.keys(after.predecessor.years).join(", ") });
      return outcome([text(done), indicatorMenu(saved.doc.data, id)], IDLE);
    }
    return outcome([text(html("atur.diubah")), indicatorMenu(saved.doc.data, id)], IDLE);
  }
  let next = ORDER[ORDER.indexOf(state.step) + 1];
  if (next === "gradeTable" && draft.kind !== "grade") next = "definition";
  if (next !== undefined) return outcome([stepQuestion(next, {})], { ...state, step: next, draft });

  // All steps answered: create the indicator.
  const id = nextId(file, "I");
  let gone = false;
  const saved = await editAgency(turn.services, state.agencyId, turn.actor, "editor", (d) => {
    const o = d.objectives.find((x) => x.id === state.objectiveId);
    gone = !o;
    if (!o) return;
    const ind: Record<string, unknown> = {
      id,
      name: draft.name,
      unit: draft.unit,
      polarity: draft.kind === "grade" ? "positive" : (draft.polarity ?? "positive"),
      kind: draft.kind ?? "value",
      ratioScale: "100",
      years: {},
    };
    if (draft.kind === "grade") ind.gradeTable = draft.gradeTable ?? "ikm";
    if (draft.definition) ind.definition = draft.definition;
    if (dataSource) ind.dataSource = dataSource;
    o.indicators.push(ind as Indicator);
    renumber(d);
  });
  if (gone) return deletedMeanwhile(label("atur.jenis_sasaran"), "/atur");
  const created = findWithObjective(saved.doc.data, id)!;
  return outcome(
    [
      text(html("atur.indikator_tersimpan", { kode: created.indicator.code ?? "", nama: created.indicator.name }), [
        [button(label("atur.tombol_indikator_lain"), `atur:o:addi:${state.objectiveId}`), button(label("atur.tombol_isi"), "go:isi")],
      ]),
    ],
    IDLE,
  );
}

export async function indicatorText(turn: Turn, state: IndicatorState, input: string): Promise<Outcome> {
  if (isControlWord(input) && (state.step === "definition" || state.step === "dataSource")) return indicatorStep(turn, state, undefined);
  if (state.step === "polarity" || state.step === "kind" || state.step === "gradeTable") {
    // A choice typed rather than tapped ("negatif", "menurun", "rasio", "IKM"): taken as its button.
    const choice = typedChoice(state.step, input);
    if (choice) return indicatorCallback(turn, state, choice);
    const q = stepQuestion(state.step, {}) as Extract<Out, { kind: "text" }>;
    return outcome([{ ...q, html: `${html("atur.bukan_pilihan", { input: normalizeInput(input).slice(0, 30) })}\n${q.html}` }]);
  }
  return indicatorStep(turn, state, input);
}

const KIND_WORDS: Record<string, "value" | "ratio" | "grade"> = { nilai: "value", "nilai biasa": "value", angka: "value", biasa: "value", rasio: "ratio", predikat: "grade", huruf: "grade", "predikat/huruf": "grade" };
const GRADE_TABLE_WORDS: Record<string, "ikm" | "lheAkip"> = { ikm: "ikm", lhe: "lheAkip", "lhe akip": "lheAkip", akip: "lheAkip", sakip: "lheAkip" };

/** The button a typed answer to a choice names, as its callback data; undefined when it names none. */
function typedChoice(step: "polarity" | "kind" | "gradeTable", input: string): string | undefined {
  if (step === "polarity") {
    const polarity = polarityWord(input);
    return polarity && `new:pol:${polarity}`;
  }
  const plain = choiceText(normalizeInput(input));
  if (step === "kind") return KIND_WORDS[plain] && `new:kind:${KIND_WORDS[plain]}`;
  return GRADE_TABLE_WORDS[plain] && `new:grade:${GRADE_TABLE_WORDS[plain]}`;
}

export async function indicatorCallback(turn: Turn, state: State, data: string): Promise<Outcome> {
  if (state.flow !== "indicator") return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const file = (await flowAgency(turn, state.agencyId, "editor")).data;
  const draft = { ...state.draft };
  let m = /^new:unit:(.+)$/.exec(data);
  if (m && state.step === "unit") return indicatorStep(turn, state, m[1]);
  m = /^new:pol:(positive|negative)$/.exec(data);
  if (m && state.step === "polarity") {
    draft.polarity = m[1] as "positive" | "negative";
    return advance(turn, state, draft, undefined, file);
  }
  m = /^new:kind:(value|ratio|grade)$/.exec(data);
  if (m && state.step === "kind") {
    draft.kind = m[1] as "value" | "ratio" | "grade";
    return advance(turn, state, draft, undefined, file);
  }
  m = /^new:grade:(ikm|lheAkip)$/.exec(data);
  if (m && state.step === "gradeTable") {
    draft.gradeTable = m[1] as "ikm" | "lheAkip";
    draft.kind = "grade";
    return advance(turn, state, draft, undefined, file);
  }
  if (data === "new:skip" && (state.step === "definition" || state.step === "dataSource")) return indicatorStep(turn, state, undefined);
  return outcome([text(html("akses.tombol_kedaluwarsa"))]);
}
