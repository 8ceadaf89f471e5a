/**
 * Load through the real bot pipeline: `bot.handleUpdate` with a transport
 * that answers every Bot API call at once (and only counts them). Officers
 * answer whatever /isi asks next, in bursts, the way officers work: a few
 * answers, then someone else's agency.
 */
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { randomBytes } from "node:crypto";
import type { Collection, Repository } from "../src/storage/repository.js";
import type { UserDocument } from "../src/storage/documents.js";
import { createBot } from "../src/bot/bot.js";
import type { RepliesAfterAck } from "../src/bot/replies-after-ack.js";
import { readState } from "../src/bot/state.js";
import { decodeKey, type QuestionKey } from "../src/app/entry/keys.js";
import { FAKE_BOT_INFO, FakeTelegram } from "../src/local/fake-telegram.js";
import { ConcurrencyLimit } from "../src/bot/limit.js";
import { benchUnit, officerId } from "./generate.js";

/** Officers at work at once in the hot fixed-rate run: their agencies fit the default cache (64). */
export const HOT_AT_WORK = 32;

export interface Pipeline {
  bot: Bot;
  /** How an officer's message reaches the bot: `bot.handleUpdate` (or a POST to the webhook, bench/webhook.ts). */
  deliver: (update: Update) => Promise<void>;
  updates: FakeTelegram;
  repo: Repository;
  apiCalls: { count: number };
  errors: string[];
  /** The conversation state the bot last wrote for each user (see `watchSessions`). */
  sessions: Map<string, unknown>;
}

/**
 * The repository as the bot sees it, except that every user document the bot
 * writes has its conversation state noted in `sessions` (the state is the
 * officer's screen: the question just asked). The load generator reads the
 * next question from there rather than from the store, so it adds no reads
 * of its own (with PostgreSQL, a read is a query). In-process, the same
 * for every storage.
 */
function watchSessions(repo: Repository, sessions: Map<string, unknown>): Repository {
  const users: Collection<UserDocument> = {
    read: (id) => repo.users.read(id),
    list: () => repo.users.list(),
    update: (id, fn) =>
      repo.users.update(id, async (current) => {
        const change = await fn(current);
        if (change.next !== undefined) sessions.set(id, change.next.session);
        return change;
      }),
  };
  return { agencies: repo.agencies, users, invitations: repo.invitations, regions: repo.regions, auditArchive: repo.auditArchive, backups: repo.backups, updates: repo.updates, close: () => repo.close() };
}

export interface PipelineOptions {
  /** Webhook mode's acknowledgement once stored (bench/webhook.ts). */
  repliesAfterAck?: RepliesAfterAck;
  /** The Bot API answers each call after this long (default: at once). */
  apiDelayMs?: number;
  /**
   * At most this many updates delivered to the bot at once, the others waiting
   * their turn in the order they were sent (default 0: no bound). Telegram
   * does this for a webhook (`max_connections`, WEBHOOK_MAX_CONNECTIONS) and
   * long polling takes at most 100 updates a batch, so an overloaded bot never holds
   * more: an update Telegram has not delivered yet waits on Telegram's side,
   * not in the bot's memory. An answer's latency counts from when it was sent
   * (or due), so the wait for a delivery is part of it.
   */
  deliveries?: number;
}

export function pipeline(repo: Repository, options: PipelineOptions = {}): Pipeline {
  const errors: string[] = [];
  const sessions = new Map<string, unknown>();
  const bot = createBot({
    token: "1:BENCH",
    services: { repo: watchSessions(repo, sessions), now: () => new Date(), random: (n) => randomBytes(n) },
    botInfo: FAKE_BOT_INFO,
    logger: { error: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.message : String(e)}`) },
    download: async () => new Uint8Array(),
    ...(options.repliesAfterAck ? { repliesAfterAck: options.repliesAfterAck } : {}),
  });
  const apiCalls = { count: 0 };
  let messageId = 1;
  const delay = options.apiDelayMs ?? 0;
  bot.api.config.use(async (_prev, method, payload) => {
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    apiCalls.count++;
    const chatId = Number((payload as { chat_id?: number }).chat_id ?? 0);
    const result = method.startsWith("send") ? { message_id: messageId++, date: 0, chat: { id: chatId, type: "private" } } : true;
    return { ok: true, result } as never;
  });
  const gate = options.deliveries ? new ConcurrencyLimit(options.deliveries) : undefined;
  const deliver = gate ? (update: Update) => gate.run(() => bot.handleUpdate(update)) : (update: Update) => bot.handleUpdate(update);
  return { bot, deliver, updates: new FakeTelegram(1_000_000), repo, apiCalls, errors, sessions };
}

function answerFor(key: QuestionKey, unit: string | undefined, k: number): string {
  switch (key.q) {
    case "target":
    case "actual":
      return unit === "%" ? `${70 + (k % 40)},${k % 10}` : String(100 + (k % 700));
    case "final":
      return "100";
    case "national":
      return "85 2023";
    case "factors":
      return "Koordinasi yang baik antar perangkat daerah";
    case "budget":
    case "line":
      return `${1 + (k % 9)}.250.000.000`;
  }
}

/**
 * The question officer n is asked next (the encoded key), as the officer's
 * session says (the state the bot last wrote, or, for an officer the bot has
 * not written yet, the stored one); undefined when /isi has nothing left.
 */
async function askedNext(p: Pipeline, n: number): Promise<string | undefined> {
  const id = String(officerId(n));
  const session = p.sessions.has(id) ? p.sessions.get(id) : (await p.repo.users.read(id))?.session;
  const state = readState(session).state;
  return state.flow === "entry" ? state.current : undefined;
}

/** Officer n sends /isi. */
async function openEntry(p: Pipeline, n: number): Promise<void> {
  await p.deliver(p.updates.textUpdate({ id: officerId(n), first_name: `Petugas ${n}` }, "/isi"));
}

/**
 * One answer of officer n to the question /isi asks next; undefined when the
 * officer has nothing left to answer. The question is taken from the session
 * the bot wrote with its reply (as the officer reads it on the phone), and
 * the answer is chosen from the question alone, so the load generator adds
 * no reads of its own. An officer without an open question first sends /isi (its
 * latency, from `arrived`, goes to `opened`); the answer is then a message of
 * its own, sent when the question has arrived, and its latency counts from
 * then. Otherwise the answer's latency counts from `arrived` (default: now).
 */
export async function answerNext(p: Pipeline, n: number, k: number, arrived?: number, opened?: (latency: number) => void): Promise<number | undefined> {
  const user = { id: officerId(n), first_name: `Petugas ${n}` };
  let current = await askedNext(p, n);
  // Timed from when it was due, or from when it was sent if that was earlier (a timer can fire up to a
  // millisecond early, and `until` does not wait for less than one): never a negative latency.
  const now = performance.now();
  let sent = arrived === undefined ? now : Math.min(arrived, now);
  if (current === undefined) {
    await openEntry(p, n);
    opened?.(performance.now() - sent);
    current = await askedNext(p, n);
    if (current === undefined) return undefined;
    sent = performance.now();
  }
  const key = decodeKey(current)!;
  const text = answerFor(key, key.q === "line" ? undefined : benchUnit(key.indicatorId), k);
  await p.deliver(p.updates.textUpdate(user, text));
  return performance.now() - sent;
}

export interface Stats {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
}

/** Answers, and the /isi messages that opened an entry pass before them (not counted as answers). */
export interface LoadStats extends Stats {
  opening: Stats;
  /**
   * The share of the run's time the process's main thread was busy (its event loop utilisation: the bot and
   * the load generator). Near 1 the answers queue behind each other, and any stop of the thread (a collection,
   * agencies being loaded) leaves a queue that drains only in the time left over (docs/benchmark.md, item 37).
   */
  busy: number;
}

export function stats(latencies: number[], seconds: number): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { count: sorted.length, seconds, perSecond: sorted.length / seconds, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Answers and the /isi messages that opened bursts, over the time since `started`, when the event loop's utilisation was `busySince`. */
function loadStats(latencies: number[], openings: number[], started: number, busySince: EventLoopUtilization): LoadStats {
  const seconds = (performance.now() - started) / 1000;
  return { ...stats(latencies, seconds), opening: stats(openings, seconds), busy: performance.eventLoopUtilization(busySince).utilization };
}

/** A wait of `until` that may be cut short: `wake` ends it at once. */
interface Sleeper {
  due: number;
  wake: () => void;
}

/**
 * Wait until the moment `due` (performance.now() time); at once when it is less than a millisecond away.
 * With `sleepers`, the wait is listed there until it ends, so that it can be woken early.
 */
function until(due: number, sleepers?: Set<Sleeper>): Promise<void> {
  const wait = due - performance.now();
  if (wait <= 1) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const sleeper: Sleeper = { due, wake: () => (clearTimeout(timer), sleepers?.delete(sleeper), resolve()) };
    const timer = setTimeout(sleeper.wake, wait);
    sleepers?.add(sleeper);
  });
}

/** Repeatable random numbers in [0, 1) (mulberry32). */
function randomSource(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An officer at work on agency n, with `left` answers still to give. */
type Officer = { n: number; left: number };

/** A stream of officers: random agencies, each for a burst of answers. */
export function officerStream(agencies: number, burst: number, seed = 7): () => Officer {
  const random = randomSource(seed);
  const stream = () => ({ n: Math.floor(random() * agencies), left: burst });
  sizes.set(stream, agencies);
  return stream;
}

const sizes = new WeakMap<object, number>();
function agenciesHint(stream: object): number {
  return sizes.get(stream) ?? Number.POSITIVE_INFINITY;
}

/** As many answers as possible with `concurrency` officers at work at once. */
export async function closedLoop(p: Pipeline, total: number, concurrency: number, stream: () => Officer): Promise<LoadStats> {
  const latencies: number[] = [];
  const openings: number[] = [];
  const busy = new Set<number>();
  let k = 0;
  const started = performance.now();
  const busySince = performance.eventLoopUtilization();
  const done = new Set<number>();
  const worker = async () => {
    let officer = stream();
    while (latencies.length < total) {
      if (officer.left === 0 || busy.has(officer.n) || done.has(officer.n)) {
        if (done.size >= agenciesHint(stream)) throw new Error("every agency is complete: use more agencies or fewer answers");
        officer = stream();
        await new Promise((r) => setImmediate(r));
        continue;
      }
      busy.add(officer.n);
      // The next message arrives from the network, as a new event (not in the same microtask run as the reply);
      // its latency counts from that moment, so the time it waits for the other officers' answers is included.
      const arrived = performance.now();
      await new Promise((r) => setImmediate(r));
      const latency = await answerNext(p, officer.n, k++, arrived, (l) => openings.push(l));
      busy.delete(officer.n);
      officer.left--;
      if (latency === undefined) {
        officer.left = 0;
        done.add(officer.n);
      } else latencies.push(latency);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return loadStats(latencies, openings, started, busySince);
}

/** Who answers next in a fixed-rate run: undefined when every officer at work is waiting for a reply and no other may start. */
interface Officers {
  take(): Officer | undefined;
  /** The officer's answer is in (`left` counted down, 0 when the officer has finished). */
  done(officer: Officer): void;
}

/** Officers without limit: the one answered last answers next; when every officer drawn is busy, the stream's next one starts (on another agency). */
function anyOfficers(stream: () => Officer): Officers {
  const idle: Officer[] = [];
  return {
    take: () => idle.pop() ?? stream(),
    done: (o) => {
      if (o.left > 0) idle.push(o);
    },
  };
}

/**
 * `size` officers at work at once, on agencies of their own, taking turns
 * (the one idle longest answers next); one who has finished is replaced by
 * the stream's next officer. They are at work before the first answer is
 * due (each has opened /isi, not measured) and part-way through their bursts
 * (the k-th with k/size of it left), so officers finish one after the other,
 * as in a steady state, instead of all at once.
 */
async function officersAtWork(p: Pipeline, stream: () => Officer, size: number): Promise<Officers> {
  const idle: Officer[] = [];
  const agencies = new Set<number>();
  const draw = () => {
    let o = stream();
    while (agencies.has(o.n)) o = stream();
    agencies.add(o.n);
    return o;
  };
  for (let k = 1; k <= size; k++) {
    const o = draw();
    o.left = Math.max(1, Math.round((o.left * k) / size));
    await openEntry(p, o.n);
    idle.push(o);
  }
  return {
    // One who has finished is replaced at once, so `size` officers stay at work.
    take: () => (agencies.size < size ? draw() : idle.shift()),
    done: (o) => {
      if (o.left > 0) idle.push(o);
      else agencies.delete(o.n);
    },
  };
}

/**
 * Answers arriving at a fixed rate (open loop): latency counts from the
 * moment an answer was due, so time spent waiting behind earlier answers is
 * included. An officer sends the next answer only after the previous reply.
 * An officer starting a burst sends /isi at the answer's due time (its
 * latency counts from then) and the answer as soon as the question arrives.
 * Without `atWork`, an answer due while every officer drawn so far is
 * waiting for a reply brings in a new officer (on another agency); with it,
 * that many officers are at work at once and such an answer waits for one.
 */
export async function fixedRate(p: Pipeline, perSecond: number, seconds: number, stream: () => Officer, atWork?: number): Promise<LoadStats & { target: number }> {
  const latencies: number[] = [];
  const openings: number[] = [];
  const interval = 1000 / perSecond;
  const total = Math.round(perSecond * seconds);
  const officers = atWork === undefined ? anyOfficers(stream) : await officersAtWork(p, stream, atWork);
  const busy = new Set<number>();
  const take = async () => {
    for (let tries = 1; ; tries++) {
      const o = officers.take();
      if (o && o.left > 0 && !busy.has(o.n)) return o;
      // Every officer is still waiting for a reply: let replies come in.
      if (!o || tries % 100 === 0) await new Promise((r) => setTimeout(r, 1));
    }
  };
  const started = performance.now();
  const busySince = performance.eventLoopUtilization();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    await until(due);
    const officer = await take();
    busy.add(officer.n);
    inflight.push(
      answerNext(p, officer.n, i, due, (l) => openings.push(l)).then((latency) => {
        busy.delete(officer.n);
        officer.left = latency === undefined ? 0 : officer.left - 1;
        if (latency !== undefined) latencies.push(latency);
        officers.done(officer);
      }),
    );
  }
  await Promise.all(inflight);
  return { ...loadStats(latencies, openings, started, busySince), target: perSecond };
}

/** Word exports made by other officers while a run went on (see whileExporting). */
export interface Exports {
  everyMs: number;
  made: number;
  /** From the officer's /ekspor to the document sent, ms. */
  p50: number;
  max: number;
}

/**
 * `run` while officers of other agencies each ask for their BAB III in Word
 * (`/ekspor docx`, through the bot as an officer sends it) every `everyMs`:
 * what the officers answering meanwhile wait for when files are made at the
 * same time (docs/benchmark.md, item 43). One export is made before the run,
 * so that the export thread has started and loaded its code.
 */
export async function whileExporting<T>(p: Pipeline, agencies: number, everyMs: number, run: () => Promise<T>): Promise<T & { exports: Exports }> {
  const random = randomSource(43);
  const exportOnce = async (): Promise<number> => {
    const n = Math.floor(random() * agencies);
    const t = performance.now();
    await p.deliver(p.updates.textUpdate({ id: officerId(n), first_name: `Petugas ${n}` }, "/ekspor docx"));
    return performance.now() - t;
  };
  await exportOnce();
  const times: number[] = [];
  const pending: Promise<void>[] = [];
  let running = true;
  const timer = setInterval(() => {
    if (running) pending.push(exportOnce().then((ms) => void times.push(ms)));
  }, everyMs);
  try {
    const result = await run();
    running = false;
    clearInterval(timer);
    await Promise.all(pending);
    times.sort((a, b) => a - b);
    return { ...result, exports: { everyMs, made: times.length, p50: times[Math.floor(times.length / 2)] ?? 0, max: times.at(-1) ?? 0 } };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Officers arriving at a fixed rate (open loop for officers): each opens
 * `/isi` when due and answers `burst` questions, each as soon as the reply to
 * the previous one has arrived (latency from then; `/isi`'s from the moment
 * the officer was due). Unlike `fixedRate`, slow replies slow the answers of
 * the officers already at work instead of bringing in more officers (more
 * agencies to load), as happens with real officers on their phones.
 */
export async function officerArrivals(p: Pipeline, officersPerSecond: number, seconds: number, burst: number, stream: () => Officer): Promise<LoadStats & { offered: number }> {
  const latencies: number[] = [];
  const openings: number[] = [];
  const interval = 1000 / officersPerSecond;
  const total = Math.round(officersPerSecond * seconds);
  const busy = new Set<number>();
  const started = performance.now();
  const busySince = performance.eventLoopUtilization();
  const work: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    await until(due);
    let officer = stream();
    while (busy.has(officer.n)) officer = stream();
    busy.add(officer.n);
    const n = officer.n;
    work.push(
      (async () => {
        for (let k = 0; k < burst; k++) {
          const latency = await answerNext(p, n, i * burst + k, k === 0 ? due : undefined, (l) => openings.push(l));
          if (latency === undefined) break;
          latencies.push(latency);
        }
        busy.delete(n);
      })(),
    );
  }
  await Promise.all(work);
  return { ...loadStats(latencies, openings, started, busySince), offered: officersPerSecond * burst };
}

/**
 * Officers who think before each answer, as on their phones: `officers`
 * officers, each on an agency of its own (distinct, chosen at random), each
 * sending the next answer a random think time (exponential, mean `thinkMs`)
 * after the previous reply, so about officers / think answers a second are
 * offered while thousands of agencies are in use at once (far more than the
 * cache holds: nearly every answer loads its agency and its officer). Officers
 * start at random moments over the first think time (with /isi); once every
 * officer has had a first reply, the answers due in the next `seconds` are
 * measured, latency from the moment each was due.
 * When replies are slow the officers wait for them, so the rate achieved is
 * what the bot carries. An officer whose next answer falls after the window
 * stops once the window is known (the longest of thousands of think times is
 * about nine mean think times, which the run used to sit out idle).
 */
export async function thinkingOfficers(p: Pipeline, agencies: number, officers: number, thinkMs: number, seconds: number, seed = 31): Promise<LoadStats & { offered: number; officers: number; thinkMs: number }> {
  if (officers > agencies) throw new Error(`${officers} officers need as many agencies (${agencies} stored)`);
  const random = randomSource(seed);
  // The first `officers` places of a Fisher–Yates shuffle: distinct random agencies.
  const chosen = Array.from({ length: agencies }, (_, i) => i);
  for (let i = 0; i < officers; i++) {
    const j = i + Math.floor(random() * (agencies - i));
    [chosen[i], chosen[j]] = [chosen[j]!, chosen[i]!];
  }
  const latencies: number[] = [];
  const openings: number[] = [];
  const think = () => -Math.log(1 - random()) * thinkMs;
  const begun = performance.now();
  // Measured: the answers due in the `seconds` after every officer has had a first reply (its /isi and
  // first answer) and one think time has passed, so that the morning's first /isi are not counted.
  let from = Number.POSITIVE_INFINITY;
  let to = Number.POSITIVE_INFINITY;
  let started = 0;
  let busySince = performance.eventLoopUtilization();
  // Officers thinking until their next answer: woken at once when the window, once set, ends before it.
  const thinking = new Set<Sleeper>();
  const firstReply = () => {
    if (++started < officers) return;
    from = Math.max(performance.now(), begun + thinkMs);
    to = from + seconds * 1000;
    busySince = performance.eventLoopUtilization();
    for (const sleeper of [...thinking]) if (sleeper.due >= to) sleeper.wake();
  };
  let k = 0;
  await Promise.all(
    chosen.slice(0, officers).map(async (n) => {
      for (let due = begun + random() * thinkMs, first = true; due < to; due = performance.now() + think(), first = false) {
        await until(due, thinking);
        if (due >= to) return; // the window was set while this officer was thinking
        const measured = due >= from;
        const latency = await answerNext(p, n, k++, due, (l) => measured && openings.push(l));
        if (first) firstReply();
        if (latency === undefined) return; // nothing left to answer
        if (measured) latencies.push(latency);
      }
    }),
  );
  const busy = performance.eventLoopUtilization(busySince).utilization;
  return { ...stats(latencies, seconds), opening: stats(openings, seconds), busy, offered: (officers * 1000) / thinkMs, officers, thinkMs };
}

/** /cek with `concurrency` senders at once. */
export async function quickChecks(p: Pipeline, total: number, concurrency: number): Promise<Stats> {
  const latencies: number[] = [];
  let sent = 0;
  const started = performance.now();
  const worker = async (w: number) => {
    const user = { id: 900_000 + w, first_name: "Cek" };
    while (sent < total) {
      sent++;
      const t = performance.now();
      await new Promise((r) => setImmediate(r));
      await p.bot.handleUpdate(p.updates.textUpdate(user, `/cek ${80 + (sent % 20)},${sent % 100} 80`));
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return stats(latencies, (performance.now() - started) / 1000);
}
