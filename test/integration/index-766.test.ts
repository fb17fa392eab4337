import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { type DemoPortals, importDuty, main, openLocal, readEnv, startDemoPortals } from '@dvcwatch/cli';
import { silentLogger } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type Index766StandIn, startIndex766StandIn } from '../fixtures/index-766/server.js';
import { type CliWorld, startCliWorld } from './helpers/cli-world.js';

/**
 * Issue 23's first "done when", through the real CLI: `import-766` against a stand-in of the national portal's
 * endpoint on 127.0.0.1, a round in real Chromium, the site read back; then a firewall's HTML page answering the
 * import, which must fail in one line and leave the earlier import showing after the next round.
 */
const BIN = resolve(import.meta.dirname, '../../packages/cli/bin/dvcwatch.js');
let portals: DemoPortals;
let standIn: Index766StandIn;
let world: CliWorld | undefined;
let registryFile: string;

const read = (path: string) => readFile(join(world!.home, 'site', path), 'utf8');

beforeAll(async () => {
  portals = await startDemoPortals({ basePort: 0 });
  standIn = await startIndex766StandIn('rows');
  world = await startCliWorld('index766');
  const tot = portals.portals.find((p) => p.id === 'tot')!;
  const agency = (id: string, name: string, extra: Record<string, unknown>) => ({
    id,
    name,
    kind: 'province',
    head: { name: 'Chủ tịch', email: `head.${id}@example.vn` },
    portal: { home: tot.home, form: tot.form },
    ...extra,
  });
  registryFile = join(world.home, 'registry.yaml');
  await writeFile(
    registryFile,
    stringify({
      version: 1,
      defaults: { probe: { confirmAttempts: 0, accessibility: false } },
      agencies: [agency('tinh-tot', 'Tỉnh Tốt', { index766Id: 11358 }), agency('tinh-khac', 'Tỉnh Khác', {})],
    }),
  );
});

afterAll(async () => {
  await portals?.close();
  await standIn?.close();
  await world?.close();
});

describe('dvcwatch import-766 beside the rounds', () => {
  it('stores the rows, joins only mapped agencies, lists the rest, and asks as the portal page does', async () => {
    const lines: string[] = [];
    const code = await main(
      ['import-766', '--registry', registryFile, '--period', '2025-06', '--endpoint', standIn.endpoint],
      (l) => lines.push(l),
    );
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Đã nhập Chỉ số 766 tháng 6\/2025 .*: 3 đơn vị, 1 khớp với cơ quan/);
    expect(lines.join('\n')).toContain('ID 99001: Tỉnh Không Có Trong Danh Mục');
    expect(lines.join('\n')).toContain('ID 11359: Tỉnh Chậm');
    expect(standIn.posts).toHaveLength(1);
    expect(standIn.posts[0]).toMatchObject({
      cookie: true,
      params: { service: 'report_tinh_766_service', p_nam: '2025', p_thang: 6, p_quy: 0, p_tinh_id: 0 },
    });
    expect(standIn.posts[0]!.userAgent).toMatch(/^dvcwatch\//);
  });

  it('shows the total in Vietnamese number format on mapped agencies and the overview after a round; none on an unmapped one', async () => {
    expect(await main(['round', '--registry', registryFile, '--no-checks', '--concurrency', '1'], () => undefined)).toBe(0);
    const tot = await read('agency/tinh-tot.html');
    expect(tot).toContain('Chỉ số 766 (Văn phòng Chính phủ), tháng 6/2025');
    expect(tot).toContain('<strong>87,35</strong> / 100');
    // Bars only against verified maxima: publicity 17,5 of 18; CLGQ's maximum is not verified, so no bar.
    expect(tot).toContain('aria-label="17,50 trên 18 điểm"');
    expect(tot).toMatch(
      /<code>CLGQ<\/code><\/th><td class="n">9,80<\/td><td><span class="muted small">thang điểm tối đa chưa xác minh/,
    );
    expect(await read('agency/tinh-khac.html')).not.toContain('Chỉ số 766 (Văn phòng Chính phủ)');
    const overview = await read('index.html');
    expect(overview).toContain('<td class="n">87,35</td>');
    const data = JSON.parse(await read('data/latest.json')) as { agencies: Record<string, unknown>[] };
    expect(data.agencies.find((a) => a.agencyId === 'tinh-tot')).toMatchObject({
      index766Total: 87.35,
      index766Period: '2025-06',
    });
    expect(data.agencies.find((a) => a.agencyId === 'tinh-khac')).toMatchObject({ index766Total: null });
    expect(await read('data/index-766.csv')).toContain('99001,,Tỉnh Không Có Trong Danh Mục,45,3');
  });

  it('fails on a firewall page with one line and no stack trace, and the earlier import still shows after the next round', async () => {
    standIn.setMode('firewall');
    const run = promisify(execFile)(
      process.execPath,
      [BIN, 'import-766', '--registry', registryFile, '--period', '2025-07', '--endpoint', standIn.endpoint],
      { env: { ...process.env, NODE_NO_WARNINGS: '1' } },
    );
    const failed = await run.then(
      () => null,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    // On Node below 22.17 the binary says so first, in one line of its own (bin/dvcwatch.js); the failure is one more.
    const stderr = failed!.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith(`dvcwatch: Node ${process.versions.node} `));
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(
      /^dvcwatch import-766: nhập thất bại, dữ liệu đã nhập trước đó giữ nguyên — nhận được một trang HTML “Request Rejected”/,
    );
    expect(failed!.stderr).not.toMatch(/\n\s+at /);
    expect(await main(['round', '--registry', registryFile, '--no-checks', '--concurrency', '1'], () => undefined)).toBe(0);
    expect(await read('agency/tinh-tot.html')).toContain('<strong>87,35</strong> / 100');
    expect(await read('index.html')).toContain('<td class="n">87,35</td>');
  });

  it('serve’s daily import logs a failure and carries on, and stores the next good answer', async () => {
    const ctx = await openLocal(readEnv(), registryFile);
    try {
      const lines: string[] = [];
      const o = { endpoint: standIn.endpoint, log: silentLogger, out: (l: string) => lines.push(l), rebuild: async () => {} };
      await expect(importDuty(ctx, o)).resolves.toBeUndefined(); // still the firewall: logged, not thrown
      expect(lines).toEqual([expect.stringMatching(/^Nhập Chỉ số 766 lỗi: nhận được một trang HTML “Request Rejected”/)]);
      standIn.setMode('rows');
      await importDuty(ctx, o);
      expect(lines[1]).toMatch(/^Đã nhập Chỉ số 766 tháng \d+\/\d{4} /);
      expect(await ctx.deps.store.index766.between('0000', '9999')).toHaveLength(2);
    } finally {
      await ctx.close();
    }
  });
});
