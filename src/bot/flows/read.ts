/** Reading the results: /draf, /cek and /bantuan (/status is in status.ts). */
import { formatCount } from "../../domain/numbers/format.js";
import { SECTION_IDS, type SectionId } from "../../domain/draft/document.js";
import type { AgencyFile } from "../../domain/schema/agency.js";
import { quickCheck } from "../../domain/quick-check.js";
import type { DocxPart } from "../../export/index.js";
import { exportWorker } from "../../export/worker-pool.js";
import { offThread } from "../off-thread.js";
import { activeAgency, outcome, type Outcome, type Turn } from "../turn.js";
import { button, escapeHtml, grid, label, later, reply, text, type Out } from "../ui.js";
import { wordDocument } from "./files.js";

export async function draftMenu(turn: Turn): Promise<Outcome> {
  await activeAgency(turn);
  exportWorker().prepare(); // the thread loads while the officer chooses
  const sections = SECTION_IDS.filter((id) => id !== "ringkasan" && id !== "penutup").map((id) => button(label("draf.bagian", { nomor: id }), `draf:${id}`));
  return outcome([
    reply("draf.pilih", {}, [
      [button(label("draf.ringkasan"), "draf:ringkasan")],
      ...grid(sections, 4),
      [button(label("draf.penutup"), "draf:penutup")],
      [button(label("draf.semua"), "draf:semua")],
    ]),
  ]);
}

/**
 * The most messages one choice of /draf sends; a longer draft goes as Word files instead. Every section of a
 * 40-indicator agency is 57 messages (section 3.7 alone 14, the Dumai report's every section 12): dozens of
 * messages are hard to copy from on a phone, and Telegram lets a bot send about 30 a second to all its chats
 * together, so one such draft would hold up every other officer's replies for two seconds.
 */
export const DRAFT_MESSAGES_MAX = 20;

/** The Word files (/ekspor) in the chapter's order, and the part each section is in. */
const PARTS_IN_ORDER: DocxPart[] = ["ringkasan", "bab3", "penutup"];
const partOf = (id: SectionId): DocxPart => (id === "ringkasan" || id === "penutup" ? id : "bab3");

export async function draftSection(turn: Turn, choice: string): Promise<Outcome> {
  const { doc } = await activeAgency(turn);
  const ids: SectionId[] = choice === "semua" ? [...SECTION_IDS] : SECTION_IDS.filter((id) => id === choice);
  if (ids.length === 0) return outcome([reply("akses.tombol_kedaluwarsa")]);
  // The agency as read now (stored documents are frozen), drafted once the update is stored.
  const file = doc.data;
  return outcome([later(() => drafted(file, choice, ids))]);
}

/** The draft of `ids` as messages, or as the Word files of their parts when it is longer than DRAFT_MESSAGES_MAX. */
async function drafted(file: AgencyFile, choice: string, ids: SectionId[]): Promise<Out[]> {
  const agency = { instansi: file.agency.name, tahun: file.agency.reportingYear };
  // Drafted on the export thread: 30–70 ms for every section of a 40-indicator agency, which other officers' answers would wait behind.
  const messages = await offThread(file, "draf", (thread) => thread.draft(file, ids));
  if (messages.length <= DRAFT_MESSAGES_MAX) return [reply("draf.pengantar", agency), ...messages.map((m) => text(m))];
  // Too long for the chat: the Word file of each part the choice covers, made on the export thread one after the other.
  const parts = PARTS_IN_ORDER.filter((part) => ids.some((id) => partOf(id) === part));
  const documents: Out[] = [];
  for (const part of parts) documents.push(await wordDocument(file, part));
  const pilihan = choice === "semua" || choice === "ringkasan" || choice === "penutup" ? label(`draf.pilihan.${choice}`) : label("draf.pilihan.bagian", { nomor: choice });
  return [
    reply("draf.sebagai_dokumen", {
      ...agency,
      pilihan,
      jumlah: formatCount(messages.length),
      maks: DRAFT_MESSAGES_MAX,
      dokumen: parts.map((part) => label(`ekspor.bagian.${part}`)).join(", "),
      // A section of BAB III comes in the whole chapter's file.
      di_dalam: choice !== "semua" && partOf(choice as SectionId) === "bab3",
    }),
    ...documents,
  ];
}

/** /cek works for anyone, in private and group chats; nothing is stored. */
export function check(args: string): Outcome {
  const result = quickCheck(args.split(/\s+/).filter(Boolean), escapeHtml, "/cek");
  return outcome([text(result.text)]);
}

export function help(): Outcome {
  return outcome([reply("bantuan.teks")]);
}
