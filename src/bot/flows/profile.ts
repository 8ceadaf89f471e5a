/** /profil — the agency's methodology profile (admin): scale, efficiency method, negative formula, decimals, money style, thresholds. */
import { editAgency } from "../../app/edits.js";
import { isNone } from "../../app/entry/answers.js";
import { describeBand, SCALE_PRESET_IDS, type Band } from "../../domain/calc/scale.js";
import { Decimal } from "../../domain/decimal.js";
import { formatPlain } from "../../domain/numbers/format.js";
import { parseScaleText } from "../../app/scale-text.js";
import { numberErrorMessage } from "../../domain/numbers/messages.js";
import { parseNumber } from "../../domain/numbers/parse.js";
import { TIME_ZONE_NAMES, type AgencyFile } from "../../domain/schema/agency.js";
import { agencyZone, isTimeZoneName } from "../../app/time-zone.js";
import { EFFICIENCY_METHODS, NEGATIVE_FORMULAS, ProfileSchema, type Profile } from "../../domain/schema/profile.js";
import { IDLE, type State } from "../state.js";
import { activeAgency, flowAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, label, text, type Out } from "../ui.js";

function scaleLabel(p: Profile): string {
  return typeof p.scale === "string" ? label(`profil.skala.${p.scale}`) : label("profil.skala.khusus", { nama: p.scale.name });
}

/** The default methodology a new agency starts with, in the words of /profil (for the registration's question). */
export function defaultProfileLabels(): { skala: string; efisiensi: string; negatif: string } {
  const p = ProfileSchema.parse({});
  return { skala: scaleLabel(p), efisiensi: label(`profil.efisiensi.${p.efficiency.method}`), negatif: label(`profil.negatif.${p.negativeFormula}`) };
}

export function profileMessage(file: AgencyFile): Out {
  const p = file.profile;
  const scale = scaleLabel(p);
  const zone = agencyZone(file.agency);
  const body = html("profil.ringkas", {
    instansi: file.agency.name,
    skala: scale,
    efisiensi: label(`profil.efisiensi.${p.efficiency.method}`),
    negatif: label(`profil.negatif.${p.negativeFormula}`),
    desimal: p.decimals,
    rupiah: label(`profil.rupiah.${p.moneyStyle}`),
    ambang: `${p.absorptionThreshold.replace(".", ",")}%`,
    batas: p.averageCap ? `${p.averageCap.replace(".", ",")}%` : label("profil.tanpa_batas"),
    zona: label(`profil.zona.${zone.source}`, { zona: zone.zone, wilayah: file.agency.region }),
  });
  const mark = (on: boolean, t: string) => (on ? `✅ ${t}` : t);
  return text(body, [
    ...grid(SCALE_PRESET_IDS.map((id) => button(mark(p.scale === id, label("profil.tombol_skala", { nama: id })), `prof:scale:${id}`)), 3),
    [button(mark(typeof p.scale !== "string", label("profil.tombol_skala_khusus")), "prof:custom")],
    ...grid(EFFICIENCY_METHODS.map((m) => button(mark(p.efficiency.method === m, label("profil.tombol_efisiensi", { nama: m })), `prof:eff:${m}`)), 3),
    NEGATIVE_FORMULAS.map((f) => button(mark(p.negativeFormula === f, label("profil.tombol_negatif", { nama: f })), `prof:neg:${f}`)),
    [0, 1, 2].map((n) => button(mark(p.decimals === n, label("profil.tombol_desimal", { n })), `prof:dec:${n}`)),
    (["rp", "rp-dash"] as const).map((s) => button(mark(p.moneyStyle === s, label(`profil.rupiah.${s}`)), `prof:rp:${s}`)),
    [button(label("profil.tombol_ambang"), "prof:thr"), button(label("profil.tombol_batas"), "prof:cap")],
    TIME_ZONE_NAMES.map((z) => button(mark(zone.zone === z, label("profil.tombol_zona", { zona: z })), `prof:tz:${z}`)),
  ]);
}

export async function profileMenu(turn: Turn): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  return outcome([profileMessage(doc.data)], IDLE);
}

export async function profileCallback(turn: Turn, data: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const agencyId = doc.data.agency.id;
  if (data === "prof:custom") return outcome([text(html("profil.skala_khusus.tanya"))], { v: 1, flow: "profile-scale", agencyId });
  if (data === "prof:thr" || data === "prof:cap") {
    const field = data === "prof:thr" ? "threshold" : "cap";
    return outcome([text(html(field === "threshold" ? "profil.tanya_ambang" : "profil.tanya_batas"))], { v: 1, flow: "profile-number", agencyId, field });
  }
  const tz = /^prof:tz:(.+)$/.exec(data)?.[1];
  if (tz !== undefined && isTimeZoneName(tz)) {
    const saved = await editAgency(turn.services, agencyId, turn.actor, "admin", (d) => {
      d.agency.timeZone = tz;
    });
    return outcome([text(html("profil.zona_diubah", { instansi: saved.doc.data.agency.name, zona: tz })), profileMessage(saved.doc.data)], IDLE);
  }
  const m = /^prof:(scale|eff|neg|dec|rp):(.+)$/.exec(data);
  if (!m) return outcome([text(html("akses.tombol_kedaluwarsa"))]);
  const [, what, value] = m as unknown as [string, string, string];
  const saved = await editAgency(turn.services, agencyId, turn.actor, "admin", (d) => {
    const p = d.profile as Record<string, unknown> & AgencyFile["profile"];
    if (what === "scale" && (SCALE_PRESET_IDS as string[]).includes(value)) p.scale = value;
    if (what === "eff" && (EFFICIENCY_METHODS as readonly string[]).includes(value)) p.efficiency = { ...p.efficiency, method: value as AgencyFile["profile"]["efficiency"]["method"] };
    if (what === "neg" && (NEGATIVE_FORMULAS as readonly string[]).includes(value)) p.negativeFormula = value as AgencyFile["profile"]["negativeFormula"];
    if (what === "dec" && ["0", "1", "2"].includes(value)) p.decimals = Number(value);
    if (what === "rp" && (value === "rp" || value === "rp-dash")) p.moneyStyle = value;
  });
  return outcome([text(html("profil.diubah")), profileMessage(saved.doc.data)], IDLE);
}

export async function profileNumberText(turn: Turn, state: Extract<State, { flow: "profile-number" }>, input: string): Promise<Outcome> {
  await flowAgency(turn, state.agencyId, "admin");
  let value: string | undefined;
  if (!(state.field === "cap" && isNone(input))) {
    const r = parseNumber(input, { kind: "percent", allowNegative: false });
    if (!r.ok) return outcome([text(html("profil.angka_salah", { pesan: numberErrorMessage(r.error, "percent") }))]);
    value = r.value.toFixed();
  }
  const saved = await editAgency(turn.services, state.agencyId, turn.actor, "admin", (d) => {
    if (state.field === "threshold") d.profile.absorptionThreshold = value ?? d.profile.absorptionThreshold;
    else if (value === undefined) delete d.profile.averageCap;
    else d.profile.averageCap = value;
  });
  return outcome([text(html("profil.diubah")), profileMessage(saved.doc.data)], IDLE);
}

/** The categories of a scale as a list, highest first ("• ≥ 90 Sangat Baik"). */
function bandLines(bands: readonly Band[]): string {
  return bands.map((b) => label("profil.skala_khusus.kategori", { batas: describeBand(b, (v) => formatPlain(new Decimal(v), 2)), nama: b.label })).join("\n");
}

/** The custom scale as typed: stored when every line reads and the categories form a scale, otherwise what is wrong (the flow stays open). */
export async function profileScaleText(turn: Turn, state: Extract<State, { flow: "profile-scale" }>, input: string): Promise<Outcome> {
  await flowAgency(turn, state.agencyId, "admin");
  const read = parseScaleText(input);
  if (!read.ok) {
    const problems = read.problems.map((p) => `• ${label(p.key, p.params)}`).join("\n");
    return outcome([text(html("profil.skala_khusus.salah", { masalah: problems }))]);
  }
  const scale = read.scale;
  const saved = await editAgency(turn.services, state.agencyId, turn.actor, "admin", (d) => {
    d.profile.scale = scale;
  });
  const stored = html("profil.skala_khusus.tersimpan", { nama: scale.name, sumber: scale.source, kategori: bandLines(scale.bands) });
  return outcome([text(stored), profileMessage(saved.doc.data)], IDLE);
}
