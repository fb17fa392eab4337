import { syntheticSiteInput } from '@dvcwatch/cli';
import {
  editionBounds,
  editionMonthBefore,
  type Index766Import,
  index766Params,
  index766PeriodLabel,
  joinIndex766,
  parseIndex766Answer,
  parseIndex766Period,
  parseRegistry,
  RegistryError,
  type Result,
} from '@dvcwatch/core';
import { buildSite, OVERVIEW_BUDGET_BYTES, PAGE_BUDGET_BYTES, type SiteInput } from '@dvcwatch/site';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STAND_IN_ROWS } from '../fixtures/index-766/server.js';

const AT = '2025-06-10T05:00:00.000Z';

describe('QĐ 766 answer', () => {
  it('reads numbers sent as numbers or strings (dot or comma), ids as text, and ignores extra fields', () => {
    const rows = parseIndex766Answer([...STAND_IN_ROWS, { ...STAND_IN_ROWS[2], ID: 5, TONG_SCORE: '61,5', MDSH: null }]);
    expect(rows[0]).toEqual({
      unitId: '11358',
      name: 'Tỉnh Tốt',
      total: 87.35,
      rank: 1,
      groups: { CKMB: 17.5, TDGQ: 19.2, CLGQ: 9.8, TTTT: 8.1, MDHL: 17, MDSH: 15.75 },
    });
    expect(rows[1]?.rank).toBe(2);
    expect(rows[3]).toMatchObject({ unitId: '5', total: 61.5, groups: { MDSH: null } });
  });

  it('refuses a changed shape, naming the row and field', () => {
    const bad = () => parseIndex766Answer([STAND_IN_ROWS[0], { ...STAND_IN_ROWS[1], TONG_SCORE: 'n/a' }]);
    expect(bad).toThrow(z.ZodError);
    expect(() => parseIndex766Answer({ data: STAND_IN_ROWS })).toThrow(z.ZodError);
    try {
      bad();
    } catch (e) {
      expect((e as z.ZodError).issues[0]?.path).toEqual([1, 'TONG_SCORE']);
    }
  });

  it('joins rows to agencies only by index766Id; the others are listed, never guessed by name', () => {
    const rows = parseIndex766Answer(STAND_IN_ROWS);
    const joined = joinIndex766([{ id: 'tot', index766Id: '11358' }, { id: 'tinh-cham' /* same name as a row, no id */ }], rows);
    expect(joined).toEqual({ matched: { tot: '11358' }, unmatched: ['11359', '99001'] });
  });
});

describe('periods', () => {
  it('parses YYYY, YYYY-MM and YYYY-Qn into the portal page’s params', () => {
    expect(JSON.parse(index766Params(parseIndex766Period('2025-06')!))).toEqual({
      type: 'ref',
      service: 'report_tinh_766_service',
      p_nam: '2025',
      p_6thang: 0,
      p_quy: 0,
      p_thang: 6,
      p_tinh_id: 0,
      p_loaidonvi: 1,
      loaichitieu: 0,
      pageIndex: 1,
      pageSize: 100,
    });
    expect(JSON.parse(index766Params(parseIndex766Period('2025-Q3')!))).toMatchObject({ p_quy: 3, p_thang: 0 });
    expect(JSON.parse(index766Params(parseIndex766Period('2024')!))).toMatchObject({ p_nam: '2024', p_quy: 0, p_thang: 0 });
    for (const bad of ['2025-13', '2025-Q5', '25', '2025-6', 'x']) expect(parseIndex766Period(bad)).toBeNull();
    expect(index766PeriodLabel('2025-06')).toBe('tháng 6/2025');
    expect(index766PeriodLabel('2025-Q2')).toBe('quý 2/2025');
  });

  it('the edition on 1 April (Vietnam) covers March, bounded by Vietnamese midnights', () => {
    expect(editionMonthBefore('2026-03-31T17:30:00.000Z')).toBe('2026-03'); // 00:30 on 1 April in Vietnam
    expect(editionMonthBefore('2026-03-31T16:30:00.000Z')).toBe('2026-02'); // still 31 March there
    expect(editionMonthBefore('2026-01-01T00:00:00.000Z')).toBe('2025-12');
    expect(editionBounds('2026-03')).toEqual({
      from: '2026-02-28T17:00:00.000Z',
      to: '2026-03-31T17:00:00.000Z',
      firstDay: '2026-03-01',
      lastDay: '2026-03-31',
    });
  });
});

describe('registry index766Id', () => {
  const doc = (extra: string) => `version: 1
agencies:
  - { id: a, name: A, kind: province, head: { name: H, email: h@example.vn }, portal: { home: "https://a.vn/" }${extra} }
  - { id: b, name: B, kind: province, head: { name: H, email: h@example.vn }, portal: { home: "https://b.vn/" }, index766Id: 11358 }`;

  it('accepts the unit id quoted or not, keeps it as text, and is optional', () => {
    expect(parseRegistry(doc(', index766Id: "42"'), 'r.yaml').agencies.map((a) => a.index766Id)).toEqual(['42', '11358']);
    expect(parseRegistry(doc(''), 'r.yaml').agencies[0]?.index766Id).toBeUndefined();
  });

  it('refuses a non-numeric id, a misspelt key and a duplicate, naming file, line and path', () => {
    const issues = (extra: string) => {
      try {
        parseRegistry(doc(extra), 'r.yaml');
        return [];
      } catch (e) {
        return (e as RegistryError).issues;
      }
    };
    expect(issues(', index766Id: "HN"')[0]).toMatch(/^r\.yaml:3: agencies\["a"\]\.index766Id: /);
    expect(issues(', index766ID: 1')[0]).toMatch(/unknown key: index766ID.*did you mean "index766Id"/);
    expect(issues(', index766Id: 11358')).toEqual([
      'r.yaml:4: agencies["b"].index766Id: trùng index766Id "11358", đã dùng ở dòng 3 (duplicate index766Id "11358", first used on that line)',
    ]);
    expect(() => parseRegistry(doc(', index766Id: -1'), 'r.yaml')).toThrow(RegistryError);
  });
});

describe('the site beside the index', () => {
  const imported: Index766Import = {
    period: '2025-06',
    endpoint: 'http://127.0.0.1:1/jsp/rest.jsp',
    params: index766Params(parseIndex766Period('2025-06')!),
    fetchedAt: '2025-06-10T00:30:00.000Z',
    sha256: 'a'.repeat(64),
    rows: parseIndex766Answer(STAND_IN_ROWS),
    matched: { 'bo-001': '11358', 'tinh-003': '11359' },
    unmatched: ['99001'],
  };
  const input = (): SiteInput => {
    const base = syntheticSiteInput({ agencies: 4, days: 3, at: AT, seed: 7 });
    const score = (id: string, s: number): Result[] => base.latest.map((r) => (r.agencyId === id ? { ...r, score: s } : r));
    base.latest = score('bo-001', 90);
    base.latest = score('tinh-003', 40);
    return { ...base, index766: imported };
  };

  it('draws one labelled dot per agency with both figures, and never changes dvcwatch’s own score', () => {
    const files = buildSite(input());
    const overview = files.get('index.html')!;
    const svg = /<figure class="chart scatter766">.*?<\/figure>/s.exec(overview)?.[0] ?? '';
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toMatch(/<text x="[\d.]+" y="[\d.]+">Bộ Thử nghiệm số 1<\/text>/);
    expect(svg).toContain('dvcwatch 90,0, Chỉ số 766 87,35');
    const latest = JSON.parse(files.get('data/latest.json')!) as { agencies: Record<string, unknown>[] };
    expect(latest.agencies.find((a) => a.agencyId === 'bo-001')).toMatchObject({ score: 90, index766Total: 87.35 });
    expect(files.get('agency/quoc-gia-000.html')).not.toContain('Chỉ số 766 (Văn phòng Chính phủ)');
    expect(files.get('methodology.html')).toContain('id="chi-so-766"');
    const json = JSON.parse(files.get('data/index-766.json')!) as { rows: { unitId: string; agencyId: string | null }[] };
    expect(json.rows.map((r) => [r.unitId, r.agencyId])).toEqual([
      ['11358', 'bo-001'],
      ['11359', 'tinh-003'],
      ['99001', null],
    ]);
  });

  it('shows nothing of the index when nothing was imported', () => {
    const files = buildSite({ ...input(), index766: null });
    expect(files.get('index.html')).not.toContain('scatter766');
    expect(files.has('data/index-766.json')).toBe(false);
    expect(files.get('editions/index.html')).toContain('Chưa có ấn bản nào.');
  });
});

describe('page budget with the index', () => {
  it('keeps the overview and the agency pages within budget with 100 mapped agencies', () => {
    const base = syntheticSiteInput({ agencies: 100, days: 90, at: AT });
    const rows = base.registry.agencies.map((a, i) => ({
      unitId: String(10_000 + i),
      name: a.name,
      total: 40 + (i % 60),
      rank: i + 1,
      groups: { CKMB: 15.5, TDGQ: 18.25, CLGQ: 9, TTTT: 7.5, MDHL: 16, MDSH: 12.1 },
    }));
    const files = buildSite({
      ...base,
      index766: {
        period: '2025-06',
        endpoint: 'http://127.0.0.1:1/jsp/rest.jsp',
        params: '{}',
        fetchedAt: AT,
        sha256: 'b'.repeat(64),
        rows,
        matched: Object.fromEntries(base.registry.agencies.map((a, i) => [a.id, String(10_000 + i)])),
        unmatched: [],
      },
    });
    const overview = files.get('index.html')!;
    expect(overview.match(/<circle /g)?.length).toBeGreaterThan(50);
    // The overview carries the province map too: it has its own stated budget (as in site-build.test.ts).
    const budget = (p: string) => (p === 'index.html' ? OVERVIEW_BUDGET_BYTES : PAGE_BUDGET_BYTES);
    const over = [...files].filter(([p, t]) => p.endsWith('.html') && Buffer.byteLength(t) > budget(p)).map(([p]) => p);
    expect(over).toEqual([]);
  }, 60_000);
});
