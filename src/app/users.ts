/** Users: created on first contact, with their agencies and the active one. */
import { STORAGE_SCHEMA_VERSION, type UserDocument } from "../storage/documents.js";
import type { Services } from "./services.js";

export interface TelegramPerson {
  id: number;
  first_name: string;
  last_name?: string | undefined;
  username?: string | undefined;
}

export function displayName(person: TelegramPerson): string {
  return [person.first_name, person.last_name].filter(Boolean).join(" ").slice(0, 200) || `Pengguna ${person.id}`;
}

export function newUser(person: TelegramPerson, now: Date): UserDocument {
  const user: UserDocument = {
    schemaVersion: STORAGE_SCHEMA_VERSION,
    id: person.id,
    name: displayName(person),
    createdAt: now.toISOString(),
    agencies: [],
    session: null,
    joinFailures: [],
  };
  if (person.username) user.username = person.username.slice(0, 64);
  return user;
}

/** The user's document, created if this is their first message. */
export async function ensureUser(services: Services, person: TelegramPerson): Promise<UserDocument> {
  const existing = await services.repo.users.read(String(person.id));
  if (existing) return existing;
  return services.repo.users.update(String(person.id), (current) => {
    if (current) return { next: undefined, result: current };
    const user = newUser(person, services.now());
    return { next: user, result: user };
  });
}

/** Apply `fn` to the user's document and save it. */
export function updateUser<R>(services: Services, userId: number, fn: (user: UserDocument) => R): Promise<R> {
  return services.repo.users.update(String(userId), (current) => {
    if (!current) throw new Error(`user ${userId} missing`);
    const result = fn(current);
    return { next: current, result };
  });
}
