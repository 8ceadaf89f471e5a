/** Reading an agency file (JSON text or an already parsed value) with Indonesian errors. */
import { say } from "../../messages/catalog.js";
import { AgencyFileSchema, type AgencyFile } from "./agency.js";
import { formatIssues } from "./issues.js";

export type AgencyParse = { ok: true; file: AgencyFile } | { ok: false; errors: string[] };

export function parseAgency(value: unknown): AgencyParse {
  const result = AgencyFileSchema.safeParse(value);
  if (result.success) return { ok: true, file: result.data };
  return { ok: false, errors: formatIssues(result.error, value) };
}

export function parseAgencyJson(text: string): AgencyParse {
  const clean = text.replace(/^\uFEFF/, ""); // the byte-order mark Windows editors put first
  let value: unknown;
  try {
    value = JSON.parse(clean);
  } catch (e) {
    return { ok: false, errors: [jsonProblem(clean, e instanceof Error ? e.message : "")] };
  }
  return parseAgency(value);
}

/** Where JSON.parse stopped, in Indonesian: that the text ends too soon, or the line and column (from its position). */
function jsonProblem(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (/end of JSON input/.test(message) || (at && Number(at[1]) >= text.trimEnd().length)) return say("skema.json_terpotong");
  if (at) {
    const position = Number(at[1]);
    const before = text.slice(0, position);
    const line = before.split("\n").length;
    const column = position - before.lastIndexOf("\n");
    return say("skema.json_rusak_di", { baris: line, kolom: column, cuplikan: text.slice(position, position + 20).split("\n")[0] });
  }
  return say("skema.json_rusak");
}
