import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { agencyInput } from "../support/agency.js";

const exec = promisify(execFile);

describe("cli cek", () => {
  it("prints capaian with two decimals in Indonesian format and its category", async () => {
    const r = await runCli(["cek", "86,11", "80"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "Capaian: 107,64% (Sangat Tinggi)",
        "Rumus: 86,11 / 80 × 100% = 107,64% (polaritas positif)",
        "Skala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
      ].join("\n"),
    );
  });

  it("negative polarity: cek 12 10 --negatif → 80,00% Tinggi", async () => {
    const r = await runCli(["cek", "12", "10", "--negatif"]);
    expect(r.stdout).toContain("80,00%");
    expect(r.stdout).toContain("(Tinggi)");
    expect(r.stdout).toContain("(2 × 10 − 12) / 10 × 100% = 80,00%");
  });

  it("a predikat: met or not on the table's order is an answer (exit 0), a predikat outside its table an error", async () => {
    const letters = await runCli(["cek", "B", "A"]);
    expect([letters.code, letters.stdout.split("\n")[0]]).toEqual([0, "Predikat B belum mencapai target A: target belum tercapai (urutan predikat Mutu Pelayanan (Indeks Kepuasan Masyarakat), PermenPANRB Nomor 14 Tahun 2017)."]);
    const scores = await runCli(["cek", "BB", "(78,40)", "A", "(81,50)", "--lhe"]);
    expect([scores.code, scores.stdout.split("\n")[0]]).toEqual([0, "Capaian: 96,20% (Sangat Tinggi)"]);
    const wrong = await runCli(["cek", "AB", "A", "lhe"]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('Predikat "AB" tidak ada dalam tabel Predikat Evaluasi Akuntabilitas Kinerja (LHE AKIP) (yang ada: AA, A, BB, B, CC, C, D).');
  });

  it("other scales, the T/R formula and range targets", async () => {
    expect((await runCli(["cek", "86,11", "80", "--skala", "atribut"])).stdout).toContain("107,64% (Sangat Berhasil)");
    expect((await runCli(["cek", "100", "100", "--skala=baik100"])).stdout).toContain("100,00% (Baik)");
    expect((await runCli(["cek", "12", "10", "--negatif", "--rumus", "T/R"])).stdout).toContain("10 / 12 × 100% = 83,33%");
    expect((await runCli(["cek", "85", "80-90"])).stdout).toContain("Capaian: 100,00% (Sangat Tinggi)");
  });

  it("a ratio indicator's realisasi as numerator/denominator: the capaian from its exact quotient, as /isi computes it", async () => {
    const r = await runCli(["cek", "56/57", "97,5"]);
    expect(r.code).toBe(0);
    // 98,25 / 97,5 would give 100,77%: the capaian uses 56/57 × 100 = 98,2456…, not its rounded display.
    expect(r.stdout).toBe(
      [
        "Capaian: 100,76% (Sangat Tinggi)",
        "Realisasi: 56/57 × 100% = 98,25%",
        "Rumus: (56/57 × 100) / 97,5 × 100% = 100,76% (polaritas positif)",
        "Skala: Skala Nilai Peringkat Kinerja (Permendagri Nomor 86 Tahun 2017)",
      ].join("\n"),
    );
    // Typed with spaces or "dari" (one argument or several), and with negative polarity.
    expect((await runCli(["cek", "56", "dari", "57", "97,5"])).stdout).toContain("Capaian: 100,76% (Sangat Tinggi)");
    expect((await runCli(["cek", "56 / 57", "97,5"])).stdout).toContain("Capaian: 100,76% (Sangat Tinggi)");
    expect((await runCli(["cek", "5/100", "10", "negatif"])).stdout).toContain("Rumus: (2 × 10 − (5/100 × 100)) / 10 × 100% = 150,00% (polaritas negatif)");
  });

  it("bad input → a clear Indonesian message and exit code 2", async () => {
    const cases: [string[], string][] = [
      [["cek", "abc", "80"], 'Realisasi tidak dapat dibaca. "abc" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 86,11.'],
      [["cek", "56/0", "97,5"], 'Realisasi tidak dapat dibaca. Penyebut tidak boleh nol ("56/0"). Contoh: 56/57.'],
      [["cek", "56/lima", "97,5"], 'Realisasi tidak dapat dibaca. "lima" tidak dapat dibaca sebagai angka. Ketik angka dengan koma untuk desimal, misalnya 56/57.'],
      [["cek", "5", "0"], "Capaian tidak dapat dihitung: target bernilai 0, sehingga pembagian tidak mungkin. Periksa kembali targetnya."],
      [["cek", "86,11"], "Targetnya belum diketik: sesudah realisasi 86,11, ketik targetnya.\nFormat: cek <realisasi> <target> [negatif] [skala=permendagri86|atribut|baik100]\nContoh: cek 86,11 80   atau   cek 12 10 negatif   atau   cek 56/57 97,5 (indikator rasio)   atau   cek B A (predikat IKM atau LHE AKIP; tambahkan lhe atau ikm untuk memilih tabelnya)"],
      [["cek"], "Ketik realisasi dan targetnya sesudah cek, dipisah spasi.\nFormat: cek <realisasi> <target> [negatif] [skala=permendagri86|atribut|baik100]\nContoh: cek 86,11 80   atau   cek 12 10 negatif   atau   cek 56/57 97,5 (indikator rasio)   atau   cek B A (predikat IKM atau LHE AKIP; tambahkan lhe atau ikm untuk memilih tabelnya)"],
      [["cek", "86,11", "80", "--skala", "bintang"], 'Skala "bintang" tidak dikenal. Pilih salah satu: permendagri86, atribut, baik100.'],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(message);
    }
  });
});

describe("cli hitung", () => {
  it("prints every computed figure as JSON with decimal strings", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-cli-"));
    const path = join(dir, "instansi.json");
    await writeFile(path, JSON.stringify(agencyInput()));
    const r = await runCli(["hitung", path]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const ind = out.indicators[0];
    expect(ind.actual).toBe("98.2456140351");
    expect(ind.ratio).toEqual({ numerator: "56", denominator: "57" });
    expect(ind.achievement).toEqual({ status: "ok", value: "100.76", exact: "100.7647323437", formula: "R/T" });
    expect(ind.category).toBe("Sangat Tinggi");
    expect(ind.trend).toMatchObject({ status: "compared", direction: "down", assessment: "worse", previous: "98.29" });
    expect(ind.strategicPlan).toMatchObject({ status: "ok", progress: { value: "98.25" }, gap: { value: "1.75" }, reached: false });
    expect(ind.budget).toEqual({ source: "none", lineIds: [], budget: null, spent: null, absorption: { status: "not_filled", missing: ["budget", "spent"] } });
    expect(ind.efficiency).toEqual({ status: "not_computable", method: "rasio", reason: "absorption_unavailable" });
    expect(out.objectives[0].average).toMatchObject({ value: "100.76", category: "Sangat Tinggi", included: 1 });
    expect(out.agency.counts).toEqual({ above: 1, at: 0, below: 0, notMeasurable: 0, total: 1 });
  });

  it("explains an invalid file field by field", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-cli-"));
    const path = join(dir, "rusak.json");
    const input = agencyInput();
    input.agency!.reportingYear = 1990;
    await writeFile(path, JSON.stringify(input));
    const r = await runCli(["hitung", path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Berkas "${path}" belum sesuai format berkas instansi:\n• data instansi › tahun pelaporan: paling kecil 2000`);
    expect((await runCli(["hitung", join(dir, "tidak-ada.json")])).stderr).toContain("tidak dapat dibaca");
  });

  it("reads files saved as UTF-16 or with a byte-order mark, as Windows editors save them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-cli-"));
    const text = JSON.stringify(agencyInput(), null, 2);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, "utf16le").swap16()]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
    for (const [name, bytes] of [["utf16le.json", utf16le], ["utf16be.json", utf16be], ["bom.json", bom]] as const) {
      await writeFile(join(dir, name), bytes);
      const r = await runCli(["hitung", join(dir, name)]);
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout).indicators[0].achievement.value).toBe("100.76");
    }
  });
});

describe("cli as a real process (npm run --silent cli)", () => {
  it("exits 0 with the result, and 2 with a message on bad input", async () => {
    const good = await exec("npm", ["run", "--silent", "cli", "--", "cek", "86,11", "80"]);
    expect(good.stdout).toContain("107,64%");
    expect(good.stdout).toContain("Sangat Tinggi");
    const failure = await exec("npm", ["run", "--silent", "cli", "--", "cek", "1.373", "80"]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('"1.373" bisa berarti 1373 (ribuan) atau 1,373 (desimal)');
  });
});

describe("cli ekspor, grafik, templat", () => {
  it("writes a Word document, a workbook, charts and the template", async () => {
    const dir = await mkdtemp(join(tmpdir(), "lkjip-cli-"));
    const docx = join(dir, "bab3.docx");
    const r = await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "docx", "--out", docx]);
    expect(r.code).toBe(0);
    const bytes = await readFile(docx);
    expect(r.stdout).toBe(`Tertulis: ${docx} (${bytes.length.toLocaleString("id-ID")} bita)`);
    expect(await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string")).toContain("Tabel 3.8");
    const closing = join(dir, "penutup.docx");
    expect((await runCli(["ekspor", "data/demo/dumai-2024.json", "--format=docx", "--bagian", "penutup", "--out", closing])).code).toBe(0);
    expect(await (await JSZip.loadAsync(await readFile(closing))).file("word/document.xml")!.async("string")).not.toContain("Tabel 3.2");
    const xl = join(dir, "data.xlsx");
    expect((await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "xlsx", "--out", xl])).code).toBe(0);
    expect((await readFile(xl)).subarray(0, 2).toString()).toBe("PK");
    const svg = join(dir, "tren.svg");
    expect((await runCli(["grafik", "data/demo/dumai-2024.json", "--jenis", "tren", "--indikator", "2.1", "--out", svg])).code).toBe(0);
    expect(await readFile(svg, "utf8")).toContain("86,11%");
    const png = join(dir, "capaian.png");
    expect((await runCli(["grafik", "data/demo/dumai-2024.json", "--out", png])).code).toBe(0);
    expect((await readFile(png)).subarray(1, 4).toString()).toBe("PNG");
    const template = join(dir, "templat.xlsx");
    expect((await runCli(["templat", "--out", template])).code).toBe(0);
    expect((await readFile(template)).length).toBeGreaterThan(1000);
  });

  it("explains bad options with exit code 2", async () => {
    expect(await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "pdf", "--out", "x.pdf"])).toEqual({ code: 2, stdout: "", stderr: 'Format "pdf" tidak dikenal. Pilih salah satu: docx, xlsx.' });
    expect(await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "docx"])).toEqual({ code: 2, stdout: "", stderr: "Sebutkan berkas keluaran dengan --out, misalnya: --out bab3.docx" });
    expect((await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "docx", "--bagian", "4", "--out", "x.docx"])).stderr).toBe(
      'Bagian "4" tidak dikenal untuk ekspor ini. Untuk Word pilih salah satu: bab3, ringkasan, penutup; Excel selalu berisi semua angka.',
    );
    expect((await runCli(["ekspor", "data/demo/dumai-2024.json", "--format", "docx", "--out", "/tidak/ada/x.docx"])).stderr).toBe('Berkas "/tidak/ada/x.docx" tidak dapat ditulis. Periksa folder dan izinnya.');
    expect((await runCli(["grafik", "data/demo/dumai-2024.json", "--jenis", "tren", "--indikator", "9.9", "--out", "x.png"])).stderr).toBe('Indikator "9.9" tidak ditemukan. Tulis kodenya, misalnya --indikator 1.1.');
    expect((await runCli(["grafik", "data/demo/dumai-2024.json", "--jenis", "pai", "--out", "x.png"])).stderr).toBe('Jenis grafik "pai" tidak dikenal. Pilih salah satu: capaian, efisiensi, tren.');
    expect((await runCli(["ekspor", "tidak-ada.json", "--format", "docx", "--out", "x.docx"])).code).toBe(2);
  });
});
