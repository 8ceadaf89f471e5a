/**
 * The sheets of a workbook /ekspor xlsx made that are computed from the agency's data (Tabel 3.1 … 3.8, the
 * sasaran's averages): read as tables, their rows repeat or misread the data sheets' (a wall of problems for the
 * bot's own file), so they are neither read nor counted in the rows a file may hold. Undefined for any other
 * workbook (one without the data sheet, or without a Tabel 3.x sheet).
 */
import { wordingFile } from "../domain/draft/templates.js";

export function computedSheetNames(names: readonly string[]): string[] | undefined {
  const sheets = wordingFile<{ lembar: { indikator: string; sasaran: string } }>("tabel").lembar;
  const table = /^Tabel 3\.\d+$/;
  if (!names.includes(sheets.indikator) || !names.some((n) => table.test(n))) return undefined;
  return names.filter((n) => n === sheets.sasaran || table.test(n));
}
