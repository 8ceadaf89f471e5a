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
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [say("skema.json_rusak", { detail })] };
  }
  return parseAgency(value);
}
