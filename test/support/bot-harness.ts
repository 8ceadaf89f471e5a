/** A bot on a temporary data directory, driven through the fake Telegram transport. */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import type { Services } from "../../src/app/services.js";
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { parseAgency } from "../../src/domain/schema/parse-agency.js";
import { createBot } from "../../src/bot/bot.js";
import type { Logger } from "../../src/bot/router.js";
import { FAKE_BOT_INFO, FakeTelegram, htmlToPlain, type FakeUser, type SentMessage } from "../../src/local/fake-telegram.js";
import { ChatDriver } from "../../src/local/session.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import type { Repository } from "../../src/storage/repository.js";

export const ADMIN: FakeUser = { id: 501, first_name: "Sari", last_name: "Wulandari" };
export const OFFICER: FakeUser = { id: 502, first_name: "Budi" };
export const VIEWER: FakeUser = { id: 503, first_name: "Rina" };
export const OUTSIDER: FakeUser = { id: 504, first_name: "Joko" };

/** A bot on a repository, driven through the fake Telegram transport. */
export interface BotOn<R extends Repository> {
  repo: R;
  services: Services;
  telegram: FakeTelegram;
  driver: ChatDriver;
  errors: string[];
  clock: { now: Date };
}

export interface Harness extends BotOn<LowdbRepository> {
  dir: string;
  /** Rebuild the bot and repository on the same directory (a restart), keeping the transport. */
  restart(): Harness;
}

export async function makeDir(prefix = "lkjip-bot-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function harness(dir?: string): Promise<Harness> {
  const base = dir ?? (await makeDir());
  return build(base, new FakeTelegram(1), { now: new Date("2025-01-15T03:00:00Z") });
}

function build(dir: string, telegram: FakeTelegram, clock: { now: Date }): Harness {
  const repo = new LowdbRepository({ dir, now: () => clock.now });
  return { ...botOn(repo, telegram, clock), dir, restart: () => build(dir, telegram, clock) };
}

/** A bot on `repo` (any storage), with a fresh fake Telegram unless one is given. */
export function botOn<R extends Repository>(repo: R, telegram = new FakeTelegram(1), clock = { now: new Date("2025-01-15T03:00:00Z") }): BotOn<R> {
  const errors: string[] = [];
  const logger: Logger = { error: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.stack : String(e)}`) };
  const services: Services = { repo, now: () => clock.now, random: (n) => randomBytes(n) };
  const bot = createBot({ token: "123:TEST", services, botInfo: FAKE_BOT_INFO, logger, download: telegram.download });
  telegram.install(bot);
  return { repo, services, telegram, driver: new ChatDriver(bot, telegram), errors, clock };
}

/** The replies as plain text, one message after another. */
export function plain(replies: SentMessage[]): string {
  return replies.map((r) => htmlToPlain(r.text || r.caption || "")).join("\n\n");
}

/** Register an agency through the conversation (from /start) and return its id. */
export async function registerAgency(h: BotOn<Repository>, user: FakeUser, name = "Dinas Sosial Kabupaten Contoh"): Promise<string> {
  await h.driver.send(user, "/start");
  await h.driver.press(user, "🏛 Daftarkan instansi");
  return answerRegistration(h, user, name, "Kabupaten Contoh");
}

/** Register an agency of `region` with /daftar (as an officer who belongs to agencies already does) and return its id. */
export async function registerWithCommand(h: BotOn<Repository>, user: FakeUser, name: string, region: string): Promise<string> {
  await h.driver.send(user, "/daftar");
  return answerRegistration(h, user, name, region);
}

/** The answers of a registration from its name on: the region typed (its level taken from it), 2024, 2021–2026, the default profile. */
async function answerRegistration(h: BotOn<Repository>, user: FakeUser, name: string, region: string): Promise<string> {
  const d = h.driver;
  await d.send(user, name);
  const listed = await d.send(user, region);
  // Agencies registered in the region already (by other steps) are listed first: this one is another.
  const another = listed[0]?.keyboard.flat().find((b) => b.text.startsWith("➕ Tetap daftarkan"));
  if (another) await d.press(user, another.text);
  await d.send(user, "2024");
  await d.send(user, "2021-2026");
  await d.press(user, "✅ Gunakan pengaturan bawaan");
  const u = await h.repo.users.read(String(user.id));
  return u!.activeAgencyId!;
}

/** `user` pastes `rows` ("Sasaran | Indikator | Satuan | Target" lines) after /tempel and saves them. */
export async function pasteTable(h: BotOn<Repository>, user: FakeUser, rows: string): Promise<void> {
  await h.driver.send(user, "/tempel");
  await h.driver.send(user, rows);
  await h.driver.press(user, "✅ Simpan");
}

/**
 * `user` registers an agency with one indicator (Persentase PSKS aktif, target 2024: 80%) and gives its
 * realisasi 2024 (86,11) through /isi, so that the next question is the target of 2023. Returns the agency's id.
 */
export async function askedForTarget2023(h: BotOn<Repository>, user: FakeUser): Promise<string> {
  const id = await registerAgency(h, user);
  await pasteTable(h, user, "Meningkatnya kesejahteraan sosial | Persentase PSKS aktif | % | 80");
  await h.driver.send(user, "/isi");
  const asked = plain(await h.driver.send(user, "86,11"));
  if (!asked.includes("Berapa target 2023 indikator ini?")) throw new Error(`not asked for the target of 2023:\n${asked}`);
  return id;
}

/** `user` adds a program through /anggaran with its pagu and realisasi as typed ("lewati" leaves them empty). */
export async function addProgram(h: BotOn<Repository>, user: FakeUser, name: string, budget = "lewati", spent = "lewati"): Promise<void> {
  await h.driver.send(user, "/anggaran");
  await h.driver.press(user, "➕ Program baru");
  await h.driver.send(user, name);
  await h.driver.send(user, budget);
  await h.driver.send(user, spent);
}

/** The code of a fresh invitation the admin makes with `/undang` and the role button `button` ("Editor (sekali pakai)", …). */
export async function inviteCode(h: BotOn<Repository>, admin: FakeUser, button: string): Promise<string> {
  await h.driver.send(admin, "/undang");
  const replies = await h.driver.press(admin, button);
  const code = /([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(replies[0]!.text)?.[1];
  if (!code) throw new Error(`no code in ${replies[0]!.text}`);
  return code;
}

/** `user` joins the admin's active agency with a fresh invitation (an editor's single-use code unless `button` says otherwise); returns the bot's replies to the code. */
export async function joinByInvitation(h: BotOn<Repository>, admin: FakeUser, user: FakeUser, button = "Editor (sekali pakai)"): Promise<SentMessage[]> {
  const code = await inviteCode(h, admin, button);
  await h.driver.send(user, "/gabung");
  return h.driver.send(user, code);
}

/** The agency's sasaran and budget lines replaced, as an import would leave them. */
export async function setAgencyData(h: BotOn<Repository>, id: string, parts: Pick<AgencyFileInput, "objectives" | "budgetLines">): Promise<void> {
  await h.repo.agencies.update(id, async (doc) => {
    const parsed = parseAgency({ ...doc!.data, ...parts });
    if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
    return { next: { ...doc!, data: parsed.file }, result: undefined };
  });
}
