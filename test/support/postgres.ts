/**
 * A fresh PostgreSQL database per test file, created and dropped by the
 * tests. The server comes from `scripts/postgres.sh` (run before the tests):
 * TEST_DATABASE_URL, or the role it creates on the local server.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://lkjip_test:lkjip_test@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * DROP DATABASE … WITH (FORCE), again after a pause while it fails with
 * "insufficient privilege": an autovacuum worker (a superuser's process,
 * which a role without pg_signal_backend may not end) is still connected; it
 * leaves by itself within moments.
 */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== "42501" || attempt >= 100) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `lkjip_uji_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(ADMIN_URL, name),
    name,
    drop: () => dropDatabase(ADMIN_URL, name),
  };
}
