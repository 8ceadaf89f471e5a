/** The repository contract on the default storage: lowdb files in a temporary directory. */
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LowdbRepository } from "../../src/storage/lowdb/repository.js";
import { makeDir } from "../support/bot-harness.js";
import { agencyDocument } from "../support/documents.js";
import { repositorySuite } from "./repository-suite.js";

repositorySuite("lowdb", async () => {
  const dir = await makeDir("lkjip-repo-");
  return {
    async open(options = {}) {
      return new LowdbRepository({ dir, ...options });
    },
    async corrupt(agencyId) {
      await writeFile(join(dir, "instansi", `${agencyId}.json`), JSON.stringify({ ...agencyDocument(agencyId), members: "semua" }));
    },
    async raw(agencyId) {
      return readFile(join(dir, "instansi", `${agencyId}.json`), "utf8").catch(() => undefined);
    },
    async cleanup() {
      await rm(dir, { recursive: true, force: true });
    },
  };
});
