/**
 * At most `max` updates are worked on at once; the others wait their turn in
 * arrival order. Under a burst beyond capacity the bot then answers at its
 * full rate with growing waits, instead of holding thousands of half-done
 * updates (and their agency documents) in memory and slowing down for all.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}
