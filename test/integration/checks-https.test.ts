import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { type CheckResult, emptyFacts, type Facts, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import { gatherTls } from '../../packages/probe/src/facts/tls.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { makeTestCerts, type TestCerts } from '../fixtures/portals/certs.js';
import { localProber } from '../fixtures/portals/prober.js';
import { HTTPS_VARIANTS } from '../fixtures/portals/variants.js';

let certs: TestCerts;
let demo: DemoPortals;
let prober: Prober;
const results = new Map<string, CheckResult[]>();

beforeAll(async () => {
  // prepare: https portals with a self-signed certificate (plain http answered on the same port)
  certs = makeTestCerts();
  demo = await startDemoPortals({ basePort: 0, portals: Object.values(HTTPS_VARIANTS), tls: certs.selfSigned });
  const origins = demo.portals.map((p) => new URL(p.home).origin);
  prober = localProber(origins, true);
  // act
  for (const portal of demo.portals) {
    const facts = await gatherFacts(prober.session, {
      homeUrl: portal.home,
      accessibility: false,
      guard: { local: true, allowedOrigins: origins },
    });
    const home = await prober.probePage(portal.home, 'home');
    results.set(portal.id, judgeChecks(facts, { home }));
  }
}, 120_000);

afterAll(async () => {
  await prober?.close();
  await demo?.close();
  certs?.cleanup();
});

const status = (variant: string, id: string) => {
  const r = results.get(variant)?.find((c) => c.id === id);
  return `${r?.status}: ${r?.evidence}`;
};

describe('security checks on https fixture portals (real Chromium)', () => {
  it('passes https, HSTS headers and no mixed content on the safe portal', () => {
    expect(status('an-toan', 'https')).toMatch(/^pass: http:\/\/127\.0\.0\.1:\d+\/ chuyển sang https:/);
    expect(status('an-toan', 'security-headers')).toMatch(/^pass: .*Strict-Transport-Security/);
    expect(status('an-toan', 'no-mixed-content')).toMatch(/^pass/);
  });

  it('fails tls-valid for a self-signed certificate', () => {
    expect(status('an-toan', 'tls-valid')).toMatch(/^fail: Chứng chỉ không hợp lệ: .*SELF_SIGNED/);
  });

  it('fails http served without redirect, missing headers and http subresources', () => {
    expect(status('hon-hop', 'https')).toMatch(/^fail: .*vẫn phục vụ HTTP/);
    expect(status('hon-hop', 'security-headers')).toMatch(/^fail: Thiếu: Strict-Transport-Security/);
    expect(status('hon-hop', 'no-mixed-content')).toMatch(/^fail: .*http:\/\/127\.0\.0\.1:\d+\/quang-cao\.png/);
  });
});

describe('TLS gatherer', () => {
  const serve = async (cert: { key: string; cert: string }) => {
    const server = https.createServer(cert, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    return { url: `https://127.0.0.1:${port}/`, close: () => new Promise<void>((r) => server.close(() => r())) };
  };
  const guardFor = (url: string) => ({ local: true, allowedOrigins: [new URL(url).origin] });

  it('trusts a certificate from a given CA and passes tls-valid', async () => {
    // prepare
    const s = await serve(certs.leaf(365));
    try {
      // act
      const tls = await gatherTls(s.url, { guard: guardFor(s.url), ca: certs.ca });
      // assess
      expect(tls?.authorized).toBe(true);
      expect(tls?.daysToExpiry).toBeGreaterThanOrEqual(363);
      const r = judgeChecks({ ...emptyFactsWith(tls) }, { home: { url: s.url, finalUrl: s.url, headers: {}, error: null } });
      expect(r.find((c) => c.id === 'tls-valid')?.status).toBe('pass');
    } finally {
      await s.close();
    }
  });

  it('fails tls-valid for a trusted certificate with under 30 days left', async () => {
    const s = await serve(certs.leaf(10));
    try {
      const tls = await gatherTls(s.url, { guard: guardFor(s.url), ca: certs.ca });
      const r = judgeChecks({ ...emptyFactsWith(tls) }, { home: { url: s.url, finalUrl: s.url, headers: {}, error: null } });
      expect(r.find((c) => c.id === 'tls-valid')?.evidence).toMatch(/sắp hết hạn: còn (9|10) ngày/);
    } finally {
      await s.close();
    }
  });

  it('refuses a loopback address the guard does not allow', async () => {
    await expect(gatherTls('https://127.0.0.1:9/', { guard: { local: false, allowedOrigins: [] } })).rejects.toThrow(
      /guard:private-address/,
    );
  });
});

function emptyFactsWith(tls: Facts['tls']): Facts {
  return { ...emptyFacts(), tls };
}
