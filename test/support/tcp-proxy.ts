/**
 * A TCP proxy between the bot and its PostgreSQL server, for tests of a
 * database that goes away:
 * - `cut`: the server restarts or crashes: every connection is reset, new
 *   ones are refused until `restore`;
 * - `silence`: the network stops carrying packets: connections stay open,
 *   nothing arrives either way and new ones wait unanswered until `restore`,
 *   when what was held back arrives, as TCP delivers it once a network heals.
 *   A connection the client closes meanwhile stays open at the server (its
 *   end never arrives) until `restore`, when the server's side is reset;
 * - `silenceAfter(marker)`: the same, from the moment the first client
 *   message containing `marker` has reached the server (a COMMIT the server
 *   carries out but whose answer is lost; a lock taken by a process that then
 *   vanishes);
 * - `cutAt(marker)`: the first client message containing `marker` never
 *   reaches the server, and every connection is reset then, as by `cut` (a
 *   COMMIT lost on its way).
 */
import { createServer, connect, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** The target URL with its host and port replaced by the proxy's. */
  url: string;
  cut(): void;
  silence(): void;
  silenceAfter(marker: string): void;
  cutAt(marker: string): void;
  restore(): void;
  close(): Promise<void>;
}

type Mode = "open" | "cut" | "silent";

interface Pair {
  client: Socket;
  server: Socket;
}

/** A proxy on 127.0.0.1 to the host and port of `targetUrl` (a postgres:// URL). */
export async function tcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  let mode: Mode = "open";
  let marker: string | undefined;
  let cutMarker: string | undefined;
  const pairs = new Set<Pair>();
  const waiting = new Set<Socket>();
  /** The server side of connections their client closed while the network was silent. */
  const orphans = new Set<Socket>();

  const silence = () => {
    mode = "silent";
    for (const p of pairs) {
      p.client.pause();
      p.server.pause();
    }
  };

  const bridge = (client: Socket) => {
    const upstream = connect({ host: target.hostname, port: Number(target.port || 5432) });
    const pair = { client, server: upstream };
    pairs.add(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", forget);
    upstream.on("close", forget);
    client.on("close", () => {
      if (mode !== "silent" || upstream.destroyed) return forget();
      pairs.delete(pair);
      orphans.add(upstream);
    });
    client.on("data", (b: Buffer) => {
      if (cutMarker !== undefined && b.includes(cutMarker)) {
        cutMarker = undefined;
        cut();
        return;
      }
      upstream.write(b);
      if (marker !== undefined && b.includes(marker)) {
        marker = undefined;
        silence();
      }
    });
    upstream.on("data", (b: Buffer) => client.write(b));
    client.resume();
  };

  const server: Server = createServer((client) => {
    client.on("error", () => undefined);
    if (mode === "cut") client.resetAndDestroy();
    else if (mode === "silent") {
      client.pause();
      waiting.add(client);
      client.on("close", () => waiting.delete(client));
    } else bridge(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(address.port);
  url.searchParams.delete("host");

  const resetAll = () => {
    for (const { client, server: upstream } of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  function cut(): void {
    mode = "cut";
    resetAll();
  }

  return {
    url: url.toString(),
    cut,
    cutAt(m: string) {
      cutMarker = m;
    },
    silence,
    silenceAfter(m: string) {
      marker = m;
    },
    restore() {
      mode = "open";
      marker = undefined;
      cutMarker = undefined;
      for (const s of orphans) s.resetAndDestroy();
      orphans.clear();
      for (const p of pairs) {
        p.client.resume();
        p.server.resume();
      }
      for (const s of waiting) bridge(s);
      waiting.clear();
    },
    async close() {
      mode = "cut";
      resetAll();
      for (const s of [...waiting, ...orphans]) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
