/** The downloadable import template (/templat): a workbook with the two sheets the importer reads and a help sheet. */
import ExcelJS from "exceljs";
import { say, sayList } from "../messages/catalog.js";

function list(key: string): string[] {
  return sayList(key);
}

/** Rows of example cells, stored in prompts as "a|b|c" strings. */
function rows(key: string): string[][] {
  return sayList(key).map((r) => r.split("|"));
}

export async function importTemplate(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = "Asisten LKjIP";
  book.created = new Date(0);
  const sheet = (name: string, header: string[], examples: string[][]) => {
    const ws = book.addWorksheet(name);
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.eachCell((c) => (c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E2F3" } }));
    for (const e of examples) ws.addRow(e);
    header.forEach((_, i) => (ws.getColumn(i + 1).width = i < 3 ? 45 : 18));
    ws.views = [{ state: "frozen", ySplit: 1 }];
  };
  sheet(say("impor.templat.lembar_pk"), list("impor.templat.kolom_pk"), rows("impor.templat.contoh_pk"));
  sheet(say("impor.templat.lembar_anggaran"), list("impor.templat.kolom_anggaran"), rows("impor.templat.contoh_anggaran"));
  const help = book.addWorksheet(say("impor.templat.lembar_petunjuk"));
  for (const line of list("impor.templat.petunjuk")) help.addRow([line]);
  help.getColumn(1).width = 120;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
