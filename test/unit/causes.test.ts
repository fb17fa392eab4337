import { describe, expect, it } from 'vitest';
import {
  blankPage,
  formatBytes,
  formatSeconds,
  nameCauses,
  type PageArtifacts,
  type ResourceFact,
} from '../../packages/core/src/index.js';

const AT = '2026-11-29T03:00:00.000Z';
const res = (path: string, bytes: number, startMs: number, endMs: number, renderBlocking = false): ResourceFact => ({
  url: `https://dvc.example.vn${path}`,
  type: path.endsWith('.js') ? 'script' : 'img',
  bytes,
  startMs,
  endMs,
  renderBlocking,
});
const page = (over: Partial<PageArtifacts>): PageArtifacts => ({
  ...blankPage('https://dvc.example.vn/'),
  finalUrl: 'https://dvc.example.vn/',
  ttfbMs: 200,
  lcpMs: 1_000,
  tbtMs: 0,
  ...over,
});
const diag = (over: Partial<NonNullable<PageArtifacts['diagnosis']>>): NonNullable<PageArtifacts['diagnosis']> => ({
  lcpElement: null,
  lcpResource: null,
  largest: [],
  slowest: [],
  renderBlocking: [],
  longScripts: [],
  resourceCount: 0,
  totalBytes: 0,
  ...over,
});

describe('nameCauses', () => {
  it('formats numbers the Vietnamese way', () => {
    expect(formatSeconds(2_937)).toBe('2,9 s');
    expect(formatBytes(4_200_054)).toBe('4,2 MB');
    expect(formatBytes(1_234_000_000)).toBe('1.234,0 MB');
    expect(formatBytes(850_400)).toBe('850 kB');
  });

  it('orders by cost, keeps three, never names a URL twice, and says which page', () => {
    // prepare: a slow server, a heavy LCP image that is also the largest and slowest request, a blocking script
    const banner = res('/images/banner.jpg', 4_200_000, 900, 4_700);
    const home = page({
      ttfbMs: 2_900,
      lcpMs: 5_000,
      diagnosis: diag({ lcpResource: banner, largest: [banner], slowest: [banner] }),
    });
    const form = page({
      url: 'https://dvc.example.vn/form',
      diagnosis: diag({ renderBlocking: [res('/js/vendor.js', 300_000, 50, 1_650, true)] }),
    });
    // act
    const causes = nameCauses({ at: AT, home, form, tls: null });
    // assess
    expect(causes.map((c) => c.kind)).toEqual(['heavy-lcp-image', 'slow-server', 'render-blocking']);
    expect(causes[0]?.text).toBe('Ảnh chính của trang (LCP) nặng 4,2 MB, tải mất 3,8 s: /images/banner.jpg');
    expect(causes[1]?.text).toBe(
      'Máy chủ trả lời chậm: 2,9 s chờ phản hồi đầu tiên (58 % thời gian đến khi hiện nội dung chính)',
    );
    expect(causes[2]?.text).toMatch(/^Trang biểu mẫu: Tập lệnh chặn hiển thị: trang chờ 1,6 s để tải \/js\/vendor\.js/);
  });

  it('puts a certificate ending within 14 days first, and ignores one with 14 days or more', () => {
    const slow = page({ ttfbMs: 3_000, lcpMs: 3_500 });
    const tls = (validTo: string) => ({
      authorized: true,
      error: null,
      validTo,
      daysToExpiry: null,
      issuer: null,
      protocol: null,
    });
    const soon = nameCauses({ at: AT, home: slow, form: null, tls: tls('2026-12-08T12:00:00.000Z') });
    expect(soon.map((c) => c.kind)).toEqual(['certificate', 'slow-server']);
    expect(soon[0]?.text).toMatch(/^Chứng chỉ HTTPS hết hạn sau 9 ngày \(08\/12\/2026\)/);
    expect(nameCauses({ at: AT, home: slow, form: null, tls: tls('2026-12-13T04:00:00.000Z') })[0]?.kind).toBe('slow-server');
    expect(nameCauses({ at: AT, home: null, form: null, tls: tls('2026-11-20T00:00:00.000Z') })[0]?.text).toMatch(
      /^Chứng chỉ HTTPS đã hết hạn ngày 20\/11\/2026/,
    );
  });

  it('names nothing for a fast page, or a page that failed', () => {
    expect(nameCauses({ at: AT, home: page({ diagnosis: diag({}) }), form: null, tls: null })).toEqual([]);
    const failed = page({ ttfbMs: 5_000, error: { code: 'timeout', message: 'x' } });
    expect(nameCauses({ at: AT, home: failed, form: null, tls: null })).toEqual([]);
  });

  it('falls back to TBT when no script is attributed, and names long scripts by URL when one is', () => {
    const tbt = nameCauses({ at: AT, home: page({ tbtMs: 900, diagnosis: diag({}) }), form: null, tls: null });
    expect(tbt[0]?.text).toBe('Các tập lệnh chặn tương tác tổng cộng 0,9 s (TBT)');
    const loaf = diag({ longScripts: [{ url: 'https://cdn.example.com/chat.js', invoker: 'x', ms: 1_200 }] });
    const named = nameCauses({ at: AT, home: page({ tbtMs: 900, diagnosis: loaf }), form: null, tls: null });
    expect(named[0]?.text).toBe('Tập lệnh chiếm luồng xử lý 1,2 s, trang không phản hồi trong lúc đó: cdn.example.com/chat.js');
  });
});
