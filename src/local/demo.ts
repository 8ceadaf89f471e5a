/** Seeds the embedded demo agency (Dumai 2024) for a local user on first start. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";
import { createAgencyFromFile } from "../app/agencies.js";
import type { Services } from "../app/services.js";
import { ensureUser, type TelegramPerson } from "../app/users.js";
import type { AgencyFileInput } from "../domain/schema/agency.js";

export const DEMO_FILE = join(PROJECT_ROOT, "data", "demo", "dumai-2024.json");

export async function seedDemo(services: Services, person: TelegramPerson): Promise<void> {
  const user = await ensureUser(services, person);
  if (user.agencies.length > 0) return;
  const file = JSON.parse(await readFile(DEMO_FILE, "utf8")) as AgencyFileInput;
  const existing = await services.repo.agencies.read(String(file.agency?.id));
  if (existing) return;
  await createAgencyFromFile(services, { userId: person.id, name: user.name }, file, { keepId: true });
}
