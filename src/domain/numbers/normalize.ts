/**
 * Normalisation of what people type on a phone before any parsing:
 * full-width digits, exotic spaces and minus signs, and letters that look
 * Latin but are Cyrillic or Greek (one seed report has a Cyrillic "В").
 */

const SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const MINUS = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** Cyrillic and Greek capital letters that render like Latin ones. */
const LOOK_ALIKES: Record<string, string> = {
  "\u0410": "A", "\u0412": "B", "\u0421": "C", "\u0415": "E", "\u041D": "H", "\u041A": "K",
  "\u041C": "M", "\u041E": "O", "\u0420": "P", "\u0422": "T", "\u0425": "X", "\u0423": "Y",
  "\u0430": "a", "\u0441": "c", "\u0435": "e", "\u043E": "o", "\u0440": "p", "\u0445": "x", "\u0443": "y",
  "\u0391": "A", "\u0392": "B", "\u0395": "E", "\u0397": "H", "\u0399": "I", "\u039A": "K",
  "\u039C": "M", "\u039D": "N", "\u039F": "O", "\u03A1": "P", "\u03A4": "T", "\u03A7": "X", "\u03A5": "Y",
  "\u03BF": "o",
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join("")}]`, "g");

/** NFKC, single ASCII spaces, ASCII minus, trimmed. */
export function normalizeInput(input: string): string {
  return input
    .normalize("NFKC")
    .replace(ZERO_WIDTH, "")
    .replace(SPACES, " ")
    .replace(MINUS, "-")
    .replace(/\s+/g, " ")
    .trim();
}

/** Replace look-alike Cyrillic/Greek letters by their Latin twins. */
export function latinizeLookAlikes(text: string): string {
  return text.replace(LOOK_ALIKE_PATTERN, (ch) => LOOK_ALIKES[ch] ?? ch);
}
