import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProber,
  DEFAULT_LIMITS,
  localTimingLane,
  OTHERS_CPU_TOLERANCE_MS,
  type Prober,
  RELEASE_AFTER_QUIET_MS,
} from '../../packages/probe/src/index.js';

/** A page that paints at once and then does nothing. */
const FAST = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng nhanh</title></head><body><h1>Dịch vụ công</h1></body></html>`;
/** A page whose largest paint is drawn `LATE_MS` after it loads: after the first load leaves the CPU to the next. */
const LATE_MS = 350;
const LATE =
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng chậm</title></head><body><p>Trang chủ</p>` +
  `<script>setTimeout(() => { const h = document.createElement('h1'); h.style.fontSize = '64px';` +
  ` h.textContent = 'Dịch vụ công trực tuyến '.repeat(12); document.body.append(h); }, ${LATE_MS});</script></body></html>`;

/** A splash page that sends itself on (`location.replace`) after it has painted and left the CPU to the next load. */
const REDIRECT_AFTER_MS = 700;
const SPLASH =
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đang chuyển</title></head><body><p>Đang chuyển…</p>` +
  `<script>setTimeout(() => location.replace('/landed'), ${REDIRECT_AFTER_MS});</script></body></html>`;
/** A page whose script keeps its renderer busy for 1.5 s: a load that renders beside another's numbers. */
const BUSY =
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng bận</title></head><body><h1>Dịch vụ công</h1>` +
  `<script>const t = performance.now(); while (performance.now() - t < 1500);</script></body></html>`;

let server: http.Server;
let origin: string;
let prober: Prober;
/** When each page's document was asked for (performance.now()). */
const asked: { path: string; at: number }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    asked.push({ path: req.url ?? '', at: performance.now() });
    const body = req.url?.startsWith('/late')
      ? LATE
      : req.url?.startsWith('/splash')
        ? SPLASH
        : req.url?.startsWith('/busy')
          ? BUSY
          : FAST;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The local round's browsers and lane (cli/context.ts): two timed loads taking turns on the CPU.
  prober = createProber({ local: true, allowedOrigins: [origin], processModel: 'lambda', lane: localTimingLane() });
  await prober.probePage(`${origin}/warm`, 'home');
});
afterAll(async () => {
  await prober?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('the local round’s timing lane: two timed loads taking turns on the CPU (issue 19)', () => {
  it('starts the next load once the first has painted and been quiet, before the first has finished its settle', async () => {
    asked.length = 0;
    // act: two loads asked for at once
    let firstDone = 0;
    const pages = await Promise.all(
      ['/a', '/b'].map((p) =>
        prober.probePage(`${origin}${p}`, 'home').then((page) => {
          firstDone ||= performance.now();
          return page;
        }),
      ),
    );
    // assess: the second was asked for after the first had painted and been quiet, and before the first ended;
    // both are clean, measured against what the other used
    const [first, second] = [...asked].sort((x, y) => x.at - y.at) as [(typeof asked)[0], (typeof asked)[0]];
    expect(second.at - first.at).toBeGreaterThanOrEqual(RELEASE_AFTER_QUIET_MS);
    expect(second.at).toBeLessThan(firstDone);
    const firstPage = pages[first.path === '/a' ? 0 : 1];
    expect(second.at - first.at).toBeLessThan((firstPage?.loadMs ?? 0) + DEFAULT_LIMITS.settleMs);
    for (const page of pages) {
      expect(page.error).toBeNull();
      expect(page.lcpMs).toEqual(expect.any(Number));
      expect(page.conditions?.othersCpuMs).toBeLessThanOrEqual(OTHERS_CPU_TOLERANCE_MS);
      expect(page.conditions?.overlapped).toBeUndefined();
    }
  });

  it('still sees a paint that comes after the load left the CPU, and judges it against the other load', async () => {
    asked.length = 0;
    // act: a page with a late paint, and a second load that starts once the first has been quiet
    const [late, other] = await Promise.all([
      prober.probePage(`${origin}/late`, 'home'),
      new Promise((r) => setTimeout(r, 20)).then(() => prober.probePage(`${origin}/b`, 'home')),
    ]);
    // assess: the late paint is the largest (the settle still watched it), and the CPU the other load used meanwhile
    // was measured: clean within the tolerance, otherwise marked for timing again
    expect(asked.map((x) => x.path)).toEqual(['/late', '/b']);
    expect(late.lcpMs).toBeGreaterThanOrEqual(LATE_MS);
    expect(late.conditions?.othersCpuMs).toEqual(expect.any(Number));
    expect(late.conditions?.overlapped ?? false).toBe((late.conditions?.othersCpuMs ?? 0) > OTHERS_CPU_TOLERANCE_MS);
    expect(other.error).toBeNull();
  });

  it('judges a page that sent itself on after leaving the CPU by its new document’s window', async () => {
    // prepare: a settle long enough for the splash to send itself on while it lasts
    const long = createProber({
      local: true,
      allowedOrigins: [origin],
      processModel: 'lambda',
      lane: localTimingLane(),
      limits: { settleMs: 1_500 },
    });
    try {
      // act: the splash paints and leaves the CPU; a busy page renders meanwhile; the splash sends itself on
      const [splash, busy] = await Promise.all([
        long.probePage(`${origin}/splash`, 'home'),
        new Promise((r) => setTimeout(r, 20)).then(() => long.probePage(`${origin}/busy`, 'home')),
      ]);
      // assess: the numbers are the landed page's, and the busy page's CPU while they formed was counted, so the
      // load is marked for timing again (before, its window ended with the splash's numbers, and it was clean)
      expect(splash.title).toBe('Cổng nhanh');
      expect(splash.conditions?.othersCpuMs).toBeGreaterThan(OTHERS_CPU_TOLERANCE_MS);
      expect(splash.conditions?.overlapped).toBe(true);
      expect(busy.error).toBeNull();
    } finally {
      await long.close();
    }
  }, 60_000);
});
