import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cause, nameCauses, type PageArtifacts } from '../../packages/core/src/index.js';
import { gatherTls } from '../../packages/probe/src/facts/tls.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { makeTestCerts, type TestCerts } from '../fixtures/portals/certs.js';
import { localProber } from '../fixtures/portals/prober.js';
import { type SlowPortals, startSlowPortals } from '../fixtures/portals/slow-portals.js';

let certs: TestCerts;
let portals: SlowPortals;
let prober: Prober;
const pages = new Map<string, PageArtifacts>();
const causes = new Map<string, Cause[]>();

beforeAll(async () => {
  // prepare: four portals slow in one known way each, a fast control, and an https one whose certificate ends in 9 days
  certs = makeTestCerts();
  portals = await startSlowPortals(certs.leaf(9));
  prober = localProber(portals.origins, true);
  const urls: Record<string, string> = {
    nhanh: `${portals.base}/nhanh/`,
    'cham-may-chu': `${portals.base}/cham-may-chu/`,
    'anh-nang': `${portals.base}/anh-nang/`,
    'chan-hien-thi': `${portals.base}/chan-hien-thi/`,
    'tac-vu-dai': `${portals.base}/tac-vu-dai/`,
    'het-han': `${portals.secure}/`,
  };
  // act: the hourly probe on each, the certificate read as every round reads it, then core names the causes
  for (const [id, url] of Object.entries(urls)) {
    const home = await prober.probePage(url, 'home', { timeoutMs: 20_000 });
    const tls = url.startsWith('https:') ? await gatherTls(url, { guard: prober.guard, ca: certs.ca }) : null;
    pages.set(id, home);
    causes.set(id, nameCauses({ at: new Date().toISOString(), home, form: null, tls }));
  }
}, 120_000);

afterAll(async () => {
  await prober?.close();
  await portals?.close();
  certs?.cleanup();
});

const first = (id: string) => causes.get(id)?.[0];

describe('causes named on fixture portals slow in one known way each (real Chromium)', () => {
  it('names nothing on the fast control portal', () => {
    expect(pages.get('nhanh')?.error).toBeNull();
    expect(causes.get('nhanh')).toEqual([]);
  });

  it('names the slow server first, with its waiting time', () => {
    expect(first('cham-may-chu')?.kind).toBe('slow-server');
    expect(first('cham-may-chu')?.text).toMatch(/^Máy chủ trả lời chậm: (2,9|3,\d) s chờ phản hồi đầu tiên/);
  });

  it('names the heavy LCP image first, with its size, time and path', () => {
    const d = pages.get('anh-nang')?.diagnosis;
    expect(d?.lcpElement?.tag).toBe('img');
    expect(d?.lcpResource?.bytes).toBe(4_200_054);
    expect(first('anh-nang')?.kind).toBe('heavy-lcp-image');
    expect(first('anh-nang')?.text).toMatch(/^Ảnh chính của trang \(LCP\) nặng 4,2 MB, tải mất \d,\d s: \/images\/banner\.bmp$/);
  });

  it('names the render-blocking script first, with its path', () => {
    expect(pages.get('chan-hien-thi')?.diagnosis?.renderBlocking.map((r) => new URL(r.url).pathname)).toEqual(['/js/app.js']);
    expect(first('chan-hien-thi')?.kind).toBe('render-blocking');
    expect(first('chan-hien-thi')?.text).toMatch(/^Tập lệnh chặn hiển thị: trang chờ (2|3),\d s để tải \/js\/app\.js/);
  });

  it('attributes a long main-thread task to its script (long-animation-frame)', () => {
    expect(first('tac-vu-dai')?.kind).toBe('long-scripts');
    expect(first('tac-vu-dai')?.text).toMatch(
      /^Tập lệnh chiếm luồng xử lý 0,\d s, trang không phản hồi trong lúc đó: \/js\/widget\.js$/,
    );
  });

  it('names the certificate expiring in 9 days first, and only it', () => {
    expect(causes.get('het-han')?.map((c) => c.kind)).toEqual(['certificate']);
    expect(first('het-han')?.text).toMatch(/^Chứng chỉ HTTPS hết hạn sau (8|9) ngày \(\d\d\/\d\d\/\d{4}\)/);
  });
});
