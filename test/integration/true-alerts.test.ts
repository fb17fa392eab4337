import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoPortals, type Embedded, main, startDemoPortals, startDynalite, startSes } from '@dvcwatch/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { type RefusingSes, startRefusingSes } from './helpers/ses-refusing-proxy.js';
import { type SwitchablePortals, startSwitchablePortals } from './helpers/switchable-portals.js';

/**
 * Alerts stay true when the world misbehaves, through the real CLI, real Chromium, dynalite and the SES emulator:
 * - the monitor's own network fails for every portal over three rounds: the results are `error`/`vantage-outage`
 *   (never `down`), no head is emailed, the operators get one email when it starts and one when it ends;
 * - SES refuses one head's address for good (the sandbox): that send is recorded `rejected` and never retried,
 *   the other head's email, the round and the site are intact, and the operators hear of it once that day.
 */
interface SesEmail {
  subject: string;
  destination: { to: string[]; cc: string[] };
  body: { text: string; html: string };
}

const HOUR = 3_600_000;
const at = (h: number) => new Date(Date.parse('2026-03-02T01:00:00.000Z') + h * HOUR).toISOString();
const OPS = 'vanhanh@example.vn';

let dynamo: Embedded;
let ses: Embedded;
let refusing: RefusingSes;
let home: string;
const saved = { ...process.env };

const emails = async (): Promise<SesEmail[]> =>
  ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: SesEmail[] }).emails;

const registry = (agencies: { id: string; home: string; form: string }[], confirmRounds: number) =>
  stringify({
    version: 1,
    defaults: {
      alerts: { confirmRounds, recoverRounds: 1, remindEveryHours: 24 },
      probe: { pageTimeoutMs: 5_000, confirmAttempts: 1, confirmDelayMs: 100, accessibility: false },
    },
    operators: [OPS],
    agencies: agencies.map((a) => ({
      id: a.id,
      name: `UBND tỉnh ${a.id.toUpperCase()}`,
      kind: 'province',
      head: { name: 'Chủ tịch', email: `head.${a.id}@example.vn` },
      portal: { home: a.home, form: a.form },
    })),
  });

const run = async (args: string[]) => {
  const lines: string[] = [];
  expect(await main(args, (l) => lines.push(l))).toBe(0);
  return lines;
};

beforeAll(async () => {
  dynamo = await startDynalite(null, 0);
  ses = await startSes();
  refusing = await startRefusingSes(ses.endpoint, ['head.x@example.vn']);
  home = await mkdtemp(join(tmpdir(), 'dvcwatch-true-'));
  Object.assign(process.env, {
    DVCWATCH_HOME: home,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: refusing.endpoint,
  });
});

afterAll(async () => {
  process.env = saved;
  await refusing?.close();
  await dynamo?.close();
  await ses?.close();
  await rm(home, { recursive: true, force: true });
});

// Five portals: the fewest the outage guard judges (core/vantage-outage.ts, DEFAULT_OUTAGE.minAgencies).
describe('a monitor-side network outage over three rounds of five portals', () => {
  let portals: SwitchablePortals;
  beforeAll(async () => {
    portals = await startSwitchablePortals(5);
  });
  afterAll(async () => portals?.close());

  it('emails no head, tells the operators once when it starts and once when it ends, and stores no down row', async () => {
    process.env.DVCWATCH_TABLE = 'outage';
    const file = join(home, 'five.yaml');
    const agencies = portals.homes.map((h, i) => ({ id: `p${i}`, home: h, form: portals.forms[i]! }));
    await writeFile(file, registry(agencies, 2));
    const round = (h: number, site = false) =>
      run(['round', '--registry', file, '--at', at(h), '--no-checks', ...(site ? [] : ['--no-site'])]);

    await round(0); // every portal answers: the reference
    await portals.off(); // the monitor's network fails: every connection is refused
    const firstOutage = await round(1);
    await round(2);
    await round(3, true);
    await portals.on();
    await round(4);

    const all = await emails();
    expect(all.filter((e) => e.destination.to.some((t) => t.startsWith('head.')))).toEqual([]);
    const ops = all.filter((e) => e.destination.to.includes(OPS));
    expect(ops.map((e) => e.subject)).toEqual([
      '[dvcwatch] Sự cố mạng của máy đo: 5/5 cổng không tới được — không gửi thư cho cơ quan',
      '[dvcwatch] Hết sự cố mạng của máy đo (3 giờ)',
    ]);
    expect(ops[0]!.body.text).toContain('KHÔNG gửi thư cho lãnh đạo cơ quan nào');
    expect(ops[0]!.body.text).toContain('UBND tỉnh P4 (p4)');
    expect(firstOutage.join('\n')).toContain('Sự cố mạng phía máy đo: 5 cơ quan');

    const rows = (await run(['results', '--registry', file, '--json'])).map((l) => JSON.parse(l));
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.status === 'down')).toEqual([]);
    const during = rows.filter((r) => r.at >= at(1) && r.at <= at(3));
    expect(during).toHaveLength(15);
    for (const r of during) {
      expect(r).toMatchObject({ status: 'error', reason: 'vantage-outage', observed: { status: 'down', reason: 'refused' } });
      expect(r.breaches).toEqual([]);
    }
    expect(rows.filter((r) => r.at === at(4)).map((r) => r.status)).toEqual(Array(5).fill('up'));
    // The site says whose outage it was.
    const page = await readFile(join(home, 'site', 'agency', 'p0.html'), 'utf8');
    expect(page).toContain('sự cố mạng của máy đo');
    expect(await readFile(join(home, 'site', 'index.html'), 'utf8')).toContain(
      'Sự cố mạng phía máy đo:</strong> ở lần đo gần nhất 5 cổng',
    );
    const alerts = (await run(['alerts', '--registry', file, '--json'])).map((l) => JSON.parse(l));
    expect(alerts.filter((a) => a.openedAt)).toEqual([]);
  });
});

describe('SES refusing a head for good', () => {
  let demo: DemoPortals;
  beforeAll(async () => {
    demo = await startDemoPortals({ basePort: 0 });
  });
  afterAll(async () => demo?.close());

  it('records the refusal, never retries it, keeps the other email, the round and the site, and tells the operators once', async () => {
    process.env.DVCWATCH_TABLE = 'refusal';
    await fetch(`${ses.endpoint}/clear-store`, { method: 'POST' });
    const failing = demo.portals.find((p) => p.id === 'loi')!;
    const file = join(home, 'refusal.yaml');
    await writeFile(
      file,
      registry(
        [
          { id: 'x', home: failing.home, form: failing.form },
          { id: 'y', home: failing.home, form: failing.form },
        ],
        1,
      ),
    );
    const first = await run(['round', '--registry', file, '--at', at(10), '--no-checks']);
    expect(first.join('\n')).toContain('2/2 kết quả');
    await run(['round', '--registry', file, '--at', at(11), '--no-checks']);

    const all = await emails();
    const to = (who: string) => all.filter((e) => e.destination.to.includes(who));
    expect(to('head.x@example.vn')).toEqual([]);
    expect(to('head.y@example.vn').map((e) => e.subject.split(':')[0])).toEqual(['[dvcwatch] Cảnh báo']);
    // One refusal only: the rejected key is settled, not retried in the next round.
    expect(refusing.refused()).toBe(1);
    const ops = to(OPS).filter((e) => e.subject.includes('SES từ chối'));
    expect(ops).toHaveLength(1);
    expect(ops[0]!.body.text).toContain('head.x@example.vn');
    expect(ops[0]!.body.text).toContain('MessageRejected');
    const listing = (await run(['alerts', '--registry', file])).join('\n');
    expect(listing).toContain('SES TỪ CHỐI');
    // The round finished and the site was published.
    expect(await readFile(join(home, 'site', 'agency', 'x.html'), 'utf8')).toContain('UBND tỉnh X');
  });
});
