import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { syntheticSiteInput, withPayloads } from '@dvcwatch/cli';
import { CHECKS } from '@dvcwatch/core';
import { buildSite, type SiteInput } from '@dvcwatch/site';
import chromium from '@sparticuz/chromium';
import axe from 'axe-core';
import { type Browser, type Page, chromium as pw } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUT = join(process.cwd(), 'test-output', 'site');
const AT = '2025-06-10T05:00:00.000Z';

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let input: SiteInput;
let poisoned: string;
let pictured: string;

beforeAll(async () => {
  // prepare: a site with a hostile portal (agency 0) and a real screenshot (agency 1), served on 127.0.0.1
  input = withPayloads(syntheticSiteInput({ agencies: 24, days: 90, at: AT, seed: 3 }));
  poisoned = input.latest[0]?.agencyId ?? '';
  pictured = input.latest.find((r) => r.agencyId !== poisoned && r.pages.home)?.agencyId ?? '';
  const shotKey = `evidence/${pictured}/home.png`;
  input.latest = input.latest.map((r) =>
    r.agencyId === pictured && r.pages.home ? { ...r, pages: { ...r.pages, home: { ...r.pages.home, screenshot: shotKey } } } : r,
  );
  dir = await mkdtemp(join(tmpdir(), 'dvcwatch-site-'));
  for (const [path, content] of buildSite(input)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  const serve = sirv(dir, { dev: true });
  server = createServer((req, res) =>
    serve(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await pw.launch({
    executablePath: await chromium.executablePath(),
    headless: true,
    args: chromium.args.filter((a) => a !== '--single-process'),
  });
  const shot = await browser.newPage({ viewport: { width: 640, height: 400 } });
  await shot.setContent('<h1 style="font:40px sans-serif;margin:40px">Cổng dịch vụ công (ảnh chụp thử)</h1>');
  await mkdir(join(dir, 'evidence', pictured), { recursive: true });
  await writeFile(join(dir, shotKey), await shot.screenshot());
  await shot.close();
  await mkdir(OUT, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => server?.close(ok));
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown }[];
}

/** Opens a page at a width, then runs the page-type's content assertions, axe, the scroll check and screenshots. */
async function visit(path: string, width: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(() => {
    (window as unknown as { __pwned?: number }).__pwned = undefined;
  });
  const res = await page.goto(base + path, { waitUntil: 'load' });
  expect(res?.status(), path).toBe(200);
  return page;
}

async function assessQuality(page: Page, name: string, width: number): Promise<void> {
  // no injected payload ran
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), name).toBeUndefined();
  // no horizontal scroll of the document
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(scroll, `${name} at ${width}px`).toBeLessThanOrEqual(client);
  await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: width >= 1000 });
  // axe-core, WCAG 2.1 A/AA: zero critical or serious violations
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  const bad = (violations as AxeViolation[]).filter((v) => v.impact === 'critical' || v.impact === 'serious');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`),
    name,
  ).toEqual([]);
}

const pages: { name: string; path: () => string; content: (p: Page) => Promise<void> }[] = [
  {
    name: 'index',
    path: () => 'index.html',
    content: async (p) => {
      const expected = input.latest.filter(
        (r) => r.status === 'up' && r.breaches.length === 0 && r.checks.every((c) => c.status !== 'fail'),
      ).length;
      await expect(p.locator('.headline').textContent()).resolves.toContain(`${expected} / ${input.registry.agencies.length}`);
      const best = [...input.latest].sort((a, b) => (b.score ?? -1) - (a.score ?? -1))[0];
      const bestName = input.registry.agencies.find((a) => a.id === best?.agencyId)?.name ?? '?';
      await expect(p.locator('tbody tr').first().locator('th').textContent()).resolves.toBe(bestName);
      expect(await p.locator('tbody tr').count()).toBe(input.registry.agencies.length);
    },
  },
  {
    name: 'index-province',
    path: () => 'index-province.html',
    content: async (p) => {
      const n = input.registry.agencies.filter((a) => a.kind === 'province').length;
      expect(await p.locator('tbody tr').count()).toBe(n);
      await expect(p.locator('.tabs [aria-current="page"]').textContent()).resolves.toContain('Tỉnh');
    },
  },
  {
    name: 'matrix',
    path: () => 'matrix.html',
    content: async (p) => {
      expect(await p.locator('table.matrix tbody tr').count()).toBe(input.registry.agencies.length);
      const first = CHECKS[0]!;
      const status = input.latest.find((r) => r.agencyId === poisoned)?.checks.find((c) => c.id === first.id)?.status;
      const cell = p.locator(`a[href="agency/${poisoned}.html#c-${first.id}"]`);
      await expect(cell.textContent()).resolves.toBe(
        status === 'fail' ? '✗ Không đạt' : status === 'pass' ? '✓ Đạt' : '? Chưa đo',
      );
    },
  },
  {
    name: 'agency-hostile',
    path: () => `agency/${poisoned}.html`,
    content: async (p) => {
      const name = input.registry.agencies.find((a) => a.id === poisoned)?.name ?? '?';
      await expect(p.locator('h1').textContent()).resolves.toBe(name);
      expect(await p.locator('tr[id^="c-"]').count()).toBe(CHECKS.length);
      // the hostile evidence is shown as text
      await expect(p.locator(`#c-${CHECKS[0]!.id} .evidence`).textContent()).resolves.toContain(
        '<script>window.__pwned=1</script>',
      );
      expect(await p.locator('a[href^="javascript:"]').count()).toBe(0);
      expect(await p.locator('figure.chart svg').count()).toBe(8);
    },
  },
  {
    name: 'agency',
    path: () => `agency/${pictured}.html`,
    content: async (p) => {
      const img = p.locator('img.shot');
      await expect(img.getAttribute('src')).resolves.toBe(`../evidence/${pictured}/home.png`);
      // loading="lazy": bring it into view, then it must decode (the relative key resolves from agency/)
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(640);
      await expect(p.locator('#th-cap').textContent()).resolves.toContain('Ngưỡng');
      await expect(p.locator('body').textContent()).resolves.toContain('Tạm thời');
    },
  },
  {
    name: 'check',
    path: () => `check/${CHECKS[0]!.id}.html`,
    content: async (p) => {
      const failing = input.latest.filter((r) => r.checks.some((c) => c.id === CHECKS[0]!.id && c.status === 'fail')).length;
      if (failing === 0) expect(await p.locator('#f-cap').count()).toBe(0);
      else expect(await p.locator('#f-cap + thead + tbody tr').count()).toBe(failing);
      await expect(p.locator('h1').textContent()).resolves.toBe(CHECKS[0]!.title);
    },
  },
  {
    name: 'methodology',
    path: () => 'methodology.html',
    content: async (p) => {
      const body = await p.locator('main').textContent();
      expect(body).toContain(input.probeLocation);
      expect(body).toContain(input.profile);
      expect(body).toContain('Lighthouse');
    },
  },
  {
    name: 'data',
    path: () => 'data/index.html',
    content: async (p) => {
      expect(await p.locator('code', { hasText: 'homeLcpMedian7dMs' }).count()).toBe(1);
      const csv = await p.request.get(`${base}data/latest.csv`);
      expect((await csv.text()).split('\r\n')[0]).toMatch(/^agencyId,name,kind,/);
    },
  },
];

describe('the built site in Chromium', () => {
  for (const spec of pages) {
    it(`${spec.name}: content, axe (WCAG 2.1 AA), no horizontal scroll at 375 px, no payload run`, async () => {
      for (const width of [1280, 375]) {
        const page = await visit(spec.path(), width);
        try {
          await spec.content(page);
          await assessQuality(page, spec.name, width);
        } finally {
          await page.close();
        }
      }
    });
  }
});
