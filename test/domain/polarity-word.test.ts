/** Polarity as officers write it: in a PK's or an e-SAKIP export's Polaritas column, and after /cek's figures. */
import { describe, expect, it } from "vitest";
import { polarityWord } from "../../src/domain/polarity-word.js";
import { quickCheck } from "../../src/domain/quick-check.js";

const check = (line: string) => quickCheck(line.split(" "), undefined, "/cek");

describe("polarity words", () => {
  it("reads positif/negatif, e-SAKIP's Maximize/Minimize, naik/turun and 'makin … makin baik'", () => {
    const read = (words: string[]) => words.map((w) => [w, polarityWord(w)]);
    const positive = ["Positif", "POSITIVE", "Maximize", "maksimal", "Maksimum", "max", "naik", "Meningkat", "Positif (+)", "makin tinggi makin baik", "Semakin tinggi semakin baik", "lebih besar, lebih baik", "semakin banyak semakin baik"];
    const negative = ["negatif", "Negatif (-)", "Minimize", "minimise", "Minimal", "min", "turun", "Menurun", "makin rendah makin baik", "semakin kecil semakin baik", "Lebih rendah lebih baik", "makin sedikit makin baik"];
    expect(read(positive)).toEqual(positive.map((w) => [w, "positive"]));
    expect(read(negative)).toEqual(negative.map((w) => [w, "negative"]));
    // Not a polarity: a range to keep ("Stabilize"), a half phrase, a misspelling, an empty cell.
    expect(["stabil", "Stabilize", "makin tinggi", "makin baik", "negtif", "", "(+)", "tinggi makin baik"].map(polarityWord)).toEqual(Array(8).fill(undefined));
  });

  it("lets /cek take menurun or turun for negatif, and a semicolon between the figures", () => {
    const negative = "Rumus: (2 × 10 − 12) / 10 × 100% = 80,00% (polaritas negatif)";
    expect(check("12 10 menurun").text.split("\n")[1]).toBe(negative);
    expect(check("12 10 turun").text.split("\n")[1]).toBe(negative);
    expect(check("12 10 negatif").text.split("\n")[1]).toBe(negative);
    expect(check("12 10 naik").text.split("\n")[1]).toBe("Rumus: 12 / 10 × 100% = 120,00% (polaritas positif)");
    expect(check("86,11; 80").text.split("\n")[0]).toBe("Capaian: 107,64% (Sangat Tinggi)");
    expect(check("86,11 ; 80").text.split("\n")[0]).toBe("Capaian: 107,64% (Sangat Tinggi)");
    expect(check("12 10 negtif").text.split("\n")[0]).toBe('Ada isian yang tidak dikenal: "negtif".');
  });
});
