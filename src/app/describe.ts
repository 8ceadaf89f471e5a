/** Human labels for audit entries: "Realisasi 2024 — 1.1 Persentase PSKS aktif". */
import { hasMessage, say } from "../messages/catalog.js";
import type { AgencyFile } from "../domain/schema/agency.js";
import { findLine, indicatorPlace } from "./entry/missing.js";

/** An indicator of a sasaran as its labels name it ("1.2 Nama"); its id when it is not there. */
export function indicatorName(data: AgencyFile, objectiveId: string, indicatorId: string): string {
  // A stored file's index finds the indicator; it must still be under that objective.
  const place = indicatorPlace(data, indicatorId);
  const ind =
    place && data.objectives[place[0]]!.id === objectiveId
      ? data.objectives[place[0]]!.indicators[place[1]]
      : data.objectives.find((o) => o.id === objectiveId)?.indicators.find((i) => i.id === indicatorId);
  return ind ? `${ind.code ? `${ind.code} ` : ""}${ind.name}` : indicatorId;
}

/** The name of a field ("medan.<key>", or the generic one naming the key). */
function label(key: string, view: object = {}): string {
  return say(`medan.${hasMessage(`medan.${key}`) ? key : "lainnya"}`, { kolom: key, ...view });
}

export function describeField(data: AgencyFile, field: string): string {
  const k = field.split("/");
  if (k[0] === "objectives" && k[1] && k[2] === "indicators" && k[3]) {
    const objek = indicatorName(data, k[1], k[3]);
    const rest = k.slice(4);
    let medan: string;
    if (rest.length === 0) medan = label("indikator");
    else if (rest[0] === "years" && rest[1]) medan = rest[2] ? label(rest[2], { tahun: rest[1] }) : label("tahun", { tahun: rest[1] });
    else if (rest[0] === "strategicPlan") medan = label(rest[1] ?? "finalTarget");
    else if (rest[0] === "factors" && rest[1]) medan = label(rest[1]);
    else if (rest[0] === "budget") medan = label(rest[1] ?? "anggaran_sendiri");
    else medan = hasMessage(`medan.${rest[0]}`) ? label(rest[0]!) : say(`kolom.${rest[0]}`);
    return say("pada", { medan, objek });
  }
  if (k[0] === "objectives") {
    const o = data.objectives.find((x) => x.id === k[1]);
    if (k.length === 1) return label("urutan_sasaran");
    if (k[2] === "indicators" && k.length === 3) return say("pada", { medan: label("urutan_indikator"), objek: o?.name ?? k[1] });
    return say("pada", { medan: k[2] ? say(`kolom.${k[2]}`) : label("sasaran"), objek: o?.name ?? k[1] ?? "" });
  }
  if (k[0] === "budgetLines") {
    if (k.length === 1) return label("urutan_anggaran");
    const line = k[1] === undefined ? undefined : findLine(data, k[1]);
    // A line's own fields ("baris_name", "baris_indicatorIds" …); pagu and realisasi as an indicator's.
    const field = k[2] === undefined ? "baris_anggaran" : hasMessage(`medan.baris_${k[2]}`) ? `baris_${k[2]}` : k[2];
    return say("pada", { medan: label(field), objek: line?.name ?? k[1] ?? "" });
  }
  if (k[0] === "profile") return `${label("profil")}: ${say(`kolom.${k[k.length - 1]}`)}`;
  return `${label("instansi")}: ${say(`kolom.${k[k.length - 1]}`)}`;
}
