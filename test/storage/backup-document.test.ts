import { describe, expect, it } from "vitest";
import { readBackup } from "../../src/storage/backup-document.js";
import { diff } from "../../src/storage/patch.js";
import { agencyDocument } from "../support/documents.js";

describe("reading a backup", () => {
  const base = agencyDocument("a1");
  const changed = { ...base, revision: 7, members: [...base.members, { userId: 502, name: "Budi", role: "editor" as const, addedAt: "2025-01-15T03:00:00.000Z", addedBy: 501 }] };
  const renamed = { ...changed, revision: 8, data: { ...changed.data, agency: { ...changed.data.agency, name: "Dinas Sosial Kota Baru" } } };

  it("takes a document as it is, and a stored row with its change rows replayed in order", () => {
    expect(readBackup(JSON.parse(JSON.stringify(base)))).toEqual(base);
    const stored = { doc: base, changes: [JSON.stringify(diff(base, changed)), JSON.stringify(diff(changed, renamed))] };
    expect(readBackup(JSON.parse(JSON.stringify(stored)))).toEqual(renamed);
  });

  it("reports a damaged change row or an invalid result as no backup", () => {
    expect(readBackup({ doc: base, changes: ["[[[\"x\",\"y\"],1]]"] })).toBeUndefined();
    expect(readBackup({ doc: base, changes: ["bukan json"] })).toBeUndefined();
    expect(readBackup({ doc: { ...base, revision: -1 }, changes: [] })).toBeUndefined();
    expect(readBackup({ doc: base })).toBeUndefined();
  });
});
