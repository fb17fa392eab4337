import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ProxyRelay, startProxyRelay } from '../../packages/probe/src/proxy-relay.js';

/** A TCP server on 127.0.0.1 that answers each connection with its name, then keeps it open. */
const named = async (name: string): Promise<{ url: string; close: () => Promise<void> }> => {
  const open = new Set<net.Socket>();
  const server = net.createServer((s) => {
    open.add(s);
    s.on('error', () => {});
    s.write(name);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      for (const s of open) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
};

/** Connects to the relay: what the far end said first, and a promise of the connection's end. */
const dial = (relay: ProxyRelay): Promise<{ said: string; closed: Promise<void> }> =>
  new Promise((resolve) => {
    const s = net.connect(Number(new URL(relay.server).port), '127.0.0.1');
    const closed = new Promise<void>((r) => s.once('close', () => r()));
    s.on('error', () => {});
    s.once('data', (d) => resolve({ said: d.toString(), closed }));
    s.once('close', () => resolve({ said: '', closed }));
  });

let relay: ProxyRelay | null = null;
const servers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await relay?.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe("a browser's proxy relay (probe/proxy-relay.ts)", () => {
  it('sends new connections to the guard it points at, cuts the old ones, and refuses all when it points nowhere', async () => {
    const [a, b] = [await named('guard-a'), await named('guard-b')];
    servers.push(a, b);
    relay = await startProxyRelay();
    // Nowhere yet: refused.
    expect((await dial(relay)).said).toBe('');
    relay.target(a.url);
    const first = await dial(relay);
    expect(first.said).toBe('guard-a');
    // The next page: its guard gets the new connections, and the first page's connection is cut.
    relay.target(b.url);
    await first.closed;
    expect((await dial(relay)).said).toBe('guard-b');
    relay.target(null);
    expect((await dial(relay)).said).toBe('');
  });
});
