import { describe, expect, it } from 'vitest';
import { syntheticSiteInput } from '../../packages/cli/src/demo/synthetic.js';
import { blankPage } from '../../packages/core/src/artifacts.js';
import { classifyPage, landsOnNational } from '../../packages/core/src/classify.js';
import { parseRegistry, RegistryError } from '../../packages/core/src/registry.js';
import type { Result } from '../../packages/core/src/result.js';
import { combineVantages, isLoopbackAddress, type Vantage, vantageVerdict } from '../../packages/core/src/vantage.js';
import type { Prober } from '../../packages/probe/src/prober.js';
import type { RunnerDeps } from '../../packages/runner/src/deps.js';
import { silentLogger } from '../../packages/runner/src/log.js';
import { confirmFromVantages, type VantageJob } from '../../packages/runner/src/vantages.js';
import { buildSite } from '../../packages/site/src/build.js';
import { bareResult } from '../fixtures/results.js';

const AT = '2026-11-29T03:00:00.000Z';
const VANTAGES: Vantage[] = [
  { id: 'sg', name: 'AWS ap-southeast-1' },
  { id: 'vn', name: 'Máy đo tại Việt Nam', egress: '127.0.0.2' },
];

const downResult = (): Result => bareResult('tinh-a', AT, 'down', 'reset');

describe('combineVantages', () => {
  it('keeps down when every vantage saw it down, and lists each observation', () => {
    const r = combineVantages(downResult(), VANTAGES, [{ id: 'vn', status: 'down', reason: 'refused', at: AT }]);

    expect(r.status).toBe('down');
    expect(r.vantageVerdict).toBe('confirmed');
    expect(r.breaches).toEqual(['home.available']);
    expect(r.vantages).toEqual([
      { id: 'sg', status: 'down', reason: 'reset', at: AT },
      { id: 'vn', status: 'down', reason: 'refused', at: AT },
    ]);
  });

  it('turns a down reached from another vantage into blocked/geo with no breach', () => {
    const r = combineVantages(downResult(), VANTAGES, [{ id: 'vn', status: 'up', reason: null, at: AT }]);

    expect([r.status, r.reason, r.vantageVerdict]).toEqual(['blocked', 'geo', 'geo']);
    expect(r.breaches).toEqual([]);
    expect(r.breachDetails).toEqual([]);
  });

  it('leaves the first observation standing, unconfirmed, when a vantage did not answer', () => {
    const r = combineVantages(downResult(), VANTAGES, []);

    expect([r.status, r.vantageVerdict]).toEqual(['down', 'unconfirmed']);
    expect(r.vantages?.[1]).toEqual({ id: 'vn', status: null, reason: null, at: null });
  });

  it('does not touch a result that is not down, nor any result with a single vantage', () => {
    const up = { ...downResult(), status: 'up' as const, reason: null };

    expect(combineVantages(up, VANTAGES, [])).toBe(up);
    const down = downResult();
    expect(combineVantages(down, VANTAGES.slice(0, 1), [])).toBe(down);
  });

  it('counts a vantage that errored as not answered', () => {
    expect(vantageVerdict([{ id: 'vn', status: 'error', reason: 'probe', at: AT }])).toBe('unconfirmed');
    expect(vantageVerdict([{ id: 'vn', status: 'degraded', reason: null, at: AT }])).toBe('geo');
  });
});

describe('consolidated when a later hop fails', () => {
  const nationals = ['dichvucong.gov.vn'];

  it('is consolidated when the chain reached the national host and the navigation then timed out', () => {
    const page = {
      ...blankPage('https://dichvucong.tinh-a.gov.vn/'),
      redirects: ['https://dichvucong.tinh-a.gov.vn/', 'https://dichvucong.gov.vn/p/home'],
      error: { code: 'timeout', message: 'page did not finish' },
    };

    expect(classifyPage(page, nationals)).toEqual({ status: 'consolidated', reason: 'redirect-national' });
  });

  it('decides from the first national hop even when the chain goes on elsewhere', () => {
    const page = {
      ...blankPage('https://a.vn/'),
      redirects: ['https://a.vn/', 'https://www.dichvucong.gov.vn/', 'https://sso.other.vn/'],
      error: { code: 'net::ERR_NAME_NOT_RESOLVED', message: 'dns' },
    };

    expect(landsOnNational(page, nationals)).toBe(true);
  });

  it('stays down without a national hop, and for the national portal itself', () => {
    const failed = { code: 'net::ERR_CONNECTION_RESET', message: 'reset' };
    const own = { ...blankPage('https://a.vn/'), redirects: ['https://a.vn/', 'https://a.vn/home'], error: failed };
    const national = { ...blankPage('https://dichvucong.gov.vn/'), redirects: ['https://dichvucong.gov.vn/'], error: failed };

    expect(classifyPage(own, nationals)).toEqual({ status: 'down', reason: 'reset' });
    expect(classifyPage(national, nationals)).toEqual({ status: 'down', reason: 'reset' });
  });
});

describe('registry vantages', () => {
  const base = (vantages: string): string => `version: 1
${vantages}
agencies:
  - id: tinh-a
    name: "UBND tỉnh A"
    kind: province
    head: { name: "Chủ tịch", email: a@example.vn }
    portal: { home: https://a.example.vn/ }
`;
  const issues = (text: string): string[] => {
    try {
      parseRegistry(text, 'r.yaml');
    } catch (e) {
      if (e instanceof RegistryError) return e.issues;
      throw e;
    }
    return [];
  };

  it('accepts loopback egress on the other vantages and defaults to none', () => {
    const r = parseRegistry(base('vantages:\n  - { id: sg, name: SG }\n  - { id: vn, name: VN, egress: 127.0.0.2 }'), 'r.yaml');

    expect(r.vantages).toEqual([
      { id: 'sg', name: 'SG' },
      { id: 'vn', name: 'VN', egress: '127.0.0.2' },
    ]);
    expect(parseRegistry(base(''), 'r.yaml').vantages).toEqual([]);
  });

  it('names file, line and path for a non-loopback egress', () => {
    const found = issues(base('vantages:\n  - { id: sg, name: SG }\n  - { id: vn, name: VN, egress: 10.0.0.2 }'));

    expect(found).toEqual([
      expect.stringMatching(/^r\.yaml:4: vantages\["vn"\]\.egress: phải là địa chỉ loopback .*\(must be a loopback address/),
    ]);
  });

  it('names an egress on the first vantage and a duplicate id', () => {
    const found = issues(base('vantages:\n  - { id: sg, name: SG, egress: 127.0.0.3 }\n  - { id: sg, name: again }'));

    expect(found).toContainEqual(
      expect.stringMatching(/^r\.yaml:3: vantages\["sg"\]\.egress: điểm đo đầu tiên .*\(the first vantage/),
    );
    expect(found).toContainEqual(
      expect.stringMatching(/^r\.yaml:4: vantages\["sg"\]\.id: trùng id "sg", đã dùng ở dòng 3 \(duplicate id/),
    );
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.255.0.9', '::1'].every(isLoopbackAddress)).toBe(true);
    expect(['10.0.0.1', '128.0.0.1', '127.0.0.256', 'localhost', '::2'].some(isLoopbackAddress)).toBe(false);
  });
});

describe('the site says which vantages reach a portal', () => {
  it('shows each vantage on the agency page and explains vantages on the methodology page', () => {
    const input = syntheticSiteInput({ agencies: 3, days: 2, at: AT });
    const id = input.registry.agencies[2]!.id;
    const geo = combineVantages({ ...downResult(), agencyId: id }, VANTAGES, [{ id: 'vn', status: 'up', reason: null, at: AT }]);
    const files = buildSite({
      ...input,
      registry: { ...input.registry, vantages: VANTAGES },
      latest: [...input.latest.filter((r) => r.agencyId !== id), geo],
    });

    const agencyPage = files.get(`agency/${id}.html`) ?? '';
    expect(agencyPage).toContain(
      'AWS ap-southeast-1: <strong>không tới được</strong> · Máy đo tại Việt Nam: <strong>tới được</strong>',
    );
    expect(agencyPage).toContain('không gửi thư cho lãnh đạo cơ quan');
    const methodology = files.get('methodology.html') ?? '';
    expect(methodology).toContain('id="diem-do"');
    expect(methodology).toContain('<strong>Máy đo tại Việt Nam</strong> (vn): đo lại để xác nhận');
    expect(files.get('data/latest.csv')).toContain('sg:down;vn:up');
  });
});

describe('confirmFromVantages outside local mode', () => {
  it('sends a job for every other vantage, egress or not, and never binds a loopback address against real portals', async () => {
    const registry = parseRegistry(
      `version: 1
vantages:
  - { id: sg, name: SG }
  - { id: vn, name: VN, egress: 127.0.0.2 }
  - { id: hn, name: HN }
agencies:
  - { id: tinh-a, name: A, kind: province, head: { name: C, email: a@example.vn }, portal: { home: https://a.example.vn/ } }
`,
      'r.yaml',
    );
    const jobs: VantageJob[] = [];
    const prober = {
      guard: { local: false, allowedOrigins: [] },
      fromEgress: () => {
        throw new Error('bound a loopback egress in production');
      },
    } as unknown as Prober;
    const deps = { registry, log: silentLogger, vantageJobs: { enqueue: async (j: VantageJob) => void jobs.push(j) } };

    const r = await confirmFromVantages(deps as unknown as RunnerDeps, registry.agencies[0]!, downResult(), prober);

    expect(jobs.map((j) => [j.vantageId, j.home, j.deadline])).toEqual([
      ['vn', 'https://a.example.vn/', '2026-11-29T03:50:00.000Z'],
      ['hn', 'https://a.example.vn/', '2026-11-29T03:50:00.000Z'],
    ]);
    expect([r.status, r.vantageVerdict, r.vantages?.map((v) => v.status)]).toEqual(['down', 'unconfirmed', ['down', null, null]]);
  });
});
