/**
 * Fuzz of /impor: CSV files, workbooks and Word documents of random, hostile and nearly valid cells under
 * the Perjanjian Kinerja's header (narrow, or wide: polarity, kind, numerator and denominator, definition, a ratio's label, earlier and later years, the Renstra's final target,
 * the national figure, factors) or the budget's, sent as an officer would,
 * the preview saved about half the time. After every file: a reply, no
 * error, no message Telegram would refuse (the shared check after each
 * test), and whatever was stored passes the agency's schema after a restart.
 * Then the agency, now full of names like "<b>", "{{tahun}}" and 500
 * characters, goes through every output: /status, the whole draft, the Word
 * and Excel exports and the charts: each name appears in the draft, the Word
 * file and the workbook exactly as typed.
 *
 * SEED and RUNS (environment) explore beyond the fixed seed.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { ADMIN, harness, plain, registerAgency, type Harness } from "../support/bot-harness.js";
import { readDocx } from "../support/docx.js";
import { inputArb } from "../support/hostile-inputs.js";
import { BUDGET_HEADER, PK_HEADER, utf8, xlsx, type CellInput } from "../support/spreadsheets.js";

/** A Word file's text: its paragraphs and every table cell, a line each. */
const docxText = (doc: Awaited<ReturnType<typeof readDocx>>): string =>
  doc.blocks.map((b) => (b.type === "p" ? b.text : b.table.rows.map((r) => r.cells.map((c) => c.text).join("\n")).join("\n"))).join("\n");

const nameish = fc.oneof(
  fc.constantFrom("Meningkatnya Kesejahteraan Sosial", "Persentase PPKS terlayani", "Program Rehabilitasi Sosial", "<b>", "a & b < c", "{{tahun}}", "{{{x}}}", "x".repeat(500), "Ω ✓ 😀", "=SUM(A1)", "1.1"),
  fc.string({ maxLength: 30 }),
  fc.tuple(fc.constantFrom("Persentase", "Jumlah", "Indeks", "<u>Nilai</u>", "Cakupan &"), fc.nat(40)).map(([w, n]) => `${w} layanan ${n}`),
);
const hostile = inputArb.map((s) => s.slice(0, 600));
/** A column's cell: mostly what the column expects, now and then anything at all. */
const column = (expected: fc.Arbitrary<string>) => fc.oneof({ weight: 4, arbitrary: expected }, { weight: 1, arbitrary: hostile });
const number = fc.oneof(fc.constantFrom("", "80", "100%", "86,11", "56/57", "B", "-", "0"), fc.integer({ min: -5, max: 100_000 }).map(String));
const money = fc.oneof(fc.constantFrom("", "Rp 1,37 M", "1.373.500.000", "250 jt", "1.373.500.000,00", "-"), fc.integer({ min: 0, max: 5_000_000_000 }).map(String));
const pkRow = fc.tuple(column(fc.nat(50).map(String)), column(nameish), column(nameish), column(fc.constantFrom("%", "KPM", "orang", "indeks", "")), column(number), column(number), column(money), column(money));
/** The columns a wider sheet adds (the bot's own workbook, a Perjanjian Kinerja of several years): see WIDE_HEADER. */
// Fifteen more cells a row: each is now and then wrong or hostile, or hardly a row would be without a problem.
const rarely = (expected: fc.Arbitrary<string>, wrong: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 24, arbitrary: expected }, { weight: 1, arbitrary: wrong }, { weight: 1, arbitrary: hostile });
const factorCell = rarely(fc.constantFrom("", "", "Koordinasi; SDM", "1. Data terlambat\n2. Anggaran terbatas", "tidak ada", "-"), fc.constantFrom("x".repeat(600), Array.from({ length: 31 }, (_, k) => `f${k}`).join(";")));
const yearly = rarely(fc.constantFrom("", "", "80", "97,5", "100%", "0"), number);
/** A predikat indicator's figure: letters and scores, now and then anything. */
const gradeFigure = rarely(fc.constantFrom("", "", "B", "BB", "A (81,50)", "C", "AA"), number);
/** The Jenis cell; a predikat's row gets predikat figures (its Target and Realisasi too), or hardly one would be saved. */
const jenisCell = rarely(fc.constantFrom("", "", "", "", "nilai", "rasio", "rasio", "predikat", "predikat IKM", "Predikat LHE AKIP", "Predikat LHE AKIP"), fc.constantFrom("IKU", "campuran"));
const wideCells = jenisCell.chain((jenis) => {
  const graded = /^predikat/i.test(jenis);
  const figure = graded ? gradeFigure : yearly;
  return fc
    .tuple(
      rarely(fc.constantFrom("positif", "Negatif", "negatif", "", "-"), fc.constant("naik")),
      figure,
      figure,
      figure,
      figure,
      figure,
      figure,
      // The national figure and its year: both, or neither.
      fc.oneof(fc.constant(["", ""]), fc.tuple(yearly, rarely(fc.constantFrom("2023", "2024"), fc.constantFrom("", "2025", "20x")))),
      rarely(fc.constantFrom("standar", "Realisasi", "", ""), fc.constant("x")),
      rarely(fc.oneof(fc.constant(""), nameish), fc.constant("y".repeat(201))),
      factorCell,
      factorCell,
      factorCell,
      // Pembilang and Penyebut: mostly none, or a ratio's (the realisasi then emptied, or it would seldom agree).
      fc.oneof({ weight: 2, arbitrary: fc.constant(["", ""]) }, { weight: 1, arbitrary: fc.tuple(rarely(fc.constantFrom("31", "12"), number), rarely(fc.constantFrom("36", "40"), number)) }),
      // Definisi/Formula, and a Label Pembilang (refused but on a ratio).
      rarely(fc.constantFrom("", "", "Jumlah terlayani\ndibagi jumlah sasaran × 100%", "-"), fc.constant("d".repeat(2001))),
      fc.constantFrom("", "", "", "", "jumlah kelurahan"),
    )
    .map(([polarity, target, actual, t23, r23, t25, final, [national, year], kind, source, f1, f2, f3, [numerator, denominator], definition, label]) => ({
      cells: [polarity, jenis, t23, r23, t25, final, national, year, kind, source, f1, f2, f3, numerator, denominator, definition, label],
      fraction: numerator !== "" || denominator !== "",
      figures: graded ? [target, actual] : undefined,
    }));
});
const WIDE_HEADER = [
  ...PK_HEADER,
  "Polaritas",
  "Jenis",
  "Target 2023",
  "Realisasi 2023",
  "Target 2025",
  "Target Akhir Renstra",
  "Standar/Realisasi Nasional",
  "Tahun Data Nasional",
  "Jenis Data Nasional",
  "Sumber Data Nasional",
  "Faktor Pendukung",
  "Faktor Penghambat",
  "Tindak Lanjut",
  "Pembilang",
  "Penyebut",
  "Definisi/Formula",
  "Label Pembilang",
];
const budgetRow = fc.tuple(column(nameish), column(fc.oneof(nameish, fc.constant(""))), column(fc.oneof(nameish, fc.constant(""))), column(money), column(money), column(fc.constantFrom("", "1.1", "1.1, 1.2", "9.9")), column(fc.constantFrom("", "tunda bayar", "<i>efisiensi</i>")),
  // An output indicator: its name, unit and target, all or none (now and then one without the others).
  fc.oneof(
    { weight: 12, arbitrary: fc.constant(["", "", ""]) },
    { weight: 12, arbitrary: fc.tuple(fc.oneof(fc.constant("Persentase keluaran <b>"), nameish), fc.constantFrom("%", "orang"), number) },
    { weight: 1, arbitrary: fc.constant(["", "%", "100"]) },
  ),
).map(([program, activity, sub, budget, spent, refs, note, output]) => [program, activity, sub, budget, spent, refs, note, ...output]);
const BUDGET_WIDE_HEADER = [...BUDGET_HEADER, "Keluaran", "Satuan Keluaran", "Target Keluaran"];

/**
 * One file: the Perjanjian Kinerja's header or the budget's, maybe a title line above it, and 1–12 rows (some cut
 * short); as CSV, or as a workbook whose cells are now and then typed numbers, formulas (with or without their saved
 * value, some in percentage cells) or error values.
 */
const spreadsheetFile = fc.tuple(fc.boolean(), fc.nat(2).map((n) => n > 0)).chain(([budget, wide]) =>
  fc.record({
    budget: fc.constant(budget),
    /** A Perjanjian Kinerja with the columns of WIDE_HEADER. */
    wide: fc.constant(wide && !budget),
    title: fc.boolean(),
    workbook: fc.boolean(),
    /** One file in ten is the table in a Word document instead. */
    document: fc.nat(9).map((n) => n === 0),
    separator: fc.constantFrom(";", ",", "\t"),
    rows: fc.array(
      fc
        .tuple(budget ? budgetRow : pkRow, wideCells, fc.nat(9))
        .map(([row, more, keep]) => {
          if (keep === 0) return row.slice(0, 3);
          if (!wide || budget) return [...row];
          // A predikat's Target and Realisasi are predikat figures; a row with a Pembilang or Penyebut has no Realisasi.
          const figures = more.figures ?? [row[4]!, more.fraction ? "" : row[5]!];
          return [...row.slice(0, 4), ...figures, ...row.slice(6), ...more.cells];
        }),
      { minLength: 1, maxLength: 12 },
    ),
    typing: fc.array(fc.nat(9), { minLength: 12 * ROW_CELLS, maxLength: 12 * ROW_CELLS }),
    save: fc.boolean(),
  }),
);
type SpreadsheetFile = typeof spreadsheetFile extends fc.Arbitrary<infer T> ? T : never;

/** Most cells in a row (WIDE_HEADER's), for the typing of each cell. */
const ROW_CELLS = 25;

/** A workbook cell for the text `c`, typed as `typing` says when it is a number. */
function typed(c: string, typing: number): CellInput {
  const n = Number(c);
  const numeric = c.trim() !== "" && Number.isFinite(n);
  if (typing === 0 && numeric) return n;
  if (typing === 1 && numeric) return { raw: { formula: `${c}*1`, result: n / 100 }, numFmt: "0.00%" };
  if (typing === 2 && numeric) return { raw: { formula: `${c}+0`, result: n } };
  if (typing === 3) return { raw: { formula: "E2/D2", result: { error: "#DIV/0!" } } };
  if (typing === 4 && numeric) return { raw: { formula: "E2/D2" } };
  return c;
}

async function fileBytes(file: SpreadsheetFile): Promise<{ name: string; bytes: Uint8Array; text: string }> {
  const header = file.budget ? BUDGET_WIDE_HEADER : file.wide ? WIDE_HEADER : PK_HEADER;
  if (file.document) {
    const row = (cells: string[]) => new TableRow({ children: (cells.length > 0 ? cells : [""]).map((c) => new TableCell({ children: c.split("\n").map((line) => new Paragraph(line)) })) });
    const table = new Table({ rows: [row(header), ...file.rows.map(row)] });
    const doc = new Document({ sections: [{ children: [...(file.title ? [new Paragraph("PERJANJIAN KINERJA TAHUN 2024")] : []), table] }] });
    return { name: "acak.docx", bytes: new Uint8Array(await Packer.toBuffer(doc)), text: JSON.stringify(file.rows) };
  }
  if (!file.workbook) {
    const lines = [header, ...file.rows].map((cells) => cells.map((c) => quote(c, file.separator)).join(file.separator));
    if (file.title) lines.unshift("PERJANJIAN KINERJA TAHUN 2024");
    const text = `${lines.join("\r\n")}\r\n`;
    return { name: "acak.csv", bytes: utf8(text), text };
  }
  const rows: CellInput[][] = [...(file.title ? [["PERJANJIAN KINERJA TAHUN 2024"]] : []), header, ...file.rows.map((cells, r) => cells.map((c, i) => typed(c, file.typing[r * ROW_CELLS + i]!)))];
  return { name: "acak.xlsx", bytes: await xlsx([{ name: "PK", rows }]), text: JSON.stringify(rows) };
}

function quote(value: string, separator: string): string {
  return /["\n\r]/.test(value) || value.includes(separator) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Check the stored agency (read afresh, as after a restart) passes its schema; it is returned. */
async function checkStored(h: Harness, id: string, where: string, problems: string[]): Promise<AgencyFile> {
  const stored = await new LowdbRepository({ dir: h.dir, backupDays: 0 }).agencies.read(id);
  const parsed = AgencyFileSchema.safeParse(JSON.parse(JSON.stringify(stored!.data)));
  if (!parsed.success) problems.push(`${where}: stored agency fails its schema: ${parsed.error.message.slice(0, 300)}`);
  return stored!.data;
}

describe("fuzz of /impor", () => {
  it("random CSV files, workbooks and Word documents: always a reply, no error, what is saved readable after a restart; then every output of the agency they filled", async () => {
    const h = await harness();
    const id = await registerAgency(h, ADMIN);
    const d = h.driver;
    const problems: string[] = [];
    let files = 0;
    let saved = 0;
    let savedWorkbooks = 0;
    let savedDocuments = 0;
    let savedWide = 0;
    /** A ratio's numerator and denominator stored at some point (a later file may overwrite them with a figure). */
    let storedFraction = false;
    await fc.assert(
      fc.asyncProperty(spreadsheetFile, async (file) => {
        const { name, bytes, text } = await fileBytes(file);
        const fileId = `acak-${++files}`;
        h.telegram.files.set(fileId, bytes);
        await d.send(ADMIN, "/impor");
        const preview = await d.sendDocument(ADMIN, fileId, name, bytes.length);
        const where = `file ${files} ${JSON.stringify(text.slice(0, 120))}`;
        if (preview.length === 0) problems.push(`${where}: no reply`);
        const offered = preview.some((m) => m.keyboard.flat().some((b) => b.text === "✅ Simpan"));
        if (offered && file.save) {
          const reply = await d.press(ADMIN, "✅ Simpan");
          if (reply.length === 0) problems.push(`${where}: no reply to Simpan`);
          if (reply[0]?.text.startsWith("✅ Impor tersimpan")) {
            saved++;
            if (file.wide) savedWide++;
            if (file.document) savedDocuments++;
            else if (file.workbook) savedWorkbooks++;
          }
          const data = await checkStored(h, id, where, problems);
          storedFraction ||= data.objectives.some((o) => o.indicators.some((i) => Object.values(i.years).some((y) => y?.numerator !== undefined)));
        }
      }),
      { numRuns: Number(process.env.RUNS ?? 300), seed: Number(process.env.SEED ?? 20261206) },
    );
    expect(problems).toEqual([]);
    expect(h.errors).toEqual([]);
    expect(saved).toBeGreaterThan(5);
    expect(savedWorkbooks).toBeGreaterThan(2);
    expect(savedDocuments).toBeGreaterThan(0);
    const data = (await h.repo.agencies.read(id))!.data;
    expect(data.objectives.flatMap((o) => o.indicators).length).toBeGreaterThan(5);
    expect(data.budgetLines.length).toBeGreaterThan(5);
    // The wide sheets' columns reached the data: another year's figures, factors, national figures, polarities.
    const indicators = data.objectives.flatMap((o) => o.indicators);
    expect(savedWide).toBeGreaterThan(0);
    const reached = {
      history: indicators.some((i) => i.years["2023"] !== undefined),
      factors: indicators.some((i) => i.factors !== undefined),
      national: indicators.some((i) => i.national),
      negative: indicators.some((i) => i.polarity === "negative"),
      final: indicators.some((i) => i.strategicPlan?.finalTarget !== undefined),
      ratio: indicators.some((i) => i.kind === "ratio") && storedFraction,
      grade: indicators.some((i) => i.kind === "grade"),
      definition: indicators.some((i) => i.definition !== undefined),
      output: data.budgetLines.some((l) => l.output !== undefined),
    };
    expect(reached).toEqual({ history: true, factors: true, national: true, negative: true, final: true, ratio: true, grade: true, definition: true, output: true });

    // Every output of the agency the files filled.
    expect((await d.send(ADMIN, "/status")).length).toBeGreaterThan(0);
    const draft = await d.pressData(ADMIN, "draf:semua");
    expect(draft.length).toBeGreaterThan(3);
    // Names are text, never markup or template: each stored indicator's name appears in the draft as it was typed,
    // in its messages or, for a draft longer than the bot sends as messages, in the Word files it sends instead.
    const names = data.objectives.flatMap((o) => o.indicators.map((i) => i.name));
    let drafted = plain(draft.filter((m) => !m.file));
    for (const m of draft) if (m.file) drafted += `\n${docxText(await readDocx(m.file.data))}`;
    for (const name of names) expect(drafted).toContain(name);
    expect(names.some((n) => n.includes("{{") || n.includes("<"))).toBe(true);
    const word = await d.send(ADMIN, "/ekspor docx");
    expect(word[0]!.file!.filename).toMatch(/bab-iii\.docx$/);
    const doc = await readDocx(word[0]!.file!.data);
    expect(doc.blocks.filter((b) => b.type === "table").length).toBeGreaterThan(3);
    const wordText = docxText(doc);
    for (const name of names) expect(wordText).toContain(name);
    const excel = await d.send(ADMIN, "/ekspor xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(excel[0]!.file!.data) as never);
    const sheet = book.getWorksheet("Data Indikator")!;
    expect(sheet.rowCount).toBeGreaterThan(5);
    const excelText = new Set<string>();
    sheet.eachRow((row) => row.eachCell((c) => excelText.add(String(c.value))));
    for (const name of names) expect(excelText).toContain(name);
    for (const chart of ["chart:capaian", "chart:efisiensi"]) expect((await d.pressData(ADMIN, chart))[0]!.method).toBe("sendPhoto");
    expect(h.errors).toEqual([]);
  }, 300_000);
});
