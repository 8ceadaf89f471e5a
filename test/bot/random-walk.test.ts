/**
 * A random walk through the whole bot by four people: the admin and an
 * editor of the Dumai demo agency, a viewer of it, and the admin of another
 * agency; on lowdb and on PostgreSQL, one person at a time and three at the
 * same moment. Each step someone types a command, types text (random,
 * hostile or nearly valid), presses a button of one of the last messages
 * they received (old ones too, as people do), edits their last message,
 * sends a file, a photo, a sticker or a voice note, or writes in a group
 * they share with the bot; now and then the bot is restarted on the same
 * storage.
 *
 * After every step: no error was logged and no message was one Telegram
 * would refuse (the shared check after each test); a command or text got a
 * reply, plain text in the group none; nothing of an agency reached a
 * private chat of someone not in it; an agency that changed is one that
 * someone acting may edit, and a second repository reads it and it passes
 * its schema; each person's conversation state passes the bot's schema.
 * After a restart the bot reads exactly what it read before.
 *
 * SEED and RUNS (environment) explore beyond the fixed seed.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { StateSchema } from "../../src/bot/state.js";
import { AgencyFileSchema } from "../../src/domain/schema/agency.js";
import { seedDemo } from "../../src/local/demo.js";
import { FAKE_BOT_INFO, type FakeUser, type SentMessage } from "../../src/local/fake-telegram.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import type { Repository } from "../../src/storage/repository.js";
import type { AgencyDocument } from "../../src/storage/documents.js";
import { ADMIN, OFFICER, OUTSIDER, VIEWER, botOn, joinByInvitation, makeDir, registerAgency, type BotOn } from "../support/bot-harness.js";
import { createTestDatabase } from "../support/postgres.js";
import { inputArb } from "../support/hostile-inputs.js";
import { utf8 } from "../support/spreadsheets.js";
import { storedText } from "../support/on-disk.js";

const PEOPLE = [ADMIN, OFFICER, VIEWER, OUTSIDER];
const COMMANDS = [
  "/start", "/bantuan", "/isi", "/indikator", "/status", "/draf", "/atur", "/tempel", "/anggaran", "/instansi", "/anggota",
  "/undang", "/undangan", "/gabung", "/profil", "/riwayat", "/ekspor", "/ekspor xlsx", "/grafik", "/impor", "/pulihkan",
  "/tahun", "/batal", "/cek 86,11 80", "/cek", "/daftar",
];
/** The bot's commands (those of COMMANDS, and the aliases /help and /templat). */
const COMMAND_NAMES = new Set([...COMMANDS.map((c) => c.slice(1).split(" ")[0]!), "help", "templat"]);

/**
 * Whether text in a group is a command of this bot as Telegram reads one: "/name" or "/name@bot", then a space or
 * nothing. The bot answers those in a group (or says they are for private chats), and nothing else there ("/,w" is text).
 */
function commandForTheBot(text: string): boolean {
  const m = /^\/([A-Za-z_]+)(?:@(\w+))?(?:\s|$)/.exec(text.trim());
  return m !== null && COMMAND_NAMES.has(m[1]!.toLowerCase()) && (m[2] === undefined || m[2].toLowerCase() === FAKE_BOT_INFO.username.toLowerCase());
}

const nearlyValid = fc.constantFrom("80", "86,11", "lewati", "tidak ada", "Rp 1,5 M", "2025-2029", "Program Baru", "Koordinasi yang baik", "56/57", "B", "kembali", "ya");

/** A file an officer might send: the Perjanjian Kinerja as CSV (good, odd or broken), or something else. */
const FILES: [string, string][] = [
  ["pk.csv", "Sasaran;Indikator;Satuan;Target;Realisasi\nMeningkatnya Penyelenggaraan Kesejahteraan Sosial;Persentase PSKS aktif;%;90;86,11\n"],
  ["pk.csv", "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n1\tSasaran <b>\tJumlah & KPM\t100%\n"],
  ["anggaran.csv", "Program;Kegiatan;Sub Kegiatan;Pagu;Realisasi\nProgram Perlindungan Sosial;;;Rp 1,5 M;1.200.000.000\n"],
  ["catatan.csv", "Nama;Alamat\nBudi;Dumai\n"],
  ["laporan.pdf", "%PDF-1.4"],
];

type Step =
  | { who: number; kind: "command"; index: number }
  | { who: number; kind: "text"; text: string }
  | { who: number; kind: "press"; back: number; button: number }
  | { who: number; kind: "edit"; text: string }
  | { who: number; kind: "file"; index: number }
  | { who: number; kind: "group"; text: string }
  | { who: number; kind: "restart" }
  | { who: number; kind: "other"; what: "photo" | "sticker" | "voice" };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("command" as const), index: fc.nat(COMMANDS.length - 1) }) },
  { weight: 6, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("text" as const), text: fc.oneof(inputArb, nearlyValid) }) },
  { weight: 12, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("press" as const), back: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat(5) }), button: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("edit" as const), text: fc.oneof(inputArb, nearlyValid) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("file" as const), index: fc.nat(FILES.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("restart" as const) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("other" as const), what: fc.constantFrom("photo" as const, "sticker" as const, "voice" as const) }) },
  { weight: 1, arbitrary: fc.record({ who: fc.nat(3), kind: fc.constant("group" as const), text: fc.oneof(fc.constantFrom("/cek 86,11 80", "/cek 56/57 97,5", "/isi", "/start", "/bantuan"), inputArb) }) },
);
/** The group chat everyone is in. */
const GROUP = -1001;
let files = 0;

/** A storage for the walk: the bot on it, a second reader (another process, or a restart), and what is stored now. */
interface Backend {
  bot: BotOn<Repository>;
  /** Stop the bot and start it again on the same storage and the same chats (a deploy, a crash after the last reply). */
  restart(): Promise<void>;
  /** A repository that did not serve the bot: it reads what is stored, not what the bot holds in memory. */
  fresh(): Promise<Repository>;
  /** Every agency as stored (its files, or its row), by id: equal texts mean nothing was stored. */
  stored(): Promise<Map<string, string>>;
  cleanup(): Promise<void>;
}

async function lowdbBackend(): Promise<Backend> {
  const dir = await makeDir();
  const backend: Backend = {
    bot: botOn(new LowdbRepository({ dir })),
    async restart() {
      const { telegram, clock } = backend.bot;
      await backend.bot.repo.close();
      const errors = backend.bot.errors;
      backend.bot = botOn(new LowdbRepository({ dir, now: () => clock.now }), telegram, clock);
      backend.bot.errors.push(...errors);
    },
    fresh: async () => new LowdbRepository({ dir, backupDays: 0 }),
    async stored() {
      const names = await readdir(join(dir, "instansi"));
      const ids = [...new Set(names.filter((n) => n.endsWith(".json")).map((n) => n.slice(0, -".json".length)))];
      return new Map(await Promise.all(ids.map(async (id) => [id, await storedText(dir, "instansi", id)] as const)));
    },
    cleanup: () => backend.bot.repo.close(),
  };
  return backend;
}

async function postgresBackend(): Promise<Backend> {
  const database = await createTestDatabase();
  const observer = await PgRepository.open({ url: database.url });
  const backend: Backend = {
    bot: botOn(await PgRepository.open({ url: database.url })),
    async restart() {
      const { telegram, clock } = backend.bot;
      await backend.bot.repo.close();
      const errors = backend.bot.errors;
      backend.bot = botOn(await PgRepository.open({ url: database.url, now: () => clock.now }), telegram, clock);
      backend.bot.errors.push(...errors);
    },
    fresh: async () => observer,
    async stored() {
      const rows = await observer.db.query<{ id: string; version: string; doc: string }>("SELECT id, version::text AS version, doc::text AS doc FROM agencies");
      return new Map(rows.rows.map((r) => [r.id, `${r.version}\n${r.doc}`]));
    },
    async cleanup() {
      await backend.bot.repo.close();
      await observer.close();
      await database.drop();
    },
  };
  return backend;
}

/** Every agency `ids` and every person as `repo` reads them, as one text, keys sorted (PostgreSQL's JSONB keeps its own order). */
async function everything(repo: Repository, ids: string[]): Promise<string> {
  const agencies = await Promise.all(ids.map((id) => repo.agencies.read(id)));
  const people = await Promise.all(PEOPLE.map((p) => repo.users.read(String(p.id))));
  return JSON.stringify([agencies, people], (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

/**
 * Steps in batches of up to `size` people acting at once, in the walk's order: each person, and the group, once per
 * batch (the replies of a chat are told apart by chat).
 */
function batches(walk: Step[], size: number): Step[][] {
  const out: Step[][] = [];
  const clash = (a: Step, b: Step) => a.who === b.who || (a.kind === "group" && b.kind === "group") || a.kind === "restart" || b.kind === "restart";
  for (const s of walk) {
    const last = out[out.length - 1];
    if (last && last.length < size && !last.some((x) => clash(x, s))) last.push(s);
    else out.push([s]);
  }
  return out;
}

/** One step of one person; the bot's replies to them (undefined: a press with no message to press on). */
async function act(h: BotOn<Repository>, s: Step): Promise<SentMessage[] | undefined> {
  const user = PEOPLE[s.who]!;
  switch (s.kind) {
    case "command":
      return h.driver.send(user, COMMANDS[s.index]!);
    case "text":
      return h.driver.send(user, s.text);
    case "edit":
      return h.driver.edit(user, s.text);
    case "group":
      return h.driver.send(user, s.text, GROUP);
    case "file": {
      const [name, content] = FILES[s.index]!;
      const fileId = `walk-${++files}`;
      h.telegram.files.set(fileId, utf8(content));
      return h.driver.sendDocument(user, fileId, name, utf8(content).length);
    }
    case "press":
      return press(h, user, s.back, s.button);
    case "other":
      return h.driver.sendOther(user, s.what);
    case "restart":
      return undefined; // done by the walk, which holds the bot
  }
}

/** The person presses button `button` (modulo their count) of their `back`-th latest message with buttons; undefined when they have none. */
async function press(h: BotOn<Repository>, user: FakeUser, back: number, button: number): Promise<SentMessage[] | undefined> {
  const withButtons = h.telegram.sent.filter((m) => m.chatId === user.id && m.keyboard.length > 0);
  const message = withButtons[withButtons.length - 1 - Math.min(back, withButtons.length - 1)];
  if (!message) return undefined;
  const buttons = message.keyboard.flat();
  const chosen = buttons[button % buttons.length]!;
  const before = h.telegram.sent.length;
  await h.driver.bot.handleUpdate(h.telegram.callbackUpdate(user, chosen.callback_data, message.messageId));
  return h.telegram.sent.slice(before).filter((m) => m.chatId === user.id);
}

/** `after` is `before` with only some of `users` gone from its members (they left it): nothing else changed. */
function leftOnly(before: AgencyDocument | undefined, after: AgencyDocument, users: readonly FakeUser[]): boolean {
  if (!before || JSON.stringify(before.data) !== JSON.stringify(after.data) || after.closed) return false;
  const gone = before.members.filter((m) => !after.members.some((a) => a.userId === m.userId));
  const kept = before.members.filter((m) => !gone.includes(m));
  return gone.length > 0 && gone.every((m) => users.some((u) => u.id === m.userId)) && JSON.stringify(kept) === JSON.stringify(after.members);
}

/** The demo's admin put back as its admin (and as their active agency) after they left it. */
async function putBackAdmin(h: BotOn<Repository>, agencyId: string): Promise<void> {
  const doc = (await h.repo.agencies.read(agencyId))!;
  if (doc.members.some((m) => m.userId === ADMIN.id)) return;
  await h.repo.agencies.update(agencyId, async (d) => {
    d!.members = [{ userId: ADMIN.id, name: "Sari Wulandari", role: "admin", addedAt: d!.createdAt, addedBy: null }, ...d!.members];
    return { next: d!, result: undefined };
  });
  await h.repo.users.update(String(ADMIN.id), async (u) => {
    u!.agencies = [agencyId, ...u!.agencies.filter((a) => a !== agencyId)];
    u!.activeAgencyId = agencyId;
    return { next: u!, result: undefined };
  });
}

const ROLES = new Map([
  [OFFICER.id, "editor"],
  [VIEWER.id, "viewer"],
] as const);

async function restoreRoles(h: BotOn<Repository>, agencyId: string): Promise<void> {
  const wrong = (await h.repo.agencies.read(agencyId))!.members.some((m) => ROLES.has(m.userId) && ROLES.get(m.userId) !== m.role);
  if (!wrong) return;
  await h.repo.agencies.update(agencyId, async (doc) => {
    for (const m of doc!.members) m.role = ROLES.get(m.userId) ?? m.role;
    return { next: doc!, result: undefined };
  });
}

describe.each([
  ["lowdb", 1, lowdbBackend],
  ["PostgreSQL", 1, postgresBackend],
  ["lowdb", 3, lowdbBackend],
  ["PostgreSQL", 3, postgresBackend],
] as const)("random walk on %s, %i at a time", (_name, together, makeBackend) => {
  it("four people in two agencies press, type and command at random: no error, only members who may edit change an agency, everything stored reads back", async () => {
    const backend = await makeBackend();
    await seedDemo(backend.bot.services, ADMIN);
    const demo = (await backend.bot.repo.users.read(String(ADMIN.id)))!.activeAgencyId!;
    await joinByInvitation(backend.bot, ADMIN, OFFICER);
    await joinByInvitation(backend.bot, ADMIN, VIEWER, "Pembaca (banyak orang)");
    let other = await registerAgency(backend.bot, OUTSIDER, "Dinas Sosial Kota Lain");
    expect((await backend.bot.repo.agencies.read(demo))!.members.map((m) => [m.userId, m.role])).toEqual([
      [ADMIN.id, "admin"],
      [OFFICER.id, "editor"],
      [VIEWER.id, "viewer"],
    ]);
    expect(other).not.toBe(demo);

    const problems: string[] = [];
    const changedBy = new Map<string, number>();
    let steps = 0;
    let restarts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 15 }), async (walk) => {
        // The admin's buttons remove members and change roles now and then, and each person leaves an agency now
        // and then: each walk starts with the team complete again (a colleague who left or was removed invited back,
        // a changed role set back, the demo's admin who left put back, the other agency closed by its only member
        // registered again).
        if ((await backend.bot.repo.agencies.read(other))!.closed) other = await registerAgency(backend.bot, OUTSIDER, "Dinas Sosial Kota Lain");
        await putBackAdmin(backend.bot, demo);
        const members = (await backend.bot.repo.agencies.read(demo))!.members;
        if (!members.some((m) => m.userId === OFFICER.id)) await joinByInvitation(backend.bot, ADMIN, OFFICER);
        if (!members.some((m) => m.userId === VIEWER.id)) await joinByInvitation(backend.bot, ADMIN, VIEWER, "Pembaca (banyak orang)");
        await restoreRoles(backend.bot, demo);
        for (const batch of batches(walk, together)) {
          steps += batch.length;
          if (batch[0]!.kind === "restart") {
            // What the bot reads after a restart is what it read before: every agency, every person's place in their conversation.
            const ids = [...(await backend.stored()).keys()];
            const seen = await everything(backend.bot.repo, ids);
            await backend.restart();
            const again = await everything(backend.bot.repo, ids);
            if (again !== seen) {
              let at = 0;
              while (again[at] === seen[at]) at++;
              problems.push(`step ${steps}: after a restart the bot reads other data: …${seen.slice(Math.max(0, at - 200), at + 100)}… against …${again.slice(Math.max(0, at - 200), at + 100)}…`);
            }
            restarts++;
            continue;
          }
          const users = batch.map((s) => PEOPLE[s.who]!);
          const before = await backend.stored();
          const mayEdit = new Map<string, string[]>(); // agency → who in the batch may edit it
          const was = new Map<string, AgencyDocument>(); // agency → as it was before the step
          for (const id of before.keys()) {
            const doc = await backend.bot.repo.agencies.read(id);
            if (doc) was.set(id, doc);
            const members = doc?.members ?? [];
            mayEdit.set(id, users.filter((u) => ["editor", "admin"].includes(members.find((m) => m.userId === u.id)?.role ?? "")).map((u) => u.first_name));
          }
          const where = `step ${steps}: ${batch.map((s) => `${PEOPLE[s.who]!.first_name} ${JSON.stringify(s).slice(0, 80)}`).join(" & ")}`;
          // Everyone in the batch at the same moment, as separate people do.
          const replies = await Promise.all(batch.map((s) => act(backend.bot, s)));
          batch.forEach((s, k) => {
            const user = users[k]!;
            const said = replies[k];
            // In a group the bot answers only its group commands (and says so for the others); plain text there is not for it.
            const quietInGroup = s.kind === "group" && !commandForTheBot(s.text);
            if (s.kind !== "press" && !quietInGroup && said?.length === 0) problems.push(`${where}: no reply to ${user.first_name}`);
            if (quietInGroup && said!.length > 0) problems.push(`${where}: answered plain text in a group`);
            // Nothing of an agency reaches someone who is not in it: the demo's name and an indicator of it never reach
            // the other agency's admin, the other agency's name never reaches the demo's people.
            if (s.kind !== "group") {
              const text = (said ?? []).map((m) => `${m.text} ${m.caption ?? ""} ${m.file?.filename ?? ""}`).join("\n");
              const foreign = user === OUTSIDER ? ["Pemberdayaan Masyarakat Kota Dumai", "Kelurahan Cepat Berkembang", demo] : ["Dinas Sosial Kota Lain", other];
              for (const f of foreign) if (text.includes(f)) problems.push(`${where}: told ${user.first_name} "${f}" of an agency they are not in: ${text.slice(0, 600)}`);
            }
          });

          const after = await backend.stored();
          for (const [id, text] of after) {
            if (before.get(id) === text) continue;
            const stored = await (await backend.fresh()).agencies.read(id);
            if (!stored) continue; // deleted or not yet complete on disk is not a state this bot leaves; a read would say so
            // An existing agency changed: someone acting must have been allowed to edit it before the step, or one of
            // its members acting left it (its data as it was).
            const editors = mayEdit.get(id);
            if (editors !== undefined && editors.length === 0 && !leftOnly(was.get(id), stored, users)) problems.push(`${where}: changed agency ${id}, where none of them may edit`);
            const parsed = AgencyFileSchema.safeParse(JSON.parse(JSON.stringify(stored.data)));
            if (!parsed.success) problems.push(`${where}: agency ${id} fails its schema: ${parsed.error.message.slice(0, 200)}`);
            for (const name of editors ?? users.map((u) => u.first_name)) changedBy.set(name, (changedBy.get(name) ?? 0) + 1);
          }
          for (const user of users) {
            const session = (await (await backend.fresh()).users.read(String(user.id)))?.session;
            if (session !== undefined && session !== null && !StateSchema.safeParse(session).success) problems.push(`${where}: state unreadable ${JSON.stringify(session).slice(0, 200)}`);
          }
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 100), seed: Number(process.env.SEED ?? 20261206) },
    );
    expect(problems).toEqual([]);
    expect(backend.bot.errors).toEqual([]);
    expect(steps).toBeGreaterThan(900);
    expect(restarts).toBeGreaterThan(10);
    // The walk did change data, by the people who may.
    expect(changedBy.get(ADMIN.first_name)).toBeGreaterThan(5);
    expect(changedBy.get(OFFICER.first_name)).toBeGreaterThan(0);
    expect(changedBy.get(OUTSIDER.first_name)).toBeGreaterThan(5);
    await backend.cleanup();
  }, 600_000);
});
