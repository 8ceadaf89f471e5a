/** Building blocks shared by the agency file schemas. */
import { z } from "zod";

/** Canonical decimal text in files: dot decimal, no grouping, no exponent ("86.11", "1373500000"). */
export const DECIMAL_PATTERN = /^-?\d{1,18}(\.\d{1,10})?$/;

/**
 * A decimal number in the agency file. JSON numbers are accepted and
 * converted (exactly as written in the file); the parsed value is always a
 * canonical string so that no binary float ever enters a calculation.
 */
export const DecimalString = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const text = typeof v === "number" ? String(v) : v.trim();
    if (!DECIMAL_PATTERN.test(text)) {
      ctx.addIssue({ code: "custom", params: { kode: "bukan_desimal", nilai: String(v).slice(0, 30) } });
      return z.NEVER;
    }
    // Normalise "-0", "007.50" → "0", "7.5"
    const [intPart = "0", frac] = text.replace(/^-/, "").split(".");
    const int = intPart.replace(/^0+(?=\d)/, "");
    const fraction = frac?.replace(/0+$/, "");
    const body = fraction ? `${int}.${fraction}` : int;
    return text.startsWith("-") && /[1-9]/.test(body) ? `-${body}` : body;
  });

export const NonNegativeDecimal = DecimalString.refine((v) => !v.startsWith("-"), {
  params: { kode: "negatif" },
});

export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: "@id" });

export const Year = z.number().int().min(2000).max(2100);
export const YearKey = z.string().regex(/^(20\d\d|2100)$/, { error: "@tahun" });

/**
 * Characters XML 1.0 cannot hold, and with it no Word or Excel file and no
 * chart (SVG): the C0 control characters other than tab, line feed and
 * carriage return, and U+FFFE/U+FFFF. Text copied from another document can
 * carry them (Word's manual line break is a vertical tab, U+000B).
 */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A trimmed, non-empty line of text; characters no document can hold become spaces. */
export const Text = (max: number) =>
  z
    .string()
    .overwrite((s) => s.replace(NOT_IN_XML, " "))
    .trim()
    .min(1)
    .max(max);

export const TextList = z.array(Text(500)).max(30);
