/**
 * A polarity as officers write it: in a Polaritas column of a PK or e-SAKIP export, or as a word after `/cek`'s
 * figures. Besides "positif"/"negatif", e-SAKIP applications write "Maximize"/"Minimize" (or "Maksimal"/"Minimal"),
 * and officers say an indicator should "naik"/"meningkat" or "turun"/"menurun", or "makin rendah makin baik".
 */
import type { Polarity } from "./calc/achievement.js";

const WORDS: Record<string, Polarity> = {
  positif: "positive",
  positive: "positive",
  maximize: "positive",
  maximise: "positive",
  maksimal: "positive",
  maksimalkan: "positive",
  maksimum: "positive",
  max: "positive",
  maks: "positive",
  naik: "positive",
  meningkat: "positive",
  negatif: "negative",
  negative: "negative",
  minimize: "negative",
  minimise: "negative",
  minimal: "negative",
  minimalkan: "negative",
  minimum: "negative",
  min: "negative",
  turun: "negative",
  menurun: "negative",
};

/** "makin tinggi makin baik", "semakin kecil semakin baik", "lebih rendah lebih baik". */
const PHRASE = /^(?:se)?(?:makin|lebih) (tinggi|besar|banyak|rendah|kecil|sedikit),? (?:(?:se)?(?:makin|lebih) )?baik$/;
const HIGHER = new Set(["tinggi", "besar", "banyak"]);

/** A choice as typed, case, spaces and a note in brackets aside ("Negatif (-)" → "negatif"), to look it up. */
export const choiceText = (text: string): string =>
  text
    .toLowerCase()
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim();

/** The polarity a word or phrase names (case, spaces and a note in brackets aside: "Negatif (-)"), or undefined. */
export function polarityWord(text: string): Polarity | undefined {
  const plain = choiceText(text);
  const word = WORDS[plain];
  if (word) return word;
  const phrase = PHRASE.exec(plain);
  return phrase ? (HIGHER.has(phrase[1]!) ? "positive" : "negative") : undefined;
}
