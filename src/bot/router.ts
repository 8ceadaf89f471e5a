/**
 * The heart of the bot: for every update, load the user, skip duplicates,
 * dispatch to the flow for the command, button or current state, persist the
 * next state, and only then send the replies. Errors never crash the bot: a
 * user error is explained, anything else gets a generic apology and is logged.
 */
import type { Context } from "grammy";
import { GrammyError, InputFile } from "grammy";
import { UserError } from "../app/errors.js";
import type { Services } from "../app/services.js";
import { displayName, ensureUser } from "../app/users.js";
import { formatCount } from "../domain/numbers/format.js";
import { DocumentUnavailable, StorageUnreachable, writeRefused } from "../storage/repository.js";
import { KeyedMutex } from "../storage/mutex.js";
import { ConcurrencyLimit } from "./limit.js";
import { leftUnsaved, ownButton } from "./left-unsaved.js";
import type { RepliesAfterAck } from "./replies-after-ack.js";
import { equal } from "../app/paths.js";
import { ACTIVE_SINCE_NEXT_MESSAGE, ROLES } from "../storage/documents.js";
import { IDLE, readState, type State } from "./state.js";
import type { Outcome, Turn } from "./turn.js";
import { escapeHtml, html, splitHtml, splitKeyboard, text, type Button, type Out } from "./ui.js";
import * as start from "./flows/start.js";
import * as members from "./flows/members.js";
import * as joinRequest from "./flows/join-request.js";
import * as leaving from "./flows/leave.js";
import * as merging from "./flows/merge.js";
import type { LeaveKind } from "../app/leave.js";
import * as entry from "./flows/entry.js";
import * as indicator from "./flows/indicator.js";
import * as read from "./flows/read.js";
import * as agencyStatus from "./flows/status.js";
import * as setup from "./flows/setup.js";
import * as paste from "./flows/paste.js";
import * as budget from "./flows/budget.js";
import * as budgetList from "./flows/budget-list.js";
import * as profile from "./flows/profile.js";
import * as year from "./flows/year.js";
import * as history from "./flows/history.js";
import * as restore from "./flows/restore.js";
import * as exporting from "./flows/export.js";
import * as files from "./flows/files.js";
import * as importing from "./flows/import.js";

files.registerFileExports();

/** Longest text message handled (Telegram's own limit for a message). */
export const MAX_INPUT = 4096;

export interface Logger {
  error(message: string, error?: unknown): void;
}

/** Commands usable in group chats; everything else needs a private chat. */
const GROUP_COMMANDS = new Set(["cek", "bantuan", "help", "start"]);

type Command = (turn: Turn, args: string) => Promise<Outcome> | Outcome;

const COMMANDS: Record<string, Command> = {
  start: (t, args) => start.start(t, args),
  bantuan: () => read.help(),
  help: () => read.help(),
  cek: (_t, args) => read.check(args),
  daftar: (turn) => start.beginRegister(turn),
  gabung: (t, args) => (args.trim() ? start.joinText(t, args) : start.beginJoin()),
  instansi: (t) => start.listAgencies(t),
  undang: (t) => members.inviteMenu(t),
  undangan: (t) => members.listInvites(t),
  anggota: (t) => members.listMembers(t),
  isi: (t) => entry.beginEntry(t),
  indikator: (t) => indicator.chooseIndicator(t),
  status: (t) => agencyStatus.status(t),
  draf: (t) => read.draftMenu(t),
  atur: (t) => setup.setupMenu(t),
  tempel: (t) => paste.beginPaste(t),
  anggaran: (t) => budgetList.budgetMenu(t),
  profil: (t) => profile.profileMenu(t),
  riwayat: (t) => history.chooseHistory(t),
  pulihkan: (t) => restore.listBackups(t),
  tahun: (t) => year.yearMenu(t),
  ekspor: (t, args) => exporting.exportCommand(t, args),
  grafik: (t) => files.chartMenu(t),
  impor: (t) => importing.importHelp(t),
  templat: (t) => importing.sendTemplate(t),
  batal: (t) => (t.state.flow === "idle" ? { replies: [text(html("umum.tidak_ada_yang_dibatalkan"))], state: IDLE } : { replies: [text(html("umum.dibatalkan"))], state: IDLE }),
};

/** Extra commands registered by other modules (exports, history, restore). */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

/** A button's route; `fetch` downloads a file the officer sent earlier (a merge's "Gabungkan" takes it again). */
type CallbackRoute = [RegExp, (turn: Turn, m: RegExpExecArray, fetch: merging.FetchFile) => Promise<Outcome> | Outcome];

const CALLBACKS: CallbackRoute[] = [
  [/^start:reg$/, (turn) => start.beginRegister(turn)],
  [/^start:join$/, () => start.beginJoin()],
  [/^reg:/, (t, m) => start.registerCallback(t, t.state, m.input)],
  [/^agency:(.+)$/, (t, m) => start.chooseAgency(t, m[1]!)],
  [/^jr:([A-Za-z0-9._-]+):(\d{1,16}):(e|v|x)$/, (t, m) => joinRequest.answerJoin(t, m[1]!, Number(m[2]), m[3]!)],
  [/^agencies:(\d{1,6})$/, (t, m) => start.listAgencies(t, Number(m[1]))],
  [/^inv:new:(editor|viewer):(1|n)$/, (t, m) => members.createInvite(t, m[1] as "editor" | "viewer", m[2] === "n")],
  [/^inv:rev:(.+)$/, (t, m) => members.revokeInvite(t, m[1]!)],
  [/^undangan:(\d{1,6})$/, (t, m) => members.listInvites(t, Number(m[1]))],
  [/^anggota:(\d{1,6})$/, (t, m) => members.listMembers(t, Number(m[1]))],
  [/^mem:(\d+)$/, (t, m) => members.memberActions(t, Number(m[1]))],
  [new RegExp(`^role:(\\d+):(${ROLES.join("|")})$`), (t, m) => members.setRole(t, Number(m[1]), m[2] as (typeof ROLES)[number])],
  [/^rm:(\d+)$/, (t, m) => members.confirmRemove(t, Number(m[1]))],
  [/^rmok:(\d+)$/, (t, m) => members.remove(t, Number(m[1]))],
  [/^leave$/, (t) => leaving.confirmLeave(t)],
  [/^leave:ok:(leave|close)$/, (t, m) => leaving.leave(t, m[1] as LeaveKind)],
  [/^reopen:([A-Za-z0-9._-]+)$/, (t, m) => leaving.reopen(t, m[1]!)],
  [/^go:isi$/, (t) => entry.beginEntry(t)],
  [/^isi:(skip|back|stop|none)$/, (t, m) => (t.state.flow === "entry" ? entry.entryControl(t, t.state, m[1] as "skip" | "back" | "stop" | "none") : { replies: [text(html("akses.tombol_kedaluwarsa"))] })],
  [/^indl:([A-Za-z0-9._-]+)(?::(\d{1,6}))?$/, (t, m) => indicator.indicatorLines(t, m[1]!, Number(m[2] ?? 0))],
  [/^indb:([A-Za-z0-9._-]+)$/, (t, m) => indicator.useLinesBudget(t, m[1]!)],
  [/^ind:(.+)$/, (t, m) => indicator.showIndicator(t, m[1]!)],
  [/^pi:ind:([A-Za-z0-9._-]+)$/, (t, m) => indicator.chooseIndicator(t, m[1]!)],
  [/^pi:rw:([A-Za-z0-9._-]+)$/, (t, m) => history.chooseHistory(t, m[1]!)],
  [/^pi:tren:([A-Za-z0-9._-]+)$/, (t, m) => files.chooseTrend(t, m[1]!)],
  [/^pi:lk:([A-Za-z0-9._*-]+)$/, (t, m) => budget.chooseLinkSasaran(t, t.state, m[1]!)],
  [/^e:(.+)$/, (t, m) => entry.askSingle(t, m[1]!)],
  [/^draf:(.+)$/, (t, m) => read.draftSection(t, m[1]!)],
  [/^st:([A-Za-z0-9._-]+)(?::(\d{1,6}))?$/, (t, m) => agencyStatus.objectiveStatus(t, m[1]!, Number(m[2] ?? 0))],
  [/^agr:([A-Za-z0-9._-]+)(?::(\d{1,6}))?$/, (t, m) => budgetList.budgetDetail(t, m[1]!, Number(m[2] ?? 0))],
  [/^atur:paste$/, (t) => paste.beginPaste(t)],
  [/^atur:/, (t, m) => setup.setupCallback(t, m.input)],
  [/^new:/, (t, m) => setup.indicatorCallback(t, t.state, m.input)],
  [/^paste:/, (t, m) => paste.pasteCallback(t, t.state, m.input)],
  [/^(line:|lk:)/, (t, m) => budget.budgetCallback(t, t.state, m.input)],
  [/^prof:/, (t, m) => profile.profileCallback(t, m.input)],
  [/^rw:([A-Za-z0-9._*-]+):(\d{1,6}):(\d{1,12})$/, (t, m) => history.showHistory(t, m[1]!, Number(m[2]), Number(m[3]))],
  [/^rw:(.+)$/, (t, m) => history.showHistory(t, m[1]!)],
  [/^undo:(\d+)$/, (t, m) => history.undo(t, Number(m[1]))],
  [/^rst:(\d{4}-\d{2}-\d{2})$/, (t, m) => restore.confirmRestore(t, m[1]!)],
  [/^rstok:(\d{4}-\d{2}-\d{2})$/, (t, m) => restore.restore(t, m[1]!)],
  [/^exp:([a-z]+)$/, (t, m) => exporting.exportCommand(t, m[1]!)],
  [/^chart:(capaian|efisiensi|tren)(?::(.+))?$/, (t, m) => files.chart(t, m[1]!, m[2])],
  [/^imp:(save|rename|cancel)$/, (t, m) => importing.importCallback(t, t.state, m.input)],
  [/^mrg:(save|cancel)$/, (t, m, fetch) => merging.mergeCallback(t, t.state, m.input, fetch)],
  [/^year:/, (t, m) => year.yearCallback(t, m.input)],
];

export function registerCallback(route: CallbackRoute): void {
  CALLBACKS.unshift(route);
}

async function onText(turn: Turn, input: string): Promise<Outcome> {
  const s = turn.state;
  switch (s.flow) {
    case "register":
      return start.registerText(turn, s, input);
    case "join":
      return start.joinText(turn, input);
    case "entry":
      return entry.entryText(turn, s, input);
    case "objective-name":
      return setup.objectiveNameText(turn, s, input);
    case "indicator":
      return setup.indicatorText(turn, s, input);
    case "paste":
      return paste.pasteText(turn, s, input);
    case "line":
      return budget.lineText(turn, s, input);
    case "profile-number":
      return profile.profileNumberText(turn, s, input);
    case "profile-scale":
      return profile.profileScaleText(turn, s, input);
    case "year-plan":
      return year.yearPlanText(turn, s, input);
    case "import":
    case "merge":
      // The preview may be far above by now: what it waits for.
      return { replies: [text(html("impor.menunggu", { berkas: s.filename, gabung: s.flow === "merge" }))] };
    case "link":
      return budget.linkText(turn, s);
    case "idle":
      return { replies: [text(html("umum.tidak_dipahami"))] };
  }
}

/**
 * Buttons that do not act on the active agency: choosing one (and the pages of the list), starting a registration
 * or a join, answering a request to join (it names its agency, and the admin's role there is checked), and opening
 * again an agency the officer closed (it names its agency, and who closed it is checked).
 */
const AGENCY_FREE = /^(agency:|agencies:|start:|reg:|jr:|reopen:)/;

/** Telegram's form of our buttons. */
function inlineKeyboard(rows: Button[][]) {
  return { inline_keyboard: rows.map((row) => row.map((b) => ({ text: b.label, callback_data: b.data }))) };
}

/** A button on a message older than the active agency (see `activeSince` in storage/documents.ts). */
function madeForAnotherAgency(since: number | undefined, messageId: number | undefined): boolean {
  return since !== undefined && (messageId ?? 0) < since;
}

/**
 * The user's `activeSince` after a turn: the message of this turn when it switched from one active agency to another
 * (the buttons of earlier messages were made for the one before); the user's own message once the agency changed
 * outside their conversation; otherwise as it was.
 */
function activeSince(current: number | undefined, before: string | undefined, after: string | undefined, messageId: number | undefined, isButton: boolean): number | undefined {
  if (messageId === undefined) return current;
  if (before !== undefined && after !== before) return messageId;
  if (current === ACTIVE_SINCE_NEXT_MESSAGE && !isButton) return messageId;
  return current;
}

function parseCommand(textIn: string, botUsername: string): { name: string; args: string } | undefined {
  const m = /^\/([A-Za-z_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(textIn.trim());
  if (!m) return undefined;
  if (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { name: m[1]!.toLowerCase(), args: m[3] ?? "" };
}

export interface RouterOptions {
  services: Services;
  logger: Logger;
  /** Updates worked on at once (default 16); more wait in arrival order. */
  concurrency?: number;
  /** How sent files are fetched (Telegram's file API, or the fake transport). */
  download: importing.Download;
  /** The update is acknowledged once stored, its replies are sent after (webhook mode and long polling, see replies-after-ack.ts). */
  repliesAfterAck?: RepliesAfterAck;
}

export function createRouter(options: RouterOptions) {
  const { services, logger, download } = options;
  const locks = new KeyedMutex();
  const limit = new ConcurrencyLimit(options.concurrency ?? 16);
  // Recently handled update ids: a redelivered update is answered once even when it changed nothing.
  const recent = new Set<number>();
  const remember = (id: number) => {
    recent.add(id);
    if (recent.size > 10_000) recent.delete(recent.values().next().value!);
  };

  /** Send the replies in order; false when it stopped early (the user blocked the bot, or Telegram was not reached). */
  async function send(ctx: Context, chatId: number, replies: Out[]): Promise<boolean> {
    for (const out of replies) {
      if (out.kind === "later") {
        let made: Out[];
        try {
          made = await out.make();
        } catch (e) {
          made = [errorReply(e, logger, "gagal membuat balasan")];
        }
        if (!(await send(ctx, chatId, made))) return false;
        continue;
      }
      if (out.kind === "notify") {
        // Another officer's chat: one who blocked the bot, or any other failure, stops none of this update's replies.
        const markup = out.keyboard ? { reply_markup: inlineKeyboard(out.keyboard) } : {};
        await ctx.api.sendMessage(out.chatId, out.html, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, ...markup }).catch((e: unknown) => {
          if (!(e instanceof GrammyError && e.error_code === 403)) logger.error("gagal mengirim pemberitahuan", e);
        });
        continue;
      }
      try {
        if (out.kind === "text") {
          // The text in messages of at most 4096 characters, the keyboard on the last; a keyboard too
          // large for one message continues on messages of its own.
          const parts = splitHtml(out.html);
          const keyboards = out.keyboard ? splitKeyboard(out.keyboard) : [];
          for (let k = 1; k < keyboards.length; k++) parts.push(html("umum.pilihan_lanjutan", { bagian: k + 1, jumlah: keyboards.length }));
          for (let i = 0; i < parts.length; i++) {
            const keyboard = keyboards[i - (parts.length - keyboards.length)];
            await ctx.api.sendMessage(chatId, parts[i]!, {
              parse_mode: "HTML",
              link_preview_options: { is_disabled: true },
              ...(keyboard ? { reply_markup: inlineKeyboard(keyboard) } : {}),
            });
          }
        } else if (out.kind === "document") {
          await ctx.api.sendDocument(chatId, new InputFile(out.data, out.filename), out.caption ? { caption: out.caption, parse_mode: "HTML" } : {});
        } else {
          await ctx.api.sendPhoto(chatId, new InputFile(out.data, out.filename), out.caption ? { caption: out.caption, parse_mode: "HTML" } : {});
        }
      } catch (e) {
        if (e instanceof GrammyError && e.error_code === 403) return false; // the user blocked the bot: nothing more to send
        logger.error("gagal mengirim balasan", e);
        // Telegram not reached, after the retries and up to the call's deadline (api-calls.ts): the rest would each
        // wait as long, and arrive without the message before them.
        if (!(e instanceof GrammyError)) return false;
      }
    }
    return true;
  }

  /**
   * Handle one update and return what to send, once everything it changed is
   * stored: the answer, then the conversation state. Throws Unsaved when
   * nothing may be acknowledged (the caller sends its message instead).
   */
  async function turnReplies(ctx: Context, from: NonNullable<Context["from"]>, chat: NonNullable<Context["chat"]>, updateId: number, shared: boolean): Promise<Out[] | undefined> {
    const callback = ctx.callbackQuery;
    const messageText = ctx.message?.text;
    const command = messageText ? parseCommand(messageText, ctx.me.username) : undefined;

    // An edited message is not read again (its first version was answered): in a private chat the officer
    // is told that nothing changed and how to correct an answer; nothing is stored.
    if (ctx.editedMessage) return chat.type === "private" ? [text(html("umum.pesan_diubah"))] : undefined;

    // Group chats: only the commands meant for them; other messages are not for the bot.
    if (chat.type !== "private") {
      if (command && GROUP_COMMANDS.has(command.name)) {
        return (command.name === "cek" ? read.check(command.args) : command.name === "start" ? { replies: [text(html("akses.hanya_pribadi"))] } : read.help()).replies;
      }
      if ((command && COMMANDS[command.name]) || callback) return [text(html("akses.hanya_pribadi"))];
      return undefined;
    }

    let user;
    try {
      user = await ensureUser(services, from);
    } catch (e) {
      throw new Unsaved([errorReply(e, logger, "gagal membaca pengguna")]);
    }
    if (!shared && user.lastUpdateId !== undefined && updateId <= user.lastUpdateId) return undefined; // already handled (redelivery)

    const { state, reset } = readState(user.session);
    // Telegram numbers a private chat's messages, the user's and the bot's, in one rising sequence.
    const messageId = callback ? callback.message?.message_id : ctx.message?.message_id;
    const agencyBefore = user.activeAgencyId;
    const turn: Turn = { services, user, actor: { userId: from.id, name: user.name || displayName(from) }, state, chat: { id: chat.id, type: chat.type }, botUsername: ctx.me.username };
    let result: Outcome;
    try {
      if (callback) {
        const data = callback.data ?? "";
        const route = CALLBACKS.find(([re]) => re.test(data));
        if (!route || (madeForAnotherAgency(user.activeSince, messageId) && !AGENCY_FREE.test(data))) result = { replies: [text(html("akses.tombol_kedaluwarsa"))] };
        else result = await route[1](turn, route[0].exec(data)!, (fileId) => download(ctx, fileId));
      } else if (messageText !== undefined) {
        if (messageText.length > MAX_INPUT) result = { replies: [text(html("umum.terlalu_panjang", { panjang: formatCount(messageText.length), maks: formatCount(MAX_INPUT) }))] };
        else if (command && COMMANDS[command.name]) result = await COMMANDS[command.name]!(turn, command.args);
        else if (command) result = { replies: [text(html("umum.tidak_dipahami"))] };
        else result = await onText(turn, messageText);
      } else {
        result = (await importing.receiveDocument(turn, ctx, download)) ?? onOther(ctx);
      }
      // A form's own answers, its own buttons and /batal (which says so itself) do not leave it; anything else that
      // replaces it loses what was typed into it, and the officer is told.
      const own = command ? command.name === "batal" : callback ? ownButton(state, callback.data ?? "") : messageText !== undefined;
      const left = own ? undefined : leftUnsaved(state, result.state);
      if (left !== undefined) result = { ...result, replies: [text(left), ...result.replies] };
      if (reset) result = { ...result, replies: [text(html("umum.status_diatur_ulang")), ...result.replies] };
    } catch (e) {
      result = { replies: [errorReply(e, logger)] };
    }

    const next: State = result.state ?? state;
    try {
      // The state (and the id of the update that produced it) is saved before replying. An update
      // that changed nothing in the conversation is not written again: handling it twice is harmless.
      await services.repo.users.update(String(from.id), (u) => {
        if (!u) return { next: undefined, result: undefined };
        const since = activeSince(u.activeSince, agencyBefore, u.activeAgencyId, messageId, callback !== undefined);
        if (!reset && equal(u.session, next) && u.session !== null && since === u.activeSince) return { next: undefined, result: undefined };
        if (since !== undefined) u.activeSince = since;
        u.session = next;
        u.lastUpdateId = Math.max(u.lastUpdateId ?? 0, updateId);
        return { next: u, result: undefined };
      });
    } catch (e) {
      logger.error("gagal menyimpan status percakapan", e);
      throw new Unsaved([text(html("umum.galat"))]);
    }
    return result.replies;
  }

  return async function handle(ctx: Context): Promise<void> {
    const from = ctx.from;
    const chat = ctx.chat;
    if (!from || from.is_bot || !chat) return;
    // Only messages, edited messages and button presses are for the bot (ALLOWED_UPDATES); a change of
    // membership (an officer blocking or restarting the bot) and the like get no answer.
    if (!ctx.message && !ctx.editedMessage && !ctx.callbackQuery) return;
    const updateId = ctx.update.update_id;
    // One process: a lock per user in memory, recent update ids in memory and the last handled id per user.
    // Several processes on one database (the ledger): the whole update in one transaction holding the user's
    // lock across processes, recorded as handled with everything it stored (or not at all).
    const ledger = services.repo.updates;
    // The user's lock covers the whole update, replies included (they arrive in order); a slot of the
    // concurrency limit covers only the work, not the waiting for the user's earlier update or for Telegram.
    // Assigned, not a closure made here: tsx would name it with a property definition on every update.
    let stored: () => void = nothing;
    const storedSignal = new Promise<void>((resolve) => (stored = resolve));
    const work = locks.run(String(from.id), async () => {
      if (recent.has(updateId)) return;
      // The button's spinner stops while the update is worked on (a round trip to Telegram), before any reply.
      const buttonAnswered = ctx.callbackQuery ? ctx.answerCallbackQuery().catch(() => undefined) : undefined;
      let replies: Out[] | undefined;
      try {
        // A group's updates store and read nothing (only /cek and /bantuan are answered there): no ledger, so a
        // quick check needs no database round trip and is answered while the database is away.
        replies = await limit.run(() =>
          ledger && chat.type === "private"
            ? ledger.handle(`user:${from.id}`, updateId, (seen) => (seen ? Promise.resolve(undefined) : turnReplies(ctx, from, chat, updateId, true)))
            : turnReplies(ctx, from, chat, updateId, false),
        );
        remember(updateId);
      } catch (e) {
        replies = e instanceof Unsaved ? e.replies : [errorReply(e, logger, "gagal menangani pembaruan")];
      }
      stored();
      await buttonAnswered;
      if (replies) await send(ctx, chat.id, replies);
    });
    if (options.repliesAfterAck) await options.repliesAfterAck.acknowledge(work, storedSignal);
    else await work;
  };
}

function nothing(): void {}

/** Nothing of this update was stored; `replies` say so. */
class Unsaved extends Error {
  constructor(readonly replies: Out[]) {
    super("unsaved");
  }
}

/** Messages other than text and documents (photos, stickers, voice…): what the bot can read instead. */
function onOther(ctx: Context): Outcome {
  // A photo is most often a table photographed or screenshotted: say how to send it in a form that can be read.
  return { replies: [text(html(ctx.message?.photo ? "umum.foto" : "umum.bukan_teks"))] };
}

/**
 * What an officer is told when handling their update failed, wherever it failed (a flow, reading the user, the
 * commit): their own mistake; a document that cannot be read; the storage refusing the write (its disk full, or
 * read-only: what failed stored nothing, and the operator must act); the storage out of reach (nothing stored,
 * or not known); anything else, logged under `where`.
 */
function errorReply(e: unknown, logger: Logger, where = "kesalahan tak terduga"): Out {
  if (e instanceof UserError) return text(e.messages.map((m) => escapeHtml(m)).join("\n"));
  if (e instanceof DocumentUnavailable) {
    return text(html(e.collection === "instansi" ? "umum.instansi_rusak" : "umum.pengguna_rusak"));
  }
  const refused = writeRefused(e);
  if (refused) {
    logger.error(refused === "full" ? "ruang penyimpanan penuh" : "penyimpanan hanya dapat dibaca", e);
    return text(html(refused === "full" ? "umum.penyimpanan_penuh" : "umum.penyimpanan_hanya_baca"));
  }
  if (e instanceof StorageUnreachable) {
    logger.error(e.message, e.cause);
    return text(html(e.maybeStored ? "umum.penyimpanan_terputus" : "umum.penyimpanan_tidak_terhubung"));
  }
  logger.error(where, e);
  return text(html("umum.galat"));
}
