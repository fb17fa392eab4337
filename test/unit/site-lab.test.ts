import { syntheticSiteInput } from '@dvcwatch/cli';
import type { LabDay } from '@dvcwatch/core';
import { buildSite } from '@dvcwatch/site';
import { describe, expect, it } from 'vitest';
import { labRun } from '../fixtures/lab-runs.js';

const AT = '2025-06-10T05:00:00.000Z';
/** One day of the lab: a home run (the shared fixture) with this test's own figures and one opportunity. */
const labDay = (agencyId: string, day: string, lcpMs: number): LabDay => ({
  agencyId,
  day,
  runs: [
    {
      ...labRun(`${day}T02:00:00.000Z`, lcpMs, 80),
      benchmarkIndex: 1_500,
      metrics: { fcpMs: 1_800, lcpMs, speedIndexMs: 3_000, tbtMs: 250, cls: 0, score: 80 },
      opportunities: [
        { id: 'render-blocking-resources', savingsMs: 900, savingsBytes: null, value: null, url: 'https://x.gov.vn/<b>.css' },
      ],
      durationMs: 12_000,
    },
  ],
});

describe('site: the ministry profile', () => {
  it('flags an agency at risk (3 of 7 days) on its page and in the matrix, and not one failing only today', () => {
    // prepare: agency 0 fails LCP on 3 of the last 7 days; agency 1 fails only today
    const input = syntheticSiteInput({ agencies: 2, days: 3, at: AT, seed: 5 });
    const [a, b] = input.registry.agencies.map((x) => x.id);
    input.lab = [
      labDay(a ?? '', '2025-06-05', 4_600),
      labDay(a ?? '', '2025-06-07', 4_100),
      labDay(a ?? '', '2025-06-10', 5_200),
      labDay(b ?? '', '2025-06-09', 3_000),
      labDay(b ?? '', '2025-06-10', 4_400),
    ];
    // act
    const files = buildSite(input);
    // assess
    const pageA = files.get(`agency/${a}.html`) ?? '';
    expect(pageA).toContain('⚠ Có nguy cơ không đạt khi Bộ đánh giá: Hiển thị nội dung chính (LCP) trang chủ (3/7 ngày).');
    expect(pageA).toContain('<td class="st c-f">5,2 s <span aria-hidden="true">✗</span> Không đạt</td>');
    expect(files.get(`agency/${b}.html`)).not.toContain('Có nguy cơ');
    expect(pageA).toContain(
      '<ul id="bo-goi-y"><li class="evidence">Tệp chặn hiển thị, có thể nhanh hơn 0,9 s: /%3Cb%3E.css</li></ul>',
    );
    const matrix = files.get('matrix.html') ?? '';
    expect(matrix).toContain(`<td class="c-f"><a href="agency/${a}.html#bo">✗ Không đạt · ⚠ nguy cơ</a>`);
    expect(matrix).toContain(`<td class="c-f"><a href="agency/${b}.html#bo">✗ Không đạt</a>`);
    expect(files.get('methodology.html')).toContain('Vì sao hai số khác nhau');
  });
});
