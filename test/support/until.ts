/** Wait until `check()` holds, looking every 10 ms; fails after `ms`, naming `what` it waited for. */
export async function until(check: () => boolean, what = "the condition", ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
