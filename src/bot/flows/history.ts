/** /riwayat — recent changes of an indicator (who, when, which field, old → new) and undo for admins. */
import { allAuditEntries, hasRole, undoChange } from "../../app/edits.js";
import { Decimal } from "../../domain/decimal.js";
import { formatCount, formatPlain } from "../../domain/numbers/format.js";
import type { Indicator } from "../../domain/schema/indicator.js";
import { hasMessage } from "../../messages/catalog.js";
import type { AuditEntry } from "../../storage/documents.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { agencyZone } from "../../app/time-zone.js";
import { button, dateTime, html, label, notifyOthers, pageButtons, pageWithin, sentenceStart, splitHtml, text } from "../ui.js";
import { chooseIndicatorOut } from "./choose-indicator.js";

const HISTORY_SIZE = 10;

/**
 * A value of audit entry `e` as people read it; a budget line's indicator links name the indicators by their
 * codes in `file` ("1.1, 2.3"; the id of one deleted since), not by their internal ids.
 */
function entryValue(file: AgencyFile, e: AuditEntry, value: unknown): string {
  if (e.field.endsWith("/indicatorIds") && Array.isArray(value) && value.length > 0) {
    const codes = new Map(file.objectives.flatMap((o) => o.indicators).map((i) => [i.id, i.code ?? i.name]));
    return value.map((id) => codes.get(String(id)) ?? String(id)).join(", ");
  }
  return displayValue(value);
}

/** A stored value as people read it. */
export function displayValue(value: unknown): string {
  if (value === undefined) return label("riwayat.kosong_nilai");
  if (value === null) return label("riwayat.tidak_ada_nilai");
  if (typeof value === "string") return /^-?\d+(\.\d+)?$/.test(value) ? formatPlain(new Decimal(value), 10) : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return value.length === 0 ? label("riwayat.tidak_ada_nilai") : value.map(displayValue).join("; ");
  const v = value as Record<string, unknown>;
  if (typeof v.min === "string" && typeof v.max === "string") return `${displayValue(v.min)}–${displayValue(v.max)}`;
  if (typeof v.numerator === "string" && typeof v.denominator === "string") return `${displayValue(v.numerator)}/${displayValue(v.denominator)}`;
  if (typeof v.letter === "string") return [v.letter, v.score !== undefined ? `(${displayValue(v.score)})` : ""].filter(Boolean).join(" ");
  // A sasaran, an indicator or a budget line, added or deleted as a whole: its name.
  if (typeof v.name === "string") return v.name;
  // Factors, a year's figures, a national figure, a Renstra target …: each part with its Indonesian name.
  return Object.entries(v)
    .map(([k, x]) => `${hasMessage(`riwayat.kunci.${k}`) ? label(`riwayat.kunci.${k}`) : k}: ${displayValue(x)}`)
    .join(", ");
}

/** /riwayat: a button per indicator (or per sasaran first, for a large agency) and one for every change. */
export async function chooseHistory(turn: Turn, objectiveId?: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const make = (i: Indicator) => button(`${i.code ?? ""} ${i.name}`.slice(0, 60), `rw:${i.id}`);
  const out = chooseIndicatorOut(doc.data, "rw", html("riwayat.pilih"), make, [[button(label("riwayat.semua"), "rw:*")]], objectiveId);
  return outcome([out ?? text(html("akses.tombol_kedaluwarsa"))]);
}

/**
 * The changes of an indicator (or of everything, `*`), HISTORY_SIZE a page, newest first: page 0 the latest,
 * the pages after it older ones, down to the first change (archived entries included), so that an admin can
 * still undo a change that many others followed. `upTo`: the newest change the pages were counted from (the
 * page buttons carry it), so that changes made meanwhile do not shift the pages under the officer.
 */
export async function showHistory(turn: Turn, indicatorId: string, page = 0, upTo = Infinity): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const all = indicatorId === "*";
  const matches = (list: AuditEntry[]) => list.filter((e) => e.seq <= upTo && (all || e.field.includes(`/indicators/${indicatorId}`)));
  // The document keeps the latest entries (numbered from 1); older ones, if any, are in the archive, which the
  // number of pages needs too.
  const archived = (doc.audit[0]?.seq ?? 1) > 1;
  const found = matches(archived ? await allAuditEntries(turn.services, doc) : doc.audit);
  if (found.length === 0) return outcome([text(html("riwayat.kosong"))]);
  const pages = Math.ceil(found.length / HISTORY_SIZE);
  const p = pageWithin(page, pages);
  const end = found.length - p * HISTORY_SIZE;
  const entries = found.slice(Math.max(0, end - HISTORY_SIZE), end).reverse();
  const ind = doc.data.objectives.flatMap((o) => o.indicators).find((i) => i.id === indicatorId);
  const objek = all ? doc.data.agency.name : (ind?.name ?? indicatorId);
  const head =
    pages === 1
      ? html("riwayat.kepala", { objek, jumlah: entries.length })
      : html("riwayat.kepala_halaman", { objek, total: formatCount(found.length), halaman: formatCount(p + 1), dari: formatCount(pages), lebih_lama: p < pages - 1 });
  const lines = [head];
  const { zone } = agencyZone(doc.data.agency);
  for (const e of entries) {
    lines.push(
      "",
      html("riwayat.butir", {
        nomor: e.seq,
        waktu: dateTime(e.at, zone),
        nama: e.userName,
        label: sentenceStart(e.label),
        lama: entryValue(doc.data, e, e.old).slice(0, 300),
        baru: entryValue(doc.data, e, e.new).slice(0, 300),
        batal: e.undoOf,
      }),
    );
  }
  const canUndo = hasRole(doc, turn.actor.userId, "admin");
  const parts = splitHtml(lines.join("\n"));
  const last = parts.pop()!;
  const newest = found.at(-1)!.seq;
  const nav = pageButtons(p, pages, (to) => `rw:${indicatorId}:${to}:${newest}`);
  const undo = canUndo ? entries.filter((e) => e.undoOf === undefined).map((e) => [button(label("riwayat.tombol_batal", { nomor: e.seq }), `undo:${e.seq}`)]) : [];
  return outcome([...parts.map((x) => text(x)), text(last, [nav, ...undo].filter((row) => row.length > 0))]);
}

export async function undo(turn: Turn, seq: number): Promise<Outcome> {
  const { doc } = await activeAgency(turn, "admin");
  const { doc: saved, undone } = await undoChange(turn.services, doc.data.agency.id, turn.actor, seq);
  // The officer whose change it was, still a member, is told in their own chat (they may type it again otherwise).
  const author = saved.members.find((m) => m.userId === undone.userId);
  const told = notifyOthers(author ? [author.userId] : [], turn.actor.userId, () =>
    html("riwayat.pemberitahuan_batal", {
      admin: turn.actor.name,
      nomor: seq,
      instansi: saved.data.agency.name,
      label: sentenceStart(undone.label),
      lama: entryValue(saved.data, undone, undone.old).slice(0, 300),
      baru: entryValue(saved.data, undone, undone.new).slice(0, 300),
    }),
  );
  return outcome([text(html("riwayat.dibatalkan", { nomor: seq })), ...told]);
}
