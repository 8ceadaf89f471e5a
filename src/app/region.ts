/**
 * The region an agency's name ends with, and the level of government a region's name says: most names carry
 * both ("Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai": Kota Dumai, a kota), so registering can offer
 * the one and need not ask the other.
 */
export type Level = "provinsi" | "kabupaten" | "kota";

const WORDS: Record<string, Level> = { provinsi: "provinsi", kabupaten: "kabupaten", "kab.": "kabupaten", kota: "kota" };
/** The short forms an officer types for the level alone ("kab", "prov"), besides the words names begin with. */
const TYPED: Record<string, Level> = { ...WORDS, kab: "kabupaten", prov: "provinsi" };
const TITLES: Record<Level, string> = { provinsi: "Provinsi", kabupaten: "Kabupaten", kota: "Kota" };

/** "Provinsi", "Kabupaten", "Kab." or "Kota" as a word of its own, followed by the region's name. */
const IN_NAME = /(?:^|\s)(provinsi|kabupaten|kab\.|kota)\s+(\S.*)$/i;

/** The region at the end of an agency's name, its first word written out ("Kab. Siak" → "Kabupaten Siak"); undefined when there is none. */
export function regionInName(name: string): string | undefined {
  const m = IN_NAME.exec(name.trim());
  if (!m) return undefined;
  const level = WORDS[m[1]!.toLowerCase()]!;
  // "Kota Dumai Provinsi Riau": a kota's or kabupaten's region ends where its province is named.
  const rest = level === "provinsi" ? m[2]! : m[2]!.split(/\s+provinsi\s+/i)[0]!;
  return `${TITLES[level]} ${rest.trim()}`;
}

/** The level a region's name starts with ("Kota Dumai" → kota, "Kab. Siak" → kabupaten); undefined when it does not say ("DKI Jakarta"). */
export function levelOfRegion(region: string): Level | undefined {
  const m = /^(provinsi|kabupaten|kab\.|kota)\s+\S/i.exec(region.trim());
  return m ? WORDS[m[1]!.toLowerCase()] : undefined;
}

/** The level a word typed alone names ("Kabupaten", "kab", "Prov."); undefined when it names none. */
export function levelWord(word: string): Level | undefined {
  return TYPED[word.trim().toLowerCase().replace(/\.$/, "")];
}
