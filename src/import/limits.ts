/** What an imported file may hold (import/spreadsheet.ts checks; the bot's messages name them without loading the reader). */
export const MAX_ROWS = 2000;
/** Largest unpacked content of an .xlsx (a 2000-row table is a few MB; this keeps a compressed bomb out of memory). */
export const MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** Longest factor cell read (30 items of 500 characters and their separators, as /isi takes them). */
export const MAX_FACTOR_CELL = 16_000;
/** How many years before the reporting year a sheet's history columns are read (and the bot's workbook writes). */
export const HISTORY_YEARS = 10;
/**
 * Columns read from each row of an .xlsx sheet: the bot's own workbook has 47, one more per year of the Renstra an
 * indicator has a target of (10 at most: a Renstra spans 10 years at most) and five per year of history before the two
 * it always has (8 at most, as far back as HISTORY_YEARS): 97 at most. More are not a table's.
 */
export const MAX_COLUMNS = 120;
