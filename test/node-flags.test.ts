import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOT_V8_FLAGS } from "../bench/node-flags.js";

const startScript = readFileSync(new URL("../scripts/start.sh", import.meta.url), "utf8");
const scripts = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;
/** The flags a command line passes (not the comments about them). */
const flagsOf = (commands: string) => new Set(commands.split(/\s+/).filter((w) => w.startsWith("--")).map((w) => w.replace(/["$].*$/, "")));

describe("the bot's V8 flags", () => {
  it("are the same for npm start and for every benchmark process", () => {
    const startCommands = startScript
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .join("\n");
    for (const commands of [startCommands, scripts["bench"]!, scripts["bench:webhook"]!, scripts["bench:polling"]!]) {
      const flags = flagsOf(commands);
      expect(BOT_V8_FLAGS.filter((f) => !flags.has(f))).toEqual([]);
    }
  });
});
