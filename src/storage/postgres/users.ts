/**
 * Users in two tables: `users` (profile, agencies, active agency, rate-limit
 * data) and `sessions` (the conversation state and the last handled update),
 * which changes on nearly every message. The version in `users` covers both.
 */
import type pg from "pg";
import { copyUserDocument, UserDocumentSchema, type UserDocument } from "../documents.js";
import { PgCollection, type Cached } from "./collection.js";
import { behindResult, statement, type Db, type TxClient } from "./db.js";

function split(doc: UserDocument): { profile: Omit<UserDocument, "session" | "lastUpdateId">; session: unknown; lastUpdateId: number | undefined } {
  const { session, lastUpdateId, ...profile } = doc;
  return { profile, session, lastUpdateId };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class PgUsers extends PgCollection<UserDocument> {
  constructor(db: Db, cacheSize: number) {
    super(db, { name: "pengguna", table: "users", schema: UserDocumentSchema, copy: copyUserDocument, cacheSize });
  }

  /** The agency the cached copy of the user has open (where the user's next update most likely works). */
  cachedActiveAgency(id: string): string | undefined {
    return this.cache.get(id)?.doc.activeAgencyId;
  }

  protected override selectSql(): string {
    return `SELECT u.version::text AS version, CASE WHEN u.version::text = $2 THEN NULL ELSE u.doc END AS doc,
              s.state, s.last_update_id::text AS last_update_id
            FROM users u LEFT JOIN sessions s ON s.user_id = u.id WHERE u.id = $1`;
  }

  protected override rowToRaw(row: Record<string, unknown>): unknown {
    const doc = row.doc as Record<string, unknown>;
    return { ...doc, session: row.state ?? null, ...(row.last_update_id !== null && row.last_update_id !== undefined ? { lastUpdateId: Number(row.last_update_id) } : {}) };
  }

  /**
   * The new version (over `expected`, or a new row) and, when it changed, the
   * conversation state: one statement, one round trip per message.
   * `conflictKey`: written behind (see Db.writeBehind), named so.
   */
  private userWrite(id: string, doc: UserDocument, previous: UserDocument | undefined, expected: string | undefined, conflictKey?: string): pg.QueryConfig {
    const next = split(doc);
    const before = previous ? split(previous) : undefined;
    const profileChanged = !before || !same(before.profile, next.profile);
    const sessionChanged = !before || !same(before.session, next.session) || before.lastUpdateId !== next.lastUpdateId;
    const user = profileChanged
      ? {
          sql: `INSERT INTO users (id, doc) VALUES ($1, $3::jsonb) ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, version = users.version + 1, updated_at = now()
                WHERE users.version = $2::bigint RETURNING version`,
          values: [expected ?? null, JSON.stringify(next.profile)],
        }
      : { sql: `UPDATE users SET version = version + 1, updated_at = now() WHERE id = $1 AND version = $2::bigint RETURNING version`, values: [expected ?? null] };
    const values: unknown[] = [id, ...user.values];
    const param = parameterOf(values);
    const session = sessionChanged
      ? `, s AS (INSERT INTO sessions (user_id, state, last_update_id) SELECT $1, ${param(JSON.stringify(next.session ?? null))}::jsonb, ${param(next.lastUpdateId ?? null)}::bigint FROM v
                 ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state, last_update_id = EXCLUDED.last_update_id, updated_at = now())`
      : "";
    const result = conflictKey === undefined ? "SELECT version::text AS version FROM v" : behindResult(param(conflictKey));
    return statement(`WITH v AS (${user.sql})${session} ${result}`, values);
  }

  protected override async saveRow(client: TxClient, id: string, doc: UserDocument, previous: UserDocument | undefined, expected: string | undefined): Promise<string | undefined> {
    const r = await client.query<{ version: string }>(this.userWrite(id, doc, previous, expected));
    return r.rows[0]?.version;
  }

  protected override saveRowBehind(id: string, doc: UserDocument, current: Cached<UserDocument>): boolean {
    this.db.writeBehind(this.userWrite(id, doc, current.doc, current.version, this.documentKey(id)), () => this.forget(id));
    return true;
  }
}

/** A function that adds a value to `values` and gives its placeholder (`$4`): made here, an anonymous closure, since tsx names named ones with a property definition each time. */
function parameterOf(values: unknown[]): (value: unknown) => string {
  return (value) => `$${values.push(value)}`;
}
