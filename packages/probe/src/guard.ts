import { lookup } from 'node:dns/promises';
import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { allowedHostPorts, checkTarget, type GuardOptions, normaliseHost } from './guard-policy.js';
import { listenOnLoopback } from './loopback.js';

/** Header on the proxy's own answers to plain-HTTP requests: the guard's reason or the upstream failure. */
export const GUARD_HEADER = 'x-dvcwatch-guard';

/** One request the proxy did not pass on: a guard refusal or an upstream failure, keyed by `host:port`. */
export interface GuardEvent {
  hostPort: string;
  /** `guard:private-address`, `guard:scheme`, `too-large`, or a `net::ERR_*` code for an upstream failure. */
  code: string;
  message: string;
}

/** A running filtering proxy on 127.0.0.1: the only way the browser reaches the network. */
export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for Chromium's proxy setting. */
  readonly server: string;
  /** Refusals and upstream failures, in order. */
  readonly events: GuardEvent[];
  /** Bytes received from upstream servers (bodies, headers and TLS records alike). */
  bytes(): number;
  close(): Promise<void>;
}

export interface GuardProxyOptions extends GuardOptions {
  /** Past this many upstream bytes every connection is cut and `onTooLarge` is called once. */
  maxBytes?: number;
  onTooLarge?: () => void;
  /** Connect timeout to an upstream server. */
  connectTimeoutMs?: number;
}

/** Node's socket error codes as the browser would have reported them without a proxy. */
const netCode = (e: unknown): string => {
  const code = (e as { code?: string }).code ?? '';
  const map: Record<string, string> = {
    ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
    ECONNRESET: 'net::ERR_CONNECTION_RESET',
    ETIMEDOUT: 'net::ERR_CONNECTION_TIMED_OUT',
    ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
    EAI_AGAIN: 'net::ERR_NAME_NOT_RESOLVED',
    ENODATA: 'net::ERR_NAME_NOT_RESOLVED',
    EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
    ENETUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  };
  return map[code] ?? 'net::ERR_CONNECTION_FAILED';
};

type Decision = { ok: true; address: string } | { ok: false; code: string; message: string };

/** Starts a guard proxy on an ephemeral 127.0.0.1 port. */
export const startGuardProxy = async (options: GuardProxyOptions): Promise<GuardProxy> => {
  const allowed = options.local ? allowedHostPorts(options.allowedOrigins) : new Set<string>();
  const events: GuardEvent[] = [];
  const sockets = new Set<Duplex>();
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  let bytes = 0;
  let tooLarge = false;

  const track = <S extends Duplex>(s: S): S => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
    s.on('error', () => {});
    return s;
  };
  const count = (n: number): void => {
    bytes += n;
    if (options.maxBytes !== undefined && bytes > options.maxBytes && !tooLarge) {
      tooLarge = true;
      events.push({ hostPort: '*', code: 'too-large', message: `more than ${options.maxBytes} bytes` });
      for (const s of sockets) s.destroy();
      options.onTooLarge?.();
    }
  };

  // Resolve once, check every address, connect to the checked one: a second lookup could be rebound.
  const decide = async (host: string, port: string): Promise<Decision> => {
    const hostPort = `${normaliseHost(host)}:${port}`;
    const refuse = (code: string, message: string): Decision => {
      events.push({ hostPort, code, message });
      return { ok: false, code, message };
    };
    if (tooLarge) return refuse('too-large', 'page byte limit reached');
    const bare = normaliseHost(host);
    let addresses: string[];
    try {
      addresses = net.isIP(bare) ? [bare] : (await lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
    } catch (e) {
      return refuse(netCode(e), `lookup ${bare}: ${(e as Error).message}`);
    }
    for (const address of addresses) {
      const refusal = checkTarget(allowed, bare, port, address);
      if (refusal) return refuse(`guard:${refusal.reason}`, `${hostPort}: ${refusal.detail}`);
    }
    const address = addresses[0];
    return address ? { ok: true, address } : refuse('net::ERR_NAME_NOT_RESOLVED', `no address for ${bare}`);
  };

  const server = http.createServer(async (req, res) => {
    track(req.socket);
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const answer = (status: number, code: string, message: string): void => {
      res.writeHead(status, { [GUARD_HEADER]: code, 'content-type': 'text/plain; charset=utf-8' }).end(message);
    };
    if (target.protocol !== 'http:') {
      events.push({ hostPort: target.host, code: 'guard:scheme', message: `scheme ${target.protocol}` });
      answer(403, 'guard:scheme', 'refused by dvcwatch guard');
      return;
    }
    const port = target.port || '80';
    const decision = await decide(target.hostname, port);
    if (!decision.ok) {
      answer(decision.code.startsWith('guard:') ? 403 : 502, decision.code, decision.message);
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    delete headers['proxy-authorization'];
    const upstream = http.request({
      host: decision.address,
      port,
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers,
      agent: false,
      timeout: connectTimeoutMs,
      ...(options.egress ? { localAddress: options.egress } : {}),
    });
    upstream.on('socket', (s) => track(s));
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    upstream.on('response', (up) => {
      upstream.setTimeout(0);
      res.writeHead(up.statusCode ?? 502, up.rawHeaders);
      up.on('data', (chunk: Buffer) => {
        count(chunk.length);
        res.write(chunk);
      });
      up.on('end', () => res.end());
      up.on('error', () => res.destroy());
    });
    upstream.on('error', (e) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const code = netCode(e);
      events.push({ hostPort: `${normaliseHost(target.hostname)}:${port}`, code, message: e.message });
      answer(502, code, e.message);
    });
    req.pipe(upstream);
  });

  server.on('connect', async (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(req.url ?? '');
    if (!m?.[1] || !m[2]) {
      client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      return;
    }
    const [host, port] = [m[1], m[2]];
    const decision = await decide(host, port);
    if (!decision.ok) {
      // Chromium turns any non-200 CONNECT answer into net::ERR_TUNNEL_CONNECTION_FAILED; the event keeps why.
      client.end(
        `HTTP/1.1 ${decision.code.startsWith('guard:') ? 403 : 502} Refused\r\n${GUARD_HEADER}: ${decision.code}\r\n\r\n`,
      );
      return;
    }
    const upstream = track(
      net.connect({
        host: decision.address,
        port: Number(port),
        ...(options.egress ? { localAddress: options.egress } : {}),
      }),
    );
    upstream.setTimeout(connectTimeoutMs, () => upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    upstream.once('connect', () => {
      upstream.setTimeout(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.on('data', (chunk: Buffer) => count(chunk.length));
      upstream.pipe(client);
      client.pipe(upstream);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    upstream.once('error', (e) => {
      if (upstream.connecting || upstream.bytesWritten === 0) {
        const code = netCode(e);
        events.push({ hostPort: `${normaliseHost(host)}:${port}`, code, message: e.message });
        client.end(`HTTP/1.1 502 Bad Gateway\r\n${GUARD_HEADER}: ${code}\r\n\r\n`);
      } else client.destroy();
    });
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  const address = await listenOnLoopback(server);
  return {
    server: address,
    events,
    bytes: () => bytes,
    close: async () => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
