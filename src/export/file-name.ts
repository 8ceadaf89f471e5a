/**
 * The start of every file made for an agency: its name and reporting year, as an officer would name the file
 * ("Dinas Sosial Kota Dumai", 2024 → "dinas-sosial-kota-dumai-2024"), not its internal id, which for a
 * registered agency is a random code ("i9a9enckka").
 */
import type { AgencyFile } from "../domain/schema/agency.js";

/** Longest name part, cut at a word. */
export const FILE_NAME_MAX = 60;

/** Lower-case words of `name` in ASCII (accents dropped), joined by "-", at most FILE_NAME_MAX characters; "" when none. */
export function nameSlug(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let out = "";
  for (const w of words) {
    const next = out ? `${out}-${w}` : w.slice(0, FILE_NAME_MAX);
    if (next.length > FILE_NAME_MAX) break;
    out = next;
  }
  return out;
}

/** "dinas-sosial-kota-dumai-2024": the agency's name (its id when the name has no Latin letter or digit) and reporting year. */
export function fileStem(file: AgencyFile): string {
  return `${nameSlug(file.agency.name) || file.agency.id}-${file.agency.reportingYear}`;
}
