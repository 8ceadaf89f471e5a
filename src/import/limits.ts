/** What an imported file may hold (import/spreadsheet.ts checks; the bot's messages name them without loading the reader). */
export const MAX_ROWS = 2000;
/** Largest unpacked content of an .xlsx (a 2000-row table is a few MB; this keeps a compressed bomb out of memory). */
export const MAX_XLSX_UNPACKED_BYTES = 40 * 1024 * 1024;
/** Longest factor cell read (30 items of 500 characters and their separators, as /isi takes them). */
export const MAX_FACTOR_CELL = 16_000;
/** Columns read from each row of an .xlsx sheet (the bot's own workbook has 47; more are not a table's). */
export const MAX_COLUMNS = 60;
