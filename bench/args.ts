/** Command-line options of the benchmark scripts: `--name value` pairs. */
export function benchArgs(argv: string[] = process.argv): { number: (name: string, fallback: number) => number; text: (name: string, fallback: string) => string } {
  const args = new Map<string, string>();
  for (let i = 2; i < argv.length; i += 2) args.set(argv[i]!.replace(/^--/, ""), argv[i + 1] ?? "");
  return {
    number: (name, fallback) => Number(args.get(name) ?? fallback),
    text: (name, fallback) => args.get(name) ?? fallback,
  };
}
