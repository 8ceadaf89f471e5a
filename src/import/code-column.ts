/**
 * An Indikator header spanning two columns: reports number their indicators in a column of their own under the
 * same header as the names ("INDIKATOR KINERJA" over "1.1 | Persentase PSKS yang diberdayakan", as Tabel 3.2 of
 * an LKjIP often has it). Word copies such a header as one cell, so the pasted rows are one cell longer than the
 * header; a Word document read as a sheet has an empty header cell beside it, a workbook's merged cell the same
 * header twice. Either way the names are in the column after the codes, and the codes are not read (a report's
 * "1.1" need not be this agency's 1.1).
 */

/** An indicator's number as reports write it: "1.1", "2.1.", "1.2.3"; a sasaran's "1" alone too. */
const isIndicatorCode = (cell: string) => /^\d{1,2}(\.\d{1,2}){0,3}\.?$/.test(cell.trim());

/**
 * Whether the rows hold codes under the names' header: every row with a cell there has a code in it, at least one
 * does, and each of those has a name (a letter) in the next cell.
 */
function codesAt(rows: readonly (readonly string[])[], column: number): boolean {
  const filled = rows.filter((cells) => (cells[column] ?? "").trim() !== "");
  return filled.length > 0 && filled.every((cells) => isIndicatorCode(cells[column]!) && /\p{L}/u.test(cells[column + 1] ?? ""));
}

/**
 * A sheet's header cells with the names' header moved onto the names' column when the column under it holds codes
 * and the next header cell is empty (a Word cell spanning both) or the same (ExcelJS gives each cell of a merged
 * range its first cell's value); otherwise undefined.
 */
export function spannedNameHeader(headers: readonly string[], nameColumn: number, rows: readonly (readonly string[])[]): string[] | undefined {
  const next = headers[nameColumn + 1] ?? "";
  if ((next !== "" && next !== headers[nameColumn]) || !codesAt(rows, nameColumn)) return undefined;
  const moved = [...headers];
  while (moved.length < nameColumn + 2) moved.push("");
  moved[nameColumn + 1] = moved[nameColumn]!;
  moved[nameColumn] = "";
  return moved;
}

/**
 * Pasted header cells with an empty one before the names' header when the rows are one cell longer than the header
 * and hold codes where the names' header is (Word copies a spanned header cell as one); otherwise undefined.
 */
export function pastedNameHeader(headers: readonly string[], nameColumn: number, rows: readonly (readonly string[])[]): string[] | undefined {
  if (Math.max(...rows.map((cells) => cells.length)) !== headers.length + 1 || !codesAt(rows, nameColumn)) return undefined;
  return [...headers.slice(0, nameColumn), "", ...headers.slice(nameColumn)];
}
