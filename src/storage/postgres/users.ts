/**
 * Users in two tables: `users` (profile, agencies, active agency, rate-limit
 * data) and `sessions` (the conversation state and the last handled update),
 * which changes on nearly every message. The version in `users` covers both.
 */
import type pg from "pg";
import { UserDocumentSchema, type UserDocument } from "../documents.js";
import { PgCollection } from "./collection.js";
import type { Db } from "./db.js";

function split(doc: UserDocument): { profile: Omit<UserDocument, "session" | "lastUpdateId">; session: unknown; lastUpdateId: number | undefined } {
  const { session, lastUpdateId, ...profile } = doc;
  return { profile, session, lastUpdateId };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export class PgUsers extends PgCollection<UserDocument> {
  constructor(db: Db, cacheSize: number) {
    super(db, { name: "pengguna", table: "users", schema: UserDocumentSchema, cacheSize });
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

  protected override async saveRow(client: pg.PoolClient, id: string, doc: UserDocument, previous: UserDocument | undefined): Promise<string> {
    const next = split(doc);
    const before = previous ? split(previous) : undefined;
    let version: string;
    if (!before || !same(before.profile, next.profile)) {
      const r = await client.query<{ version: string }>(
        `INSERT INTO users (id, doc) VALUES ($1, $2::jsonb)
         ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, version = users.version + 1, updated_at = now()
         RETURNING version::text AS version`,
        [id, JSON.stringify(next.profile)],
      );
      version = r.rows[0]!.version;
    } else {
      const r = await client.query<{ version: string }>(`UPDATE users SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version::text AS version`, [id]);
      version = r.rows[0]!.version;
    }
    if (!before || !same(before.session, next.session) || before.lastUpdateId !== next.lastUpdateId) {
      await client.query(
        `INSERT INTO sessions (user_id, state, last_update_id) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state, last_update_id = EXCLUDED.last_update_id, updated_at = now()`,
        [id, JSON.stringify(next.session ?? null), next.lastUpdateId ?? null],
      );
    }
    return version;
  }
}
