/**
 * File-making commands of the command line:
 *   ekspor <agency.json> --format docx|xlsx [--bagian bab3|ringkasan|penutup] --out <file>
 *   grafik <agency.json> --jenis capaian|efisiensi|tren [--indikator 1.1] --out <file.png|file.svg>
 *   templat --out <file.xlsx>
 */
import { writeFile } from "node:fs/promises";
import { formatCount } from "../domain/numbers/format.js";
import { say } from "../messages/catalog.js";
import type { CliResult } from "./run.js";
import { loadAgencyFile, options } from "./run.js";

const ok = (stdout: string): CliResult => ({ code: 0, stdout, stderr: "" });
const bad = (stderr: string): CliResult => ({ code: 2, stdout: "", stderr });

function checkOptions(named: Map<string, string>, allowed: string[]): CliResult | undefined {
  const unknown = [...named.keys()].filter((k) => !allowed.includes(k));
  return unknown.length > 0 ? bad(say("cli.opsi_tidak_dikenal", { opsi: unknown.map((k) => `--${k}`).join(", ") })) : undefined;
}

async function write(out: string | undefined, data: Uint8Array | string): Promise<CliResult | undefined> {
  if (!out) return bad(say("cli.out_wajib"));
  try {
    await writeFile(out, data);
  } catch {
    return bad(say("cli.tidak_dapat_menulis", { berkas: out }));
  }
  return undefined;
}

const FORMATS = ["docx", "xlsx"];
const PARTS = ["bab3", "ringkasan", "penutup"] as const;
const CHARTS = ["capaian", "efisiensi", "tren"] as const;

export async function exportCommand(args: string[]): Promise<CliResult> {
  const { positional, named } = options(args);
  const wrong = checkOptions(named, ["format", "bagian", "out"]);
  if (wrong) return wrong;
  const format = named.get("format") ?? "docx";
  if (!FORMATS.includes(format)) return bad(say("cli.format_salah", { format, pilihan: FORMATS.join(", ") }));
  const part = named.get("bagian") ?? "bab3";
  if (!(PARTS as readonly string[]).includes(part) || (format === "xlsx" && named.has("bagian"))) return bad(say("cli.bagian_ekspor_salah", { bagian: part, pilihan: PARTS.join(", ") }));
  if (!named.get("out")) return bad(say("cli.out_wajib"));
  const loaded = await loadAgencyFile(positional[0]);
  if (!loaded.ok) return loaded.result;
  const { exportDocx, exportXlsx } = await import("../export/index.js");
  const file = format === "docx" ? await exportDocx(loaded.file, part as (typeof PARTS)[number]) : await exportXlsx(loaded.file);
  const failed = await write(named.get("out"), file.data);
  return failed ?? ok(say("cli.tertulis", { berkas: named.get("out"), ukuran: formatCount(file.data.length) }));
}

export async function chartCommand(args: string[]): Promise<CliResult> {
  const { positional, named } = options(args);
  const wrong = checkOptions(named, ["jenis", "indikator", "out"]);
  if (wrong) return wrong;
  const kind = named.get("jenis") ?? "capaian";
  if (!(CHARTS as readonly string[]).includes(kind)) return bad(say("cli.jenis_grafik_salah", { jenis: kind, pilihan: CHARTS.join(", ") }));
  const out = named.get("out");
  if (!out) return bad(say("cli.out_wajib"));
  const loaded = await loadAgencyFile(positional[0]);
  if (!loaded.ok) return loaded.result;
  let indicatorId: string | undefined;
  if (kind === "tren") {
    const ref = named.get("indikator") ?? "";
    const found = loaded.file.objectives.flatMap((o) => o.indicators).find((i) => i.code === ref || i.id === ref);
    if (!found) return bad(say("cli.indikator_tidak_ada", { indikator: ref }));
    indicatorId = found.id;
  }
  const { chartPng } = await import("../export/index.js");
  const chart = await chartPng(loaded.file, kind as (typeof CHARTS)[number], indicatorId);
  const failed = await write(out, out.toLowerCase().endsWith(".svg") ? chart.chart.svg : chart.data);
  return failed ?? ok(say("cli.tertulis", { berkas: out, ukuran: formatCount(out.toLowerCase().endsWith(".svg") ? Buffer.byteLength(chart.chart.svg) : chart.data.length) }));
}

export async function templateCommand(args: string[]): Promise<CliResult> {
  const { named } = options(args);
  const wrong = checkOptions(named, ["out"]);
  if (wrong) return wrong;
  const { importTemplate } = await import("../import/template.js");
  const data = await importTemplate();
  const failed = await write(named.get("out"), data);
  return failed ?? ok(say("cli.tertulis", { berkas: named.get("out"), ukuran: formatCount(data.length) }));
}
