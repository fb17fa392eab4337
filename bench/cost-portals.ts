import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoPortals, startDemoPortals } from '@dvcwatch/cli';

/**
 * Portals as slow as real ones seen from Singapore, for `npm run bench:cost`: each agency has its own origin, a
 * proxy on 127.0.0.1 in front of a full demo portal (so the check catalogue finds its usual pages). Every HTML
 * document the probe asks for draws its fate from PAGE_TIMES (images, styles and scripts pass at once):
 *
 * - 6 %: no answer (the connection is held past the probe's 20 s page limit): a timeout;
 * - 4 %: HTTP 503 after 1 s: a failure;
 * - 90 %: the page after a delay uniform in 3–10 s (mean 6.5 s), the central case of issue 21.
 *
 * Draws are deterministic (a hash of the seed, the agency, the path and the request's sequence number), so the
 * before and after runs see the same sequence of fates. Every time is multiplied by `scale` (1 = real time); the
 * bench scales the probe's limits, delays and thresholds by the same factor and divides billed time by it.
 */
export const PAGE_TIMES = {
  timeoutShare: 0.06,
  failShare: 0.04,
  minMs: 3_000,
  maxMs: 10_000,
  failAfterMs: 1_000,
  holdMs: 25_000,
} as const;

export interface SlowPortal {
  id: string;
  home: string;
  form: string;
  origin: string;
}

export interface SlowPortals {
  portals: SlowPortal[];
  /** Fates drawn so far: page, timeout, fail. */
  drawn: { page: number; timeout: number; fail: number };
  close(): Promise<void>;
}

/** A number in [0, 1) from a string (FNV-1a), so runs are repeatable. */
const unit = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h / 2 ** 32;
};

const isDocument = (req: http.IncomingMessage): boolean =>
  String(req.headers.accept ?? '').includes('text/html') || !/\.[a-z0-9]+$/i.test(new URL(req.url ?? '/', 'http://x').pathname);

/** Starts `count` slow portals (ids `cham-01`…), times multiplied by `scale`. */
export async function startSlowPortals(count: number, scale: number, seed: string): Promise<SlowPortals> {
  const demo: DemoPortals = await startDemoPortals({
    basePort: 0,
    portals: Array.from({ length: count }, (_, i) => ({
      id: `cham-${String(i + 1).padStart(2, '0')}`,
      name: `Tỉnh Chậm ${i + 1} (mô phỏng)`,
      kind: 'province' as const,
      securityHeaders: true,
    })),
  });
  const drawn = { page: 0, timeout: 0, fail: 0 };
  const servers: http.Server[] = [];
  const portals: SlowPortal[] = [];
  for (const target of demo.portals) {
    const upstream = new URL(target.home);
    const seq = new Map<string, number>();
    const server = http.createServer((req, res) => {
      const forward = () => {
        const out = http.request(
          { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        out.on('error', () => res.destroy());
        req.pipe(out);
      };
      if (!isDocument(req)) return forward();
      const path = req.url ?? '/';
      const n = (seq.get(path) ?? 0) + 1;
      seq.set(path, n);
      const u = unit(`${seed}|${target.id}|${path}|${n}`);
      if (u < PAGE_TIMES.timeoutShare) {
        drawn.timeout++;
        const t = setTimeout(() => res.destroy(), PAGE_TIMES.holdMs * scale);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if (u < PAGE_TIMES.timeoutShare + PAGE_TIMES.failShare) {
        drawn.fail++;
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><html lang="vi"><title>503</title><h1>Hệ thống đang bảo trì</h1></html>');
        }, PAGE_TIMES.failAfterMs * scale);
        return;
      }
      drawn.page++;
      const v = unit(`${seed}|delay|${target.id}|${path}|${n}`);
      setTimeout(
        () => (res.destroyed ? undefined : forward()),
        (PAGE_TIMES.minMs + v * (PAGE_TIMES.maxMs - PAGE_TIMES.minMs)) * scale,
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    servers.push(server);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    portals.push({
      id: target.id,
      origin,
      home: `${origin}/`,
      form: `${origin}${new URL(target.form).pathname}`,
    });
  }
  return {
    portals,
    drawn,
    close: async () => {
      for (const s of servers) s.closeAllConnections();
      await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
      await demo.close();
    },
  };
}
