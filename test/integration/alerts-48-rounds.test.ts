import { mkdir } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { type Embedded, startDynalite, startSes } from '@dvcwatch/cli';
import { type PageArtifacts, parseRegistry } from '@dvcwatch/core';
import { Mailer } from '@dvcwatch/notify';
import type { Prober } from '@dvcwatch/probe';
import { runRound, silentLogger } from '@dvcwatch/runner';
import { ensureTable, Sends, Store } from '@dvcwatch/store';
import chromium from '@sparticuz/chromium';
import { chromium as pw } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

/**
 * Issue 4's replay: 48 hourly rounds over scripted portals, every part real (runner, dynalite, SES emulator)
 * except the browser: the portals' behaviour is scripted at the artifact level — what a probe would have
 * returned — because the browser is not what this test is about, and 432 real page loads would cost minutes.
 */
type Behaviour = 'up' | 'down' | 'slow' | 'blocked' | 'moved' | 'error';
const START = Date.UTC(2026, 2, 2, 0); // 07:00 in Vietnam
const hourOf = (iso: string) => (Date.parse(iso) - START) / 3_600_000;
const SCRIPT: Record<string, (h: number) => Behaviour> = {
  steady: () => 'up',
  blip: (h) => (h === 10 ? 'down' : 'up'),
  outage5: (h) => (h >= 5 && h <= 9 ? 'down' : 'up'),
  outage30: (h) => (h >= 3 && h <= 32 ? 'slow' : 'up'),
  flapping: (h) => (h % 2 === 0 ? 'down' : 'up'),
  blocked: () => 'blocked',
  consolidated: () => 'moved',
  monitor: () => 'error',
  // Down only inside its maintenance window (hours 20–25 = 03:00–09:00 on 3 March in Vietnam).
  maintained: (h) => (h >= 20 && h <= 25 ? 'down' : 'up'),
};

const page = (url: string, b: Behaviour, kind: 'home' | 'form'): PageArtifacts => ({
  url,
  finalUrl: b === 'down' || b === 'error' ? null : b === 'moved' ? 'https://dichvucong.gov.vn/p/home/dvc-trang-chu.html' : url,
  httpStatus: b === 'down' || b === 'error' ? null : b === 'blocked' ? 403 : 200,
  redirects: [],
  ttfbMs: 120,
  fcpMs: 400,
  lcpMs: b === 'slow' ? 6_500 : 900,
  domContentLoadedMs: 500,
  loadMs: 1_000,
  tbtMs: 0,
  cls: 0,
  ...(kind === 'form' ? { readyMs: 800, readyKind: 'form' as const } : {}),
  error:
    b === 'down'
      ? { code: 'net::ERR_CONNECTION_REFUSED', message: 'refused' }
      : b === 'error'
        ? { code: 'probe', message: 'browser crashed' }
        : null,
  title: 'Cổng dịch vụ công',
  headers: {},
  challenge: false,
  screenshot: null,
  durationMs: 1_000,
});

const scriptedProber = (at: () => string): Prober => ({
  probePage: async (url, kind) => page(url, SCRIPT[new URL(url).hostname.split('.')[0]!]!(hourOf(at())), kind),
  session: { withPage: async () => Promise.reject(new Error('not used')) },
  guard: { local: false, allowedOrigins: [] },
  launches: () => 0,
  fromEgress: () => {
    throw new Error('this registry names one vantage');
  },
  close: async () => {},
});

const registryYaml = stringify({
  version: 1,
  defaults: {
    alerts: { confirmRounds: 2, recoverRounds: 2, remindEveryHours: 24, escalateAfterHours: 72 },
    probe: { confirmAttempts: 0, accessibility: false },
  },
  operators: ['vanhanh@example.vn'],
  siteUrl: 'https://dvcwatch.example.vn',
  agencies: Object.keys(SCRIPT).map((id) => ({
    id,
    name: `UBND tỉnh ${id}`,
    kind: 'province',
    head: { name: 'Chủ tịch', email: `head.${id}@example.vn` },
    cc: [`office.${id}@example.vn`],
    portal: { home: `https://${id}.example.vn/`, form: `https://${id}.example.vn/form` },
    ...(id === 'outage30'
      ? { escalation: [{ name: 'Văn phòng Chính phủ', email: 'escalation@example.vn' }], alerts: { escalateAfterHours: 12 } }
      : {}),
    ...(id === 'maintained'
      ? { maintenance: [{ from: '2026-03-02T19:30:00Z', to: '2026-03-03T02:30:00Z', note: 'nâng cấp máy chủ' }] }
      : {}),
  })),
});

interface SesEmail {
  subject: string;
  destination: { to: string[]; cc: string[] };
  body: { html: string; text: string };
}

let dynamo: Embedded;
let ses: Embedded;
let emails: SesEmail[] = [];

beforeAll(async () => {
  dynamo = await startDynalite(null, 0);
  ses = await startSes();
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-1', credentials });
  await ensureTable(client, 'replay');
  const store = new Store(client, 'replay');
  const sends = new Sends(client, 'replay');
  const sesClient = new SESClient({
    endpoint: ses.endpoint,
    region: 'ap-southeast-1',
    credentials,
    requestHandler: { requestTimeout: 5_000 },
  });
  const registry = parseRegistry(registryYaml, 'replay.yaml');
  const deps = {
    registry,
    store,
    sends,
    mailer: new Mailer({ ses: sesClient, sends, from: 'dvcwatch@example.vn' }),
    log: silentLogger,
    evidenceUrl: () => null,
  };
  let current = '';
  const prober = scriptedProber(() => current);
  for (let h = 0; h < 48; h++) {
    current = new Date(START + h * 3_600_000).toISOString();
    await runRound(deps, {
      at: current,
      trigger: 'replay',
      concurrency: 3,
      spool: null,
      now: () => current,
      probe: { prober, registry, evidence: null, facts: false },
    });
  }
  emails = ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: SesEmail[] }).emails;
  if (process.env.DEBUG_REPLAY)
    for (const e of emails)
      console.log(e.destination.to.join(','), '|', e.subject, '|', e.body.text.split('\n').slice(0, 3).join(' / '));
}, 300_000);

afterAll(async () => {
  await dynamo?.close();
  await ses?.close();
});

// The emulator keeps a raw-MIME email's To header as one string: split it into addresses.
const recipients = (e: SesEmail) => e.destination.to.flatMap((t) => t.split(',').map((x) => x.trim()));
const to = (addr: string) =>
  emails.filter((e) => recipients(e).includes(addr)).map((e) => e.subject.replace(/^\[dvcwatch\] /, '').split(':')[0]);

describe('48 hourly rounds over scripted portals', () => {
  it('sends exactly the expected emails to each head', () => {
    expect(to('head.steady@example.vn')).toEqual([]);
    expect(to('head.blip@example.vn')).toEqual([]);
    expect(to('head.outage5@example.vn')).toEqual(['Cảnh báo', 'Đã khôi phục']);
    // Escalated 12 h after opening (its own override); the escalation restarts the 24 h reminder clock, and the
    // outage ends before a reminder is due.
    expect(to('head.outage30@example.vn')).toEqual(['Cảnh báo', 'Chuyển cấp', 'Đã khôi phục']);
    expect(to('head.flapping@example.vn')).toEqual([]);
    expect(to('head.blocked@example.vn')).toEqual([]);
    expect(to('head.consolidated@example.vn')).toEqual([]);
    expect(to('head.monitor@example.vn')).toEqual([]);
    expect(to('head.maintained@example.vn')).toEqual([]);
  });

  it('escalates to the escalation contacts and copies the cc list', () => {
    expect(to('escalation@example.vn')).toEqual(['Chuyển cấp']);
    const open = emails.find((e) => e.destination.to.includes('head.outage5@example.vn'))!;
    expect(open.destination.cc).toEqual(['office.outage5@example.vn']);
  });

  it("tells the operators, not the head, about the monitor's own errors — once a day", () => {
    // Rounds span three Vietnamese calendar days (2, 3 and 4 March): one email per day for the same agency set.
    expect(to('vanhanh@example.vn')).toEqual(['Lỗi hệ thống giám sát', 'Lỗi hệ thống giám sát', 'Lỗi hệ thống giám sát']);
  });

  it('says what breached, against which threshold, since when, and how long a recovered outage lasted', () => {
    const [open, , resolve] = emails.filter((e) => recipients(e).includes('head.outage30@example.vn'));
    expect(open!.body.text).toContain('6,5 giây (ngưỡng 4,0 giây');
    expect(open!.body.text).toContain('Bộ KH&CN (2025)');
    expect(open!.body.text).toContain('từ 10:00 02/03/2026');
    expect(resolve!.body.text).toContain('Sự cố kéo dài 1 ngày 6 giờ');
  });

  it('renders the HTML email readably on a phone (screenshot saved)', async () => {
    const browser = await pw.launch({
      executablePath: await chromium.executablePath(),
      args: chromium.args.filter((a) => a !== '--single-process'),
    });
    try {
      const p = await browser.newPage({ viewport: { width: 375, height: 800 } });
      await p.setContent(emails.find((e) => e.subject.includes('Cảnh báo'))!.body.html);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await expect(p.locator('h1').textContent()).resolves.toContain('Cảnh báo');
      await mkdir('test-output/emails', { recursive: true });
      await p.screenshot({ path: 'test-output/emails/alert-375.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
