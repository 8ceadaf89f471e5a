/**
 * Everything the assistant says to a user lives in `prompts/*.json` as data
 * (Indonesian mustache strings). This module loads those files once and
 * renders a message by key, e.g. `say("angka.kosong", { contoh: "86,11" })`.
 *
 * Rendering never HTML-escapes by itself: the caller chooses the escape
 * function for its medium (plain text for the command line, HTML entities
 * for Telegram).
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { plainText, renderMustache, type Escape } from "../domain/mustache.js";
import { PROJECT_ROOT } from "../paths.js";

export type MessageParams = Record<string, unknown>;
export type { Escape };

export const PROMPTS_DIR = join(PROJECT_ROOT, "prompts");

type Tree = { [key: string]: string | string[] | Tree };

let catalog: Map<string, string | string[]> | undefined;

function flatten(tree: Tree, prefix: string, into: Map<string, string | string[]>, file: string): void {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string" || Array.isArray(value)) {
      if (into.has(full)) throw new Error(`Duplicate message key ${full} in ${file}`);
      into.set(full, value);
    } else {
      flatten(value, full, into, file);
    }
  }
}

function load(): Map<string, string | string[]> {
  if (catalog) return catalog;
  const map = new Map<string, string | string[]>();
  for (const file of readdirSync(PROMPTS_DIR).filter((f) => f.endsWith(".json")).sort()) {
    const tree = JSON.parse(readFileSync(join(PROMPTS_DIR, file), "utf8")) as Tree;
    flatten(tree, "", map, file);
  }
  catalog = map;
  return map;
}

export function hasMessage(key: string): boolean {
  return load().has(key);
}

/** All keys, for tests that check every message renders. */
export function messageKeys(): string[] {
  return [...load().keys()];
}

function raw(key: string): string {
  const value = load().get(key);
  if (value === undefined) throw new Error(`Unknown message key: ${key}`);
  return Array.isArray(value) ? value.join("\n") : value;
}

/** Render the message `key` with `params`; `escape` is applied to every `{{value}}`. */
export function say(key: string, params: MessageParams = {}, escape: Escape = plainText): string {
  return renderMustache(raw(key), params, undefined, escape);
}

/** A list-valued message (e.g. button labels), each entry rendered. */
export function sayList(key: string, params: MessageParams = {}, escape: Escape = plainText): string[] {
  const value = load().get(key);
  if (!Array.isArray(value)) throw new Error(`Message ${key} is not a list`);
  return value.map((line) => renderMustache(line, params, undefined, escape));
}

const WORDS = new Map<string, ReadonlySet<string>>();

/** A list-valued message of words the user may type (e.g. "lewati"), lower-cased, as a set: made once per key. */
export function wordSet(key: string): ReadonlySet<string> {
  let words = WORDS.get(key);
  if (!words) {
    words = new Set(sayList(key).map((w) => w.toLowerCase()));
    WORDS.set(key, words);
  }
  return words;
}
