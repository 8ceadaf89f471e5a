/** /start, registering an agency (the creator becomes admin), joining with a code, switching agencies. */
import { coversYear, parseRenstraPeriod } from "../../app/renstra-period.js";
import { checkRoomForAgency, joinWithCode, looksLikeInvitationCode, registerAgency, switchAgency } from "../../app/agencies.js";
import { UserError } from "../../app/errors.js";
import { roleOf } from "../../app/edits.js";
import type { AgencyDocument, Role } from "../../storage/documents.js";
import { normalizeInput } from "../../domain/numbers/normalize.js";
import { formatCount } from "../../domain/numbers/format.js";
import type { State } from "../state.js";
import { IDLE } from "../state.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, grid, html, label, listInPages, reply, text } from "../ui.js";
import { levelOfRegion, levelWord, regionInName, type Level } from "../../app/region.js";
import { defaultProfileLabels, profileMessage } from "./profile.js";
import { joinNotices } from "./members.js";
import { agenciesInRegion } from "../../app/directory.js";
import { agencyZone, yearIn } from "../../app/time-zone.js";
import { askToJoin } from "./join-request.js";
import { closedAgencies } from "./leave.js";

/**
 * /start: the active agency, or the choice to register or join one. `payload`: what followed /start, which a link
 * to join carries (t.me/<bot>?start=<code>, see `createInvite`); a payload with an invitation code's shape joins
 * with it, anything else is ignored (a link from elsewhere must not count as a wrong code).
 */
export async function start(turn: Turn, payload = ""): Promise<Outcome> {
  if (looksLikeInvitationCode(payload)) return joinText(turn, payload);
  if (turn.user.activeAgencyId) {
    try {
      const { doc, role } = await activeAgency(turn);
      return outcome(
        [
          reply("mulai.kembali", {
            nama: turn.user.name,
            instansi: doc.data.agency.name,
            tahun: doc.data.agency.reportingYear,
            peran: label(`peran.${role}`),
          }),
        ],
        IDLE,
      );
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
    }
  }
  // An officer whose last agency they closed themselves is offered to open it again.
  const closed = closedAgencies(turn.user);
  return outcome(
    [
      text([html("mulai.baru"), ...closed.lines].join("\n"), [
        [button(label("mulai.tombol_daftar"), "start:reg")],
        [button(label("mulai.tombol_gabung"), "start:join")],
        ...closed.buttons,
      ]),
    ],
    IDLE,
  );
}

const register = (step: Extract<State, { flow: "register" }>["step"], draft: Extract<State, { flow: "register" }>["draft"]): State => ({
  v: 1,
  flow: "register",
  step,
  draft,
});

export function beginRegister(turn: Turn): Outcome {
  checkRoomForAgency(turn.user); // said before the questions, not after them
  return outcome([reply("daftar.nama")], register("name", {}));
}

export function beginJoin(): Outcome {
  return outcome([reply("gabung.minta_kode")], { v: 1, flow: "join" });
}

function defaultYear(turn: Turn): number {
  return yearIn(turn.services.now(), "WIB") - 1;
}

const PROFILE_ANSWERS: Record<string, "default" | "custom"> = { ya: "default", iya: "default", ok: "default", oke: "default", setuju: "default", bawaan: "default", tidak: "custom", atur: "custom", ubah: "custom" };
const levelButtons = () => grid((["provinsi", "kabupaten", "kota"] as const).map((l) => button(label(`daftar.tingkat.${l}`), `reg:level:${l}`)), 3);
const profileButtons = () => [[button(label("daftar.tombol_bawaan"), "reg:profile:default")], [button(label("daftar.tombol_ubah"), "reg:profile:custom")]];

/** The reporting year's question, with this year's and next year's buttons; `before`: a line said first. */
function yearQuestion(turn: Turn, draft: Extract<State, { flow: "register" }>["draft"], before?: string): Outcome {
  const y = defaultYear(turn);
  const question = html("daftar.tahun", { contoh: y });
  return outcome([text(before ? `${before}\n${question}` : question, [[button(String(y), `reg:year:${y}`), button(String(y + 1), `reg:year:${y + 1}`)]])], register("year", draft));
}

export async function registerText(turn: Turn, state: Extract<State, { flow: "register" }>, input: string): Promise<Outcome> {
  const value = normalizeInput(input);
  const draft = { ...state.draft };
  switch (state.step) {
    case "name":
    case "region": {
      const contoh = state.step === "name" ? "Dinas Sosial Kota Dumai" : "Kota Dumai";
      if (value.length < 3 || value.length > 200) return outcome([reply("daftar.nama_salah", { contoh })]);
      // A year or a number typed one question early ("2024" for the region) is not a name.
      if (!/\p{L}/u.test(value)) return outcome([reply("daftar.nama_tanpa_huruf", { input: value.slice(0, 20), daerah: state.step === "region", contoh })]);
      if (state.step === "name") {
        draft.name = value;
        // The region the name ends with, offered as a button (its text is found again from the name when pressed).
        const usul = regionInName(value);
        return outcome([reply("daftar.wilayah", { usul: usul ?? "" }, usul ? [[button(usul.slice(0, 60), "reg:region")]] : undefined)], register("region", draft));
      }
      draft.region = value;
      // A region named "Kota …", "Kabupaten …" or "Provinsi …" says its level: asked only when it does not.
      const level = levelOfRegion(value);
      if (level) return afterRegion(turn, { ...draft, level });
      return outcome([reply("daftar.tanya_tingkat", {}, levelButtons())], register("level", draft));
    }
    case "level": {
      // The level typed rather than tapped ("kabupaten", "Kab", "kota").
      const level = levelWord(value);
      if (level) return afterRegion(turn, { ...draft, level });
      return outcome([reply("daftar.tingkat_salah", { input: value.slice(0, 20) }, levelButtons())]);
    }
    case "profile": {
      // "Gunakan pengaturan ini?" answered in words: yes is the default, no sets it after registering.
      const answer = PROFILE_ANSWERS[value.toLowerCase().replace(/[.!]+$/, "")];
      if (answer) return finishRegister(turn, draft, answer === "custom");
      return outcome([reply("daftar.profil_ketuk", { input: value.slice(0, 20) }, profileButtons())]);
    }
    case "year": {
      const y = Number(value);
      // The year that has begun anywhere in Indonesia (WIT's first), whatever zone the agency keeps.
      const max = yearIn(turn.services.now(), "WIT");
      if (!/^\d{4}$/.test(value) || y < 2015 || y > max) {
        return outcome([reply("daftar.tahun_salah", { input: value.slice(0, 20), maks: max, contoh: defaultYear(turn) })]);
      }
      draft.reportingYear = y;
      return outcome([reply("daftar.renstra")], register("renstra", draft));
    }
    case "renstra": {
      const period = parseRenstraPeriod(value);
      if (!period) return outcome([reply("daftar.renstra_salah", { input: value.slice(0, 30) })]);
      const { startYear, endYear } = period;
      if (!coversYear(period, draft.reportingYear!)) {
        return outcome([reply("daftar.renstra_tidak_memuat", { tahun: draft.reportingYear, awal: startYear, akhir: endYear })]);
      }
      draft.startYear = startYear;
      draft.endYear = endYear;
      return outcome([reply("daftar.profil", defaultProfileLabels(), profileButtons())], register("profile", draft));
    }
    case "same":
      return outcome([reply("daftar.sudah_ada_pilih")]);
    default:
      return outcome([reply("umum.tidak_dipahami")]);
  }
}

/** The reporting year's question once the region and its level are known, saying the level when it came from the region's name. */
function yearAfterRegion(turn: Turn, draft: Extract<State, { flow: "register" }>["draft"]): Outcome {
  const fromName = draft.region !== undefined && draft.level !== undefined && levelOfRegion(draft.region) === draft.level;
  return yearQuestion(turn, draft, fromName ? html("daftar.tingkat_dari_nama", { tingkat: label(`daftar.tingkat.${draft.level}`) }) : undefined);
}

/**
 * Once the region is known: the agencies registered there already, when there are, so that an officer does not
 * register their Dinas a second time (each registration would hold part of its data); otherwise the next question.
 */
async function afterRegion(turn: Turn, draft: Extract<State, { flow: "register" }>["draft"]): Promise<Outcome> {
  const { agencies: shown, count } = await agenciesInRegion(turn.services, draft.level!, draft.region!, MAX_SAME_SHOWN);
  if (shown.length === 0) return yearAfterRegion(turn, draft);
  const mine = (doc: AgencyDocument) => turn.user.agencies.includes(doc.data.agency.id) && roleOf(doc, turn.actor.userId) !== undefined;
  const lines = [
    html("daftar.sudah_ada_kepala", { wilayah: draft.region!, jumlah: formatCount(count) }),
    ...shown.map((doc) => html("daftar.sudah_ada_butir", { nama: doc.data.agency.name, anggota: mine(doc) })),
    "",
    // An officer who belongs to every agency listed is not told to ask to join one.
    html(shown.every(mine) && count === shown.length ? "daftar.sudah_ada_saran_anggota" : "daftar.sudah_ada_saran"),
  ];
  const buttons = shown.map((doc) => {
    const nama = doc.data.agency.name.slice(0, 60);
    return [mine(doc) ? button(label("daftar.tombol_buka", { nama }), `reg:same:open:${doc.data.agency.id}`) : button(label("daftar.tombol_minta", { nama }), `reg:same:ask:${doc.data.agency.id}`)];
  });
  buttons.push([button(label("daftar.tombol_tetap", { nama: draft.name!.slice(0, 60) }), "reg:same:new")]);
  return outcome([text(lines.join("\n"), buttons)], register("same", draft));
}

/** Agencies of one region listed with a button each when registering (the first registered first); the others are counted. */
const MAX_SAME_SHOWN = 8;

export async function registerCallback(turn: Turn, state: State, data: string): Promise<Outcome> {
  if (state.flow !== "register") return outcome([reply("akses.tombol_kedaluwarsa")]);
  const draft = { ...state.draft };
  if (data === "reg:region" && state.step === "region") {
    const usul = regionInName(draft.name ?? "");
    if (usul) return registerText(turn, state, usul);
  }
  const level = /^reg:level:(provinsi|kabupaten|kota)$/.exec(data);
  if (level && state.step === "level") return afterRegion(turn, { ...draft, level: level[1] as Level });
  if (state.step === "same") {
    if (data === "reg:same:new") return yearAfterRegion(turn, draft);
    const chosen = /^reg:same:(ask|open):([A-Za-z0-9._-]+)$/.exec(data);
    // Only an agency of the region typed (the list is read again: it is not kept in the state).
    const shown = chosen && draft.level && draft.region ? (await agenciesInRegion(turn.services, draft.level, draft.region, MAX_SAME_SHOWN)).agencies : [];
    if (chosen && shown.some((d) => d.data.agency.id === chosen[2])) {
      return chosen[1] === "open" ? chooseAgency(turn, chosen[2]!) : askToJoin(turn, chosen[2]!);
    }
  }
  const year = /^reg:year:(\d{4})$/.exec(data);
  if (year && state.step === "year") return registerText(turn, state, year[1]!);
  if ((data === "reg:profile:default" || data === "reg:profile:custom") && state.step === "profile") return finishRegister(turn, draft, data === "reg:profile:custom");
  return outcome([reply("akses.tombol_kedaluwarsa")]);
}

/** The agency registered from the answers; `custom`: the officer chose to set the profile, shown at once. */
async function finishRegister(turn: Turn, draft: Extract<State, { flow: "register" }>["draft"], custom: boolean): Promise<Outcome> {
  const { name, region, level: lvl, reportingYear, startYear, endYear } = draft;
  if (!name || !region || !lvl || !reportingYear || !startYear || !endYear) return beginRegister(turn);
  const doc = await registerAgency(turn.services, turn.actor, { name, region, level: lvl, reportingYear, startYear, endYear });
  const zone = agencyZone(doc.data.agency);
  const done = reply("daftar.selesai", { instansi: doc.data.agency.name, zona: zone.zone, dari_daerah: zone.source === "region", wilayah: doc.data.agency.region });
  return outcome(custom ? [done, profileMessage(doc.data)] : [done], IDLE);
}

export async function joinText(turn: Turn, input: string): Promise<Outcome> {
  const result = await joinWithCode(turn.services, turn.actor, input);
  const key = result.already ? "gabung.sudah_anggota" : "gabung.berhasil";
  const joined = reply(key, { instansi: result.agency.data.agency.name, peran: label(`peran.${result.role}`) });
  const notices = result.already ? [] : joinNotices(result.agency, turn.actor.userId, turn.actor.name, result.invitation);
  return outcome([joined, ...notices], IDLE);
}

/** The officer's agencies, a button each to make it active; `page` counted from 0 (see `listInPages`). */
export async function listAgencies(turn: Turn, page = 0): Promise<Outcome> {
  const mine: { id: string; doc: AgencyDocument; role: Role }[] = [];
  for (const id of turn.user.agencies) {
    const doc = await turn.services.repo.agencies.read(id).catch(() => undefined);
    if (!doc) continue;
    const role = roleOf(doc, turn.actor.userId);
    if (role) mine.push({ id, doc, role });
  }
  const closed = closedAgencies(turn.user);
  return outcome(
    listInPages(
      {
        head: [html(mine.length > 0 ? "instansi.daftar" : "instansi.tidak_ada")],
        items: mine,
        line: ({ id, doc, role }) => html("instansi.butir", { aktif: id === turn.user.activeAgencyId, nama: doc.data.agency.name, peran: label(`peran.${role}`), tahun: doc.data.agency.reportingYear }),
        buttons: ({ id, doc }) => [button(label("instansi.tombol", { nama: doc.data.agency.name.slice(0, 60) }), `agency:${id}`)],
        tail: closed.lines,
        fixed: [[button(label("instansi.tombol_baru"), "start:reg"), button(label("instansi.tombol_gabung"), "start:join")], ...closed.buttons],
        pageData: (p) => `agencies:${p}`,
        unit: "instansi",
      },
      page,
    ),
  );
}

export async function chooseAgency(turn: Turn, agencyId: string): Promise<Outcome> {
  const doc = await switchAgency(turn.services, turn.actor, agencyId);
  const role = roleOf(doc, turn.actor.userId)!;
  return outcome([reply("instansi.dipilih", { nama: doc.data.agency.name, tahun: doc.data.agency.reportingYear, peran: label(`peran.${role}`) })], IDLE);
}
