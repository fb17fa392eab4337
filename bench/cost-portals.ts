import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoPortals, startDemoPortals } from '@dvcwatch/cli';
import { drawFate } from './page-fate.js';

export { PAGE_TIMES } from './page-fate.js';

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

const isDocument = (req: http.IncomingMessage): boolean =>
  String(req.headers.accept ?? '').includes('text/html') || !/\.[a-z0-9]+$/i.test(new URL(req.url ?? '/', 'http://x').pathname);

/**
 * Starts `count` portals as slow as real ones seen from Singapore (ids `cham-01`…), for `npm run bench:cost`: each
 * has its own origin, a proxy on 127.0.0.1 in front of a full demo portal (so the check catalogue finds its usual
 * pages). Every HTML document the probe asks for draws its fate (page-fate.ts: 90 % answer in 3–10 s, 6 % time out,
 * 4 % answer 503); images, styles and scripts pass at once. Draws are deterministic (seed, agency, path, the request's
 * sequence number), so the before and after runs see the same sequence of fates. Times are multiplied by `scale`
 * (1 = real time); the bench scales the probe's limits, delays and thresholds by the same factor.
 */
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
      const fate = drawFate(seed, target.id, path, n, scale);
      drawn[fate.kind]++;
      if (fate.kind === 'timeout') {
        const t = setTimeout(() => res.destroy(), fate.afterMs);
        res.on('close', () => clearTimeout(t));
        return;
      }
      if (fate.kind === 'fail') {
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
          res.end('<!doctype html><html lang="vi"><title>503</title><h1>Hệ thống đang bảo trì</h1></html>');
        }, fate.afterMs);
        return;
      }
      setTimeout(() => (res.destroyed ? undefined : forward()), fate.afterMs);
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
