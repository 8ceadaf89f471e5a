/**
 * Terbilang: a whole number in Indonesian words, from 0 up to
 * 999.999.999.999.999 (triliun), e.g. 29.296.151.220 → "dua puluh sembilan
 * miliar dua ratus sembilan puluh enam juta seratus lima puluh satu ribu dua
 * ratus dua puluh".
 */
import { Decimal } from "../decimal.js";
import { formatCount } from "./format.js";

const DIGITS = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];
const SCALES = ["", "ribu", "juta", "miliar", "triliun"];
export const TERBILANG_MAX = new Decimal("999999999999999");

/** 1..999 in words (never called with 0). */
function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push("seratus");
  else if (hundreds > 1) words.push(DIGITS[hundreds]!, "ratus");
  if (rest === 0) return words;
  if (rest < 10) words.push(DIGITS[rest]!);
  else if (rest === 10) words.push("sepuluh");
  else if (rest === 11) words.push("sebelas");
  else if (rest < 20) words.push(DIGITS[rest - 10]!, "belas");
  else {
    words.push(DIGITS[Math.floor(rest / 10)]!, "puluh");
    if (rest % 10 > 0) words.push(DIGITS[rest % 10]!);
  }
  return words;
}

/** Indonesian words for a non-negative integer (a negative one is prefixed with "minus"). */
export function terbilang(value: Decimal | number | bigint | string): string {
  const d = new Decimal(typeof value === "bigint" ? value.toString() : value);
  if (!d.isInteger()) throw new RangeError("terbilang expects a whole number");
  if (d.abs().greaterThan(TERBILANG_MAX)) throw new RangeError("terbilang supports values below 1.000 triliun");
  if (d.isZero()) return "nol";
  if (d.isNegative()) return `minus ${terbilang(d.negated())}`;

  const groups: number[] = [];
  let digits = d.toFixed(0);
  while (digits.length > 0) {
    groups.unshift(Number(digits.slice(-3)));
    digits = digits.slice(0, -3);
  }
  const words: string[] = [];
  groups.forEach((g, i) => {
    const scale = SCALES[groups.length - 1 - i]!;
    if (g === 0) return;
    if (g === 1 && scale === "ribu") words.push("seribu");
    else {
      words.push(...belowThousand(g));
      if (scale) words.push(scale);
    }
  });
  return words.join(" ");
}

/** "Dua Puluh Sembilan Miliar ... Rupiah": the style reports use in parentheses after an amount. */
export function terbilangRupiah(value: Decimal | number | string): string {
  const words = `${terbilang(new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP))} rupiah`;
  return words.replace(/(^|\s)(\p{L})/gu, (_m, space: string, letter: string) => space + letter.toUpperCase());
}

/** A count in running text: `4 (empat)`, `1.250 (seribu dua ratus lima puluh)`. */
export function countInWords(n: number): string {
  return `${formatCount(n)} (${terbilang(n)})`;
}
