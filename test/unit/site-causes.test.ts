import { syntheticSiteInput } from '@dvcwatch/cli';
import { buildSite } from '@dvcwatch/site';
import { describe, expect, it } from 'vitest';

const AT = '2025-06-10T05:00:00.000Z';

describe('agency page: what to fix', () => {
  it('lists the latest causes in order, escaped, and says when none was found', () => {
    // prepare: one agency with two causes, one carrying a hostile URL
    const input = syntheticSiteInput({ agencies: 2, days: 3, at: AT, seed: 3 });
    const id = input.latest[0]?.agencyId ?? '';
    const other = input.latest[1]?.agencyId ?? '';
    input.latest = input.latest.map((r) =>
      r.agencyId === id
        ? {
            ...r,
            causes: [
              {
                kind: 'certificate',
                page: 'site',
                text: 'Chứng chỉ HTTPS hết hạn sau 9 ngày (19/06/2025)',
                url: null,
                impactMs: 0,
              },
              {
                kind: 'render-blocking',
                page: 'home',
                text: 'Tập lệnh chặn hiển thị: /js/<script>x.js',
                url: null,
                impactMs: 2_000,
              },
            ],
          }
        : // another agency whose portal answered (a portal that did not answer has no speed to analyse)
          { ...r, status: 'up', causes: [] },
    );
    // act
    const files = buildSite(input);
    // assess
    const html = files.get(`agency/${id}.html`) ?? '';
    expect(html).toContain(
      '<h2>Nguyên nhân cần khắc phục</h2><ol id="nguyen-nhan"><li class="evidence">Chứng chỉ HTTPS hết hạn sau 9 ngày (19/06/2025)</li><li class="evidence">Tập lệnh chặn hiển thị: /js/&lt;script>x.js</li></ol>',
    );
    expect(files.get(`agency/${other}.html`)).toContain('không ghi nhận nguyên nhân chậm nào đáng kể');
  });
});
