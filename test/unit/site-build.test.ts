import { PAYLOADS, syntheticSiteInput, withPayloads } from '@dvcwatch/cli';
import { CHECKS, type Result } from '@dvcwatch/core';
import {
  buildSite,
  CSS_BUDGET_BYTES,
  changedFiles,
  OVERVIEW_BUDGET_BYTES,
  PAGE_BUDGET_BYTES,
  type SiteInput,
} from '@dvcwatch/site';
import { describe, expect, it } from 'vitest';

const AT = '2025-06-10T05:00:00.000Z';

/** Four agencies with hand-set latest results: scores 70, 90, null, 50; only `bo-001` meets every criterion. */
function smallInput(): SiteInput {
  const base = syntheticSiteInput({ agencies: 4, days: 14, at: AT, seed: 7 });
  const set = (id: string, patch: Partial<Result>) => {
    base.latest = base.latest.map((r) => (r.agencyId === id ? { ...r, ...patch } : r));
  };
  const allPass = CHECKS.map((c) => ({ id: c.id, status: 'pass' as const, evidence: 'ok' }));
  set('quoc-gia-000', {
    score: 70,
    grade: 'C',
    status: 'up',
    breaches: [],
    checks: allPass.map((c, i) => (i === 2 ? { ...c, status: 'fail' } : c)),
  });
  set('bo-001', {
    score: 90,
    grade: 'A',
    status: 'up',
    breaches: [],
    maintenance: true,
    checks: allPass.map((c, i) => (i === 1 ? { ...c, status: 'unknown' } : c)),
  });
  set('tinh-002', { score: null, grade: null, status: 'down', breaches: [], checks: [] });
  set('tinh-003', { score: 50, grade: 'D', status: 'up', breaches: ['home.lcpMs'], checks: allPass });
  return base;
}

const text = (files: Map<string, string>, path: string): string => {
  const t = files.get(path);
  if (t === undefined) throw new Error(`missing ${path}`);
  return t;
};

describe('buildSite', () => {
  it('ranks agencies by score, counts those meeting every criterion and shows maintenance', () => {
    // prepare
    const input = smallInput();
    // act
    const html = text(buildSite(input), 'index.html');
    // assess
    expect(html).toContain('<strong>1 / 4</strong> cơ quan đạt toàn bộ tiêu chí');
    // the ranking table (the tiles above it are ordered by status, worst first)
    const ranking = html.slice(html.indexOf('<table class="rank">'));
    const order = ['bo-001', 'quoc-gia-000', 'tinh-003', 'tinh-002'].map((id) => ranking.indexOf(`agency/${id}.html`));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<span class="badge">bảo trì</span>');
    expect(html).toContain('Không truy cập được');
    expect(html).toContain('lang="vi"');
  });

  it('writes one overview per kind, each counting only its own agencies', () => {
    const files = buildSite(smallInput());
    expect(text(files, 'index-province.html')).toContain('<strong>0 / 2</strong>');
    expect(text(files, 'index-ministry.html')).toContain('<strong>1 / 1</strong>');
    expect(text(files, 'index-province.html')).not.toContain('agency/bo-001.html');
  });

  it('fills each matrix cell from the latest result and links it to the evidence anchor', () => {
    const files = buildSite(smallInput());
    const matrix = text(files, 'matrix.html');
    const [c0, c1, c2] = CHECKS;
    expect(matrix).toContain(`<td class="c-u"><a href="agency/bo-001.html#c-${c1?.id}">? Chưa đo</a>`);
    expect(matrix).toContain(`<td class="c-f"><a href="agency/quoc-gia-000.html#c-${c2?.id}">✗ Không đạt</a>`);
    expect(matrix).toContain(`<td class="c-p"><a href="agency/tinh-003.html#c-${c0?.id}">✓ Đạt</a>`);
    expect(matrix).toContain(`<td class="c-u"><a href="agency/tinh-002.html#c-${c0?.id}">? Chưa đo</a>`);
    // every check of the catalogue sits on exactly one matrix page
    const pages = [...files].filter(([p]) => p.startsWith('matrix') && !p.endsWith('-khong-dat.html')).map(([, t]) => t);
    for (const c of CHECKS) expect(pages.filter((t) => t.includes(`href="check/${c.id}.html"`)).length).toBe(1);
    expect(text(files, `agency/bo-001.html`)).toContain(`id="c-${c1?.id}"`);
  });

  it('says when the checks were gathered when that was before the latest round, and the schedule on the methodology page', () => {
    const input = smallInput();
    input.latest = input.latest.map((r) =>
      r.agencyId === 'tinh-003' ? { ...r, checksAt: '2025-06-10T01:00:00.000Z' } : { ...r, checksAt: r.at },
    );
    const files = buildSite(input);
    // 01:00 UTC is 08:00 in Vietnam.
    expect(text(files, 'agency/tinh-003.html')).toContain('chức năng kiểm tra lúc 10/06/2025 08:00');
    expect(text(files, 'agency/bo-001.html')).not.toContain('chức năng kiểm tra lúc');
    expect(text(files, 'methodology.html')).toContain(`${input.registry.probe.checksEveryHours} giờ một lần`);
  });

  it('words breaches as the emails do: a page that did not load has no value, a slow one its value and threshold', () => {
    const input = smallInput();
    input.latest = input.latest.map((r) =>
      r.agencyId === 'tinh-002'
        ? { ...r, breaches: ['home.available'], breachDetails: [{ metric: 'home.available', value: 0, limit: 1 }] }
        : r.agencyId === 'tinh-003'
          ? { ...r, breachDetails: [{ metric: 'home.lcpMs', value: 5_200, limit: 4_000 }] }
          : r,
    );
    const files = buildSite(input);
    const down = text(files, 'agency/tinh-002.html');
    expect(down).toContain('<li>Trang chủ không truy cập được</li>');
    expect(down).not.toMatch(/không truy cập được: 0/);
    expect(text(files, 'agency/tinh-003.html')).toMatch(/<li>[^<]*: 5,2 giây \(ngưỡng 4,0 giây — /);
  });

  it('times a resolved incident from its first breached round to its first clean round', () => {
    const input = smallInput();
    input.incidents = [
      {
        agencyId: 'tinh-002',
        id: 'tinh-002#2025-06-09T01:00:00.000Z',
        openedAt: '2025-06-09T02:00:00.000Z',
        since: '2025-06-09T01:00:00.000Z',
        status: 'down',
        breaches: ['home.available'],
        lastNotifiedAt: '2025-06-09T02:00:00.000Z',
        reminders: 0,
        escalated: false,
        recoveredAt: '2025-06-09T05:00:00.000Z',
        resolvedAt: '2025-06-09T06:00:00.000Z',
      },
    ];
    const page = text(buildSite(input), 'agency/tinh-002.html');
    // Down 08:00–12:00 Vietnam time: 4 hours, confirmed by the clean round at 13:00.
    expect(page).toContain('Đã khắc phục lúc 09/06/2025 12:00 (xác nhận lúc 09/06/2025 13:00); kéo dài 4 giờ');
  });

  it('lists the failing agency on the check page with the start of its failing run', () => {
    const input = smallInput();
    const id = CHECKS[2]?.id ?? '';
    // The check passed at 02:00 UTC and failed from 03:00 UTC (10:00 Vietnam time) to the latest round.
    input.recent = input.recent.map((r) =>
      r.agencyId !== 'quoc-gia-000'
        ? r
        : {
            ...r,
            checks: r.checks.map((c) => (c.id === id ? { ...c, status: r.at >= '2025-06-10T03:00' ? 'fail' : 'pass' } : c)),
          },
    );
    input.recent.push(...input.latest.filter((r) => r.agencyId === 'quoc-gia-000'));
    const page = text(buildSite(input), `check/${id}.html`);
    expect(page).toContain('agency/quoc-gia-000.html#c-');
    expect(page).toContain('từ 10/06/2025 10:00');
    expect(page).not.toContain(`agency/tinh-003.html#c-${id}">Tỉnh Thử nghiệm số 3</a></th>`);
  });

  it('escapes portal strings in text and attributes, and links only http(s) URLs', () => {
    const input = withPayloads(syntheticSiteInput({ agencies: 3, days: 3, at: AT }));
    const files = buildSite(input);
    for (const [path, content] of files) {
      if (!path.endsWith('.html')) continue;
      expect(content, path).not.toMatch(/<script/i);
      expect(content, path).not.toMatch(/<img src=x/i);
      expect(content, path).not.toMatch(/(href|src)="javascript:/i);
      expect(content, path).not.toContain('onerror="window');
    }
    const agency = text(files, `agency/${input.latest[0]?.agencyId}.html`);
    // the renderer escapes < & " (a > in text cannot open a tag: HTML needs no escaping for it)
    expect(agency).toContain('&lt;script>window.__pwned=1&lt;/script>');
    expect(agency).toContain('&quot;>&lt;img src=x onerror=&quot;window.__pwned=1&quot;>');
    expect(agency).toContain(PAYLOADS.url); // shown as text, not as a link
    expect(agency).toContain('Chưa có ảnh chụp');
  });

  it('writes open data whose CSV columns and JSON rows match the input', () => {
    const input = smallInput();
    const files = buildSite(input);
    const csv = text(files, 'data/latest.csv').trimEnd().split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    expect(header.slice(0, 6)).toEqual(['agencyId', 'name', 'kind', 'homeUrl', 'at', 'status']);
    expect(csv.length).toBe(1 + input.registry.agencies.length);
    const row = csv.find((l) => l.startsWith('tinh-003,'))?.split(',') ?? [];
    expect(row[header.indexOf('score')]).toBe('50');
    expect(row[header.indexOf('breaches')]).toBe('home.lcpMs');
    expect(row[header.indexOf('allPass')]).toBe('false');
    const json = JSON.parse(text(files, 'data/latest.json')) as { agencies: Record<string, unknown>[] };
    expect(json.agencies[0]).toMatchObject({ agencyId: 'bo-001', score: 90, allPass: true, maintenance: true });
    expect(Object.keys(json.agencies[0] ?? {})).toEqual(header);
    const daily = text(files, 'data/daily.csv').split('\r\n');
    expect(daily.length - 2).toBe(input.daily.length);
    const schema = text(files, 'data/index.html');
    for (const col of header) expect(schema).toContain(`<code>${col}</code>`);
  });

  it('neutralises CSV formula injection in agency names', () => {
    const input = smallInput();
    input.registry.agencies[0] = { ...input.registry.agencies[0]!, name: '=HYPERLINK("http://x","y")' };
    const csv = text(buildSite(input), 'data/latest.csv');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('keeps every page within the stated budget for 100 agencies × 90 days', () => {
    const files = buildSite(syntheticSiteInput({ agencies: 100, days: 90, at: AT }));
    const over = [...files]
      .filter(([p]) => p.endsWith('.html'))
      .map(([p, t]) => [p, Buffer.byteLength(t)] as const)
      .filter(([p, n]) => n > (p === 'index.html' ? OVERVIEW_BUDGET_BYTES : PAGE_BUDGET_BYTES));
    expect(over).toEqual([]);
    expect(Buffer.byteLength(text(files, 'assets/site.css'))).toBeLessThanOrEqual(CSS_BUDGET_BYTES);
    expect(files.has('agency/tinh-099.html')).toBe(true);
  }, 60_000);
});

describe('changedFiles', () => {
  it('lists paths whose hash changed or that are new, and paths that disappeared', () => {
    const prev = new Map([
      ['a.html', '1'],
      ['b.html', '2'],
      ['gone.html', '3'],
    ]);
    const next = new Map([
      ['a.html', '1'],
      ['b.html', '9'],
      ['new.html', '4'],
    ]);
    expect(changedFiles(prev, next)).toEqual({ changed: ['b.html', 'new.html'], removed: ['gone.html'] });
  });
});
