import type http from 'node:http';
import { listenOnePort } from './one-port.js';
import { route } from './pages.js';
import { DEMO_PORTALS, type PortalFlags, PROCEDURE } from './portals.js';

export interface DemoPortal {
  id: string;
  name: string;
  kind: PortalFlags['kind'];
  home: string;
  form: string;
}

export interface DemoPortals {
  portals: DemoPortal[];
  /** Origin of the simulated national portal (`http://127.0.0.1:<port>`), or null if none was started. */
  nationalOrigin: string | null;
  close(): Promise<void>;
}

export interface DemoOptions {
  /** First port; portals take consecutive ports. 0 = ephemeral ports (tests). Default 4700. */
  basePort?: number;
  /** Portals to serve; default the demo's six. The national one (kind `national`) is started first. */
  portals?: PortalFlags[];
  /** Serve https with this key and certificate (plain http on the same port redirects or is served). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#c8102e"/></svg>`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function securityHeaders(f: PortalFlags, secure: boolean): Record<string, string> {
  if (!f.securityHeaders) return {};
  return {
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'SAMEORIGIN',
    'content-security-policy': "frame-ancestors 'self'",
    'referrer-policy': 'strict-origin-when-cross-origin',
  };
}

/** The request handler of one portal: timing and failures from its flags, pages from pages.ts. */
function handler(f: PortalFlags, origin: () => string, nationalOrigin: string | null, secure: boolean) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin());
    const isHome = url.pathname === '/' || url.pathname === '';
    if (f.failure === 'reset' || f.refusesSources?.includes(req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '')) {
      req.socket.destroy();
      return;
    }
    const base = { server: 'nginx', 'cache-control': 'no-cache', ...securityHeaders(f, secure) };
    if (f.failure === 'http-503') {
      res.writeHead(503, { ...base, 'content-type': 'text/html; charset=utf-8', 'retry-after': '3600' });
      res.end('<!doctype html><html lang="vi"><title>503</title><h1>Hệ thống đang bảo trì</h1></html>');
      return;
    }
    if (f.redirectToNational && nationalOrigin) {
      res.writeHead(302, { ...base, location: `${nationalOrigin}/` });
      res.end();
      return;
    }
    if (url.pathname.endsWith('.svg') || url.pathname.endsWith('.png')) {
      res.writeHead(200, { ...base, 'content-type': 'image/svg+xml' });
      res.end(LOGO);
      return;
    }
    if (isHome && f.homeDelayMs) await sleep(f.homeDelayMs);
    const mixedContentUrl = secure && f.mixedContent ? `${origin().replace('https:', 'http:')}/quang-cao.png` : null;
    const page = route(f, url, { mixedContentUrl });
    if (res.destroyed) return;
    const status = page?.status ?? 404;
    res.writeHead(status, { ...base, ...page?.headers, 'content-type': 'text/html; charset=utf-8' });
    res.end(page?.body ?? '<!doctype html><html lang="vi"><title>404</title><h1>Không tìm thấy trang</h1></html>');
  };
}

/** Starts one portal; with TLS, one port speaks both, so http:// can be tested too. */
async function listen(f: PortalFlags, port: number, nationalOrigin: string | null, tls: DemoOptions['tls']) {
  let origin = '';
  const secure = tls !== undefined;
  const app = handler(f, () => origin, nationalOrigin, secure);
  const plain = secure
    ? (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (!f.httpsRedirect) return void app(req, res);
        res.writeHead(301, { location: `${origin}${req.url ?? '/'}` });
        res.end();
      }
    : app;
  const server = await listenOnePort({
    port,
    plain: (req, res) => void plain(req, res),
    secure: (req, res) => void app(req, res),
    tls,
  });
  origin = `${secure ? 'https' : 'http'}://127.0.0.1:${server.port}`;
  return { origin, close: server.close };
}

/** Starts the demo portals on 127.0.0.1, one port each (so origins differ), national portal first. */
export async function startDemoPortals(opts: DemoOptions = {}): Promise<DemoPortals> {
  const base = opts.basePort ?? 4700;
  const specs = opts.portals ?? DEMO_PORTALS;
  const ordered = [...specs.filter((p) => p.kind === 'national'), ...specs.filter((p) => p.kind !== 'national')];
  const started: { flags: PortalFlags; origin: string; close: () => Promise<void> }[] = [];
  let nationalOrigin: string | null = null;
  try {
    for (const [i, flags] of ordered.entries()) {
      const s = await listen(flags, base === 0 ? 0 : base + i, nationalOrigin, opts.tls);
      if (flags.kind === 'national' && nationalOrigin === null) nationalOrigin = s.origin;
      started.push({ flags, ...s });
    }
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw new Error(`demo portals could not start on 127.0.0.1 from port ${base}`, { cause: e });
  }
  return {
    portals: started.map(({ flags, origin }) => ({
      id: flags.id,
      name: flags.name,
      kind: flags.kind,
      home: `${origin}/`,
      form: `${origin}/nop-ho-so/${PROCEDURE.code}`,
    })),
    nationalOrigin,
    close: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
