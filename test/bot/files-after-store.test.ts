/**
 * Files and drafts are made once the officer's update is stored, when its
 * replies are sent: the update's transaction (with PostgreSQL, its pooled
 * connection) and its acknowledgement to Telegram do not wait for the export
 * thread, so officers exporting do not hold up other officers' answers.
 */
import { afterEach, expect, it, vi } from "vitest";
import { createBot } from "../../src/bot/bot.js";
import { RepliesAfterAck } from "../../src/bot/replies-after-ack.js";
import { ExportFailed, exportWorker } from "../../src/export/worker-pool.js";
import { FAKE_BOT_INFO } from "../../src/local/fake-telegram.js";
import { PgRepository } from "../../src/storage/postgres/repository.js";
import { ADMIN, botOn, harness, OUTSIDER, plain, registerAgency } from "../support/bot-harness.js";
import { createTestDatabase } from "../support/postgres.js";

const CHECKED = "Capaian: 107,64% (Sangat Tinggi)";

/** The export thread's files wait for `open`, as behind other officers' files. */
function heldFiles(): { open: () => void } {
  const worker = exportWorker();
  const make = worker.make.bind(worker);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  vi.spyOn(worker, "make").mockImplementation(async (file, job) => {
    await gate;
    return make(file, job);
  });
  return { open };
}

/** "done" when `p` settles within `ms`, otherwise "still waiting". */
const within = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => "done"), new Promise((r) => setTimeout(() => r("still waiting"), ms))]);

afterEach(() => vi.restoreAllMocks());

it("with one pooled connection, another officer is answered while a Word file waits on the export thread", { timeout: 60_000 }, async () => {
  const db = await createTestDatabase();
  const repo = await PgRepository.open({ url: db.url, poolSize: 1 });
  const h = botOn(repo);
  let files = { open: () => {} };
  let exporting: Promise<unknown> = Promise.resolve();
  try {
    await registerAgency(h, ADMIN);
    files = heldFiles();
    exporting = h.driver.send(ADMIN, "/ekspor docx");
    // The officer's update (one transaction, the only connection) is stored; its file waits.
    expect(await within(h.driver.send(OUTSIDER, "/cek 86,11 80"), 5_000)).toBe("done");
    expect(plain(h.telegram.sent.filter((m) => m.chatId === OUTSIDER.id))).toContain(CHECKED);
    expect(h.telegram.sent.some((m) => m.chatId === ADMIN.id && m.method === "sendDocument")).toBe(false);
    files.open();
    await exporting;
    expect(h.telegram.sent.filter((m) => m.chatId === ADMIN.id && m.method === "sendDocument").map((m) => m.file?.filename)).toEqual(["dinas-sosial-kabupaten-contoh-2024-bab-iii.docx"]);
    expect(h.errors).toEqual([]);
  } finally {
    files.open(); // a failure above must not leave the update waiting for its file
    await exporting.catch(() => undefined);
    await repo.close();
    await db.drop();
  }
});

it("in webhook mode the update is acknowledged before its file is made; a file the thread refuses is said after", { timeout: 60_000 }, async () => {
  const h = await harness();
  await registerAgency(h, ADMIN);
  const acks = new RepliesAfterAck();
  const bot = createBot({ token: "123:TEST", services: h.services, botInfo: FAKE_BOT_INFO, logger: { error: (m) => h.errors.push(m) }, download: h.telegram.download, repliesAfterAck: acks });
  h.telegram.install(bot);
  const files = heldFiles();
  const before = h.telegram.sent.length;

  expect(await within(bot.handleUpdate(h.telegram.textUpdate(ADMIN, "/ekspor xlsx")), 5_000)).toBe("done");
  expect(h.telegram.sent.length).toBe(before);
  files.open();
  expect(await acks.settled(30_000)).toBe(true);
  expect(h.telegram.sent.slice(before).map((m) => [m.method, m.file?.filename])).toEqual([["sendDocument", "dinas-sosial-kabupaten-contoh-2024-data.xlsx"]]);

  // The thread refuses (too many files waiting): the officer is told so once the update is stored.
  vi.spyOn(exportWorker(), "make").mockRejectedValue(new ExportFailed("busy", "antrean penuh"));
  await bot.handleUpdate(h.telegram.textUpdate(ADMIN, "/ekspor docx"));
  expect(await acks.settled(30_000)).toBe(true);
  expect(plain(h.telegram.sent.slice(before + 1))).toBe("Bot sedang membuat banyak berkas untuk petugas lain. Coba lagi dalam satu atau dua menit; data Anda tetap aman.");
  expect(h.errors).toEqual([]);
});
