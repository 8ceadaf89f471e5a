/**
 * The agencies registered in each region, so that an officer about to register an agency a colleague has
 * registered already learns so: two registrations of one Dinas split its data in two, and neither draft is
 * whole. A region's document lists its agencies (id, name as registered); the agencies themselves are read to
 * check each one still exists and to give its current name.
 *
 * An agency is written into its region before the agency itself, so none is ever missing from the directory
 * (an entry whose agency was then not created is passed over when read). A closed agency (app/leave.ts) is taken
 * off its region's list. Agencies stored before the directory
 * existed are added once by `fillDirectory`, which the bot starts in the background.
 */
import type { AgencyDocument } from "../storage/documents.js";
import { MAX_REGION_AGENCIES, STORAGE_SCHEMA_VERSION, type RegionDirectory } from "../storage/documents.js";
import type { Level } from "./region.js";
import type { Services } from "./services.js";
import { DocumentUnavailable } from "../storage/repository.js";

/** A region's document id that is no region (each starts with its level): written once every stored agency is in the directory. */
export const DIRECTORY_FILLED = "lengkap";
const FILLED_MARK = { id: "semua", name: "semua instansi yang tersimpan sudah tercatat" };

/** The words a region's name may start with that say its level (they are its document id's first part instead). */
const LEVEL_WORDS = /^(?:provinsi|prov\.?|kabupaten|kab\.?|kota|kotamadya)\s+/;

/**
 * The id of a region's document: its level, then its name in lower-case letters and digits joined by "-"
 * ("Kota Dumai" → "kota-dumai"; "Kab. Siak" and "Kabupaten  Siak" → "kabupaten-siak"; "DKI Jakarta" at
 * provincial level and "Provinsi DKI Jakarta" → "provinsi-dki-jakarta"). Kota Bekasi and Kabupaten Bekasi
 * are two regions.
 */
export function regionId(level: Level, region: string): string {
  const name = region.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim().replace(/\s+/g, " ");
  const slug = nameSlug(name.replace(LEVEL_WORDS, "") || name);
  return `${level}-${slug || "tanpa-nama"}`.slice(0, 64).replace(/-+$/, "");
}

/** A name in lower-case letters and digits joined by "-", as a region's id writes it ("Tojo Una-Una" → "tojo-una-una"); nothing taken off. */
export function nameSlug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Write `agency` into its region's list (before the agency is stored: see the file's comment). */
export async function recordAgency(services: Services, agency: { id: string; name: string; region: string; level: Level }, addedAt: string): Promise<void> {
  const record = (current: RegionDirectory | undefined) => {
    const doc = current ?? { schemaVersion: STORAGE_SCHEMA_VERSION, agencies: [] };
    // A region full (thousands of agencies typed into one region's name) lists no more: registering goes on.
    if (doc.agencies.length >= MAX_REGION_AGENCIES || doc.agencies.some((a) => a.id === agency.id)) return { next: undefined, result: undefined };
    doc.agencies.push({ id: agency.id, name: agency.name.slice(0, 200), addedAt });
    return { next: doc, result: undefined };
  };
  await services.repo.regions.update(regionId(agency.level, agency.region), record).catch(passOverDamaged);
}

/** Take `agency` off its region's list (it was closed: app/leave.ts). */
export async function forgetAgency(services: Services, agency: { id: string; region: string; level: Level }): Promise<void> {
  await services.repo.regions
    .update(regionId(agency.level, agency.region), (doc) => {
      if (!doc?.agencies.some((a) => a.id === agency.id)) return { next: undefined, result: undefined };
      doc.agencies = doc.agencies.filter((a) => a.id !== agency.id);
      return { next: doc, result: undefined };
    })
    .catch(passOverDamaged);
}

/**
 * A region's file that cannot be read is left as it is (the storage never overwrites one) and passed over: the
 * directory only warns, and must not stop an agency from being registered. Anything else is thrown on.
 */
function passOverDamaged(e: unknown): undefined {
  if (e instanceof DocumentUnavailable) return undefined;
  throw e;
}

/**
 * The first `limit` agencies stored in the region, in the order they were registered (an agency that cannot be
 * read is passed over), and how many the region lists (those found, when every entry was read; otherwise every
 * entry).
 */
export async function agenciesInRegion(services: Services, level: Level, region: string, limit: number): Promise<{ agencies: AgencyDocument[]; count: number }> {
  const listed = (await services.repo.regions.read(regionId(level, region)).catch(passOverDamaged))?.agencies ?? [];
  const agencies: AgencyDocument[] = [];
  let read = 0;
  for (const entry of listed) {
    // At most a few entries more than asked for are read: entries without their agency are rare.
    if (agencies.length === limit || read === limit * 4) break;
    read++;
    const doc = await services.repo.agencies.read(entry.id).catch(() => undefined);
    // A closed agency is taken off its region's list once closed; until then (a stop in between) it is passed over.
    if (doc && !doc.closed) agencies.push(doc);
  }
  return { agencies, count: read === listed.length ? agencies.length : listed.length };
}

/**
 * Add every stored agency to the directory, once (the mark written at the end says it was done): for data stored
 * before the directory existed. Agencies registered meanwhile add themselves. Returns how many were looked at.
 */
export async function fillDirectory(services: Services): Promise<number> {
  if (await services.repo.regions.read(DIRECTORY_FILLED)) return 0;
  const ids = await services.repo.agencies.list();
  for (const id of ids) {
    // Officers' updates go first: each agency read here (parsed and checked in full) waits its turn behind them.
    await new Promise((resolve) => setImmediate(resolve));
    const doc = await services.repo.agencies.read(id).catch(() => undefined);
    if (!doc || doc.closed) continue; // a document that cannot be read is reported where it is used
    const { name, region, level } = doc.data.agency;
    await recordAgency(services, { id, name, region, level }, doc.createdAt);
  }
  await services.repo.regions.update(DIRECTORY_FILLED, (current) =>
    current ? { next: undefined, result: undefined } : { next: { schemaVersion: STORAGE_SCHEMA_VERSION, agencies: [{ ...FILLED_MARK, addedAt: services.now().toISOString() }] }, result: undefined },
  );
  return ids.length;
}
