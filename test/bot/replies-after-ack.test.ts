/** Webhook mode's acknowledgement once stored (RepliesAfterAck) and WEBHOOK_MAX_CONNECTIONS. */
import { describe, expect, it } from "vitest";
import { RepliesAfterAck } from "../../src/bot/replies-after-ack.js";
import { shutdownGrace, webhookConnections } from "../../src/server/webhook.js";

/** A promise resolved from outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Whether `p` has settled once the queued callbacks ran. */
async function settledYet(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setImmediate(r));
  return done;
}

describe("RepliesAfterAck", () => {
  it("acknowledges once stored, keeps the sending until it ends, and waits for the whole work when too many are sending", async () => {
    const acks = new RepliesAfterAck(2);
    const stored = [gate(), gate(), gate()];
    const sent = [gate(), gate(), gate()];
    const work = stored.map((s, i) => s.promise.then(() => sent[i]!.promise));

    const first = acks.acknowledge(work[0]!, stored[0]!.promise);
    expect(await settledYet(first)).toBe(false); // not stored yet
    stored[0]!.open();
    expect(await settledYet(first)).toBe(true); // stored: acknowledged while its replies are still being sent
    expect(acks.pending).toBe(1);

    stored[1]!.open();
    await acks.acknowledge(work[1]!, stored[1]!.promise);
    expect(acks.pending).toBe(2);

    // Two still sending: the third is acknowledged only when all of its work is done.
    stored[2]!.open();
    const third = acks.acknowledge(work[2]!, stored[2]!.promise);
    expect(await settledYet(third)).toBe(false);
    sent[2]!.open();
    expect(acks.pending).toBe(3);
    expect(await settledYet(third)).toBe(true);
    expect(acks.pending).toBe(2);

    const settled = acks.settled();
    expect(await acks.settled(20)).toBe(false); // still sending after 20 ms
    sent[0]!.open();
    expect(await settledYet(settled)).toBe(false);
    sent[1]!.open();
    expect(await settledYet(settled)).toBe(true);
    expect(await settled).toBe(true);
    expect(acks.pending).toBe(0);
    expect(await acks.settled(0)).toBe(true);
  });

  it("acknowledges work that ends without storing anything (a duplicate), and forgets work that failed", async () => {
    const acks = new RepliesAfterAck();
    await acks.acknowledge(Promise.resolve(), new Promise(() => {}));
    const failed = Promise.reject(new Error("boom"));
    await expect(acks.acknowledge(failed, new Promise(() => {}))).rejects.toThrow("boom");
    await acks.settled();
    expect(acks.pending).toBe(0);
  });
});

describe("SHUTDOWN_GRACE_MS", () => {
  it("is 8000 unless set, and a whole number of milliseconds up to 600000", () => {
    expect(shutdownGrace(undefined)).toBe(8000);
    expect(shutdownGrace("0")).toBe(0);
    expect(shutdownGrace("30000")).toBe(30000);
    expect(() => shutdownGrace("5s")).toThrow('SHUTDOWN_GRACE_MS harus bilangan bulat 0–600000 (milidetik untuk menyelesaikan pembaruan dan mengirim balasan saat berhenti), bukan "5s". Contoh: SHUTDOWN_GRACE_MS=8000');
    expect(() => shutdownGrace("600001")).toThrow('SHUTDOWN_GRACE_MS harus bilangan bulat 0–600000');
  });
});

describe("WEBHOOK_MAX_CONNECTIONS", () => {
  it("is 100 unless set, and a whole number from 1 to 100", () => {
    expect(webhookConnections(undefined)).toBe(100);
    expect(webhookConnections(" ")).toBe(100);
    expect(webhookConnections("40")).toBe(40);
    expect(webhookConnections("1")).toBe(1);
    for (const bad of ["0", "101", "1.5", "abc", "-3"]) {
      expect(() => webhookConnections(bad)).toThrow(`WEBHOOK_MAX_CONNECTIONS harus bilangan bulat 1–100 (pengiriman pembaruan yang dibuka Telegram sekaligus), bukan "${bad}". Contoh: WEBHOOK_MAX_CONNECTIONS=100`);
    }
  });
});
