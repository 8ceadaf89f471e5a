/**
 * The PostgreSQL database goes away while officers work: restarted between
 * two answers, down for a while, a network that stops carrying packets, a
 * COMMIT lost on its way or its answer lost after the server carried it out,
 * a server that refuses writes (disk full, a standby), and a bot process cut
 * off while it holds an officer's lock. The bot reaches the database through
 * a TCP proxy the test controls (test/support/tcp-proxy.ts); a second
 * repository on the database itself checks what was stored.
 *
 * In each case the officer gets a reply that says what happened, within the
 * timeouts; nothing is stored that the officer was told was not; the process
 * survives (an error event of a connection nobody listened to would end it,
 * and vitest fails a test file on such an error); and once the database is
 * back the same answer is stored, once.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AgencyDocument } from "../../src/storage/documents.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { FakeTelegram } from "../../src/local/fake-telegram.js";
import { ADMIN, askedForTarget2023, botOn, plain, type BotOn } from "../support/bot-harness.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { tcpProxy, type TcpProxy } from "../support/tcp-proxy.js";
import { STORAGE_FULL, STORAGE_MAYBE_STORED, STORAGE_NOT_REACHED, STORAGE_READ_ONLY } from "../support/storage-messages.js";

/** Short, so that the test waits seconds: the bot's own are 10, 30 and 60 s (DEFAULT_DB_TIMEOUTS). */
const TIMEOUTS = { connectMs: 800, queryMs: 1500, idleInTransactionMs: 5000 };

const STORED_TARGET = "✅ Tersimpan — Target 2023: 75%.";

let db: TestDatabase;
let proxy: TcpProxy;
let repo: PgRepository;
let direct: PgRepository;
let h: BotOn<PgRepository>;
let agencyId: string;

beforeEach(async () => {
  db = await createTestDatabase();
  proxy = await tcpProxy(db.url);
  repo = await PgRepository.open({ url: proxy.url, timeouts: TIMEOUTS });
  direct = await PgRepository.open({ url: db.url });
  h = botOn(repo);
  agencyId = await askedForTarget2023(h, ADMIN);
});

afterEach(async () => {
  proxy.restore();
  await repo.close();
  await direct.close();
  await proxy.close();
  await db.drop();
});

/** The agency as stored in the database (read past the bot's cache and the proxy). */
async function stored(): Promise<AgencyDocument> {
  const doc = await direct.agencies.read(agencyId);
  if (!doc) throw new Error("agency missing");
  return doc;
}

const target2023 = async () => (await stored()).data.objectives[0]!.indicators[0]!.years["2023"]?.target;
/** The audit entries of the year 2023 (the first answer for a year adds the year with its target). */
const auditOf2023 = async () => (await stored()).audit.filter((e) => e.field === "objectives/S1/indicators/I1/years/2023");

/** The answer "75", which the officer was told was not stored (or may not be), is not; sent again, it is stored, once. */
async function storedOnceWhenSentAgain(): Promise<void> {
  expect(await target2023()).toBeUndefined();
  expect((await timed("75")).reply).toContain(STORED_TARGET);
  expect(await target2023()).toBe("75");
  expect(await auditOf2023()).toHaveLength(1);
}

/** The officer's reply to `text`, and how long it took. */
async function timed(text: string): Promise<{ reply: string; ms: number }> {
  const started = performance.now();
  const reply = plain(await h.driver.send(ADMIN, text));
  return { reply, ms: performance.now() - started };
}

describe("the database goes away", () => {
  it("restarted between two answers: the next answer is stored as usual, with no error", async () => {
    proxy.cut(); // every connection of the pool is reset, as by a restart of the server
    proxy.restore();
    expect((await timed("75")).reply).toContain(STORED_TARGET);
    expect(await target2023()).toBe("75");
    expect(h.errors).toEqual([]);
  });

  it("down: the officer is told nothing was stored; once it is back, the same answer is stored once", async () => {
    proxy.cut();
    const down = await timed("75");
    expect(down.reply).toBe(STORAGE_NOT_REACHED);
    expect(down.ms).toBeLessThan(TIMEOUTS.connectMs * 2 + 500);
    // A second message meanwhile gets the same reply: nothing waits behind the first.
    expect((await timed("/status")).reply).toBe(STORAGE_NOT_REACHED);
    // A quick check in a group needs no storage, and is answered at once.
    const check = performance.now();
    expect(plain(await h.driver.send(ADMIN, "/cek 86,11 80", -1001))).toContain("Capaian: 107,64% (Sangat Tinggi)");
    expect(performance.now() - check).toBeLessThan(TIMEOUTS.connectMs);
    expect(h.errors).toHaveLength(2);
    expect(h.errors[0]).toMatch(/^penyimpanan tidak dapat dihubungi: /);

    proxy.restore();
    // The conversation is still at the question the officer answered.
    await storedOnceWhenSentAgain();
  });

  it("a network that stops answering: the officer is told within the timeouts, and nothing was stored", async () => {
    proxy.silence();
    const silent = await timed("75");
    expect(silent.reply).toBe(STORAGE_NOT_REACHED);
    // The statement's timeout on the pooled connection, then one new connection's (the retry of a connection that
    // may have died while idle), instead of waiting for TCP to give up.
    expect(silent.ms).toBeGreaterThanOrEqual(TIMEOUTS.queryMs);
    expect(silent.ms).toBeLessThan(TIMEOUTS.queryMs + TIMEOUTS.connectMs + 1500);

    proxy.restore();
    // What was held in the network arrives now; the bot had closed that connection, so the server rolls it back.
    await storedOnceWhenSentAgain();
  });

  it("the connection lost after the server committed: the officer is told it may be stored, and to check first", async () => {
    // The server carries out the COMMIT; its answer never reaches the bot, which gives up after its timeout.
    proxy.silenceAfter("COMMIT");
    expect((await timed("75")).reply).toBe(STORAGE_MAYBE_STORED);
    proxy.restore();

    // It was stored, and the conversation went on: the same answer typed again would answer the next question.
    expect(await auditOf2023()).toHaveLength(1);
    expect((await timed("/isi")).reply).toContain("Berapa realisasi 2023 indikator ini?");
  });

  it("the connection lost with the COMMIT on its way: the officer is told it may be stored, and what the bot shows is the database's", async () => {
    proxy.cutAt("COMMIT");
    expect((await timed("75")).reply).toBe(STORAGE_MAYBE_STORED);
    proxy.restore();
    // Not stored: the bot, asked as the officer is told to, says so (its cached copy is never ahead of the database),
    // and the conversation is still at the question, so the same answer is stored once.
    expect((await timed("/isi")).reply).toContain("Berapa target 2023 indikator ini?");
    await storedOnceWhenSentAgain();
  });

  it.each([
    ["its disk is full", "disk_full", "ruang penyimpanan penuh", STORAGE_FULL],
    ["it accepts no writes (a standby after a failover)", "read_only_sql_transaction", "penyimpanan hanya dapat dibaca", STORAGE_READ_ONLY],
  ])("the database refuses the write, %s: the officer is told so and nothing was stored", async (_, sqlstate, logged, reply) => {
    // The server's own error, raised where the answer is written.
    await direct.db.query(`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused' USING ERRCODE = '${sqlstate}'; END $$`);
    await direct.db.query("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON agency_changes FOR EACH ROW EXECUTE FUNCTION refuse()");
    expect((await timed("75")).reply).toBe(reply);
    expect(await target2023()).toBeUndefined();
    expect(h.errors).toEqual([expect.stringMatching(new RegExp(`^${logged}: error: refused`))]);

    await direct.db.query("DROP TRIGGER refuse ON agency_changes");
    await storedOnceWhenSentAgain();
  });

  it("a process cut off while it holds an officer's lock: the server ends its session, and another process goes on", async () => {
    // Each session of the bot asks the server to end it when it idles inside a transaction.
    expect((await repo.db.query("SHOW idle_in_transaction_session_timeout")).rows[0]).toEqual({ idle_in_transaction_session_timeout: "5s" });
    // A second bot process, on the database directly, for the same officer (its own update ids).
    const other = botOn(direct, new FakeTelegram(100_000));
    // The first process's update takes the officer's lock (the ledger's first statement), then its network goes silent.
    proxy.silenceAfter("handled_updates");
    const first = timed("75");
    await new Promise((r) => setTimeout(r, 200));
    const started = performance.now();
    const second = plain(await other.driver.send(ADMIN, "75"));
    // It waited for the lock until the server ended the silent session (5 s idle in its transaction), not for TCP.
    expect(second).toContain(STORED_TARGET);
    expect(performance.now() - started).toBeLessThan(TIMEOUTS.idleInTransactionMs + 2000);
    expect((await first).reply).toBe(STORAGE_NOT_REACHED);
    proxy.restore();
    expect(await target2023()).toBe("75");
    expect(await auditOf2023()).toHaveLength(1);
    expect(other.errors).toEqual([]);
  });
});
