import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPage } from '../../packages/core/src/index.js';
import { createProber, type Prober } from '../../packages/probe/src/index.js';

/** The national portal's address here: another loopback address, as dichvucong.gov.vn is another host. */
const NATIONAL_IP = '127.0.0.2';
const doc = (head: string, body: string): string =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng dịch vụ công</title>${head}</head><body>${body}</body></html>`;

let province: http.Server;
let national: http.Server;
let provinceOrigin: string;
let nationalOrigin: string;
let prober: Prober;

const listen = async (server: http.Server, host: string): Promise<string> => {
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return `http://${host}:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  national = http.createServer((_, res) =>
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(doc('', '<h1>Cổng Dịch vụ công quốc gia</h1>')),
  );
  nationalOrigin = await listen(national, NATIONAL_IP);
  // A province's notice page that sends citizens on: by script 300 ms in, or by <meta http-equiv=refresh> at once.
  province = http.createServer((req, res) => {
    const body =
      req.url === '/meta'
        ? doc(`<meta http-equiv="refresh" content="0;url=${nationalOrigin}/">`, '<p>Cổng đã chuyển về Cổng quốc gia</p>')
        : req.url === '/script'
          ? doc('', `<p>Đang chuyển…</p><script>setTimeout(() => location.replace('${nationalOrigin}/'), 300);</script>`)
          : doc('', '<h1>Cổng Dịch vụ công tỉnh</h1>');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  provinceOrigin = await listen(province, '127.0.0.1');
  prober = createProber({ local: true, allowedOrigins: [provinceOrigin, nationalOrigin] });
});
afterAll(async () => {
  await prober?.close();
  for (const s of [province, national]) {
    s?.closeAllConnections();
    await new Promise<void>((r) => s?.close(() => r()));
  }
});

describe('a province that sends citizens to the national portal by script (consolidated since 1 July 2025)', () => {
  it.each(['/script', '/meta'])(
    'is consolidated when its home page %s sends itself on',
    async (path) => {
      // act
      const page = await prober.probePage(`${provinceOrigin}${path}`, 'home');
      // assess: the page read is the national portal's, and the province counts as consolidated, not as its own speed
      expect(page.error).toBeNull();
      expect(page.finalUrl).toBe(`${nationalOrigin}/`);
      expect(classifyPage(page, [new URL(nationalOrigin).host])).toEqual({ status: 'consolidated', reason: 'redirect-national' });
    },
    30_000,
  );

  it('stays the province’s own page when nothing sends it on', async () => {
    const page = await prober.probePage(`${provinceOrigin}/`, 'home');
    expect(page.finalUrl).toBe(`${provinceOrigin}/`);
    expect(classifyPage(page, [new URL(nationalOrigin).host])).toBeNull();
  }, 30_000);
});
