import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { main } from '@dvcwatch/cli';
import { type Edition, parseIndex766Period, parseRegistry, type Result } from '@dvcwatch/core';
import { importIndex766 } from '@dvcwatch/runner';
import { ensureTable, Store } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startIndex766StandIn } from '../fixtures/index-766/server.js';
import { labRun } from '../fixtures/lab-runs.js';
import { bareResult } from '../fixtures/results.js';
import { type CliWorld, startCliWorld } from './helpers/cli-world.js';
import { LOCAL_AWS } from './helpers/world.js';

/**
 * Issue 23's second "done when": a month of hourly rounds (March 2026 in Vietnam, written through the store as a
 * round stores them), the edition generated on the 1st through `dvcwatch edition`, then later rounds of that month
 * and of the next: the edition is not rewritten, and the site lists it.
 */
let world: CliWorld | undefined;
let store: Store;
let client: DynamoDBClient;
let registryFile: string;
const HOUR = 3_600_000;
// The Vietnamese month: 00:00 on 1 March (UTC+7) is 17:00 UTC on 28 February; 744 hours.
const START = Date.parse('2026-02-28T17:00:00.000Z');
const ON_THE_FIRST = '2026-04-01T00:00:00.000Z'; // 07:00 on 1 April in Vietnam
const DOWN = new Set([200, 201, 202]); // agency b down for three hours on 9 March

const registryText = stringify({
  version: 1,
  agencies: [
    {
      id: 'a',
      name: 'Tỉnh A',
      kind: 'province',
      index766Id: 11358,
      monthlySummary: true,
      head: { name: 'A', email: 'lanhdao@tinh-a.gov.vn' },
      portal: { home: 'https://a.example.vn/' },
    },
    // No monthlySummary: off by default, so its head hears nothing.
    {
      id: 'b',
      name: 'Tỉnh B',
      kind: 'province',
      head: { name: 'B', email: 'lanhdao@tinh-b.gov.vn' },
      portal: { home: 'https://b.example.vn/' },
    },
  ],
});

const measured = (agencyId: string, i: number): Result => {
  const at = new Date(START + i * HOUR).toISOString();
  if (agencyId === 'b' && DOWN.has(i)) return bareResult('b', at, 'down', 'timeout');
  const r = bareResult(agencyId, at, 'up');
  const lcpMs = 1_000 + (i % 10) * 100; // median 1 400 ms
  return {
    ...r,
    pages: {
      home: { lcpMs } as NonNullable<Result['pages']['home']>,
      form: { readyMs: 2_000 } as NonNullable<Result['pages']['form']>,
    },
    breaches: agencyId === 'a' && i % 4 === 0 ? ['home.lcpMs'] : [],
    breachDetails: agencyId === 'a' && i % 4 === 0 ? [{ metric: 'home.lcpMs', value: lcpMs, limit: 1_000 }] : [],
    checks: [
      { id: 'search', status: 'pass', evidence: '' },
      { id: 'https', status: i === 743 ? 'fail' : 'pass', evidence: '' },
    ] as Result['checks'],
    score: 80,
  };
};

const emails = async () =>
  (
    (await (await fetch(`${world!.ses.endpoint}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text: string } }[];
    }
  ).emails;
const readSite = (path: string) => readFile(join(world!.home, 'site', path), 'utf8');

beforeAll(async () => {
  world = await startCliWorld('edition');
  client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: world.dynamo.endpoint });
  await ensureTable(client, 'dvcwatch');
  store = new Store(client, 'dvcwatch');
  registryFile = join(world.home, 'registry.yaml');
  await writeFile(registryFile, registryText);
  for (let i = 0; i < 744; i += 24)
    await Promise.all(
      Array.from({ length: 24 }, (_, k) => i + k).flatMap((h) => [
        store.putResult(measured('a', h)),
        store.putResult(measured('b', h)),
      ]),
    );
  await store.putIncident('b', {
    id: 'b#2026-03-09T10:00:00.000Z',
    openedAt: '2026-03-09T10:00:00.000Z',
    since: new Date(START + 200 * HOUR).toISOString(),
    status: 'down',
    breaches: ['home.available'],
    lastNotifiedAt: '2026-03-09T10:00:00.000Z',
    reminders: 0,
    escalated: false,
    resolvedAt: new Date(START + 204 * HOUR).toISOString(),
    recoveredAt: new Date(START + 203 * HOUR).toISOString(),
  });
  await store.labDays.add('a', '2026-03-10', labRun('2026-03-10T02:05:00.000Z', 3_000, 70));
  await store.labDays.add('a', '2026-03-11', labRun('2026-03-11T02:05:00.000Z', 5_000, 70));
  await store.labDays.add('a', '2026-03-12', labRun('2026-03-12T02:05:00.000Z', 4_000, 70));
  const standIn = await startIndex766StandIn('rows');
  try {
    const registry = parseRegistry(registryText, 'registry.yaml');
    await importIndex766(store, registry, {
      period: parseIndex766Period('2026-03')!,
      endpoint: standIn.endpoint,
      now: () => '2026-03-31T16:30:00.000Z',
    });
  } finally {
    await standIn.close();
  }
}, 120_000);

afterAll(async () => {
  client?.destroy();
  await world?.close();
});

describe('the monthly edition', () => {
  let first: string;

  it('is generated on the 1st from the past month: availability, medians, breaches, checks, incidents, lab and the 766 total', async () => {
    const lines: string[] = [];
    expect(await main(['edition', '--registry', registryFile, '--at', ON_THE_FIRST], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe('Đã chốt ấn bản tháng 2026-03: 2 cơ quan.');
    expect(lines[1]).toBe('Đã gửi bản tóm tắt tháng cho 1 lãnh đạo cơ quan (monthlySummary).');
    first = await readSite('editions/2026-03.json');
    const e = JSON.parse(first) as Edition;
    const a = e.agencies.find((x) => x.agencyId === 'a')!;
    const b = e.agencies.find((x) => x.agencyId === 'b')!;
    expect(a).toMatchObject({
      rounds: 744,
      availability: 1,
      homeLcpMedianMs: 1_400,
      formReadyMedianMs: 2_000,
      breachShare: 0.25,
      checksPassed: 1,
      checksJudged: 2,
      incidents: 0,
      downtimeHours: 0,
      labHomeLcpMs: 4_000,
      labHomeScore: 70,
      index766Total: 87.35,
    });
    expect(b).toMatchObject({
      rounds: 744,
      availability: 0.996,
      downtimeHours: 3,
      incidents: 1,
      incidentMinutes: 180,
      index766Total: null,
    });
    expect(e.index766?.period).toBe('2026-03');
    expect(await readSite('editions/2026-03.csv')).toContain(
      '\r\na,Tỉnh A,province,744,0,1,1400,2000,0.25,80,1,2,0,0,0,4000,70,,87.35\r\n',
    );
  });

  it('is never rewritten by later rounds of that month or the next, and the site lists it', async () => {
    // A late round filed under March, and the first rounds of April.
    await store.putResult(bareResult('b', '2026-03-31T16:30:00.000Z', 'down', 'timeout'));
    await store.putResult(bareResult('a', '2026-04-01T01:00:00.000Z', 'down', 'timeout'));
    const lines: string[] = [];
    expect(await main(['edition', '--registry', registryFile, '--at', '2026-04-01T05:00:00.000Z'], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toMatch(/^Ấn bản tháng 2026-03 đã chốt lúc 2026-04-01T00:00:00.000Z: giữ nguyên, không ghi lại\.$/);
    expect(await readSite('editions/2026-03.json')).toBe(first);
    expect((await store.editions.get('2026-03'))?.generatedAt).toBe(ON_THE_FIRST);
    const list = await readSite('editions/index.html');
    expect(list).toContain('<a href="2026-03.html">Ấn bản tháng 3/2026</a>');
    expect(await readSite('editions/2026-03.html')).toContain('<td class="n">87,35</td>');
    expect(await readSite('index.html')).toContain('<a href="editions/index.html">Ấn bản tháng</a>');
    // The head who asked got the month's summary once, across both runs; the other head none.
    const mails = await emails();
    expect(mails.map((m) => [m.destination.to, m.subject])).toEqual([
      [['lanhdao@tinh-a.gov.vn'], '[dvcwatch] Ấn bản tháng 3/2026: Tỉnh A'],
    ]);
    expect(mails[0]!.body.text).toContain('- Chỉ số 766 của Văn phòng Chính phủ: 87,35/100');
    expect(mails[0]!.body.text).toContain('- Tỷ lệ giờ vượt ngưỡng: 25,0 %');
  });
});
