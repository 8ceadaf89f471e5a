import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countInWords, terbilang, terbilangRupiah } from "../../src/domain/numbers/terbilang.js";

/** An independent reader of Indonesian number words, to check terbilang by inversion. */
function wordsToNumber(text: string): bigint {
  const units: Record<string, bigint> = {
    nol: 0n, satu: 1n, dua: 2n, tiga: 3n, empat: 4n, lima: 5n, enam: 6n, tujuh: 7n, delapan: 8n, sembilan: 9n,
    sepuluh: 10n, sebelas: 11n, seratus: 100n, seribu: 1000n,
  };
  const scales: Record<string, bigint> = { ribu: 1000n, juta: 1_000_000n, miliar: 1_000_000_000n, triliun: 1_000_000_000_000n };
  let total = 0n;
  let group = 0n;
  let last = 0n;
  for (const word of text.split(" ")) {
    if (word in units) {
      last = units[word]!;
      if (word === "seribu") {
        total += 1000n;
        last = 0n;
        continue;
      }
      group += last;
    } else if (word === "belas") {
      group += 10n; // "dua belas" = 2 + 10
    } else if (word === "puluh") {
      group += last * 9n; // "dua puluh" = 2 + 2×9
    } else if (word === "ratus") {
      group += last * 99n;
    } else if (word in scales) {
      total += group * scales[word]!;
      group = 0n;
    } else {
      throw new Error(`unknown word ${word}`);
    }
  }
  return total + group;
}

describe("terbilang", () => {
  it.each([
    [0, "nol"],
    [1, "satu"],
    [10, "sepuluh"],
    [11, "sebelas"],
    [12, "dua belas"],
    [19, "sembilan belas"],
    [20, "dua puluh"],
    [21, "dua puluh satu"],
    [100, "seratus"],
    [101, "seratus satu"],
    [111, "seratus sebelas"],
    [200, "dua ratus"],
    [1000, "seribu"],
    [1001, "seribu satu"],
    [2000, "dua ribu"],
    [11000, "sebelas ribu"],
    [100000, "seratus ribu"],
    [101000, "seratus satu ribu"],
    [1000000, "satu juta"],
    [1001000, "satu juta seribu"],
    [1000000000, "satu miliar"],
    [1000000000000, "satu triliun"],
  ])("%d → %s", (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it("spells the amounts the seed reports got wrong", () => {
    expect(terbilang("29296151220")).toBe(
      "dua puluh sembilan miliar dua ratus sembilan puluh enam juta seratus lima puluh satu ribu dua ratus dua puluh",
    );
    // D:265 wrote "Juta" for "Miliar"; D:319 dropped "Ribu".
    expect(terbilang("20000669600")).toBe("dua puluh miliar enam ratus enam puluh sembilan ribu enam ratus");
    expect(terbilang("797222000")).toBe("tujuh ratus sembilan puluh tujuh juta dua ratus dua puluh dua ribu");
    expect(terbilang("999999999999999")).toBe(
      "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh sembilan ribu sembilan ratus sembilan puluh sembilan",
    );
  });

  it("capitalises the Rupiah form and writes counts as n (words)", () => {
    expect(terbilangRupiah("29296151220")).toBe(
      "Dua Puluh Sembilan Miliar Dua Ratus Sembilan Puluh Enam Juta Seratus Lima Puluh Satu Ribu Dua Ratus Dua Puluh Rupiah",
    );
    expect(countInWords(4)).toBe("4 (empat)");
    expect(countInWords(60)).toBe("60 (enam puluh)");
    expect(countInWords(1250)).toBe("1.250 (seribu dua ratus lima puluh)");
  });

  it("refuses fractions and values of a thousand trillion or more", () => {
    expect(() => terbilang("1.5")).toThrow(RangeError);
    expect(() => terbilang("1000000000000000")).toThrow(RangeError);
    expect(terbilang(-5)).toBe("minus lima");
  });

  it("reads back to the same number for random integers (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), (n) => {
        const words = terbilang(n);
        expect(wordsToNumber(words)).toBe(n);
        expect(words).not.toMatch(/\bsatu (ratus|puluh|belas)\b|  |^ | $/);
        // A lone thousand is "seribu", never "satu ribu" (but "dua puluh satu ribu" is right).
        expect(words).not.toMatch(/(^|(juta|miliar|triliun) )satu ribu/);
      }),
      { numRuns: 5000 },
    );
  });
});
