/**
 * Which documents a collection keeps parsed in memory: a "2Q" cache (Johnson
 * and Shasha, 1994) instead of one least-recently-used list.
 *
 * A document loaded for the first time enters a short probation queue, a
 * quarter of the cache, and leaves it first in, first out: an officer's
 * burst of answers on an agency opened once is served from there, however
 * many answers it has. A document in steady use enters the main part, least
 * recently used out first: one used again at least STEADY_AFTER_MS after it
 * was loaded (an officer at work on it), or loaded again soon after it left
 * probation (its id is remembered among the last `capacity` that left).
 *
 * So agencies opened for one burst leave after a quarter of the cache's
 * turnover instead of all of it, and neither push out the agencies being
 * worked on nor stay long enough to reach V8's old generation: at a hundred
 * new agencies a second, a plain list of 64 kept each one about 0.6 s, past
 * two young-generation collections, so every agency loaded went to the old
 * generation, whose full collections made the slowest answers
 * (docs/benchmark.md, item 28).
 */
export interface DocumentCacheOptions<E> {
  /** Documents kept at most (more only while the others are pinned). */
  capacity: number;
  /** An entry that must stay (e.g. its update is still running). */
  pinned: (id: string) => boolean;
  /** Called for each entry pushed out (not for `delete`). */
  evicted?: (id: string, entry: E) => void;
  /** Milliseconds (performance.now() by default). */
  now?: () => number;
}

/**
 * A first load used again this long after it was loaded is in steady use and
 * moves to the main part. Answers sent one after the other as fast as the
 * replies come (the benchmark's bursts) stay within it; an officer who reads
 * each question before answering takes longer.
 */
export const STEADY_AFTER_MS = 1000;

interface Slot<E> {
  entry: E;
  /** When it was loaded (read only while in probation). */
  at: number;
}

/**
 * Let go of a slot's entry once the slot has left the cache. A slot in steady
 * use lives long enough to reach V8's old generation, and young-generation
 * collections take whatever an old-generation object points to as alive,
 * garbage or not: a slot pushed out would keep its last entry, and whatever
 * that entry still holds, until the next full collection (docs/benchmark.md,
 * item 27; lowdb's `evicted` also empties the entry itself).
 */
function release<E>(slot: Slot<E>): void {
  (slot as { entry?: E }).entry = undefined;
}

export class DocumentCache<E> {
  /** First loads, oldest first. */
  private readonly probation = new Map<string, Slot<E>>();
  /** In steady use, least recently used first. */
  private readonly main = new Map<string, Slot<E>>();
  /** Ids that recently left probation, oldest first. */
  private readonly left = new Set<string>();
  private readonly capacity: number;
  private readonly probationMax: number;
  /** Whether there is room beyond probation (not with a capacity of 1). */
  private readonly hasMain: boolean;

  constructor(private readonly options: DocumentCacheOptions<E>) {
    this.capacity = Math.max(1, Math.floor(options.capacity));
    this.probationMax = Math.max(1, Math.floor(this.capacity / 4));
    this.hasMain = this.capacity > this.probationMax;
  }

  get size(): number {
    return this.probation.size + this.main.size;
  }

  /** The entry without counting a use (no change of order). */
  peek(id: string): E | undefined {
    return (this.main.get(id) ?? this.probation.get(id))?.entry;
  }

  /** The entry, counting a use: in the main part it becomes the most recently used. */
  get(id: string): E | undefined {
    const main = this.main.get(id);
    if (main !== undefined) {
      this.main.delete(id);
      this.main.set(id, main);
      return main.entry;
    }
    const slot = this.probation.get(id);
    if (slot && this.now() - slot.at >= STEADY_AFTER_MS && this.hasMain) {
      this.probation.delete(id);
      this.main.set(id, slot);
      this.trim();
    }
    return slot?.entry;
  }

  /** Add a loaded entry (or replace the one cached under `id`, which keeps its place), then push out what is over capacity. */
  add(id: string, entry: E): void {
    const slot = this.main.get(id) ?? this.probation.get(id);
    if (slot) slot.entry = entry;
    else if (this.left.delete(id) && this.hasMain) this.main.set(id, { entry, at: this.now() });
    else this.probation.set(id, { entry, at: this.now() });
    this.trim();
  }

  private now(): number {
    return this.options.now ? this.options.now() : performance.now();
  }

  /** Forget `id` (no `evicted` call). */
  delete(id: string): void {
    const part = this.probation.has(id) ? this.probation : this.main;
    const slot = part.get(id);
    if (slot === undefined) return;
    part.delete(id);
    release(slot);
  }

  /** Every cached entry (probation first). */
  *entries(): IterableIterator<[string, E]> {
    for (const part of [this.probation, this.main]) for (const [id, slot] of part) yield [id, slot.entry];
  }

  private trim(): void {
    // Probation keeps to its share even while the main part has room: what it holds leaves soon.
    while (this.probation.size > this.probationMax && this.evictFirst(this.probation));
    while (this.size > this.capacity && (this.evictFirst(this.main) || this.evictFirst(this.probation)));
  }

  /** Push out the first unpinned entry of `from`; false when every one is pinned. */
  private evictFirst(from: Map<string, Slot<E>>): boolean {
    for (const [id, slot] of from) {
      if (this.options.pinned(id)) continue;
      from.delete(id);
      if (from === this.probation) this.remember(id);
      this.options.evicted?.(id, slot.entry);
      release(slot);
      return true;
    }
    return false;
  }

  private remember(id: string): void {
    this.left.add(id);
    if (this.left.size > this.capacity) this.left.delete(this.left.values().next().value!);
  }
}
