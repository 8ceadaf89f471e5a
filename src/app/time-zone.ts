/**
 * The time zone an agency's times are shown in (/riwayat, /status, /anggota …): the one an admin chose in
 * /profil; otherwise the one its region lies in (zone-regions.ts), found from the region's name, or from a
 * WITA or WIT province named in its region, province or name ("Kabupaten Bone, Sulawesi Selatan"); otherwise
 * WIB, where most regions are.
 */
import { TIME_ZONE_NAMES, type AgencyFile, type TimeZoneName } from "../domain/schema/agency.js";
import { nameSlug as slug, regionId } from "./directory.js";
import type { Level } from "./region.js";
import { ZONE_PROVINCES } from "./zone-regions.js";

/** Each zone's IANA name, as `Intl` takes it. */
export const IANA_ZONES: Record<TimeZoneName, string> = { WIB: "Asia/Jakarta", WITA: "Asia/Makassar", WIT: "Asia/Jayapura" };

/** Where an agency's zone came from: chosen in /profil, its region's, or the default. */
export type ZoneSource = "chosen" | "region" | "default";

/** "kabupaten-bone" → WITA …, for the kabupaten and kota outside WIB; and each such province's names by their slug. */
const BY_REGION = new Map<string, TimeZoneName>();
const PROVINCE_SLUGS: [string, TimeZoneName][] = [];
for (const p of ZONE_PROVINCES) {
  for (const names of p.province) for (const name of names.split("|")) {
    BY_REGION.set(`provinsi-${slug(name)}`, p.zone);
    PROVINCE_SLUGS.push([slug(name), p.zone]);
  }
  for (const [level, list] of [["kabupaten", p.kabupaten], ["kota", p.kota]] as const) {
    // Keyed as `regionId` names a region typed with its level word ("Kabupaten Kota Baru" → "kabupaten-kota-baru").
    for (const names of list) for (const name of names.split("|")) BY_REGION.set(`${level}-${slug(name)}`, p.zone);
  }
}
// Longest first: "papua-barat-daya" is looked for before "papua" (both WIT; the order only keeps the search exact).
PROVINCE_SLUGS.sort((a, b) => b[0].length - a[0].length);

/** The zone of a WITA or WIT province named as whole words in `text` ("… Provinsi Sulawesi Selatan"); undefined when none is. */
function provinceNamedIn(text: string): TimeZoneName | undefined {
  const words = `-${slug(text)}-`;
  return PROVINCE_SLUGS.find(([s]) => words.includes(`-${s}-`))?.[1];
}

/** The zone a region lies in, from its level and name, or from its province; undefined when it is none of the WITA and WIT regions. */
export function zoneOfRegion(level: Level, region: string, province?: string, name?: string): TimeZoneName | undefined {
  return BY_REGION.get(regionId(level, region)) ?? [region, province ?? "", name ?? ""].map(provinceNamedIn).find((z) => z !== undefined);
}

/** The zone an agency's times are shown in, and where it came from. */
export function agencyZone(agency: AgencyFile["agency"]): { zone: TimeZoneName; source: ZoneSource } {
  if (agency.timeZone) return { zone: agency.timeZone, source: "chosen" };
  const found = zoneOfRegion(agency.level, agency.region, agency.province, agency.name);
  return found ? { zone: found, source: "region" } : { zone: "WIB", source: "default" };
}

/** The year `date` falls in, in `zone` (not in the server's own zone: at 00.30 WIB on 1 January, UTC is still in the old year). */
export function yearIn(date: Date, zone: TimeZoneName): number {
  return Number(new Intl.DateTimeFormat("en-US", { year: "numeric", timeZone: IANA_ZONES[zone] }).format(date));
}

export const isTimeZoneName = (s: string): s is TimeZoneName => (TIME_ZONE_NAMES as readonly string[]).includes(s);
