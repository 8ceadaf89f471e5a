/** What application operations need besides the repository: the clock and the random source. */
import { randomBytes } from "node:crypto";
import type { Repository } from "../storage/repository.js";

export interface Services {
  repo: Repository;
  now: () => Date;
  /** Cryptographically random bytes (invitation codes, ids). */
  random: (n: number) => Buffer;
}

export function defaultServices(repo: Repository): Services {
  return { repo, now: () => new Date(), random: (n) => randomBytes(n) };
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** A short random id from the service's random source, e.g. "a7k2m9q4xz". */
export function randomId(services: Services, length = 10): string {
  const bytes = services.random(length);
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
}

export interface Actor {
  userId: number;
  name: string;
}
