import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProber, OTHERS_CPU_TOLERANCE_MS, type Prober, TimingLane } from '../../packages/probe/src/index.js';

/** A page whose largest paint is a block of text drawn `LATE_MS` after it loads (within the probe's 500 ms settle). */
const LATE_MS = 300;
const PAGE =
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thử nghiệm</title></head><body><p>Trang chủ</p>` +
  `<script>setTimeout(() => { const h = document.createElement('h1'); h.style.fontSize = '64px';` +
  ` h.textContent = 'Dịch vụ công trực tuyến '.repeat(12); document.body.append(h); }, ${LATE_MS});</script></body></html>`;

let server: http.Server;
let origin: string;
let prober: Prober;
let hog: ChildProcess | null = null;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // As on Lambda: a browser per page, and two timed loads of the invocation at once (core/probe-budget.ts).
  prober = createProber({ local: true, allowedOrigins: [origin], processModel: 'lambda', lane: new TimingLane(2) });
});
afterEach(() => {
  hog?.kill('SIGKILL');
  hog = null;
});
afterAll(async () => {
  await prober?.close();
  server?.closeAllConnections();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('timed loads that overlap in one probe invocation (issue 21)', () => {
  it('measures what the rest of the invocation took while a page’s numbers formed: little when nothing else ran', async () => {
    // act
    const page = await prober.probePage(`${origin}/`, 'home');
    // assess
    expect(page.error).toBeNull();
    expect(page.lcpMs).toBeGreaterThanOrEqual(LATE_MS);
    expect(page.conditions?.othersCpuMs).toEqual(expect.any(Number));
    expect(page.conditions?.othersCpuMs).toBeLessThanOrEqual(OTHERS_CPU_TOLERANCE_MS);
    expect(page.conditions).toMatchObject({ alone: true, contended: false });
    expect(page.conditions?.overlapped).toBeUndefined();
  });

  it('does not take a page whose numbers formed while another process of the invocation used a core as clean', async () => {
    // prepare: another process of the invocation (as another agency's browser would) burns a core throughout
    hog = spawn(process.execPath, ['-e', 'for (;;);'], { stdio: 'ignore' });
    await sleep(100);
    // act
    const page = await prober.probePage(`${origin}/`, 'home');
    // assess: its numbers are not clean; the probe times such a load again alone (runner/probe-agency.ts)
    expect(page.conditions?.othersCpuMs).toBeGreaterThan(OTHERS_CPU_TOLERANCE_MS);
    expect(page.conditions).toMatchObject({ alone: false, overlapped: true, contended: true });
  });

  it('runs two timed loads of the invocation at once, each measured', async () => {
    // act
    const [a, b] = await Promise.all([prober.probePage(`${origin}/`, 'home'), prober.probePage(`${origin}/`, 'home')]);
    // assess: neither waited for the other to finish; both carry the measure that judges them
    for (const page of [a, b]) {
      expect(page.error).toBeNull();
      expect(page.conditions?.othersCpuMs).toEqual(expect.any(Number));
      expect(page.conditions?.laneWaitMs).toBeLessThan(Math.min(a.durationMs, b.durationMs));
    }
  });
});
