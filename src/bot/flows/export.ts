/** /ekspor — the agency's data as files. JSON here; Word and Excel register themselves (issue 6). */
import { exportWorker } from "../../export/worker-pool.js";
import { fileStem } from "../../export/file-name.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, html, label, text, type Button, type Out } from "../ui.js";

export interface Exporter {
  /** Format name as typed after /ekspor, e.g. "json". */
  format: string;
  /** Prompt key of the button label. */
  buttonKey: string;
  run(turn: Turn): Promise<Out[]>;
}

const EXPORTERS: Exporter[] = [
  {
    format: "json",
    buttonKey: "ekspor.tombol_json",
    async run(turn) {
      const { doc } = await activeAgency(turn);
      const file = doc.data;
      const data = new TextEncoder().encode(`${JSON.stringify(file, null, 2)}\n`);
      return [{ kind: "document", filename: `${fileStem(file)}.json`, data, caption: html("ekspor.json_keterangan", { instansi: file.agency.name, tahun: file.agency.reportingYear }) }];
    },
  },
];

export function registerExporter(exporter: Exporter): void {
  if (!EXPORTERS.some((e) => e.format === exporter.format)) EXPORTERS.push(exporter);
}

export async function exportCommand(turn: Turn, args: string): Promise<Outcome> {
  await activeAgency(turn);
  const wanted = args.trim().toLowerCase();
  if (wanted === "") {
    exportWorker().prepare(); // the thread loads while the officer chooses
    const buttons: Button[][] = EXPORTERS.map((e) => [button(label(e.buttonKey), `exp:${e.format}`)]);
    return outcome([text(html("ekspor.pilih"), buttons)]);
  }
  const exporter = EXPORTERS.find((e) => e.format === wanted);
  if (!exporter) return outcome([text(html("ekspor.format_salah", { format: wanted.slice(0, 20), pilihan: EXPORTERS.map((e) => e.format).join(", ") }))]);
  return outcome(await exporter.run(turn));
}
