/**
 * Crash test: a child process runs the bot on a temporary data directory and
 * receives a scripted /isi conversation while the test kills it with SIGKILL
 * at random moments (at least 200 kills). After each kill: every file parses
 * and validates, so does every document read back with its journal replayed,
 * every answer that had been acknowledged is stored, and the restarted bot
 * continues the conversation with the next question.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAnswer } from "../../src/app/entry/answers.js";
import { decodeKey } from "../../src/app/entry/keys.js";
import { fieldPathOf } from "../../src/app/entry/missing.js";
import { getAt } from "../../src/app/paths.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { AgencyDocumentSchema, AuditArchiveSchema, InvitationIndexSchema, UserDocumentSchema } from "../../src/storage/documents.js";
import { ADMIN, harness, joinByInvitation, makeDir, registerAgency } from "../support/bot-harness.js";

const KILLS = 200;
const CHILD = join(PROJECT_ROOT, ".tmp", "crash-child.mjs");

beforeAll(async () => {
  // One bundle for fast restarts (node starts it directly; packages stay in node_modules).
  await build({ entryPoints: [join(PROJECT_ROOT, "test", "support", "crash-child.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile: CHILD, logLevel: "silent" });
});

interface Child {
  process: ChildProcessWithoutNullStreams;
  lines: AsyncIterator<string>;
}

async function startChild(dir: string): Promise<Child> {
  const child = spawn(process.execPath, [CHILD, dir], { stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.on("data", () => undefined);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const ready = await lines.next();
  if (ready.value !== "READY") throw new Error(`child did not start: ${String(ready.value)}`);
  return { process: child, lines };
}

async function allFilesValid(dir: string): Promise<void> {
  const schemas: Record<string, { parse: (v: unknown) => unknown }> = {
    instansi: AgencyDocumentSchema,
    pengguna: UserDocumentSchema,
    undangan: InvitationIndexSchema,
    riwayat: AuditArchiveSchema,
  };
  for (const [folder, schema] of Object.entries(schemas)) {
    let names: string[] = [];
    try {
      names = await readdir(join(dir, folder));
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith(".json") && !n.startsWith("."))) {
      schema.parse(JSON.parse(await readFile(join(dir, folder, name), "utf8")));
    }
  }
  // And every document as the restarted bot reads it: the file with its journal replayed, validated.
  const repo = new LowdbRepository({ dir, backupDays: 0 });
  for (const collection of [repo.agencies, repo.users, repo.invitations]) {
    for (const id of await collection.list()) expect(await collection.read(id), `${collection.dir}/${id}`).toBeDefined();
  }
  // The audit archive of every agency reads (a line an append left cut short is ignored, any other damage throws).
  for (const id of await repo.agencies.list()) await repo.auditArchive.read(id);
}

describe("crash safety", () => {
  it(`every acknowledged answer survives ${KILLS} SIGKILLs at random moments`, async () => {
    // The agency is set up through the bot itself, then handed over to the child processes.
    const dir = await makeDir("lkjip-crash-");
    const h = await harness(dir);
    const agencyId = await registerAgency(h, ADMIN);
    const rows = Array.from({ length: 45 }, (_, i) => `Sasaran ${1 + Math.floor(i / 9)} | Indikator ${i + 1} | % | ${50 + i}`);
    await h.driver.send(ADMIN, "/tempel");
    await h.driver.send(ADMIN, rows.join("\n"));
    await h.driver.press(ADMIN, "✅ Simpan");
    // The crash user joins as an editor.
    const crashUser = { id: 801, first_name: "Petugas" };
    await joinByInvitation(h, ADMIN, crashUser);

    const acked: { key: string; text: string }[] = [];
    let updateId = 10_000;
    let n = 1;
    let kills = 0;
    let resumed = 0;
    const agencyPath = join(dir, "instansi", `${agencyId}.json`);
    const journal = join(dir, "instansi", `${agencyId}.jurnal`);
    let journaled = 0;

    while (kills < KILLS) {
      const child = await startChild(dir);
      const exited = new Promise<void>((resolve) => child.process.once("exit", () => resolve()));
      // Send a few answers; kill at a random moment, possibly in the middle of one.
      const answers = 1 + Math.floor(Math.random() * 3);
      let ackedThisRun = 0;
      for (let i = 0; i < answers; i++) {
        child.process.stdin.write(`${JSON.stringify({ updateId: updateId++, n: n++ })}\n`);
        const last = i === answers - 1;
        if (last) {
          const killAfter = Math.random() * 6;
          const race = await Promise.race([child.lines.next(), new Promise<"kill">((r) => setTimeout(() => r("kill"), killAfter))]);
          if (race !== "kill" && typeof race.value === "string" && race.value.startsWith("ACK ")) {
            acked.push(JSON.parse(race.value.slice(4)));
            ackedThisRun++;
          }
        } else {
          const line = await child.lines.next();
          if (typeof line.value === "string" && line.value.startsWith("ACK ")) {
            acked.push(JSON.parse(line.value.slice(4)));
            ackedThisRun++;
          }
        }
      }
      child.process.kill("SIGKILL");
      await exited;
      kills++;
      if (ackedThisRun > 0) resumed++;

      await allFilesValid(dir);
      if (await stat(journal).then(() => true, () => false)) journaled++;
      const doc = (await new LowdbRepository({ dir, backupDays: 0 }).agencies.read(agencyId))!;
      for (const a of acked) {
        const key = decodeKey(a.key)!;
        const parsed = parseAnswer(doc.data, key, a.text);
        expect(parsed.ok, a.key).toBe(true);
        if (!parsed.ok) continue;
        const expected = structuredClone(doc.data);
        parsed.apply(expected);
        const path = fieldPathOf(doc.data, key);
        expect(getAt(doc.data, path), `${a.key} = ${a.text}`).toEqual(getAt(expected, path));
      }
    }
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    // The conversation resumed after restarts (answers were acknowledged in most runs) and made progress.
    expect(resumed).toBeGreaterThan(KILLS / 2);
    expect(acked.length).toBeGreaterThan(KILLS / 2);
    expect((await stat(agencyPath)).size).toBeGreaterThan(0);
    // Most kills found answers in the journal (not yet in the agency file), so replaying it was tested.
    expect(journaled).toBeGreaterThan(KILLS / 2);
  }, 600_000);
});
