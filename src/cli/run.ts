/** The command line as a function (argv in, text and exit code out), so tests can call it directly. */
import { readFile } from "node:fs/promises";
import { say } from "../messages/catalog.js";
import { computeAgency } from "../domain/calc/agency.js";
import { agencyResultToJson } from "../domain/calc/to-json.js";
import { quickCheck } from "../domain/quick-check.js";
import { parseAgencyJson } from "../domain/schema/parse-agency.js";
import type { AgencyFile } from "../domain/schema/agency.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ok = (stdout: string): CliResult => ({ code: 0, stdout, stderr: "" });
const bad = (stderr: string): CliResult => ({ code: 2, stdout: "", stderr });

export async function loadAgencyFile(path: string | undefined): Promise<{ ok: true; file: AgencyFile } | { ok: false; result: CliResult }> {
  if (!path) return { ok: false, result: bad(say("cli.berkas_wajib")) };
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { ok: false, result: bad(say("cli.berkas_tidak_terbaca", { berkas: path })) };
  }
  const parsed = parseAgencyJson(text);
  if (!parsed.ok) return { ok: false, result: bad([say("cli.berkas_tidak_sah", { berkas: path }), ...parsed.errors].join("\n")) };
  return { ok: true, file: parsed.file };
}

type Command = (args: string[]) => Promise<CliResult>;

const commands: Record<string, Command> = {
  async cek(args) {
    const result = quickCheck(args);
    return result.ok ? ok(result.text) : bad(result.text);
  },
  async hitung(args) {
    const loaded = await loadAgencyFile(args[0]);
    if (!loaded.ok) return loaded.result;
    return ok(JSON.stringify(agencyResultToJson(computeAgency(loaded.file)), null, 2));
  },
};

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  const [name, ...args] = argv;
  if (!name || name === "bantuan" || name === "--help" || name === "-h") return ok(say("cli.bantuan"));
  const command = commands[name];
  if (!command) return bad(`${say("cli.perintah_tidak_dikenal", { perintah: name })}\n${say("cli.bantuan")}`);
  return command(args);
}

/** Register another command (used by the drafting and export modules). */
export function registerCommand(name: string, command: Command): void {
  commands[name] = command;
}
