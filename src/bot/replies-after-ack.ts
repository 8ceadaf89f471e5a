/**
 * Webhook mode and long polling: Telegram is told an update was handled as
 * soon as what it changed is stored, and the replies are sent after that.
 * (Long polling: the batch is confirmed, and the next one taken, once its
 * updates are stored; see src/server/polling.ts.)
 *
 * Telegram delivers a bot's updates over at most `max_connections` (40 by
 * default, 100 at most) requests at a time, and sends the next update on a
 * connection only when the previous request was answered. Answered only after
 * the replies were sent, each delivery would hold its connection for the
 * bot's work plus a round trip to the Bot API per message (more when Telegram
 * asks the bot to slow down), and the connections, not the bot, would bound
 * how many answers a second arrive. The user still sees a reply only once
 * the answer is stored, and one user's replies still go out in order (the
 * router's per-user lock covers the sending).
 *
 * With `max` updates being handled or still sending, the next update's
 * request waits for its replies as before, so a slow Bot API slows
 * Telegram's deliveries down instead of piling replies up in memory.
 */
export class RepliesAfterAck {
  private readonly sending = new Set<Promise<void>>();

  constructor(private readonly max = 200) {}

  /**
   * Wait until `stored` (the update's changes are stored and its replies are
   * known) and leave `work` (storing, then sending) to finish on its own;
   * wait for all of `work` when too many updates are still sending.
   */
  async acknowledge(work: Promise<void>, stored: Promise<void>): Promise<void> {
    const busy = this.sending.size >= this.max;
    this.sending.add(work);
    void work.then(
      () => this.sending.delete(work),
      () => this.sending.delete(work),
    );
    await (busy ? work : Promise.race([stored, work]));
  }

  /** Updates being handled or still sending their replies. */
  get pending(): number {
    return this.sending.size;
  }

  /**
   * Resolves once every update handed to `acknowledge` so far is handled and
   * its replies sent (before shutting down): true, or false when that took
   * longer than `withinMs` (a Bot API that does not answer).
   */
  async settled(withinMs = Infinity): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => {
      if (withinMs !== Infinity) timer = setTimeout(() => resolve(false), withinMs);
    });
    const done = (async () => {
      while (this.sending.size > 0) await Promise.allSettled([...this.sending]);
      return true as const;
    })();
    try {
      return await Promise.race([done, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
