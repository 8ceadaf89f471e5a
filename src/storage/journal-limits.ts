/**
 * When a store writes a whole document instead of appending a change to it
 * (lowdb: its journal file; PostgreSQL: its change rows). A document read
 * back replays at most this many changes.
 */

/** Changes kept on top of a document before it is written in full again. */
export const JOURNAL_MAX_CHANGES = 100;
/** A change larger than this (as JSON text) is written as a full document instead. */
export const JOURNAL_MAX_LINE = 32 * 1024;
