/**
 * What both document collections (lowdb files and PostgreSQL rows) do the
 * same way: which ids are allowed, how a stored document is upgraded and
 * checked when read, how the next version is checked before it is written,
 * and the private copy an update works on.
 */
import type { z } from "zod";
import { deepFreeze } from "./freeze.js";
import { migrate, type Migrations } from "./migrations.js";
import { DocumentUnavailable } from "./repository.js";

export interface DocumentOptions<T> {
  /** Name used in messages (the lowdb folder name: "instansi", "pengguna" …). */
  name: string;
  schema: z.ZodType<T>;
  /** Checked before every write (default: `schema`); reads always use `schema`. */
  writeSchema?: z.ZodType<T>;
  migrations?: Migrations;
  /** The private copy `update` hands to its function (default: a deep clone). */
  copy?: (doc: T) => T;
  /** Most documents kept in memory. */
  cacheSize?: number;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Ids are file names and lock keys: letters, digits, `.`, `_`, `-`, at most 64. */
export function checkDocumentId(id: string): void {
  if (!ID_PATTERN.test(id)) throw new Error(`Invalid document id: ${JSON.stringify(id)}`);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * A stored document as read: upgraded to the current schema version,
 * validated and frozen; DocumentUnavailable when it cannot be. `trusted`: the
 * content is byte for byte one this program validated before writing it
 * (checked by hashes, see lowdb/journal.ts), so it is not validated again.
 */
export function storedDocument<T>(options: DocumentOptions<T>, id: string, raw: unknown, trusted = false): T {
  let parsed: unknown;
  try {
    parsed = migrate(raw, options.migrations ?? {});
  } catch (e) {
    throw new DocumentUnavailable(options.name, id, message(e));
  }
  if (trusted) return deepFreeze(parsed as T);
  const result = options.schema.safeParse(parsed);
  if (!result.success) {
    throw new DocumentUnavailable(options.name, id, result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).slice(0, 5).join("; "));
  }
  return deepFreeze(result.data);
}

/** The next version of a document, validated for writing and frozen (the zod error is thrown otherwise). */
export function nextDocument<T>(options: DocumentOptions<T>, next: T): T {
  return deepFreeze((options.writeSchema ?? options.schema).parse(next));
}

/** The private copy an update's function may change. */
export function privateCopy<T>(options: DocumentOptions<T>, doc: T): T {
  return (options.copy ?? structuredClone)(doc);
}
