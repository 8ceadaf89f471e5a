/**
 * Two bot processes in webhook mode (`npm start` with WEBHOOK_URL, the real
 * entry point in child processes) on one PostgreSQL database, behind a fake
 * Bot API server: two officers of one agency answer interleaved, each
 * officer's updates alternating between the processes; nothing is lost, a
 * duplicated update is applied once even when both processes get it at the
 * same moment, and a request without the secret token is refused.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORAGE_SCHEMA_VERSION, type AgencyDocument, type UserDocument } from "../../src/storage/documents.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { FakeTelegram, type FakeUser } from "../../src/local/fake-telegram.js";
import { agencyInput } from "../support/agency.js";
import { freePort, startFakeBotApi, type FakeBotApi } from "../support/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";

const TOKEN = "123456:UJI-WEBHOOK";
const SECRET = "rahasia-uji-webhook";
const SARI: FakeUser = { id: 501, first_name: "Sari" };
const BUDI: FakeUser = { id: 502, first_name: "Budi" };
const AT = "2025-01-15T03:00:00.000Z";

function seedAgency(): AgencyDocument {
  const input = agencyInput();
  input.agency = { ...input.agency!, id: "a1" };
  input.objectives = [
    {
      id: "S1",
      code: "1",
      name: "Meningkatnya Kesejahteraan Sosial",
      indicators: Array.from({ length: 6 }, (_, i) => ({ id: `I${i + 1}`, code: `1.${i + 1}`, name: `Indikator ${i + 1}`, unit: "%", years: { "2024": { target: "80" } } })),
    },
  ];
  return {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    revision: 1,
    createdAt: AT,
    updatedAt: AT,
    data: AgencyFileSchema.parse(input),
    members: [
      { userId: SARI.id, name: "Sari", role: "admin", addedAt: AT, addedBy: null },
      { userId: BUDI.id, name: "Budi", role: "editor", addedAt: AT, addedBy: SARI.id },
    ],
    invitations: [],
    audit: [],
    auditSeq: 0,
  };
}

const userDoc = (u: FakeUser): UserDocument => ({ schemaVersion: STORAGE_SCHEMA_VERSION, id: u.id, name: u.first_name, createdAt: AT, agencies: ["a1"], activeAgencyId: "a1", session: null, joinFailures: [] });

interface Bot {
  port: number;
  child: ChildProcess;
  output: string;
}

async function startBot(database: TestDatabase, api: FakeBotApi): Promise<Bot> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
    DATABASE_URL: database.url,
    WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    WEBHOOK_SECRET: SECRET,
    PORT: String(port),
  };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const bot: Bot = { port, child, output: "" };
  child.stdout!.on("data", (b: Buffer) => (bot.output += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (bot.output += b.toString()));
  const started = Date.now();
  while (!bot.output.includes("siap menerima webhook")) {
    if (child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`bot did not start:\n${bot.output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return bot;
}

async function post(bot: Bot, update: unknown, secret = SECRET): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${bot.port}/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}

describe("webhook mode: two processes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let api: FakeBotApi;
  let repo: PgRepository;
  let bots: Bot[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await startFakeBotApi(TOKEN);
    repo = await PgRepository.open({ url: database.url });
    await repo.agencies.update("a1", () => ({ next: seedAgency(), result: undefined }));
    for (const u of [SARI, BUDI]) await repo.users.update(String(u.id), () => ({ next: userDoc(u), result: undefined }));
    bots = await Promise.all([startBot(database, api), startBot(database, api)]);
  }, 60_000);

  afterAll(async () => {
    for (const b of bots) b.child.kill("SIGTERM");
    await repo?.close();
    await api?.close();
    await database?.drop();
  });

  it("loses no answer of two officers whose updates alternate between the processes, and applies a duplicate once", async () => {
    const telegram = new FakeTelegram(5000);
    const [one, two] = bots as [Bot, Bot];
    const answers = { [SARI.id]: ["I1", "I2", "I3"], [BUDI.id]: ["I4", "I5", "I6"] };
    const officer = async (user: FakeUser, first: Bot, second: Bot) => {
      for (const [k, indicator] of answers[user.id]!.entries()) {
        expect(await post(first, telegram.callbackUpdate(user, `e:actual:${indicator}:2024`, 1))).toBe(200);
        expect(await post(second, telegram.textUpdate(user, `${70 + k + (user.id === BUDI.id ? 10 : 0)},5`))).toBe(200);
      }
    };
    await Promise.all([officer(SARI, one, two), officer(BUDI, two, one)]);

    // One more answer from Sari, delivered to both processes at the same moment, then again to the first.
    expect(await post(one, telegram.callbackUpdate(SARI, "e:actual:I1:2024", 1))).toBe(200);
    const duplicate = telegram.textUpdate(SARI, "99");
    expect(await Promise.all([post(one, duplicate), post(two, duplicate)])).toEqual([200, 200]);
    expect(await post(one, duplicate)).toBe(200);

    // Without the secret token nothing is handled.
    expect(await post(two, telegram.textUpdate(BUDI, "/isi"), "salah")).toBe(401);

    const doc = (await repo.agencies.read("a1"))!;
    const actual = (id: string) => doc.data.objectives[0]!.indicators.find((i) => i.id === id)!.years["2024"]!.actual;
    expect(["I1", "I2", "I3", "I4", "I5", "I6"].map(actual)).toEqual(["99", "71.5", "72.5", "80.5", "81.5", "82.5"]);
    // Seven changes, each recorded once; the duplicate added nothing.
    expect(doc.audit.map((e) => [e.userId, e.field.split("/")[3], e.new])).toEqual(
      expect.arrayContaining([
        [SARI.id, "I1", "70.5"],
        [SARI.id, "I1", "99"],
        [BUDI.id, "I6", "82.5"],
      ]),
    );
    expect(doc.audit).toHaveLength(7);
    expect(doc.revision).toBe(8);
    const saved = api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === SARI.id && String(c.payload.text).startsWith("✅ Tersimpan"));
    expect(saved).toHaveLength(4);
    expect(api.calls.some((c) => c.method === "setWebhook" && c.payload.secret_token === SECRET)).toBe(true);
    for (const b of bots) expect(b.output).not.toMatch(/kesalahan|gagal/);
  }, 60_000);
});
