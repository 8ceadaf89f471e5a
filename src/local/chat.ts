/**
 * Local chat mode: the same bot in the terminal, on the embedded demo data,
 * without a token or network. In a terminal it prompts; with piped input it
 * reads one message per line (a line "#cb <label>" presses that button,
 * "#berkas <path>" sends that file as a document; a line ending in a
 * backslash goes on in the next line, for a message of several lines such as
 * a pasted table or a list of factors) and prints every reply, so whole
 * conversations can be scripted. Files the bot sends (Word, Excel, charts)
 * are saved under `<data>/berkas/` and their path is printed.
 */
import { createInterface } from "node:readline";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { defaultServices } from "../app/services.js";
import { fillDirectory } from "../app/directory.js";
import { formatCount } from "../domain/numbers/format.js";
import { say } from "../messages/catalog.js";
import { createBot } from "../bot/bot.js";
import { LowdbRepository } from "../storage/lowdb/repository.js";
import { FAKE_BOT_INFO, FakeTelegram, htmlToPlain, type FakeUser, type SentMessage } from "./fake-telegram.js";
import { seedDemo } from "./demo.js";
import { ChatDriver } from "./session.js";

export const LOCAL_USER: FakeUser = { id: 1001, first_name: "Petugas", last_name: "Lokal", username: "petugas_lokal" };

export interface LocalChatOptions {
  dataDir: string;
  input: Readable & { isTTY?: boolean };
  output: Writable;
  errors?: Writable;
}

export function formatReply(msg: SentMessage, savedAs?: string): string {
  const body = msg.file
    ? `${say("lokal.berkas_terkirim", { nama: msg.file.filename, ukuran: formatCount(msg.file.data.length), lokasi: savedAs })}${msg.caption ? `\n${htmlToPlain(msg.caption)}` : ""}`
    : htmlToPlain(msg.text);
  const buttons = msg.keyboard.map((row) => row.map((b) => `[${b.text}]`).join(" ")).join("\n");
  return `${body}${buttons ? `\n${buttons}` : ""}`;
}

export async function runLocalChat(options: LocalChatOptions): Promise<void> {
  const { input, output } = options;
  const repo = new LowdbRepository({ dir: options.dataDir });
  const services = defaultServices(repo);
  await seedDemo(services, LOCAL_USER);
  await fillDirectory(services); // a data folder from before the directory of regions
  // Numbered from the clock, so that a run goes on above the numbers of the runs before it on the same data.
  const start = Date.now();
  const telegram = new FakeTelegram(start, start);
  const bot = createBot({ token: "lokal", services, botInfo: FAKE_BOT_INFO, download: telegram.download });
  telegram.install(bot);
  const driver = new ChatDriver(bot, telegram);
  const interactive = Boolean(input.isTTY);
  const write = (text: string) => output.write(`${text}\n`);

  const filesDir = join(options.dataDir, "berkas");
  let uploads = 0;
  const sendFile = async (path: string): Promise<SentMessage[]> => {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new Error(say("lokal.berkas_tidak_ada", { path }));
    const fileId = `lokal-${++uploads}`;
    telegram.files.set(fileId, new Uint8Array(await readFile(path)));
    return driver.sendDocument(LOCAL_USER, fileId, basename(path), info.size);
  };
  const save = async (msg: SentMessage): Promise<string | undefined> => {
    if (!msg.file) return undefined;
    await mkdir(filesDir, { recursive: true });
    const target = join(filesDir, basename(msg.file.filename));
    await writeFile(target, msg.file.data);
    return target;
  };

  write(interactive ? `${say("lokal.sambutan")}\n` : "");
  const rl = createInterface({ input, terminal: false });
  let refused = 0;
  let pending: string[] = [];
  const prompt = () => interactive && output.write(say(pending.length > 0 ? "lokal.prompt_lanjut" : "lokal.prompt"));
  prompt();
  const deliver = async (line: string): Promise<void> => {
    if (!interactive) write(`> ${line}`);
    let replies: SentMessage[];
    try {
      replies = line.startsWith("#cb ")
        ? await driver.press(LOCAL_USER, line.slice(4).trim())
        : line.startsWith("#berkas ")
          ? await sendFile(line.slice(8).trim())
          : await driver.send(LOCAL_USER, line);
    } catch (e) {
      write(`(${e instanceof Error ? e.message : String(e)})`);
      return;
    }
    for (const reply of replies) write(`${formatReply(reply, await save(reply))}\n`);
    // A reply Telegram would refuse never reaches the officer: say so where it would have been.
    while (refused < telegram.refused.length) write(`${say("lokal.ditolak", { masalah: telegram.refused[refused++]!.problem })}\n`);
  };
  for await (const raw of rl) {
    const typed = raw.replace(/\r$/, "");
    const continued = continuation(typed);
    if (continued !== undefined) {
      pending.push(continued);
    } else {
      const line = [...pending, typed].join("\n");
      pending = [];
      if (line.trim() !== "") await deliver(line);
    }
    prompt();
  }
  // The input ended in the middle of a message of several lines: it is sent as far as it was typed.
  if (pending.join("").trim() !== "") await deliver(pending.join("\n"));
  await repo.close();
}

/** A line ending in one backslash goes on in the next line: the line without it, else undefined. */
export function continuation(line: string): string | undefined {
  return /(^|[^\\])\\$/.test(line) ? line.slice(0, -1) : undefined;
}

export function localDataDir(base: string): string {
  return join(base, "lokal");
}
