/** What a lowdb document looks like on disk: its file and its change journal (see src/storage/lowdb/journal.ts). */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

/** The text of `<folder>/<id>.json` followed by that of `<id>.jurnal` (empty when none): equal texts mean nothing was stored. */
export async function storedText(dir: string, folder: string, id: string): Promise<string> {
  const read = (name: string) => readFile(join(dir, folder, name), "utf8").catch(() => "");
  return `${await read(`${id}.json`)}\n--- jurnal ---\n${await read(`${id}.jurnal`)}`;
}
