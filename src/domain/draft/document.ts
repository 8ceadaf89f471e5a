/**
 * The neutral document the drafting engine produces: sections of headings,
 * paragraphs, lists and tables. Renderers (Telegram HTML, Markdown, plain
 * text, Word) only lay it out; every word and number is already chosen.
 */

/** Where a printed number or word came from, so tests can check every paragraph against the tables. */
export interface Part {
  kind: "value" | "year" | "count" | "code" | "text";
  /** The exact text as printed. */
  text: string;
  /** For values: a stable key of the computed figure, e.g. "IKU1.capaian". */
  source?: string;
}

export interface Paragraph {
  type: "paragraph";
  text: string;
  parts: Part[];
}

export interface ListBlock {
  type: "list";
  ordered: boolean;
  items: Paragraph[];
}

export interface Heading {
  type: "heading";
  level: 2 | 3 | 4;
  text: string;
}

export interface Cell {
  text: string;
  /** Key of the computed figure shown in this cell (same keys as Part.source). */
  source?: string;
  /** Further figures printed inside the same cell, e.g. "56" and "57" in "98,25% (56/57)". */
  parts?: { source: string; text: string }[];
  /** The number behind the text, for spreadsheets: exact decimal string and how it is shown. */
  value?: { number: string; kind: NumberKind };
}

/** percent: 107.64 shown as 107,64%; points: percentage points; number: a value in the indicator's unit. */
export type NumberKind = "percent" | "money" | "number" | "ratio" | "points";

export interface Column {
  header: string;
  /** Upper header over several columns, e.g. "Target" over the years. */
  group?: string;
  align: "left" | "right" | "center";
  /** Consecutive equal cells of this column (within one row group) are merged vertically. */
  merge?: boolean;
  /** Identifies a row on a phone (the row's title in card layout). */
  label?: boolean;
}

export interface Row {
  cells: Cell[];
  kind: "data" | "group" | "total";
  /** Rows sharing a key may merge cells of `merge` columns. */
  groupKey?: string;
  /** Shown only in the full table (document export), not on a phone. */
  detail?: boolean;
  /** Printed in italics (e.g. an old indicator). */
  italic?: boolean;
  /** Indentation level of the first text column (budget hierarchy). */
  indent?: number;
}

export interface Table {
  type: "table";
  /** "3.2" */
  number: string;
  caption: string;
  columns: Column[];
  rows: Row[];
  /** "Sumber: …" */
  source: string;
  /** Legend or remark printed under the table. */
  note?: string;
}

/** A remark for the officer (e.g. a budget sum that does not add up); not part of the report text. */
export interface Notice {
  type: "notice";
  text: string;
}

export type Block = Heading | Paragraph | ListBlock | Table | Notice;

export type SectionId = "ringkasan" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "penutup";
export const SECTION_IDS: SectionId[] = ["ringkasan", "1", "2", "3", "4", "5", "6", "7", "8", "penutup"];

export interface Section {
  id: SectionId;
  /** "3.1 Perbandingan Target dan Realisasi Kinerja Tahun 2024" */
  title: string;
  blocks: Block[];
}

export interface Chapter {
  /** "BAB III AKUNTABILITAS KINERJA" */
  title: string;
  sections: Section[];
}
