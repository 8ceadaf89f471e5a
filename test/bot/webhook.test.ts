/**
 * Two bot processes in webhook mode (`npm start` with WEBHOOK_URL, the real
 * entry point in child processes) on one PostgreSQL database, behind a fake
 * Bot API server: two officers of one agency answer interleaved, each
 * officer's updates alternating between the processes; nothing is lost, a
 * duplicated update is applied once even when both processes get it at the
 * same moment, and a request without the secret token is refused.
 * On lowdb: an update is acknowledged once stored, before its replies are
 * sent, and one officer's replies stay in order (in one process); the real
 * entry point refuses a bad WEBHOOK_MAX_CONNECTIONS, and on SIGTERM sends
 * the replies still held back before it exits; a body that is not an update
 * is refused (400, or 413 over 1 MB) without being logged as a failure.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { Server } from "node:http";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Transformer } from "grammy";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { RepliesAfterAck } from "../../src/bot/replies-after-ack.js";
import { MAX_UPDATE_BYTES, startWebhookServer } from "../../src/server/webhook.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { STORAGE_SCHEMA_VERSION, type AgencyDocument, type UserDocument } from "../../src/storage/documents.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { FAKE_BOT_INFO, FakeTelegram, type FakeUser } from "../../src/local/fake-telegram.js";
import { agencyInput } from "../support/agency.js";
import { freePort, startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from "../support/fake-bot-api.js";
import { createTestDatabase, type TestDatabase } from "../support/postgres.js";
import { until } from "../support/until.js";

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

/** `npm start`'s entry point in webhook mode; `storage`: DATABASE_URL, or DATA_DIR for lowdb (and more settings). */
async function startBot(storage: { DATABASE_URL: string } | { DATA_DIR: string; SHUTDOWN_GRACE_MS?: string }, api: FakeBotApi): Promise<Bot> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: undefined,
    ...storage,
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_API_ROOT: api.url,
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

async function post(bot: { port: number }, update: unknown, secret = SECRET): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${bot.port}/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
  });
  await response.text();
  return response.status;
}

/** Agency a1 with Sari as its admin, as stored. */
async function seedSari(repo: LowdbRepository): Promise<void> {
  await repo.agencies.update("a1", () => ({ next: seedAgency(), result: undefined }));
  await repo.users.update(String(SARI.id), () => ({ next: userDoc(SARI), result: undefined }));
}

/** A lowdb data directory holding seedSari's documents. */
async function seededDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "lkjip-webhook-stop-"));
  const repo = new LowdbRepository({ dir });
  await seedSari(repo);
  await repo.close();
  return dir;
}

/** Wait (up to 10 s) until `condition` holds. */
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
    bots = await Promise.all([startBot({ DATABASE_URL: database.url }, api), startBot({ DATABASE_URL: database.url }, api)]);
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
    // Replies go out after each update was acknowledged: wait for them.
    const saved = () => api.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === SARI.id && String(c.payload.text).startsWith("✅ Tersimpan"));
    await until(() => saved().length >= 4);
    expect(saved()).toHaveLength(4);
    expect(api.calls.filter((c) => c.method === "setWebhook").map((c) => [c.payload.secret_token, c.payload.max_connections, c.payload.allowed_updates])).toEqual([
      [SECRET, 100, ["message", "edited_message", "callback_query"]],
      [SECRET, 100, ["message", "edited_message", "callback_query"]],
    ]);
    for (const b of bots) expect(b.output).not.toMatch(/kesalahan|gagal/);
  }, 60_000);

  it("adds the agency stored before the directory of regions existed to it once, both processes starting together", async () => {
    const deadline = Date.now() + 10_000;
    while (!(await repo.regions.read("lengkap"))) {
      if (Date.now() > deadline) throw new Error("directory not filled");
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await repo.regions.read("kabupaten-contoh"))!.agencies).toEqual([{ id: "a1", name: "Dinas Sosial Kabupaten Contoh", addedAt: AT }]);
    const rows = await repo.db.query<{ region_id: string; agency_id: string }>("SELECT region_id, agency_id FROM agency_regions WHERE region_id <> 'lengkap'");
    expect(rows.rows).toEqual([{ region_id: "kabupaten-contoh", agency_id: "a1" }]);
    expect(bots.map((b) => b.output).join("")).toContain("[lkjip] 1 instansi yang sudah tersimpan dicatat dalam daftar per wilayah");
  });
});

describe("long polling", () => {
  /** `npm start`'s entry point by long polling on a seeded lowdb folder, against `api`. */
  function startPolling(dir: string, api: FakeBotApi) {
    const env = { ...process.env, DATABASE_URL: undefined, DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, WEBHOOK_URL: undefined };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    const out = { text: "" };
    child.stdout!.on("data", (b: Buffer) => (out.text += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (out.text += b.toString()));
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    return { child, out, exited };
  }

  it("asks Telegram for the same updates as the webhook, answers, and on SIGTERM confirms what it handled and stops", async () => {
    const dir = await seededDir();
    const api = await startFakeBotApi(TOKEN);
    const { child, out, exited } = startPolling(dir, api);
    try {
      await until(() => api.calls.some((c) => c.method === "getUpdates"));
      expect(api.calls.find((c) => c.method === "getUpdates")!.payload.allowed_updates).toEqual(["message", "edited_message", "callback_query"]);
      expect(out.text).toContain("berjalan (long polling)");
      const telegram = new FakeTelegram(70);
      api.deliver(telegram.textUpdate(SARI, "/cek 86,11 80"));
      await until(() => api.calls.some((c) => c.method === "sendMessage"));
      expect(String(api.calls.find((c) => c.method === "sendMessage")!.payload.text)).toContain("Capaian: 107,64%");
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      // Confirmed before it stopped: a restart would not get it again.
      expect(api.pending()).toEqual([]);
      expect(out.text).not.toMatch(/kesalahan|gagal/);
    } finally {
      child.kill("SIGKILL");
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("stops, saying why, when Telegram refuses the token, another process polls with it, or the bot has a webhook", async () => {
    const cases: [FakeBotApiOptions, string][] = [
      [{ refuse: { getMe: { error_code: 401, description: "Unauthorized" } } }, "Telegram menolak TELEGRAM_BOT_TOKEN (401 Unauthorized)."],
      [{ refuse: { getUpdates: { error_code: 409, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running" } } }, "Telegram menolak long polling: proses lain sedang menerima pembaruan untuk bot ini"],
      // A process started without WEBHOOK_URL by mistake leaves the webhook's processes their updates.
      [{ webhook: "https://bot.example.go.id/telegram" }, "Bot ini sedang memakai webhook (https://bot.example.go.id/telegram), jadi pembaruannya dikirim ke proses webhook."],
    ];
    for (const [options, said] of cases) {
      const dir = await seededDir();
      const api = await startFakeBotApi(TOKEN, options);
      const { child, out, exited } = startPolling(dir, api);
      try {
        expect(await exited).toBe(1);
        expect(out.text).toContain(said);
        expect(out.text).not.toContain("    at ");
        expect(api.calls.map((c) => c.method)).not.toContain("deleteWebhook");
      } finally {
        child.kill("SIGKILL");
        await api.close();
        await rm(dir, { recursive: true, force: true });
      }
    }
  }, 60_000);
});

describe("webhook mode on lowdb: starting and stopping", () => {
  it("refuses a WEBHOOK_MAX_CONNECTIONS, PORT, WEBHOOK_URL or EXPORT_HEAP_MB it cannot use, saying what is allowed", async () => {
    const cases: [NodeJS.ProcessEnv, string][] = [
      [{ EXPORT_HEAP_MB: "16" }, 'EXPORT_HEAP_MB harus bilangan bulat 32–16384 (batas memori pembuat berkas dan draf, dalam MB), bukan "16". Contoh: EXPORT_HEAP_MB=256'],
      [{ WEBHOOK_MAX_CONNECTIONS: "500" }, 'WEBHOOK_MAX_CONNECTIONS harus bilangan bulat 1–100 (pengiriman pembaruan yang dibuka Telegram sekaligus), bukan "500". Contoh: WEBHOOK_MAX_CONNECTIONS=100'],
      [{ PORT: "80a" }, 'PORT harus bilangan bulat 1–65535 (port server HTTP untuk webhook), bukan "80a". Contoh: PORT=8080'],
      [{ WEBHOOK_URL: "bot.example.go.id/telegram" }, 'WEBHOOK_URL harus alamat lengkap tempat Telegram mengirim pembaruan, bukan "bot.example.go.id/telegram". Contoh: WEBHOOK_URL=https://bot.example.go.id/telegram'],
    ];
    for (const [setting, said] of cases) {
      const env = { ...process.env, DATABASE_URL: undefined, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9", WEBHOOK_URL: "http://127.0.0.1:9/telegram", ...setting };
      const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
      const code = await new Promise<number | null>((r) => child.once("exit", r));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(said);
    }
  }, 30_000);

  it("stops, saying why, when Telegram refuses the webhook", async () => {
    const dir = await seededDir();
    const api = await startFakeBotApi(TOKEN, { refuse: { setWebhook: { error_code: 400, description: "Bad Request: bad webhook: HTTPS url must be provided for webhook" } } });
    const env = { ...process.env, DATABASE_URL: undefined, DATA_DIR: dir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, WEBHOOK_URL: "http://bot.example.go.id/telegram", PORT: String(await freePort()) };
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr += b.toString()));
    try {
      expect(await new Promise<number | null>((r) => child.once("exit", r))).toBe(1);
      expect(stderr.trim()).toBe("Telegram menolak setWebhook saat bot dimulai (400: Bad Request: bad webhook: HTTPS url must be provided for webhook).");
    } finally {
      child.kill("SIGKILL");
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it("stops within SHUTDOWN_GRACE_MS when the Bot API does not answer, with the answer stored", async () => {
    const dir = await seededDir();
    const api = await startFakeBotApi(TOKEN, { beforeSend: () => new Promise(() => {}) });
    const bot = await startBot({ DATA_DIR: dir, SHUTDOWN_GRACE_MS: "300" }, api);
    try {
      const telegram = new FakeTelegram(8000);
      expect(await post(bot, telegram.callbackUpdate(SARI, "e:actual:I3:2024", 1))).toBe(200);
      const exited = new Promise<number | null>((r) => bot.child.once("exit", (code) => r(code)));
      const stopping = Date.now();
      bot.child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(5_000);
      expect(bot.output).toContain("[lkjip] berhenti: 1 pembaruan masih bekerja atau mengirim balasan setelah 300 ms");
      const after = new LowdbRepository({ dir });
      expect((await after.users.read(String(SARI.id)))!.session).toMatchObject({ flow: "entry", current: "actual:I3:2024" });
      await after.close();
    } finally {
      bot.child.kill("SIGKILL");
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("sends the replies of acknowledged updates after SIGTERM, then closes the storage and exits", async () => {
    const dir = await seededDir();
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const api = await startFakeBotApi(TOKEN, { beforeSend: () => held });
    const bot = await startBot({ DATA_DIR: dir }, api);
    try {
      const telegram = new FakeTelegram(7000);
      expect(await post(bot, telegram.callbackUpdate(SARI, "e:actual:I2:2024", 1))).toBe(200);
      const exited = new Promise<number | null>((r) => bot.child.once("exit", (code) => r(code)));
      bot.child.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      expect(bot.child.exitCode).toBeNull(); // still sending
      expect(api.calls.filter((c) => c.method === "sendMessage")).toHaveLength(0);
      release();
      expect(await exited).toBe(0);
      const sent = api.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
      expect(sent).toHaveLength(1);
      expect(sent[0]).toContain("Indikator 2");
      const after = new LowdbRepository({ dir });
      expect((await after.users.read(String(SARI.id)))!.session).toMatchObject({ flow: "entry" });
      await after.close();
      expect(bot.output).not.toMatch(/kesalahan|gagal/);
    } finally {
      release();
      bot.child.kill("SIGKILL");
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("webhook mode: acknowledged once stored, replies after", () => {
  let dir: string;
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  it("answers Telegram while the replies are held up, with the answer already on disk, and keeps one officer's replies in order", async () => {
    dir = await mkdtemp(join(tmpdir(), "lkjip-webhook-"));
    const repo = new LowdbRepository({ dir });
    await seedSari(repo);
    // Storing the conversation state (the last thing an update stores) takes a while.
    const updateUser = repo.users.update.bind(repo.users);
    repo.users.update = async (id, fn) => {
      await new Promise((r) => setTimeout(r, 50));
      return updateUser(id, fn);
    };

    // The Bot API holds every message back until `release` is called.
    const telegram = new FakeTelegram(9000);
    let release = () => {};
    let held = new Promise<void>((r) => (release = r));
    const sending: string[] = [];
    const holding: Transformer = async (prev, method, payload, signal) => {
      if (method === "sendMessage") {
        sending.push(String((payload as { text?: unknown }).text));
        await held;
      }
      return telegram.transformer(prev, method, payload, signal);
    };
    const errors: string[] = [];
    const acks = new RepliesAfterAck();
    const bot = createBot({ token: TOKEN, services: { repo, now: () => new Date(AT), random: (n) => Buffer.alloc(n, 7) }, botInfo: FAKE_BOT_INFO, logger: { error: (m) => errors.push(m) }, repliesAfterAck: acks });
    bot.api.config.use(holding);
    const port = await freePort();
    server = await startWebhookServer({ bot, path: "/telegram", secretToken: SECRET, port, host: "127.0.0.1", logger: { error: (m) => errors.push(m) } });

    // The button asks for I1's realisasi: acknowledged although its question has not been delivered.
    expect(await post({ port }, telegram.callbackUpdate(SARI, "e:actual:I1:2024", 1))).toBe(200);
    expect(sending).toHaveLength(1);
    expect(telegram.sent).toHaveLength(0);
    expect(acks.pending).toBe(1);

    // The answer waits for Sari's earlier replies (her lock), so Telegram is not answered yet either.
    let answered = false;
    const update = telegram.textUpdate(SARI, "70,5");
    const answer = post({ port }, update).then((status) => ((answered = true), status));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered).toBe(false);
    expect(sending).toHaveLength(1);

    // Let the question through and hold the next replies: the answer is acknowledged once stored, before its reply.
    const previous = release;
    held = new Promise<void>((r) => (release = r));
    previous();
    expect(await answer).toBe(200);
    const onDisk = new LowdbRepository({ dir });
    const stored = await onDisk.agencies.read("a1");
    expect(stored!.data.objectives[0]!.indicators[0]!.years["2024"]!.actual).toBe("70.5");
    expect((await onDisk.users.read(String(SARI.id)))!.lastUpdateId).toBe(update.update_id);
    await onDisk.close();
    expect(telegram.sent).toHaveLength(1);
    expect(sending.at(-1)).toMatch(/^✅ Tersimpan/);

    release();
    await acks.settled();
    expect(acks.pending).toBe(0);
    const texts = telegram.sent.map((m) => m.text);
    expect(texts).toHaveLength(sending.length);
    expect(texts[0]).toContain("Indikator 1");
    expect(texts.findIndex((t) => t.startsWith("✅ Tersimpan"))).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await repo.close();
  });

  it("answers a body that is not an update with 400, one over 1 MB with 413 without keeping it, logs nothing and goes on serving", async () => {
    dir = await mkdtemp(join(tmpdir(), "lkjip-webhook-"));
    const repo = new LowdbRepository({ dir });
    const telegram = new FakeTelegram(9500);
    const errors: string[] = [];
    const bot = createBot({ token: TOKEN, services: { repo, now: () => new Date(AT), random: (n) => Buffer.alloc(n, 7) }, botInfo: FAKE_BOT_INFO, logger: { error: (m) => errors.push(m) } });
    telegram.install(bot);
    const port = await freePort();
    server = await startWebhookServer({ bot, path: "/telegram", secretToken: SECRET, port, host: "127.0.0.1", logger: { error: (m) => errors.push(m) } });
    const raw = async (body: string, secret = SECRET) => {
      const response = await fetch(`http://127.0.0.1:${port}/telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret }, body });
      await response.text();
      return response.status;
    };
    for (const body of ["{bukan json", "", "null", "[]", "{}", '{"update_id":"7"}', '{"update_id":1.5}']) expect(await raw(body), body).toBe(400);
    expect(await raw("x".repeat(MAX_UPDATE_BYTES + 1))).toBe(413);
    // Sent in pieces without a declared length, it is cut off at the limit too.
    const pieces = new ReadableStream({
      start(controller) {
        for (let k = 0; k < 3; k++) controller.enqueue(new Uint8Array(MAX_UPDATE_BYTES / 2).fill(0x61));
        controller.close();
      },
    });
    const chunked = await fetch(`http://127.0.0.1:${port}/telegram`, { method: "POST", headers: { "x-telegram-bot-api-secret-token": SECRET }, body: pieces, duplex: "half" } as RequestInit);
    await chunked.text();
    expect(chunked.status).toBe(413);
    // Without the secret token the body is not even read.
    expect(await raw("{bukan json", "salah")).toBe(401);
    expect(errors).toEqual([]);
    expect(await post({ port }, telegram.textUpdate(SARI, "/cek 86,11 80"))).toBe(200);
    expect(telegram.sent.map((m) => m.text.split("\n")[0])).toEqual(["Capaian: 107,64% (Sangat Tinggi)"]);
    await repo.close();
  });
});
