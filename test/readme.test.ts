import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAgency } from "../src/domain/schema/parse-agency.js";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const example = JSON.parse(readFileSync(new URL("../data/demo/contoh-lengkap.json", import.meta.url), "utf8"));

describe("README", () => {
  it("starts with exactly the two set-up commands", () => {
    const lines = readme.split("\n");
    expect(lines[0]).toMatch(/^ {4}npm ci && npm start\s+#/);
    expect(lines[1]).toMatch(/^ {4}npm ci && npm test\s+#/);
    expect(readFileSync(new URL("../.ci/run", import.meta.url), "utf8")).toContain("npm ci\nnpm test\n");
  });

  it("shows the complete agency-file example, which is valid", () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(readme)![1]!;
    expect(JSON.parse(block)).toEqual(example);
    const parsed = parseAgency(example);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
  });
});
