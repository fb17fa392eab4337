import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gradientPng } from './png.js';

/**
 * The accuracy portal: pages on 127.0.0.1 with known, injected delays. Each page records its own ground truth
 * (`window.__truth`, in ms of the page's `performance.now()`, i.e. from navigation start) and reports it back to
 * this server with a keepalive `fetch('/truth?…')`, because the probe closes the page before we could read it.
 *
 * - `/ttfb?d=D`: the server waits D ms before answering. Truth = D (the injected delay; loopback connect and the
 *   probe's guard-proxy hop are part of the measured error, not of the truth).
 * - `/lcp?d=D`: fast HTML; a 1000×500 PNG hero (the largest element) whose response is delayed D ms. Truth = the
 *   start of the first animation frame after the image loaded and `img.decode()` resolved: the frame in which the
 *   image can first be painted. The image's Resource Timing `responseEnd` is reported alongside (lower bound).
 * - `/form?d=D`: a form whose first field is inserted by script D ms after the script runs. Truth = the page's
 *   `performance.now()` at the moment of insertion.
 */
export interface TruthReport {
  v: number;
  aux: number | null;
}

export interface BenchPortal {
  origin: string;
  /** Waits (up to `ms`) for the truth reported by run `run`. */
  truth(run: string, ms?: number): Promise<TruthReport | null>;
  close(): Promise<void>;
}

const HERO = gradientPng(1000, 500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const report = (run: string, expr: string, aux = 'null') =>
  `const t = ${expr}; window.__truth = t; fetch('/truth?run=${run}&v=' + t + '&aux=' + (${aux}), { keepalive: true });`;

const doc = (title: string, body: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
  `<title>${title}</title><style>body{margin:0;font:16px sans-serif}img{display:block}</style></head><body>${body}</body></html>`;

const pages: Record<string, (d: number, run: string) => string> = {
  '/ttfb': () => doc('TTFB', '<main><h1>Cổng thử nghiệm</h1><p>Trang đơn giản.</p></main>'),
  '/lcp': (d, run) =>
    doc(
      'LCP',
      `<main><p>Ảnh lớn</p><img id="hero" alt="Ảnh minh hoạ" width="1000" height="500" src="/hero.png?d=${d}&run=${run}"></main>` +
        `<script>const img = document.getElementById('hero');
const done = () => img.decode().catch(() => {}).then(() => requestAnimationFrame(() => {
  const rt = performance.getEntriesByName(img.src)[0]; ${report(run, 'performance.now()', 'rt ? rt.responseEnd : null')}
}));
if (img.complete) done(); else img.addEventListener('load', done);</script>`,
    ),
  '/form': (d, run) =>
    doc(
      'Biểu mẫu',
      `<main><h1>Nộp hồ sơ</h1><form id="f"></form></main><script>setTimeout(() => {
  const l = document.createElement('label'); l.textContent = 'Họ và tên ';
  const i = document.createElement('input'); i.name = 'hoTen'; l.append(i);
  document.getElementById('f').append(l); ${report(run, 'performance.now()')}
}, ${d});</script>`,
    ),
};

/** Starts the accuracy portal on 127.0.0.1 (ephemeral port). */
export async function startBenchPortal(): Promise<BenchPortal> {
  const truths = new Map<string, TruthReport>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const d = Math.max(0, Number(url.searchParams.get('d') ?? 0));
    const run = (url.searchParams.get('run') ?? 'x').replace(/[^a-z0-9-]/gi, '');
    const headers = { 'cache-control': 'no-store' };
    if (url.pathname === '/truth') {
      const aux = Number(url.searchParams.get('aux'));
      truths.set(run, { v: Number(url.searchParams.get('v')), aux: Number.isFinite(aux) && aux > 0 ? aux : null });
      res.writeHead(204, headers).end();
      return;
    }
    if (url.pathname === '/hero.png') {
      void sleep(d).then(() => res.writeHead(200, { ...headers, 'content-type': 'image/png' }).end(HERO));
      return;
    }
    const page = pages[url.pathname];
    if (!page) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const delay = url.pathname === '/ttfb' ? d : 0;
    void sleep(delay).then(() =>
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(d, run)),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    truth: async (run, ms = 1_500) => {
      for (const end = Date.now() + ms; Date.now() < end && !truths.has(run); ) await sleep(20);
      return truths.get(run) ?? null;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
