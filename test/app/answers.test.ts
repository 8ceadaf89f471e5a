/** Applying a typed answer to the agency data: found by its place in the stored file, or searched for when it moved. */
import { describe, expect, it } from "vitest";
import { produce } from "immer";
import { parseAnswer } from "../../src/app/entry/answers.js";
import type { QuestionKey } from "../../src/app/entry/keys.js";
import type { AgencyFile } from "../../src/domain/schema/agency.js";
import { deepFreeze } from "../../src/storage/freeze.js";
import { variants } from "../support/variants.js";

/** Apply an answer read against `readFrom` to a draft of `storeTo` (the version current when it is stored). */
function answer(readFrom: AgencyFile, storeTo: AgencyFile, key: QuestionKey, text: string): AgencyFile {
  const parsed = parseAnswer(readFrom, key, text);
  if (!parsed.ok) throw new Error(parsed.message);
  return produce(storeTo, (d) => void parsed.apply(d as AgencyFile));
}

const indicator = (file: AgencyFile, id: string) => file.objectives.flatMap((o) => o.indicators).find((i) => i.id === id)!;
const line = (file: AgencyFile, id: string) => file.budgetLines.find((l) => l.id === id)!;

describe("parseAnswer's change", () => {
  const v1 = deepFreeze(variants());

  it("lands on the asked indicator or budget line, whether the file is stored (indexed) or a plain copy (searched)", () => {
    for (const file of [v1, structuredClone(v1) as AgencyFile]) {
      const a = answer(file, v1, { q: "actual", indicatorId: "ISI", year: 2024 }, "1.250");
      expect(indicator(a, "ISI").years["2024"]!.actual).toBe("1250");
      expect(a.objectives[0]).toBe(v1.objectives[0]); // nothing else copied
      const f = answer(file, v1, { q: "factors", indicatorId: "NOL", which: "inhibiting" }, "Hujan; Banjir");
      expect(indicator(f, "NOL").factors!.inhibiting).toEqual(["Hujan", "Banjir"]);
      const b = answer(file, v1, { q: "line", lineId: "P3", field: "spent" }, "Rp 2,5 juta");
      expect(line(b, "P3").spent).toBe("2500000");
      expect(b.budgetLines.filter((l, i) => l !== v1.budgetLines[i]).map((l) => l.id)).toEqual(["P3"]);
    }
  });

  it("finds the item by id when another edit moved it between reading the answer and storing it", () => {
    // Another officer added an indicator at the front of S2 and removed budget line P1 meanwhile.
    const v2 = deepFreeze(
      produce(v1, (d) => {
        d.objectives[1]!.indicators.unshift({ ...structuredClone(indicator(v1, "NEG")), id: "BARU", code: "2.0", name: "Indikator baru" });
        d.budgetLines.splice(0, 1);
      }),
    );
    const a = answer(v1, v2, { q: "target", indicatorId: "RASIO", year: 2024 }, "77");
    expect(indicator(a, "RASIO").years["2024"]!.target).toBe("77");
    expect(indicator(a, "NEG").years["2024"]!.target).toBe(indicator(v2, "NEG").years["2024"]!.target); // RASIO's old place
    expect(indicator(a, "BARU")).toEqual(indicator(v2, "BARU"));
    const b = answer(v1, v2, { q: "line", lineId: "P3", field: "budget" }, "3 juta");
    expect(line(b, "P3").budget).toBe("3000000");
    expect(b.budgetLines.filter((l, i) => l !== v2.budgetLines[i]).map((l) => l.id)).toEqual(["P3"]);
  });
});

describe("\"tidak ada\" where a figure is asked", () => {
  const file = deepFreeze(variants());
  const refused = (key: QuestionKey, text: string) => {
    const parsed = parseAnswer(file, key, text);
    return parsed.ok ? "accepted" : parsed.message;
  };

  it("says what to type instead, for a target or realisasi, an indicator's pagu, and a budget line's pagu or realisasi", () => {
    const skip = "Bila angkanya memang tidak ada (misalnya indikator ini belum diukur pada tahun itu), ketik lewati; draf lalu menyebut datanya belum tersedia.";
    expect(refused({ q: "target", indicatorId: "ISI", year: 2023 }, "tidak ada")).toBe(skip);
    expect(refused({ q: "actual", indicatorId: "ISI", year: 2022 }, "-")).toBe(skip);
    expect(refused({ q: "final", indicatorId: "ISI" }, "Belum ada.")).toBe(skip);
    expect(refused({ q: "budget", indicatorId: "ISI", field: "budget" }, "tidak ada")).toBe(
      "Bila indikator ini tidak memiliki pagu tersendiri, ketik lewati. Bila anggarannya ada pada program, kegiatan atau sub kegiatan, hubungkan baris itu dengan indikator ini melalui /anggaran (tombol 🔗 Indikator): pagu dan realisasinya lalu diambil dari sana dan tidak ditanyakan lagi di sini.",
    );
    expect(refused({ q: "budget", indicatorId: "ISI", field: "spent" }, "nihil")).toBe("Bila belum ada anggaran yang terpakai, ketik 0; bila belum diketahui, ketik lewati.");
    expect(refused({ q: "line", lineId: "P3", field: "budget" }, "tidak ada")).toBe("Bila memang tidak ada pagu, ketik 0; bila belum diketahui, ketik lewati.");
    expect(refused({ q: "line", lineId: "P3", field: "spent" }, "kosong")).toBe("Bila belum ada anggaran yang terpakai, ketik 0; bila belum diketahui, ketik lewati.");
    // 0 is a figure; "tidak ada" stays the national question's own answer.
    expect(refused({ q: "line", lineId: "P3", field: "spent" }, "0")).toBe("accepted");
    expect(refused({ q: "national", indicatorId: "ISI" }, "tidak ada")).toBe("accepted");
  });
});
