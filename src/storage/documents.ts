/**
 * What the repository stores, validated with zod on every read and write:
 * one document per agency (its data, members, invitations, audit trail), one
 * per user (profile, agencies, conversation state), and the invitation index.
 */
import { z } from "zod";
import { AgencyFileSchema, TIME_ZONE_NAMES } from "../domain/schema/agency.js";

export const STORAGE_SCHEMA_VERSION = 1;

export const ROLES = ["admin", "editor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const Role = z.enum(ROLES);

const IsoDate = z.string().datetime();
const UserId = z.number().int().positive();

/** Most members of one agency (app/agencies.ts refuses the one more with a message). */
export const MAX_MEMBERS = 500;
/** Most officers one multi-use invitation code admits. */
export const MAX_INVITATION_USES = 1000;
/** Most agencies one officer belongs to. */
export const MAX_USER_AGENCIES = 100;
/** Closed agencies a user can open again (the most recent; an older one is left to an operator). */
export const MAX_CLOSED_AGENCIES = 20;

export const MemberSchema = z.strictObject({
  userId: UserId,
  name: z.string().max(200),
  role: Role,
  addedAt: IsoDate,
  addedBy: UserId.nullable(),
});

export const InvitationSchema = z.strictObject({
  /** Short public id used in buttons (not the code). */
  id: z.string().regex(/^[a-z0-9]{6,16}$/),
  /** SHA-256 of the normalised code; the code itself is never stored. */
  codeHash: z.string().regex(/^[0-9a-f]{64}$/),
  role: z.enum(["editor", "viewer"]),
  createdBy: UserId,
  createdAt: IsoDate,
  expiresAt: IsoDate,
  multiUse: z.boolean(),
  usedBy: z.array(UserId).max(MAX_INVITATION_USES),
  revokedAt: IsoDate.optional(),
});

/** Any JSON value (documents come from JSON.parse, so nothing else can appear). */
const JsonValue = z.unknown();

export const AuditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  at: IsoDate,
  userId: UserId.nullable(),
  userName: z.string().max(200),
  /** A path into the agency data, e.g. "objectives/S1/indicators/IKU1/years/2024/actual". */
  field: z.string().max(300),
  /** Human description of the field, e.g. "Realisasi 2024 — Persentase PSKS aktif". */
  label: z.string().max(700),
  /** Absent = the field did not exist before / was removed. */
  old: JsonValue.optional(),
  new: JsonValue.optional(),
  /** Set when this entry undoes an earlier one. */
  undoOf: z.number().int().positive().optional(),
  /** Set on every entry of an edit that is taken back as a whole (a new reporting year): the seq of its first entry. */
  partOf: z.number().int().positive().optional(),
});

/** Most requests to join one agency kept waiting for an admin (the oldest is dropped for a new one). */
export const MAX_JOIN_REQUESTS = 50;

/** An officer who found the agency already registered when registering it, and asked its admins to let them in. */
export const JoinRequestSchema = z.strictObject({
  userId: UserId,
  name: z.string().max(200),
  /** Their Telegram username, when they have one (the admins may recognise it). */
  username: z.string().max(64).optional(),
  at: IsoDate,
});

export const AgencyDocumentSchema = z.strictObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  /** Incremented on every write. */
  revision: z.number().int().nonnegative(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  data: AgencyFileSchema,
  members: z.array(MemberSchema).max(MAX_MEMBERS),
  invitations: z.array(InvitationSchema).max(2000),
  /** Requests to join waiting for an admin's answer (absent: none; documents written before requests existed). */
  joinRequests: z.array(JoinRequestSchema).max(MAX_JOIN_REQUESTS).optional(),
  audit: z.array(AuditEntrySchema),
  auditSeq: z.number().int().nonnegative(),
  /**
   * Set when its last member left (app/leave.ts): nobody can open it through the bot any more, it has no members,
   * no invitation works and its region no longer lists it. Its data stays stored.
   */
  closed: z.strictObject({ at: IsoDate, userId: UserId, name: z.string().max(200) }).optional(),
});

const isObject = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The audit list before a write: the entries of the stored version (frozen:
 * each was checked when it was written or read) as they are, every new entry
 * in full. A write appends one or a few entries to a list of up to 100.
 */
const AuditListForWrite = z.custom<z.output<typeof AuditEntrySchema>[]>(Array.isArray).superRefine((list, ctx) => {
  list.forEach((entry, i) => {
    if (isObject(entry) && Object.isFrozen(entry)) return; // (a primitive counts as frozen too)
    const checked = AuditEntrySchema.safeParse(entry);
    if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: [i, ...issue.path], message: issue.message });
  });
});

/**
 * What is checked before an agency document is written. The agency data was
 * already validated with the full schema by the edit that produced it, so it
 * is not checked again here, nor are the audit entries already stored; the
 * envelope and the new audit entries are. Every read of a document this
 * program did not write itself still validates the whole of it.
 */
export const AgencyDocumentWriteSchema = AgencyDocumentSchema.extend({
  data: z.custom<z.output<typeof AgencyFileSchema>>(isObject),
  audit: AuditListForWrite,
});

/**
 * The private copy an update of an agency document works on: members,
 * invitations and the audit list are copied; the agency data stays the
 * stored, frozen object (edits build a new one, see app/validate.ts), so
 * unchanged parts keep their identity and their computed results.
 */
export function copyAgencyDocument(doc: AgencyDocument): AgencyDocument {
  return {
    ...doc,
    members: doc.members.map((m) => ({ ...m })),
    invitations: doc.invitations.map((i) => ({ ...i, usedBy: [...i.usedBy] })),
    ...(doc.joinRequests ? { joinRequests: doc.joinRequests.map((r) => ({ ...r })) } : {}),
    audit: [...doc.audit],
  };
}

/** Audit entries moved out of an agency document to keep it small (oldest first). */
export const AuditArchiveSchema = z.strictObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  agencyId: z.string(),
  entries: z.array(AuditEntrySchema),
});

export const UserDocumentSchema = z.strictObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  id: UserId,
  name: z.string().max(200),
  username: z.string().max(64).optional(),
  createdAt: IsoDate,
  agencies: z.array(z.string()).max(MAX_USER_AGENCIES),
  activeAgencyId: z.string().optional(),
  /**
   * The Telegram message from which the buttons are the active agency's: buttons on earlier messages were sent while
   * another agency was active, and are refused. ACTIVE_SINCE_NEXT_MESSAGE: the active agency changed outside the user's
   * own conversation (they were removed from it), so every button is refused until the user's next message.
   */
  activeSince: z.number().int().nonnegative().optional(),
  /** The bot's conversation state; the bot validates it with its own versioned schema. */
  session: JsonValue,
  /** Highest update_id handled for this user (duplicates are ignored). */
  lastUpdateId: z.number().int().nonnegative().optional(),
  /** Recent failed invitation-code attempts (rate limiting). */
  joinFailures: z.array(IsoDate).max(100).default([]),
  /** The agencies this user closed by leaving them last (app/leave.ts), most recent last: they may open them again. */
  closedAgencies: z
    .array(
      z.strictObject({
        agencyId: z.string(),
        name: z.string().max(200),
        at: IsoDate,
        /** The agency's time zone when closed, the day being said in it (absent in records written before: WIB). */
        timeZone: z.enum(TIME_ZONE_NAMES).optional(),
      }),
    )
    .max(MAX_CLOSED_AGENCIES)
    .optional(),
});

/**
 * The private copy an update of a user document works on: its lists are
 * copied; the conversation state stays the stored, frozen value (updates
 * replace it whole).
 */
export function copyUserDocument(doc: UserDocument): UserDocument {
  const copy = { ...doc, agencies: [...doc.agencies], joinFailures: [...doc.joinFailures] };
  if (doc.closedAgencies) copy.closedAgencies = [...doc.closedAgencies];
  return copy;
}

export const InvitationIndexSchema = z.strictObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  codes: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.strictObject({ agencyId: z.string(), invitationId: z.string(), expiresAt: IsoDate })),
});

/** Most agencies listed for one region (a kabupaten has a few dozen dinas and badan). */
export const MAX_REGION_AGENCIES = 2000;

/**
 * The agencies registered in one region (document id: see app/directory.ts), so that an officer registering an
 * agency learns that a colleague registered it already. Kept by the registering code, not by the storage.
 */
export const RegionDirectorySchema = z.strictObject({
  schemaVersion: z.literal(STORAGE_SCHEMA_VERSION),
  agencies: z
    .array(z.strictObject({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/), name: z.string().max(200), addedAt: IsoDate }))
    .max(MAX_REGION_AGENCIES),
});

export type Member = z.output<typeof MemberSchema>;
export type JoinRequest = z.output<typeof JoinRequestSchema>;
export type RegionDirectory = z.output<typeof RegionDirectorySchema>;
export type Invitation = z.output<typeof InvitationSchema>;
/** `activeSince` of a user whose active agency another user changed: no button counts until the user's next message. */
export const ACTIVE_SINCE_NEXT_MESSAGE = Number.MAX_SAFE_INTEGER;

export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AgencyDocument = z.output<typeof AgencyDocumentSchema>;
export type UserDocument = z.output<typeof UserDocumentSchema>;
export type ClosedAgency = NonNullable<UserDocument["closedAgencies"]>[number];
export type InvitationIndex = z.output<typeof InvitationIndexSchema>;
export type AuditArchive = z.output<typeof AuditArchiveSchema>;
