/**
 * The conversation state of one user, stored in their user document: an
 * explicit, versioned state machine (not the conversations plugin, whose
 * replay state grows with every answer and is dropped on code changes). Every
 * answer is written to the agency data at once; the state only says which
 * question or step comes next.
 */
import { z } from "zod";
import { FACTOR_KINDS } from "../app/entry/keys.js";
import { HISTORY_YEARS, MAX_COLUMNS, MAX_FACTOR_CELL } from "../import/limits.js";
import { DESCRIPTION_FIELDS } from "../import/pk-cells.js";
import { GRADE_TABLE_IDS, type GradeTableId } from "../domain/calc/grade.js";

export const STATE_VERSION = 1;

const AgencyRef = { agencyId: z.string() };

export const RegisterDraft = z.strictObject({
  name: z.string().optional(),
  region: z.string().optional(),
  level: z.enum(["provinsi", "kabupaten", "kota"]).optional(),
  reportingYear: z.number().int().optional(),
  startYear: z.number().int().optional(),
  endYear: z.number().int().optional(),
});

export const IndicatorDraft = z.strictObject({
  name: z.string().optional(),
  unit: z.string().optional(),
  polarity: z.enum(["positive", "negative"]).optional(),
  kind: z.enum(["value", "ratio", "grade"]).optional(),
  gradeTable: z.enum(["ikm", "lheAkip"]).optional(),
  definition: z.string().optional(),
  /** The name typed is a new indicator that replaces the existing one (its earlier years become the predecessor's). */
  replaces: z.boolean().optional(),
});

/** The most text /tempel keeps for a table pasted over several messages (200 messages as long as Telegram allows). */
export const MAX_PASTE_TEXT = 200 * 4096;

export const PasteRow = z.strictObject({
  objective: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string().optional(),
  /** The reporting year's realisasi, when the table has a Realisasi column (Tabel 3.2 of a report). */
  actual: z.string().optional(),
  /** The Renstra's final target, when the table has a Target Akhir Renstra column (Tabel 3.4 of a report). */
  final: z.string().optional(),
  /** A new indicator whose target is a predikat (see import/indicator-kind.ts). */
  kind: z.literal("grade").optional(),
  gradeTable: z.enum(GRADE_TABLE_IDS as [GradeTableId, ...GradeTableId[]]).optional(),
});

export const LineDraft = z.strictObject({
  level: z.enum(["program", "activity", "subActivity"]),
  parentId: z.string().optional(),
  name: z.string().optional(),
  budget: z.string().optional(),
});

const Money = z.string().max(40);
export const ImportPkRow = z.strictObject({
  row: z.number().int(),
  objective: z.string().max(500),
  name: z.string().max(500),
  unit: z.string().max(40),
  target: z.string().max(60).optional(),
  actual: z.string().max(60).optional(),
  budget: Money.optional(),
  spent: Money.optional(),
  polarity: z.enum(["positive", "negative"]).optional(),
  history: z.array(z.strictObject({ year: z.number().int(), target: z.string().max(60).optional(), actual: z.string().max(60).optional() })).max(HISTORY_YEARS).optional(),
  final: z.string().max(60).optional(),
  /** The Renstra's targets of its other years: one column each, so at most a sheet's columns. */
  plan: z.array(z.strictObject({ year: z.number().int(), target: z.string().max(60) })).max(MAX_COLUMNS).optional(),
  national: z.strictObject({ value: z.string().max(60), year: z.number().int(), kind: z.enum(["standar", "realisasi"]).optional(), source: z.string().max(200).optional() }).nullable().optional(),
  factors: z.partialRecord(z.enum(FACTOR_KINDS), z.string().max(MAX_FACTOR_CELL)).optional(),
  kind: z.enum(["ratio", "grade"]).optional(),
  gradeTable: z.enum(GRADE_TABLE_IDS as [GradeTableId, ...GradeTableId[]]).optional(),
  ratioScale: z.string().max(20).optional(),
  texts: z.partialRecord(z.enum(DESCRIPTION_FIELDS), z.string().max(2000)).optional(),
  predecessor: z
    .strictObject({
      name: z.string().max(500).optional(),
      unit: z.string().max(40).optional(),
      years: z.array(z.strictObject({ year: z.number().int(), target: z.string().max(60).optional(), actual: z.string().max(60).optional() })).max(HISTORY_YEARS + 1),
    })
    .optional(),
});
export const ImportBudgetRow = z.strictObject({
  row: z.number().int(),
  program: z.string().max(500),
  activity: z.string().max(500).optional(),
  subActivity: z.string().max(500).optional(),
  budget: Money.optional(),
  spent: Money.optional(),
  indicators: z.array(z.string().max(500)).max(50).optional(),
  note: z.string().max(1000).optional(),
  code: z.string().max(40).optional(),
  fundingSource: z.string().max(100).optional(),
  output: z.strictObject({ indicator: z.string().max(500), unit: z.string().max(40), target: z.string().max(60).optional(), actual: z.string().max(60).optional() }).optional(),
});

/** Most questions one /isi pass remembers as skipped; the pass ends when the officer skips more (flows/entry.ts). */
export const MAX_SKIPPED = 2000;
/** Most earlier questions one /isi pass remembers for "kembali"; older ones are forgotten (flows/entry.ts). */
export const MAX_PREVIOUS = 2000;

export const StateSchema = z.discriminatedUnion("flow", [
  z.strictObject({ v: z.literal(1), flow: z.literal("idle") }),
  z.strictObject({ v: z.literal(1), flow: z.literal("register"), step: z.enum(["name", "region", "level", "same", "year", "renstra", "profile"]), draft: RegisterDraft }),
  z.strictObject({ v: z.literal(1), flow: z.literal("join") }),
  z.strictObject({
    v: z.literal(1),
    flow: z.literal("entry"),
    ...AgencyRef,
    /** Key of the question being asked. */
    current: z.string(),
    /** Questions skipped in this pass. */
    skipped: z.array(z.string()).max(MAX_SKIPPED),
    /** Questions asked before the current one, for "kembali". */
    previous: z.array(z.string()).max(MAX_PREVIOUS),
    /** "pass": the guided /isi walk; "single": one answer changed from /indikator. */
    mode: z.enum(["pass", "single"]),
  }),
  z.strictObject({ v: z.literal(1), flow: z.literal("objective-name"), ...AgencyRef, objectiveId: z.string().optional() }),
  z.strictObject({
    v: z.literal(1),
    flow: z.literal("indicator"),
    ...AgencyRef,
    objectiveId: z.string(),
    /** Set when editing an existing indicator's field. */
    indicatorId: z.string().optional(),
    step: z.enum(["name", "unit", "polarity", "kind", "gradeTable", "definition", "dataSource"]),
    draft: IndicatorDraft,
  }),
  z.strictObject({
    v: z.literal(1),
    flow: z.literal("paste"),
    ...AgencyRef,
    rows: z.array(PasteRow).max(200).optional(),
    /** The text read so far and the length of its last message: a long paste Telegram split goes on in the next message. */
    text: z.string().max(MAX_PASTE_TEXT).optional(),
    lastLength: z.number().int().nonnegative().optional(),
  }),
  z.strictObject({ v: z.literal(1), flow: z.literal("line"), ...AgencyRef, step: z.enum(["name", "budget", "spent", "note"]), draft: LineDraft, lineId: z.string().optional() }),
  /** A budget line's indicator links; `objectiveId`: the sasaran shown, when they are chosen by sasaran. */
  z.strictObject({ v: z.literal(1), flow: z.literal("link"), ...AgencyRef, lineId: z.string(), objectiveId: z.string().optional() }),
  z.strictObject({ v: z.literal(1), flow: z.literal("profile-number"), ...AgencyRef, field: z.enum(["threshold", "cap"]) }),
  z.strictObject({ v: z.literal(1), flow: z.literal("profile-scale"), ...AgencyRef }),
  /** /tahun with a new Renstra: the period is asked before the agency moves on from `from`. */
  z.strictObject({ v: z.literal(1), flow: z.literal("year-plan"), ...AgencyRef, from: z.number().int() }),
  z.strictObject({
    v: z.literal(1),
    flow: z.literal("import"),
    ...AgencyRef,
    filename: z.string().max(200),
    pk: z.array(ImportPkRow).max(2000),
    budget: z.array(ImportBudgetRow).max(2000),
    /** Stored indicators the officer may rename to the row naming them by Kode ("✏️ Simpan dan ganti nama"). */
    renames: z.array(z.strictObject({ row: z.number().int(), id: z.string().max(100), from: z.string().max(500), to: z.string().max(500) })).max(2000).optional(),
  }),
  /** An agency file's merge previewed (flows/merge.ts): the file is downloaded again by its id, and must have this hash. */
  z.strictObject({
    v: z.literal(1),
    flow: z.literal("merge"),
    ...AgencyRef,
    filename: z.string().max(200),
    fileId: z.string().min(1).max(300),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
]);

export type State = z.output<typeof StateSchema>;
export type EntryState = Extract<State, { flow: "entry" }>;

export const IDLE: State = { v: 1, flow: "idle" };

/** The stored state, or idle when there is none or it cannot be read (e.g. written by an older version). */
export function readState(raw: unknown): { state: State; reset: boolean } {
  if (raw === null || raw === undefined) return { state: IDLE, reset: false };
  const parsed = StateSchema.safeParse(raw);
  if (parsed.success) return { state: parsed.data, reset: false };
  return { state: IDLE, reset: true };
}
