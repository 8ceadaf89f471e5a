/**
 * Starting the next reporting year (/tahun, admin): an agency that reported
 * on 2024 moves on to 2025 with its sasaran, indicators, members and profile.
 *
 * - Kept: every year's targets and realisasi (2024 becomes history, the
 *   comparison with previous years reads it), the Renstra targets, the
 *   national figures (each names its own year), the budget lines'
 *   program / kegiatan / sub kegiatan and their links to indicators.
 * - Emptied, since they describe the year reported on: the factors behind
 *   each result, the pagu and realisasi anggaran (of the budget lines and of
 *   indicators given them directly), and the budget lines' notes. /isi asks
 *   for them again.
 * - Filled: the new year's target from the Renstra's target for that year,
 *   where the indicator has one and no target was entered yet.
 * - With a new Renstra: its period, and the indicators' Renstra targets
 *   emptied (they were the old Renstra's).
 *
 * It is one edit, so every emptied value is in the audit trail with its old
 * value, and it can be taken back as a whole (`undoNewYear`) as long as
 * nothing it changed has been changed again.
 */
import { say } from "../messages/catalog.js";
import { formatCount } from "../domain/numbers/format.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import type { AuditEntry } from "../storage/documents.js";
import { allAuditEntries, editAgency, requireRole, type EditResult } from "./edits.js";
import { AgencyMissing, EditRejected } from "./errors.js";
import { getAt, setAt, type Json } from "./paths.js";
import type { RenstraPeriod } from "./renstra-period.js";
import type { Actor, Services } from "./services.js";

export interface NewYearPreview {
  from: number;
  to: number;
  indicators: number;
  /** Indicators whose new target comes from the Renstra's target for that year. */
  targetsFromPlan: number;
  /** Indicators with factors, budget lines and indicators with pagu / realisasi anggaran, lines with notes: emptied. */
  factors: number;
  budgetLines: number;
  budgetIndicators: number;
  notes: number;
  /** The new year lies after the Renstra period. */
  afterPlan: boolean;
}

const YEAR_FIELD = "agency/reportingYear";

export function newYearPreview(file: AgencyFile): NewYearPreview {
  const to = file.agency.reportingYear + 1;
  const indicators = file.objectives.flatMap((o) => o.indicators);
  return {
    from: file.agency.reportingYear,
    to,
    indicators: indicators.length,
    targetsFromPlan: indicators.filter((i) => i.years[String(to)]?.target === undefined && i.strategicPlan?.byYear?.[String(to)] !== undefined).length,
    factors: indicators.filter((i) => i.factors !== undefined).length,
    budgetLines: file.budgetLines.filter((l) => l.budget !== undefined || l.spent !== undefined).length,
    budgetIndicators: indicators.filter((i) => i.budget !== undefined).length,
    notes: file.budgetLines.filter((l) => l.note !== undefined).length,
    afterPlan: to > file.agency.strategicPlan.endYear,
  };
}

/**
 * The change itself, on a draft of the agency data. With `plan`, the new year starts a new Renstra: the period is
 * replaced and every indicator's Renstra targets (final and per year), which belonged to the old one, are emptied.
 */
export function moveToNextYear(d: AgencyFile, plan?: RenstraPeriod): void {
  const to = d.agency.reportingYear + 1;
  const year = String(to);
  d.agency.reportingYear = to;
  if (plan) d.agency.strategicPlan = { startYear: plan.startYear, endYear: plan.endYear };
  for (const o of d.objectives) {
    for (const ind of o.indicators) {
      delete ind.factors;
      delete ind.budget;
      if (plan) delete ind.strategicPlan;
      const planned = ind.strategicPlan?.byYear?.[year];
      if (planned !== undefined && ind.years[year]?.target === undefined) ind.years[year] = { ...ind.years[year], target: planned };
    }
  }
  for (const line of d.budgetLines) {
    delete line.budget;
    delete line.spent;
    delete line.note;
  }
}

/**
 * Move the agency from `from` to the next year (admin), with a new Renstra period when `plan` is given; refused when
 * it is no longer on `from` (a second press).
 */
export function startNewYear(services: Services, agencyId: string, actor: Actor, from: number, plan?: RenstraPeriod): Promise<EditResult> {
  return editAgency(
    services,
    agencyId,
    actor,
    "admin",
    (d) => {
      if (d.agency.reportingYear !== from) throw new EditRejected([say("tahun.sudah_berganti", { tahun: d.agency.reportingYear })]);
      moveToNextYear(d, plan);
    },
    { whole: true },
  );
}

/** The edit that moved the agency to `year` (its entries), and the entries recorded after it. */
interface Move {
  entries: AuditEntry[];
  later: AuditEntry[];
}

/** The last move to `year` (its entries are marked as one edit, see `startNewYear`), unless it has been taken back. */
export function lastMove(entries: readonly AuditEntry[], year: number): Move | undefined {
  const move = entries.findLast((e) => e.field === YEAR_FIELD);
  if (!move || move.partOf === undefined || move.new !== year || move.old !== year - 1) return undefined;
  const part = entries.filter((e) => e.partOf === move.partOf);
  const end = part[part.length - 1]!.seq;
  return { entries: part, later: entries.filter((e) => e.seq > end) };
}

/** Whether the agency's current year was reached by /tahun and nothing has changed since, so it can be taken back. */
export async function canUndoNewYear(services: Services, agencyId: string, userId: number): Promise<boolean> {
  const doc = await services.repo.agencies.read(agencyId);
  if (!doc) return false;
  requireRole(doc, userId, "admin");
  const move = lastMove(await allAuditEntries(services, doc), doc.data.agency.reportingYear);
  return move !== undefined && move.later.length === 0;
}

/** The move's entries whose field no longer holds the value the move gave it (`data` may be an edit's draft). */
function changedSince(data: AgencyFile, move: readonly AuditEntry[]): AuditEntry[] {
  return move.filter((e) => JSON.stringify(getAt(data, e.field)) !== JSON.stringify(e.new));
}

/**
 * Take the last move back as a whole (admin), while nothing has changed since: every value it emptied or filled
 * returns, or nothing changes.
 */
export async function undoNewYear(services: Services, agencyId: string, actor: Actor, year: number): Promise<EditResult> {
  const doc = await services.repo.agencies.read(agencyId);
  if (!doc) throw new AgencyMissing([say("akses.instansi_tidak_ada")]);
  requireRole(doc, actor.userId, "admin");
  const move = doc.data.agency.reportingYear === year ? lastMove(await allAuditEntries(services, doc), year) : undefined;
  if (!move) throw new EditRejected([say("tahun.tidak_bisa_kembali", { tahun: doc.data.agency.reportingYear })]);
  const refuse = (changes: readonly AuditEntry[]) => new EditRejected([say("tahun.sudah_diisi", { jumlah: formatCount(changes.length), tahun: year, contoh: changes[0]!.label })]);
  if (move.later.length > 0) throw refuse(move.later);
  const yearEntry = move.entries.find((e) => e.field === YEAR_FIELD)!;
  return editAgency(
    services,
    agencyId,
    actor,
    "admin",
    (d) => {
      // A change stored meanwhile (after the trail above was read) to a value the move set.
      const changed = changedSince(d, move.entries);
      if (changed.length > 0) throw refuse(changed);
      for (const e of [...move.entries].reverse()) {
        if (!setAt(d, e.field, e.old as Json | undefined)) throw new EditRejected([say("tahun.tidak_bisa_kembali", { tahun: year })]);
      }
    },
    { undoOf: yearEntry.seq },
  );
}
