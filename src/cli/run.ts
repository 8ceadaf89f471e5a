/** The command line as a function (argv in, text and exit code out), so tests can call it directly. */
import { readFile } from "node:fs/promises";
import { say } from "../messages/catalog.js";
import { computeAgency } from "../domain/calc/agency.js";
import { agencyResultToJson } from "../domain/calc/to-json.js";
import { quickCheck } from "../domain/quick-check.js";
import { DRAFT_FORMATS, draftAgency, parseSectionChoice, renderDraft, type DraftFormat } from "../domain/draft/index.js";
import { parseAgencyJson } from "../domain/schema/parse-agency.js";
import { decodeText } from "../import/decode-text.js";
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
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return { ok: false, result: bad(say("cli.berkas_tidak_terbaca", { berkas: path })) };
  }
  const parsed = parseAgencyJson(decodeText(bytes));
  if (!parsed.ok) return { ok: false, result: bad([say("cli.berkas_tidak_sah", { berkas: path }), ...parsed.errors].join("\n")) };
  return { ok: true, file: parsed.file };
}

type Command = (args: string[]) => Promise<CliResult>;

/** `--nama nilai` or `--nama=nilai` options, and the remaining positional arguments. */
export function options(args: readonly string[]): { positional: string[]; named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (m) named.set(m[1]!, m[2] ?? args[++i] ?? "");
    else positional.push(a);
  }
  return { positional, named };
}

const commands: Record<string, Command> = {
  async cek(args) {
    const result = quickCheck(args);
    return result.ok ? ok(result.text) : bad(result.text);
  },
  async draf(args) {
    const { positional, named } = options(args);
    const unknown = [...named.keys()].filter((k) => k !== "bagian" && k !== "format");
    if (unknown.length > 0) return bad(say("cli.opsi_tidak_dikenal", { opsi: unknown.map((k) => `--${k}`).join(", ") }));
    const sections = parseSectionChoice(named.get("bagian") ?? "semua");
    if (!sections) return bad(say("cli.bagian_salah", { bagian: named.get("bagian") }));
    const format = (named.get("format") ?? "md") as DraftFormat;
    if (!DRAFT_FORMATS.includes(format)) return bad(say("cli.format_salah", { format, pilihan: DRAFT_FORMATS.join(", ") }));
    const loaded = await loadAgencyFile(positional[0]);
    if (!loaded.ok) return loaded.result;
    const out = renderDraft(draftAgency(loaded.file), sections, format);
    if (format !== "html") return ok(out[0]!);
    return ok(out.map((m, i) => `<!-- pesan ${i + 1}/${out.length} -->\n${m}`).join("\n\n"));
  },
  // Word, Excel and charts: loaded on first use, so `cek` stays instant.
  ekspor: async (args) => (await import("./export.js")).exportCommand(args),
  grafik: async (args) => (await import("./export.js")).chartCommand(args),
  templat: async (args) => (await import("./export.js")).templateCommand(args),
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
