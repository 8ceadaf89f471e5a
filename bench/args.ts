import { webhookConnections } from "../src/server/webhook.js";

/** Command-line options of the benchmark scripts: `--name value` pairs. */
export function benchArgs(argv: string[] = process.argv): { number: (name: string, fallback: number) => number; text: (name: string, fallback: string) => string } {
  const args = new Map<string, string>();
  for (let i = 2; i < argv.length; i += 2) args.set(argv[i]!.replace(/^--/, ""), argv[i + 1] ?? "");
  return {
    number: (name, fallback) => Number(args.get(name) ?? fallback),
    text: (name, fallback) => args.get(name) ?? fallback,
  };
}

/** The load `npm run bench` puts on each storage: its options and their defaults, read by bench/run.ts and passed on to bench/storage.ts. */
export interface LoadShape {
  agencies: number;
  answers: number;
  rate: number;
  seconds: number;
  think: number;
  /** Updates delivered to the bot at once, as Telegram does (0: no bound; see PipelineOptions.deliveries). */
  connections: number;
}

export function loadShape(args: ReturnType<typeof benchArgs>): LoadShape {
  return {
    agencies: args.number("agencies", 10_000),
    answers: args.number("answers", 4_000),
    rate: args.number("rate", 500),
    seconds: args.number("seconds", 10),
    think: args.number("think", 10),
    // The bot's own WEBHOOK_MAX_CONNECTIONS when unset (100).
    connections: args.number("connections", webhookConnections(undefined)),
  };
}

/** The options that give `shape` to another benchmark process. */
export function loadShapeOptions(shape: LoadShape): string[] {
  return Object.entries(shape).flatMap(([name, value]) => [`--${name}`, String(value)]);
}
