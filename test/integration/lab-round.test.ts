import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DemoPortals, main, startDemoPortals } from '@dvcwatch/cli';
import { type LabMetrics, labVerdict } from '@dvcwatch/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type CliWorld, startCliWorld } from './helpers/cli-world.js';

/**
 * The ministry profile through the real CLI: `dvcwatch round --lab` runs Lighthouse 12.8.2 (mobile, simulated
 * throttling) on the same Chromium through the request guard, once per page (Lighthouse takes ~10 s a page here:
 * two pages only), then a round without `--lab`. Results read back with `results --json`; the site as written.
 */
let portals: DemoPortals;
let home: string;
let file: string;
let world: CliWorld | undefined;
const LAB_AT = '2026-03-02T02:00:00.000Z';
const PLAIN_AT = '2026-03-02T03:00:00.000Z';
let rows: Record<string, unknown>[] = [];
const printed: string[] = [];

beforeAll(async () => {
  // prepare: a good portal and a failing one (HTTP 503), home pages only
  portals = await startDemoPortals({ basePort: 0 });
  world = await startCliWorld('lab');
  ({ home } = world);
  const url = (id: string) => portals.portals.find((p) => p.id === id)?.home ?? '';
  file = join(home, 'lab.yaml');
  await writeFile(
    file,
    stringify({
      version: 1,
      defaults: { probe: { pageTimeoutMs: 10_000, confirmAttempts: 0, accessibility: false } },
      operators: ['vanhanh@example.vn'],
      agencies: [
        {
          id: 'tot',
          name: 'Tỉnh Tốt',
          kind: 'province',
          head: { name: 'Chủ tịch', email: 'a@example.vn' },
          portal: { home: url('tot') },
        },
        {
          id: 'loi',
          name: 'Tỉnh Lỗi',
          kind: 'province',
          head: { name: 'Chủ tịch', email: 'b@example.vn' },
          portal: { home: url('loi') },
        },
      ],
    }),
  );
  // act: one round with the ministry profile, one without
  expect(await main(['round', '--registry', file, '--at', LAB_AT, '--lab', '--no-checks'], (l) => printed.push(l))).toBe(0);
  expect(await main(['round', '--registry', file, '--at', PLAIN_AT, '--no-checks'], () => {})).toBe(0);
  const lines: string[] = [];
  expect(await main(['results', '--registry', file, '--json'], (l) => lines.push(l))).toBe(0);
  rows = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}, 240_000);

afterAll(async () => {
  await portals?.close();
  await world?.close();
});

const row = (agencyId: string, at: string) => rows.find((r) => r.agencyId === agencyId && r.at === at);

describe('dvcwatch round --lab (Lighthouse mobile on the same Chromium, real portals on 127.0.0.1)', () => {
  it('gives each row of that round the lab summary: tool, version, settings, runs and per-page medians', () => {
    const lab = row('tot', LAB_AT)?.lab as Record<string, unknown> & { home: Record<string, number> };
    expect(lab).toMatchObject({
      tool: 'lighthouse',
      version: '12.8.2',
      formFactor: 'mobile',
      throttling: { method: 'simulate', rttMs: 150, throughputKbps: 1638.4, cpuSlowdownMultiplier: 4 },
      runs: 1,
      form: null,
      errors: { home: null, form: null },
    });
    expect(Object.keys(lab.home).sort()).toEqual(['cls', 'fcpMs', 'lcpMs', 'score', 'speedIndexMs', 'tbtMs']);
    // Simulated slow 4G: the first paint of even a small page costs over half a second (one RTT of 150 ms × several).
    expect(lab.home.fcpMs).toBeGreaterThan(500);
    expect(lab.home.speedIndexMs).toBeGreaterThanOrEqual(lab.home.fcpMs ?? Number.NaN);
    expect(lab.benchmarkIndex).toBeGreaterThan(0);
    expect(printed.some((l) => l.includes('Lighthouse (di động, mô phỏng mạng chậm) tot: LCP'))).toBe(true);
  });

  it('is null for a page Lighthouse could not measure, with the reason', () => {
    const lab = row('loi', LAB_AT)?.lab as { home: unknown; errors: { home: string } };
    expect(lab.home).toBeNull();
    expect(lab.errors.home).toMatch(/ERRORED_DOCUMENT_REQUEST/);
  });

  it('is absent from rows of rounds that did not run it', () => {
    expect(row('tot', PLAIN_AT)).toBeDefined();
    expect(row('tot', PLAIN_AT)?.lab).toBeUndefined();
  });

  it('shows the numbers beside the hourly ones on the agency page, with thresholds, marks and the profile', async () => {
    const html = await readFile(join(home, 'site', 'agency', 'tot.html'), 'utf8');
    expect(html).toContain('<h2 id="bo">Theo tiêu chí của Bộ</h2>');
    expect(html).toContain('Trang chủ — đo kiểu Bộ (Lighthouse, điện thoại)');
    expect(html).toContain('Trang chủ — đo hằng giờ (máy tính, không giới hạn)');
    expect(html).toMatch(
      /<th scope="row">Hiển thị nội dung chính \(LCP\)<\/th><td class="n">&lt; 4,0 s<\/td><td class="st c-p">\d+,\d s <span aria-hidden="true">✓<\/span> Đạt<\/td><td>\d+,\d s<\/td>/,
    );
    expect(html).toContain(
      'Hồ sơ đo kiểu Bộ: Lighthouse 12.8.2, điện thoại, mô phỏng mạng chậm (RTT 150 ms, 1,6 Mbit/s) và CPU chậm 4×',
    );
    expect(await readFile(join(home, 'site', 'agency', 'loi.html'), 'utf8')).toMatch(
      /Không đo được trang chủ: ERRORED_DOCUMENT_REQUEST/,
    );
  });

  it('has a matrix column "Theo tiêu chí của Bộ" with each agency’s verdict', async () => {
    const html = await readFile(join(home, 'site', 'matrix.html'), 'utf8');
    expect(html).toContain('<th scope="col">Theo tiêu chí của Bộ</th>');
    // The good portal passes the four criteria on a quiet machine; under CPU contention Lighthouse's simulated TBT
    // can fail it. The matrix must show what was measured and stored, whichever it was.
    const stored = row('tot', LAB_AT)?.lab as { home: LabMetrics | null } | undefined;
    const verdicts = Object.values(labVerdict(stored?.home ?? null));
    const [cls, text] = verdicts.includes('fail')
      ? ['c-f', '✗ Không đạt']
      : verdicts.includes('pass')
        ? ['c-p', '✓ Đạt']
        : ['c-u', '? Chưa đo'];
    expect(html).toMatch(new RegExp(`<td class="?${cls}"?><a href="agency/tot\\.html#bo">${text}</a>`));
    expect(html).toMatch(/<td class="?c-u"?><a href="agency\/loi\.html#bo">\? Chưa đo<\/a>/);
  });
});
