import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run.js";
import { buildDumaiDemo } from "../../scripts/dumai/demo.js";
import type { DumaiFixture } from "../../scripts/dumai/convert.js";

const DEMO = "data/demo/dumai-2024.json";

describe("cli draf", () => {
  it("drafts one section as Markdown", async () => {
    const r = await runCli(["draf", DEMO, "--bagian", "6", "--format", "md"]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("# BAB III AKUNTABILITAS KINERJA\n\n## 3.6 Analisis Efisiensi Penggunaan Sumber Daya\n")).toBe(true);
    expect(r.stdout).toContain("**Tabel 3.6** Efisiensi Penggunaan Sumber Daya Tahun 2024");
    expect(r.stdout).toContain("| 100,00% | Rp1.373.500.000 | Rp1.220.878.592 | 88,89% | 1,13 | Efisien |");
    expect(r.stdout).not.toContain("## 3.5");
  });

  it("drafts everything as plain text, summary first and closing last", async () => {
    const r = await runCli(["draf", DEMO, "--format=teks"]);
    expect(r.code).toBe(0);
    const order = ["RINGKASAN EKSEKUTIF", "3.1 PERBANDINGAN", "3.2 PERBANDINGAN", "3.3 PERBANDINGAN", "3.4 PERBANDINGAN", "3.5 ANALISIS", "3.6 ANALISIS", "3.7 ANALISIS", "3.8 REALISASI", "PENUTUP"];
    const positions = order.map((h) => r.stdout.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(r.stdout).toContain("Rp29.296.151.220 (Dua Puluh Sembilan Miliar Dua Ratus Sembilan Puluh Enam Juta Seratus Lima Puluh Satu Ribu Dua Ratus Dua Puluh Rupiah)");
  });

  it("drafts Telegram HTML messages, numbered", async () => {
    const r = await runCli(["draf", DEMO, "--bagian", "ringkasan,penutup", "--format", "html"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<!-- pesan 1\/1 -->\n<b>Ringkasan Eksekutif<\/b>/);
    expect(r.stdout).toContain("<b>Penutup</b>");
  });

  it("rejects unknown sections, formats and options with exit code 2", async () => {
    expect(await runCli(["draf", DEMO, "--bagian", "9"])).toEqual({
      code: 2,
      stdout: "",
      stderr: 'Bagian "9" tidak dikenal. Pilih semua, 1 sampai 8, ringkasan, atau penutup (boleh beberapa, misalnya 1,3).',
    });
    expect((await runCli(["draf", DEMO, "--format", "pdf"])).stderr).toBe('Format "pdf" tidak dikenal. Pilih salah satu: md, html, teks.');
    expect((await runCli(["draf", DEMO, "--warna", "merah"])).stderr).toBe("Opsi --warna tidak dikenal.");
    expect((await runCli(["draf"])).code).toBe(2);
  });
});

describe("demo data", () => {
  it("data/demo/dumai-2024.json is exactly what scripts/dumai/demo.ts builds from the ground truth", () => {
    const fixture = JSON.parse(readFileSync(new URL("../fixtures/dumai-2024-ground-truth.json", import.meta.url), "utf8")) as DumaiFixture;
    const committed = JSON.parse(readFileSync(new URL(`../../${DEMO}`, import.meta.url), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildDumaiDemo(fixture))));
  });
});
