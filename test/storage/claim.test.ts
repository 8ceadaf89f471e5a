/**
 * One process per lowdb data folder (src/storage/lowdb/claim.ts): a second
 * `npm start` on the same DATA_DIR, in local chat or on Telegram, stops with
 * the reason instead of storing answers against copies the first process
 * has changed; the claim ends with its process, however it ends.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { realpathSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { say } from "../../src/messages/catalog.js";
import { claimDataDir, DataDirInUse } from "../../src/storage/lowdb/claim.js";
import { makeDir } from "../support/bot-harness.js";
import { freePort, startFakeBotApi } from "../support/fake-bot-api.js";
import { createTestDatabase } from "../support/postgres.js";

interface Run {
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

/** `npm start`'s entry point with `env`; `input` written to its standard input, which stays open unless `end`. */
function start(env: NodeJS.ProcessEnv, input: string, end: boolean): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env: { ...process.env, DATABASE_URL: undefined, TELEGRAM_BOT_TOKEN: undefined, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const run: Run = { child, output: "", exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))) };
  child.stdout!.on("data", (b: Buffer) => (run.output += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (run.output += b.toString()));
  if (end) child.stdin!.end(input);
  else child.stdin!.write(input);
  return run;
}

async function until(run: Run, text: string): Promise<void> {
  const started = Date.now();
  while (!run.output.includes(text)) {
    if (run.child.exitCode !== null || Date.now() - started > 30_000) throw new Error(`no "${text}" in:\n${run.output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("one process per lowdb data folder", () => {
  it("claims a folder once, again only after it is released, and a symlink to it is the same folder", async () => {
    const dir = await makeDir("lkjip-claim-");
    const claim = await claimDataDir(dir);
    await expect(claimDataDir(dir)).rejects.toThrow(new DataDirInUse(realpathSync(dir)));
    const link = join(await makeDir("lkjip-claim-link-"), "data");
    symlinkSync(dir, link);
    await expect(claimDataDir(link)).rejects.toBeInstanceOf(DataDirInUse);
    await claim.release();
    await (await claimDataDir(link)).release();
  });

  it("stops a second local chat on the same DATA_DIR with the reason; once the first is killed, a new one starts", async () => {
    const dir = await makeDir("lkjip-claim-");
    const first = start({ DATA_DIR: dir }, "/cek 86,11 80\n", false);
    await until(first, "Capaian: 107,64% (Sangat Tinggi)");

    const second = start({ DATA_DIR: dir }, "/cek 86,11 80\n", true);
    expect(await second.exited).toBe(1);
    expect(second.output).toBe(`${say("cli.folder_dipakai", { folder: realpathSync(join(dir, "lokal")) })}\n`);
    expect(second.output).toContain("sedang dipakai oleh proses bot lain");

    first.child.kill("SIGKILL"); // no chance to let go of anything: the kernel does
    await first.exited;
    const third = start({ DATA_DIR: dir }, "/cek 86,11 80\n", true);
    expect(await third.exited).toBe(0);
    expect(third.output).toContain("Capaian: 107,64% (Sangat Tinggi)");
  }, 60_000);

  it("stops a second bot on Telegram on the same DATA_DIR, but not one on PostgreSQL", async () => {
    const dir = await makeDir("lkjip-claim-");
    const api = await startFakeBotApi("1:CLAIM");
    const bot = async () => {
      const port = await freePort();
      return { TELEGRAM_BOT_TOKEN: "1:CLAIM", TELEGRAM_API_ROOT: api.url, WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`, PORT: String(port), DATA_DIR: dir };
    };
    const first = start(await bot(), "", true);
    try {
      await until(first, "siap menerima webhook");
      const second = start(await bot(), "", true);
      expect(await second.exited).toBe(1);
      expect(second.output).toBe(`${say("cli.folder_dipakai", { folder: realpathSync(dir) })}\n`);
      // With DATABASE_URL the folder holds no data: the same DATA_DIR does not matter.
      const db = await createTestDatabase();
      const onPostgres = start({ ...(await bot()), DATABASE_URL: db.url }, "", true);
      try {
        await until(onPostgres, "siap menerima webhook");
      } finally {
        onPostgres.child.kill("SIGTERM");
        await onPostgres.exited;
        await db.drop();
      }
    } finally {
      first.child.kill("SIGTERM");
      await first.exited;
      await api.close();
    }
  }, 60_000);
});
