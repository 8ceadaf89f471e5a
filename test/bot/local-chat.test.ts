/** The path a newcomer takes: `npm start` without a token, a scripted conversation on stdin. */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { makeDir } from "../support/bot-harness.js";

function runStart(dataDir: string, script: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.TELEGRAM_BOT_TOKEN;
    const child = spawn("npm", ["start", "--silent"], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${script.join("\n")}\n`);
  });
}

describe("local chat mode (npm start without TELEGRAM_BOT_TOKEN)", () => {
  it("runs a scripted conversation on the demo data, including button presses, and keeps the answers across runs", async () => {
    const dir = await makeDir("lkjip-lokal-");
    const first = await runStart(dir, ["/start", "/cek 86,11 80", "/indikator", "#cb 2.1", "#cb Data nasional", "tidak ada", "/draf", "#cb 3.6"]);
    expect(first.code).toBe(0);
    const out = first.stdout;
    expect(out).toContain("> /start\nSelamat datang kembali, Petugas Lokal.\nInstansi aktif: Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai (tahun pelaporan 2024), peran Anda: admin.");
    expect(out).toContain("Capaian: 107,64% (Sangat Tinggi)");
    expect(out).toContain("[2.1 Persentase Kelurahan Cepat Berkembang]");
    expect(out).toContain("> #cb Data nasional\n2.1 Persentase Kelurahan Cepat Berkembang (satuan: %)");
    expect(out).toContain("✅ Tersimpan — Data nasional: belum tersedia.");
    expect(out).toContain("tingkat efisiensinya 1,65 (107,64% ÷ 65,25%) dan termasuk kategori Efisien.");
    expect(first.stderr).not.toContain("kesalahan");

    const second = await runStart(dir, ["/indikator", "#cb 2.1"]);
    expect(second.stdout).toContain("• Data nasional: belum tersedia");
  }, 60_000);

  it("goes on in a later run with the buttons of an agency registered in an earlier one", async () => {
    const dir = await makeDir("lkjip-lokal-");
    const first = await runStart(dir, ["/instansi", "#cb ➕ Daftarkan instansi lain", "Dinas Sosial Kota Contoh", "#cb Kota Contoh", "2024", "2021-2026", "#cb ✅ Gunakan pengaturan bawaan"]);
    expect(first.stdout).toContain("✅ Instansi Dinas Sosial Kota Contoh terdaftar, dan Anda menjadi admin.");
    // Telegram numbers a chat's messages in one rising sequence; the next run must not start again below the
    // message that made the new agency active, or every button of it would count as made for the demo agency.
    const second = await runStart(dir, ["/atur", "#cb ➕ Sasaran baru", "/draf", "#cb 📄 Semua bagian"]);
    expect(second.stdout).toContain("> #cb ➕ Sasaran baru\nKetik nama sasaran strategis");
    expect(second.stdout).not.toContain("Tombol ini sudah tidak berlaku");
    expect(second.stdout).toContain("> #cb 📄 Semua bagian\n");
  }, 60_000);

  it("lists the agencies registered already in a data folder written before the directory of regions existed", async () => {
    const dir = await makeDir("lkjip-lokal-");
    expect((await runStart(dir, ["/status"])).code).toBe(0);
    // As an earlier version left it: the demo agency stored, no directory.
    await rm(join(dir, "lokal", "wilayah"), { recursive: true });
    const run = await runStart(dir, ["/daftar", "Dinas Sosial Kota Dumai", "#cb Kota Dumai"]);
    expect(run.stdout).toContain("> #cb Kota Dumai\nℹ️ Di Kota Dumai sudah terdaftar 1 instansi:\n• Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai (Anda anggotanya)\n");
    expect(run.stdout).toContain("[➡️ Buka Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai]");
    expect(JSON.parse(await readFile(join(dir, "lokal", "wilayah", "kota-dumai.json"), "utf8")).agencies.map((a: { id: string }) => a.id)).toEqual(["dinsos-pm-dumai"]);
  }, 60_000);

  it("sends a message of several lines typed as lines ending in a backslash, such as a pasted Perjanjian Kinerja", async () => {
    const dir = await makeDir("lkjip-lokal-");
    const run = await runStart(dir, [
      "/tempel",
      "Sasaran | Indikator | Satuan | Target\\",
      "Meningkatnya Penanggulangan Korban Bencana | Persentase posko aktif | % | 90\\",
      "Meningkatnya Penanggulangan Korban Bencana | Jumlah relawan terlatih | orang | 40",
      "#cb ✅ Simpan",
      // A backslash doubled at the end is the text's own, not a continuation; input ending mid-message sends it.
      "/cek 86,11 80 \\\\",
      "/cek 86,11\\",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      "> Sasaran | Indikator | Satuan | Target\nMeningkatnya Penanggulangan Korban Bencana | Persentase posko aktif | % | 90\nMeningkatnya Penanggulangan Korban Bencana | Jumlah relawan terlatih | orang | 40\nPratinjau (2 baris, tahun 2024):",
    );
    expect(run.stdout).toContain("✅ Tersimpan: 0 sasaran baru, 2 indikator baru, 0 target diperbarui.");
    expect(run.stdout).toContain("> /cek 86,11 80 \\\\\n");
    expect(run.stdout).toContain("> /cek 86,11\n");
  }, 60_000);

  it("saves the files the bot sends and sends files with #berkas", async () => {
    const dir = await makeDir("lkjip-lokal-");
    const csv = join(dir, "pk.csv");
    await writeFile(csv, "Sasaran;Indikator;Satuan;Target\nMeningkatnya Penanggulangan Korban Bencana;Persentase posko aktif;%;90\n");
    const run = await runStart(dir, ["/ekspor docx", `#berkas ${csv}`, "#cb ✅ Simpan", "#berkas /tidak/ada.csv"]);
    expect(run.code).toBe(0);
    const saved = join(dir, "lokal", "berkas", "dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-bab-iii.docx");
    const bytes = await readFile(saved);
    expect(run.stdout).toContain(`[berkas: dinas-sosial-dan-pemberdayaan-masyarakat-kota-dumai-2024-bab-iii.docx, ${bytes.length.toLocaleString("id-ID")} bita → ${saved}]`);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("word/document.xml")!.async("string")).toContain("BAB III AKUNTABILITAS KINERJA");
    expect(run.stdout).toContain('Pratinjau impor "pk.csv" (tahun 2024):');
    expect(run.stdout).toContain("✅ Impor tersimpan: 0 sasaran baru, 1 indikator baru, 0 indikator diperbarui, 0 baris anggaran baru.");
    expect(run.stdout).toContain("(berkas tidak ditemukan: /tidak/ada.csv)");
  }, 60_000);
});
