import net from 'node:net';
import { listenOnLoopback } from './loopback.js';

/** A fixed proxy address for one browser whose connections go on to the guard of the page it serves now. */
export interface ProxyRelay {
  /** `http://127.0.0.1:<port>`: the browser's proxy, at launch and in every context. */
  readonly server: string;
  /**
   * Sends every new connection to `guardServer` (a page's guard proxy, guard.ts), or refuses them all (null). Every
   * connection open so far is cut: no kept-alive connection of one page carries another page's requests.
   */
  target(guardServer: string | null): void;
  close(): Promise<void>;
}

/**
 * A single-process Chromium keeps the proxy of its first context for the fetches of every later context (seen with
 * Chromium 153: a second context's page loaded its document through its own proxy and its API calls through the
 * first one's). A browser that serves several pages one after another (browser-host.ts) is therefore launched with
 * this relay as its only proxy, and the relay is pointed at each page's own guard in turn: every connection still
 * passes the guard of the page that made it, which counts its bytes and refuses what it must.
 */
export async function startProxyRelay(): Promise<ProxyRelay> {
  let upstream: { host: string; port: number } | null = null;
  const sockets = new Set<net.Socket>();
  const cutAll = () => {
    for (const s of sockets) s.destroy();
  };
  const server = net.createServer((client) => {
    const to = upstream;
    if (!to) {
      client.destroy();
      return;
    }
    const guard = net.connect(to.port, to.host);
    for (const s of [client, guard]) {
      sockets.add(s);
      s.once('close', () => {
        sockets.delete(s);
        client.destroy();
        guard.destroy();
      });
      s.on('error', () => {});
    }
    client.pipe(guard);
    guard.pipe(client);
  });
  const address = await listenOnLoopback(server);
  return {
    server: address,
    target: (guardServer) => {
      cutAll();
      if (guardServer === null) {
        upstream = null;
        return;
      }
      const url = new URL(guardServer);
      upstream = { host: url.hostname, port: Number(url.port) };
    },
    close: async () => {
      upstream = null;
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
