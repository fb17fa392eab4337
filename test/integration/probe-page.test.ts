import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BrowserHost,
  createProber,
  DEFAULT_LIMITS,
  GUARD_HEADER,
  PageSessionError,
  type Prober,
  probePage,
  startGuardProxy,
} from '../../packages/probe/src/index.js';
import { type HostileFixtures, startHostileFixtures } from '../fixtures/hostile/server.js';

let fx: HostileFixtures;
let prober: Prober;
let dir: string;

beforeAll(async () => {
  fx = await startHostileFixtures();
  prober = createProber({ local: true, allowedOrigins: fx.allowedOrigins });
  dir = mkdtempSync(join(tmpdir(), 'dvcwatch-probe-'));
});
afterAll(async () => {
  await prober?.close();
  await fx?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('probePage on an ordinary page', () => {
  it('gives plausible browser timings, headers, title and a screenshot', async () => {
    // prepare
    const delay = 300;
    const shot = join(dir, 'home.jpg');
    // act
    const a = await prober.probePage(fx.urls.normal(delay), 'home', { screenshotPath: shot });
    // assess
    expect(a.error).toBeNull();
    expect(a.httpStatus).toBe(200);
    expect(a.finalUrl).toBe(fx.urls.normal(delay));
    expect(a.redirects).toEqual([fx.urls.normal(delay)]);
    expect(a.ttfbMs).toBeGreaterThanOrEqual(delay);
    expect(a.fcpMs).toBeGreaterThanOrEqual(a.ttfbMs ?? 0);
    expect(a.lcpMs).toBeGreaterThanOrEqual(a.fcpMs ?? 0);
    expect(a.loadMs).toBeGreaterThanOrEqual(a.domContentLoadedMs ?? 0);
    expect(a.tbtMs).toBe(0);
    expect(a.cls).toBe(0);
    expect(a.title).toBe('Cổng dịch vụ công thử nghiệm');
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(a.challenge).toBe(false);
    expect(a.readyMs).toBeUndefined();
    expect(a.screenshot).toBe(shot);
    expect(readFileSync(shot).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // JPEG
    expect(a.durationMs).toBeGreaterThanOrEqual(a.loadMs ?? 0);
    // Issue 19: the CPU the load had is recorded with it; nothing else of the product ran beside it.
    expect(a.conditions).toMatchObject({ alone: true, laneWaitMs: expect.any(Number) });
    expect(a.conditions?.cpuShare).toBeGreaterThan(0);
    expect(a.conditions?.contended).toBe((a.conditions?.cpuShare ?? 0) < 0.5);
  });

  it('follows redirects and records the chain, requested first', async () => {
    const a = await prober.probePage(fx.urls.hop, 'home');
    expect(a.error).toBeNull();
    expect(a.redirects).toEqual([fx.urls.hop, fx.urls.normal(0)]);
    expect(a.finalUrl).toBe(fx.urls.normal(0));
  });
});

describe('probePage reads FCP and LCP once they are emitted (issue 19)', () => {
  it('waits for a paint that comes after the load event and its quiet period', async () => {
    // prepare: painted 1.5 s after an instant load, well past load + settleMs (500 ms)
    const paintAfter = 1_500;
    // act
    const a = await prober.probePage(fx.urls.latePaint(paintAfter), 'home');
    // assess
    expect(a.error).toBeNull();
    expect(a.loadMs).toBeLessThan(paintAfter);
    expect(a.fcpMs).toBeGreaterThanOrEqual(paintAfter);
    expect(a.lcpMs).toBeGreaterThanOrEqual(a.fcpMs ?? Number.POSITIVE_INFINITY);
  });

  it("waits for a single-page app's content, drawn when its API answers after the load event", async () => {
    // prepare: a loading line paints at once; the content comes 900 ms after load (a fixed 500 ms wait missed it)
    const apiAfter = 900;
    // act
    const a = await prober.probePage(fx.urls.spa(apiAfter), 'home');
    // assess: the largest paint is the content's, not the loading line's
    expect(a.error).toBeNull();
    expect(a.fcpMs).toBeLessThan(apiAfter);
    expect(a.lcpMs).toBeGreaterThanOrEqual((a.loadMs ?? 0) + apiAfter);
  });

  it('records no FCP/LCP, and no error, for a 200 page that never paints within its limit', async () => {
    const a = await prober.probePage(fx.urls.latePaint(null), 'home', { timeoutMs: 8_000 });
    expect(a.error).toBeNull();
    expect(a.httpStatus).toBe(200);
    expect([a.fcpMs, a.lcpMs]).toEqual([null, null]);
  });
});

describe('probePage on a form page', () => {
  it('measures readiness up to a field that appears after a delay, ignoring the header search box', async () => {
    // prepare
    const fieldAfter = 800;
    // act
    const a = await prober.probePage(fx.urls.form(100, fieldAfter), 'form');
    // assess
    expect(a.error).toBeNull();
    expect(a.readyKind).toBe('form');
    expect(a.readyMs).toBeGreaterThanOrEqual(fieldAfter);
  });

  it('stops at a login wall (a password field)', async () => {
    const a = await prober.probePage(fx.urls.login(400), 'form');
    expect(a.readyKind).toBe('login');
    expect(a.readyMs).toBeGreaterThanOrEqual(400);
  });

  it('reports no readiness when the page never shows a field', async () => {
    const a = await prober.probePage(fx.urls.normal(0), 'form', { timeoutMs: 5_000 });
    expect(a.error).toBeNull();
    expect(a.readyMs).toBeNull();
    expect(a.readyKind).toBeNull();
  });
});

describe('production mode', () => {
  it('refuses loopback entirely, even for registry origins', async () => {
    // prepare
    const prod = createProber({ local: false, allowedOrigins: fx.allowedOrigins });
    try {
      // act
      const a = await prod.probePage(fx.urls.normal(0), 'home');
      const tls = await prod.probePage(fx.urls.selfSigned, 'home');
      // assess
      expect(a.error?.code).toBe('guard:private-address');
      expect(tls.error?.code).toBe('guard:private-address');
    } finally {
      await prod.close();
    }
  });
});

describe('the guard proxy on its own', () => {
  it('answers refused plain-HTTP requests with a marker header and refused CONNECTs with 403', async () => {
    // prepare
    const guard = await startGuardProxy({ local: true, allowedOrigins: [] });
    const port = Number(new URL(guard.server).port);
    try {
      // act
      const plain = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get({ host: '127.0.0.1', port, path: fx.urls.normal(0) }, resolve).on('error', reject),
      );
      const connect = await new Promise<number>((resolve, reject) =>
        http
          .request({ host: '127.0.0.1', port, method: 'CONNECT', path: '169.254.169.254:443' })
          .on('connect', (res, socket) => {
            socket.destroy();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject)
          .end(),
      );
      // assess
      expect(plain.statusCode).toBe(403);
      expect(plain.headers[GUARD_HEADER]).toBe('guard:private-address');
      expect(connect).toBe(403);
      expect(guard.events.map((e) => e.hostPort)).toEqual([new URL(fx.urls.normal(0)).host, '169.254.169.254:443']);
    } finally {
      await guard.close();
    }
  });
});

describe('PageSession', () => {
  it('hands a loaded page to the callback and closes it afterwards', async () => {
    // act
    const seen = await prober.session.withPage(fx.urls.cookies, async (page, response) => ({
      status: response?.status(),
      title: await page.title(),
      page,
    }));
    // assess
    expect(seen.status).toBe(200);
    expect(seen.title).toBe('Cookies');
    expect(seen.page.isClosed()).toBe(true);
    const later = await prober.session.withPage(fx.urls.echoOtherPort, (page) => page.title());
    expect(later).toBe('cookie=;js=;ls=');
  });

  it('throws a typed error with the raw code for a refused or failing page', async () => {
    const codeOf = (url: string, timeoutMs?: number) =>
      prober.session
        .withPage(url, async () => 'loaded', timeoutMs ? { timeoutMs } : {})
        .then(
          () => 'no error',
          (e: unknown) => (e instanceof PageSessionError ? e.pageError.code : String(e)),
        );
    expect(await codeOf(fx.urls.toMetadata)).toBe('guard:private-address');
    expect(await codeOf(fx.urls.refused)).toBe('net::ERR_CONNECTION_REFUSED');
    expect(await codeOf('file:///etc/passwd')).toBe('guard:scheme');
    expect(await codeOf(fx.urls.neverAnswers, 2_000)).toBe('timeout');
  });
});

describe('browser crashes', () => {
  it('relaunches a killed browser transparently; the next page works', async () => {
    // prepare
    const host = new BrowserHost({ proxyServer: async () => 'http://127.0.0.1:9' });
    const deps = { host, guard: { local: true, allowedOrigins: fx.allowedOrigins }, limits: DEFAULT_LIMITS };
    try {
      const first = await probePage(deps, fx.urls.normal(0), 'home');
      const pid = await host.pid();
      expect(first.error).toBeNull();
      expect(pid).toBeTypeOf('number');
      // act: the browser dies under the prober
      process.kill(pid as number, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      const second = await probePage(deps, fx.urls.normal(0), 'home');
      // assess
      expect(second.error).toBeNull();
      expect(host.launches).toBe(2);
      expect(await host.pid()).not.toBe(pid);
    } finally {
      await host.close();
    }
  });
});
