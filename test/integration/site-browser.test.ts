import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { syntheticSiteInput, withPayloads } from '@dvcwatch/cli';
import { CHECKS, emptyFacts, evaluate, parseRegistry, type Result } from '@dvcwatch/core';
import { buildSite, type SiteInput } from '@dvcwatch/site';
import chromium from '@sparticuz/chromium';
import axe from 'axe-core';
import { type Browser, type Page, chromium as pw } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, demoRegistryYaml, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { createProber } from '../../packages/probe/src/index.js';
import { PROFILE } from '../../packages/runner/src/probe-agency.js';

const OUT = join(process.cwd(), 'test-output', 'site');
/** A laptop (1280×800) and a phone (390×844). */
const WIDTHS = [1280, 390];
const AT = '2025-06-10T05:00:00.000Z';

let dir: string;
let server: Server;
let base: string;
let browser: Browser;
let input: SiteInput;
let poisoned: string;
let pictured: string;
let demo: DemoPortals;
/** The demo's failing portal (HTTP 503, "Hệ thống đang bảo trì"), really probed in Chromium. */
let failing: Result;

/** Probes the demo's 503 portal with the real probe and judges it as a round does: its result and screenshot. */
async function probeFailingDemo(siteDir: string): Promise<Result> {
  demo = await startDemoPortals({ basePort: 0 });
  const registry = parseRegistry(demoRegistryYaml(demo.portals, demo.nationalOrigin), 'demo');
  const agency = registry.agencies.find((a) => a.id === 'loi');
  if (!agency) throw new Error('no demo portal loi');
  const prober = createProber({ local: true, allowedOrigins: demo.portals.map((p) => new URL(p.home).origin) });
  try {
    const key = `evidence/${agency.id}/home.jpg`;
    await mkdir(join(siteDir, 'evidence', agency.id), { recursive: true });
    const home = await prober.probePage(agency.portal.home, 'home', { screenshotPath: join(siteDir, key) });
    const form = agency.portal.form ? await prober.probePage(agency.portal.form, 'form') : null;
    const artifacts = {
      profile: PROFILE,
      home: { ...home, screenshot: key },
      form,
      retries: [],
      facts: emptyFacts(),
      durationMs: 0,
    };
    input.registry.agencies.push(agency);
    return evaluate(agency, artifacts, { at: AT, nationalHosts: registry.nationalHosts, maintenance: false });
  } finally {
    await prober.close();
  }
}

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
  failing = await probeFailingDemo(dir);
  input.latest.push(failing);
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
  await demo?.close();
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
  const page = await browser.newPage({ viewport: { width, height: width >= 1000 ? 800 : 844 } });
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
      await expect(p.locator('table.rank tbody tr').first().locator('th a').textContent()).resolves.toBe(bestName);
      expect(await p.locator('table.rank tbody tr').count()).toBe(input.registry.agencies.length);
    },
  },
  {
    name: 'index-province',
    path: () => 'index-province.html',
    content: async (p) => {
      const n = input.registry.agencies.filter((a) => a.kind === 'province').length;
      expect(await p.locator('table.rank tbody tr').count()).toBe(n);
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
      // eight charts, each drawn or, when the portal never answered, said to have no figures because it failed
      expect((await p.locator('figure.chart svg').count()) + (await p.locator('.chart-empty').count())).toBe(8);
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
    it(`${spec.name}: content, axe (WCAG 2.1 AA), no horizontal scroll at 1280 and 390 px, no payload run`, async () => {
      for (const width of WIDTHS) {
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

  it("overview: nothing hidden at 1280 px, every agency's status and reason on screen at 390 px, counts that filter", async () => {
    for (const width of WIDTHS) {
      const page = await visit('index.html', width);
      try {
        // no table cut off: every scrollable table region fits its box at 1280
        if (width === 1280) {
          const hidden = await page.$$eval('.table-wrap', (ws) =>
            ws.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => w.getAttribute('aria-labelledby')),
          );
          expect(hidden).toEqual([]);
        }
        // the status cell of every row: first in the row, on screen (not beyond either edge)
        const cells = await page.$$eval('table.rank tbody tr', (rows) =>
          rows.map((r) => {
            const first = r.firstElementChild as HTMLElement;
            const b = first.getBoundingClientRect();
            return { cls: first.className, text: first.textContent ?? '', left: b.left, right: b.right };
          }),
        );
        expect(cells.length).toBe(input.registry.agencies.length);
        for (const c of cells) {
          expect(c.cls).toBe('status');
          expect(c.left).toBeGreaterThanOrEqual(0);
          expect(c.right).toBeLessThanOrEqual(width);
        }
        // the 503 portal's row names its reason
        expect(cells.some((c) => c.text.includes('HTTP 503'))).toBe(true);
      } finally {
        await page.close();
      }
    }
    // each count is a link to a page listing exactly that many agencies (works without JavaScript)
    const page = await visit('index.html', 1280);
    try {
      const counts = await page.$$eval('.counts a[href^="index-status-"]', (as) =>
        as.map((a) => ({ href: a.getAttribute('href') ?? '', n: Number(a.querySelector('strong')?.textContent) })),
      );
      expect(counts.length).toBeGreaterThan(1);
      for (const c of counts) {
        await page.goto(base + c.href);
        expect(await page.locator('table.rank tbody tr').count(), c.href).toBe(c.n);
      }
    } finally {
      await page.close();
    }
  });

  it('matrix: every page keeps the agency names on screen when scrolled fully sideways, at both widths', async () => {
    const first = await visit('matrix.html', 1280);
    const paths = await first.$$eval('nav[aria-label="Nhóm tiêu chí"] a', (as) => as.map((a) => a.getAttribute('href') ?? ''));
    await first.close();
    expect(paths.length).toBeGreaterThan(1);
    // every page on a phone, where the table is widest for its box; the first at 1280 too
    const visits = [
      ...[...paths, 'matrix-khong-dat.html'].map((path) => ({ path, width: 390 })),
      { path: 'matrix.html', width: 1280 },
    ];
    for (const { path, width } of visits) {
      const page = await visit(path, width);
      try {
        const seen = await page.$eval('.matrix-wrap', (w) => {
          w.scrollLeft = w.scrollWidth;
          const names = [...w.querySelectorAll('tbody th[scope=row]')].map((th) => th.getBoundingClientRect());
          return { scrolled: w.scrollLeft, names: names.map((b) => ({ left: b.left, right: b.right })) };
        });
        expect(seen.names.length, path).toBeGreaterThan(0);
        for (const b of seen.names) {
          expect(b.left, `${path} at ${width}`).toBeGreaterThanOrEqual(0);
          expect(b.right, `${path} at ${width}`).toBeLessThanOrEqual(width);
        }
        if (width === 390) expect(seen.scrolled, `${path} scrolls at 390`).toBeGreaterThan(0);
      } finally {
        await page.close();
      }
    }
  });

  it('map: 34 titled provinces coloured from the last round, both archipelagos labelled, licence and source credited', async () => {
    const page = await visit('index.html', 1280);
    try {
      const shapes = await page.$$eval('figure.map path.pv', (ps) =>
        ps.map((p) => ({
          code: p.getAttribute('data-code'),
          cls: p.getAttribute('class') ?? '',
          title: p.querySelector('title')?.textContent ?? '',
        })),
      );
      expect(shapes).toHaveLength(34);
      expect(shapes.every((s) => s.title.length > 0)).toBe(true);
      const byCode = new Map(input.registry.agencies.filter((a) => a.provinceCode).map((a) => [a.provinceCode, a.id]));
      expect(byCode.size).toBeGreaterThan(0);
      for (const s of shapes) {
        const id = byCode.get(s.code ?? '');
        const status = input.latest.find((r) => r.agencyId === id)?.status;
        expect(s.cls, s.code ?? '').toContain(id ? `s-${status}` : 's-off');
        if (id) expect(s.title).toContain(input.registry.agencies.find((a) => a.id === id)?.name);
      }
      const labels = await page.$$eval('figure.map text', (ts) => ts.map((t) => t.textContent));
      expect(labels).toEqual(expect.arrayContaining(['Quần đảo Hoàng Sa', 'Quần đảo Trường Sa']));
      const caption = await page.locator('figure.map figcaption').textContent();
      expect(caption).toContain('MIT');
      expect(caption).toContain('vietnamese-provinces-database');
    } finally {
      await page.close();
    }
  });

  it("the 503 demo portal's page leads with HTTP 503, the page's own words and its screenshot", async () => {
    expect(failing.status).toBe('down');
    for (const width of WIDTHS) {
      const page = await visit(`agency/${failing.agencyId}.html`, width);
      try {
        const lead = page.locator('section.lead');
        await expect(lead.textContent()).resolves.toContain('HTTP 503');
        await expect(lead.locator('.page-text').first().textContent()).resolves.toContain('Hệ thống đang bảo trì');
        // near the top: the lead and its screenshot start within the first screen
        const top = await lead.evaluate((e) => e.getBoundingClientRect().top);
        expect(top).toBeLessThan(width >= 1000 ? 800 : 844);
        const img = lead.locator('img.shot');
        await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);
        // nothing that contradicts the registry, and no raw terms
        const body = (await page.locator('main').textContent()) ?? '';
        expect(body).not.toContain('chưa khai báo trang biểu mẫu');
        expect(body).not.toContain('desktop-1366x768-unthrottled');
        await assessQuality(page, 'agency-503', width);
      } finally {
        await page.close();
      }
    }
  });
});
