/**
 * The change journal next to a lowdb document: `<id>.jurnal` beside
 * `<id>.json`. A small change (an answer) is appended to the journal as one
 * line of patch operations (storage/patch.ts) instead of rewriting the whole
 * document; every so often the document is rewritten in full and the journal
 * starts again (compaction).
 *
 * The first line names the document text the journal applies to (its
 * SHA-256) and the storage schema version that text was validated with. A
 * journal whose base is not the current document text is stale (a
 * compaction wrote the document, then stopped before replacing the journal)
 * and is ignored: its changes are already in the document. Each change line
 * carries a checksum of its own text. A last line cut short by a crash was
 * never acknowledged and is ignored; any other line that does not parse or
 * match its checksum makes the document unavailable rather than misread.
 *
 * So when the base and every line match, the document is exactly one this
 * program validated before writing it, and reading it need not validate it
 * again (the expensive part of loading an agency); any other file is
 * validated in full.
 *
 * Reading a journal is a synchronous call: a few kilobytes in the page
 * cache, a few microseconds, where the promise API's open, read and close
 * are three round trips through libuv's small thread pool (see
 * document-file.ts). Appending a line is one job of that pool, the write and
 * its wait for the disk together (durable.ts). Starting a journal writes a
 * temporary file, syncs it and renames it, which can take a millisecond:
 * that stays asynchronous.
 */
import { createHash } from "node:crypto";
import type { Op } from "../patch.js";
import { appendDurably, appendToOpenFile, openForAppend, replaceDurably } from "./durable.js";
import { readFileText } from "./read-file.js";

export { JOURNAL_MAX_CHANGES, JOURNAL_MAX_LINE } from "../journal-limits.js";
/** Journal size that also triggers the full rewrite. */
export const JOURNAL_MAX_BYTES = 256 * 1024;

export const journalPath = (documentPath: string): string => `${documentPath.slice(0, -".json".length)}.jurnal`;

export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export interface JournalContent {
  /** Each appended change, oldest first. */
  changes: Op[][];
  bytes: number;
  /** The last line was cut short (a crash while appending). */
  torn: boolean;
  /** The storage schema version the base text was validated with. */
  checked: number | undefined;
}

const lineSum = (json: string) => textHash(json).slice(0, 16);

/** A value as a checksummed line (no newline): the first 16 hex digits of its JSON's SHA-256, a space, the JSON. */
export function checkedLine(value: unknown): string {
  const json = JSON.stringify(value);
  return `${lineSum(json)} ${json}`;
}

/** The value of a checksummed line; throws when the line is cut short or damaged. */
export function readCheckedLine(line: string): unknown {
  const json = line.slice(17);
  if (line[16] !== " " || line.slice(0, 16) !== lineSum(json)) throw new Error("checksum");
  return JSON.parse(json) as unknown;
}

/** A change as a journal line: checksum, space, operations. */
export function journalLine(ops: Op[]): string {
  return checkedLine(ops);
}

export class JournalDamaged extends Error {}

/**
 * The journal's changes when it applies to the document text with hash
 * `base`; undefined when there is no journal or it belongs to another text.
 */
export function readJournal(path: string, base: string): JournalContent | undefined {
  const text = readFileText(path, false)?.text;
  if (text === undefined) return undefined;
  const lines = text.split("\n");
  const complete = text.endsWith("\n");
  if (complete) lines.pop();
  let header: unknown;
  try {
    header = JSON.parse(lines[0] ?? "");
  } catch {
    // A header cut short: the journal was being created when the process stopped; nothing in it was acknowledged.
    if (lines.length <= 1 && !complete) return undefined;
    throw new JournalDamaged("kepala jurnal rusak");
  }
  if (typeof header !== "object" || header === null || typeof (header as { base?: unknown }).base !== "string") throw new JournalDamaged("kepala jurnal rusak");
  const { base: journalBase, checked } = header as { base: string; checked?: unknown };
  if (journalBase !== base) return undefined;
  const changes: Op[][] = [];
  let torn = false;
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    try {
      const ops = readCheckedLine(lines[i]!);
      if (!Array.isArray(ops)) throw new Error("bukan daftar");
      if (last && !complete) torn = true; // parsed, but its newline is missing: treat as cut short
      else changes.push(ops as Op[]);
    } catch {
      if (last && !complete) torn = true;
      else throw new JournalDamaged(`baris jurnal ${i + 1} rusak`);
    }
  }
  return { changes, bytes: text.length, torn, checked: typeof checked === "number" ? checked : undefined };
}

/**
 * Start a journal for the document text with hash `base`, validated with
 * schema version `checked`, holding `line` if given (atomic and durable:
 * temporary file, synced, then renamed; durable.ts).
 */
export async function startJournal(path: string, base: string, checked: number, line?: string): Promise<void> {
  await replaceDurably(path, `${JSON.stringify({ base, checked })}\n${line === undefined ? "" : `${line}\n`}`);
}

/**
 * Append a change line to the journal at `path`, or through `fd` when the journal is kept open (see
 * `openJournal`); resolves once it is on the disk (durable.ts).
 */
export function appendToJournal(path: string, line: string, fd?: number): Promise<void> {
  return fd === undefined ? appendDurably(path, `${line}\n`) : appendToOpenFile(fd, `${line}\n`);
}

/**
 * The journal at `path`, which exists (read or started by this program), opened for appending: a
 * collection keeps it open while its document is cached, which spares each answer an open, a stat
 * and a close, opens that waited behind the syncs in flight (docs/benchmark.md, item 36). Whoever
 * replaces or removes the journal closes it first: an append through it would go to the file no
 * longer there.
 */
export function openJournal(path: string): number {
  return openForAppend(path);
}
