/**
 * Turns zod issues into Indonesian lines that say which field and why,
 * e.g. `• sasaran ke-1 ("Meningkatnya …") › indikator 1.2 ("Persentase …") › tahun 2024 › target: …`.
 */
import type { z } from "zod";
import { hasMessage, say } from "../../messages/catalog.js";
import { formatCount } from "../numbers/format.js";

type Issue = z.core.$ZodIssue;

function lookup(root: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function nameOf(node: unknown): string | undefined {
  if (node && typeof node === "object" && "name" in node && typeof node.name === "string") {
    const name = node.name.trim();
    return name.length > 60 ? `${name.slice(0, 57)}…` : name;
  }
  return undefined;
}

function fieldLabel(key: string): string {
  return hasMessage(`kolom.${key}`) ? say(`kolom.${key}`) : key;
}

/** Human path: objectives.0.indicators.1.years.2024.target → sasaran ke-1 › indikator 1.2 › tahun 2024 › target */
export function describePath(path: readonly PropertyKey[], input: unknown): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const next = path[i + 1];
    const prefix = path.slice(0, i + 2);
    if ((key === "objectives" || key === "indicators" || key === "budgetLines") && typeof next === "number") {
      const node = lookup(input, prefix);
      const nama = nameOf(node);
      if (key === "objectives") parts.push(say("kolom.sasaran", { nomor: next + 1, nama }));
      else if (key === "budgetLines") parts.push(say("kolom.baris_anggaran", { nomor: next + 1, nama }));
      else {
        const code = node && typeof node === "object" && "code" in node && typeof node.code === "string" ? node.code : `ke-${next + 1}`;
        parts.push(say("kolom.indikator", { kode: code, nama }));
      }
      i++;
      continue;
    }
    if ((key === "years" || key === "byYear") && typeof next === "string" && /^\d{4}$/.test(next)) {
      parts.push(key === "byYear" ? `${fieldLabel("byYear")} ${next}` : say("kolom.tahun", { tahun: next }));
      i++;
      continue;
    }
    if (key === "quarters" && typeof next === "string") {
      parts.push(say("kolom.triwulan", { nomor: next }));
      i++;
      continue;
    }
    if (typeof key === "number") parts.push(say("kolom.butir", { nomor: key + 1 }));
    else parts.push(fieldLabel(String(key)));
  }
  return parts.length > 0 ? parts.join(" › ") : say("skema.akar");
}

function typeName(t: string): string {
  return hasMessage(`skema.tipe.${t}`) ? say(`skema.tipe.${t}`) : t;
}

function receivedType(input: unknown): string {
  if (input === undefined) return "undefined";
  if (input === null) return "null";
  if (Array.isArray(input)) return "array";
  return typeof input;
}

function unionShape(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === "target" || last === "finalTarget" || (path.length >= 2 && path[path.length - 2] === "byYear")) return say("skema.bentuk_target");
  if (last === "actual") return say("skema.bentuk_realisasi");
  if (last === "scale") return say("skema.bentuk_skala");
  return say("skema.bentuk_angka");
}

function customMessage(params: Record<string, unknown>): string {
  const { kode, ...rest } = params;
  const view: Record<string, unknown> = { ...rest };
  if (typeof rest.level === "string") view.tingkat = say(`skema.tingkat.${rest.level}`);
  if (typeof rest.harus === "string") view.harus = say(`skema.tingkat.${rest.harus}`);
  if (typeof rest.index === "number") view.nomor = rest.index + 1;
  const key = `skema.kode.${String(kode)}`;
  return hasMessage(key) ? say(key, view) : say("skema.lainnya");
}

/** One Indonesian sentence for one issue (without its location). */
export function describeIssue(issue: Issue, root: unknown): string {
  if (issue.message.startsWith("@")) return customMessage({ kode: issue.message.slice(1) });
  switch (issue.code) {
    case "custom":
      return customMessage(issue.params ?? {});
    case "invalid_type": {
      // zod does not keep the input in the issue: look it up in the document.
      const input = lookup(root, issue.path);
      if (input === undefined) return say("skema.invalid_type_wajib", { harapan: typeName(issue.expected) });
      return say("skema.invalid_type", { harapan: typeName(issue.expected), diterima: typeName(receivedType(input)) });
    }
    case "too_small":
      if (issue.origin === "string") return say("skema.too_small_string");
      if (issue.origin === "array") return say("skema.too_small_array", { min: String(issue.minimum) });
      return say("skema.too_small_number", { min: String(issue.minimum) });
    case "too_big":
      // Counts as Indonesian writes them ("5.000 butir").
      if (issue.origin === "string") return say("skema.too_big_string", { max: formatCount(Number(issue.maximum)) });
      if (issue.origin === "array") return say("skema.too_big_array", { max: formatCount(Number(issue.maximum)) });
      return say("skema.too_big_number", { max: String(issue.maximum) });
    case "unrecognized_keys":
      return say("skema.unrecognized_keys", { kunci: issue.keys.map((k) => `"${k}"`).join(", ") });
    case "invalid_value":
      return say("skema.invalid_value", { pilihan: issue.values.map((v) => JSON.stringify(v)).join(", ") });
    case "invalid_union": {
      // A custom issue inside one branch (e.g. a malformed decimal) is more precise than "wrong shape".
      const inner = issue.errors.flat().find((e) => e.code === "custom");
      if (inner) return describeIssue({ ...inner, path: [...issue.path, ...inner.path] }, root);
      return say("skema.invalid_union", { bentuk: unionShape(issue.path) });
    }
    case "invalid_format":
      return say("skema.lainnya");
    default:
      return say("skema.lainnya");
  }
}

/** Every issue as "• location: reason", in Indonesian, without duplicates. */
export function formatIssues(error: z.ZodError, input: unknown): string[] {
  const lines = error.issues.map((issue) =>
    say("skema.baris", { lokasi: describePath(issue.path, input), pesan: describeIssue(issue, input) }),
  );
  return [...new Set(lines)];
}
