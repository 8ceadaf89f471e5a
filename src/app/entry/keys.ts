/**
 * A question of the data-entry conversation, addressed by a short key that
 * fits in Telegram callback data (≤ 64 bytes with ids of ≤ 40 characters):
 *   target:<ind>:<year>   actual:<ind>:<year>   final:<ind>   national:<ind>
 *   factors:<ind>:<supporting|inhibiting|followUp>
 *   budget:<ind>:<budget|spent>   (entered directly for an indicator)
 *   line:<lineId>:<budget|spent>   (a program / kegiatan / sub kegiatan)
 */
export type FactorKind = "supporting" | "inhibiting" | "followUp";
export const FACTOR_KINDS: FactorKind[] = ["supporting", "inhibiting", "followUp"];

export type QuestionKey =
  | { q: "target" | "actual"; indicatorId: string; year: number }
  | { q: "final" | "national"; indicatorId: string }
  | { q: "factors"; indicatorId: string; which: FactorKind }
  | { q: "budget"; indicatorId: string; field: "budget" | "spent" }
  | { q: "line"; lineId: string; field: "budget" | "spent" };

export function encodeKey(k: QuestionKey): string {
  switch (k.q) {
    case "target":
    case "actual":
      return `${k.q}:${k.indicatorId}:${k.year}`;
    case "final":
    case "national":
      return `${k.q}:${k.indicatorId}`;
    case "factors":
      return `factors:${k.indicatorId}:${k.which}`;
    case "budget":
      return `budget:${k.indicatorId}:${k.field}`;
    case "line":
      return `line:${k.lineId}:${k.field}`;
  }
}

const ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,39}";

export function decodeKey(text: string): QuestionKey | undefined {
  let m = new RegExp(`^(target|actual):(${ID}):(\\d{4})$`).exec(text);
  if (m) return { q: m[1] as "target" | "actual", indicatorId: m[2]!, year: Number(m[3]) };
  m = new RegExp(`^(final|national):(${ID})$`).exec(text);
  if (m) return { q: m[1] as "final" | "national", indicatorId: m[2]! };
  m = new RegExp(`^factors:(${ID}):(supporting|inhibiting|followUp)$`).exec(text);
  if (m) return { q: "factors", indicatorId: m[1]!, which: m[2] as FactorKind };
  m = new RegExp(`^budget:(${ID}):(budget|spent)$`).exec(text);
  if (m) return { q: "budget", indicatorId: m[1]!, field: m[2] as "budget" | "spent" };
  m = new RegExp(`^line:(${ID}):(budget|spent)$`).exec(text);
  if (m) return { q: "line", lineId: m[1]!, field: m[2] as "budget" | "spent" };
  return undefined;
}
