import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFacts, type Facts, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { localProber } from '../fixtures/portals/prober.js';

// A portal-looking page served with HTTP 500: a search box, a submission button, login and lookup links.
const ERROR_PAGE = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi máy chủ</title></head><body>
<h1>Cổng dịch vụ công</h1><input type="search" placeholder="Tìm kiếm thủ tục"><button>Nộp hồ sơ trực tuyến</button>
<a href="/dang-nhap">Đăng nhập</a><a href="/tra-cuu">Tra cứu hồ sơ</a><p>Đã xảy ra lỗi, vui lòng thử lại sau.</p></body></html>`;

const HTML = { 'content-type': 'text/html; charset=utf-8' };
// A healthy home page, and a form page that names none of a procedure's required items.
const OK_HOME = ERROR_PAGE.replace('Lỗi máy chủ', 'Cổng dịch vụ công').replace(
  'Đã xảy ra lỗi, vui lòng thử lại sau.',
  'Chào mừng',
);
const FORM = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Nộp hồ sơ</title></head><body>
<h1>Tờ khai</h1><label>Họ tên <input name="hoTen"></label></body></html>`;

let server: Server;
let home: string;
let prober: Prober;
let homeRequests = 0;
/** Requests of the home page that never answers (`/held`), and how many of them came. */
let heldRequests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/') homeRequests++;
    if (req.url === '/held') {
      heldRequests++;
      return;
    }
    if (req.url === '/ok' || req.url === '/nop') return void res.writeHead(200, HTML).end(req.url === '/ok' ? OK_HOME : FORM);
    res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' }).end(ERROR_PAGE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  home = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  prober = localProber([new URL(home).origin]);
});

afterAll(async () => {
  await prober?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('gathering facts when the home page answers an error (real Chromium)', () => {
  it('keeps every page fact null, also those of tasks started alongside the home visit', async () => {
    // act
    const facts = await gatherFacts(prober.session, {
      homeUrl: home,
      accessibility: true,
      guard: { local: true, allowedOrigins: [new URL(home).origin] },
      concurrency: 2,
    });
    // assess: the search and mobile pages opened the home page too (the pool does not wait for the home
    // visit), yet an error page is not the portal, so nothing they read counts
    expect(homeRequests).toBeGreaterThan(1);
    const { tls: _tls, gaps, ...pageFacts } = facts;
    const { tls: _none, ...empty } = emptyFacts();
    expect(pageFacts).toEqual(empty satisfies Omit<Facts, 'tls'>);
    expect(gaps?.homeLinks).toMatch(/HTTP 500/);
  });
});

describe('a home page that never answers', () => {
  it("gives it the probe's page limit and one more look, not the whole catalogue's budget", async () => {
    // act: a 2 s page limit in a 60 s budget
    const started = performance.now();
    const facts = await gatherFacts(prober.session, {
      homeUrl: `${new URL(home).origin}/held`,
      accessibility: false,
      pageTimeoutMs: 2_000,
      deadlineMs: 60_000,
      guard: { local: true, allowedOrigins: [new URL(home).origin] },
      only: ['homeLinks'],
    });
    // assess: two looks of about 2 s each, then the gap with its reason
    expect(heldRequests).toBe(2);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(facts.homeLinks).toBeNull();
    expect(facts.gaps?.homeLinks).toMatch(/bước "home" không hoàn tất \(timeout/i);
  }, 60_000);
});

describe('a gathering step that does not finish (issue 19)', () => {
  it('leaves the procedure unread with the reason, never read from the form page instead', async () => {
    // prepare: the search page cannot be opened (a port the guard refuses); the form page lacks every item
    const origin = new URL(home).origin;
    // act
    const facts = await gatherFacts(prober.session, {
      homeUrl: `${origin}/ok`,
      formUrl: `${origin}/nop`,
      overrides: { search: { url: 'http://127.0.0.1:9/' } },
      accessibility: false,
      guard: { local: true, allowedOrigins: [origin] },
    });
    const checks = judgeChecks(facts, { home: null });
    // assess
    expect(facts.homeLinks).not.toBeNull();
    expect(facts.procedureText).toBeNull();
    expect(facts.gaps?.procedureText).toMatch(/bước "search" không hoàn tất/);
    for (const id of ['search', 'procedure-info'])
      expect(checks.find((c) => c.id === id)).toMatchObject({ status: 'unknown', evidence: expect.stringContaining('"search"') });
  });
});
