import { writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Embedded, main } from '@dvcwatch/cli';
import { parseRegistry, type Result } from '@dvcwatch/core';
import { createProber, type Prober } from '@dvcwatch/probe';
import { handleAgentJob, resolveVantages, runAgent, silentLogger, vantageDeadline } from '@dvcwatch/runner';
import { ensureTable, Sends, Store, VantageObservations } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { bareResult } from '../fixtures/results.js';
import { type CliWorld, startCliWorld } from './helpers/cli-world.js';

/**
 * Issue 13's "done when" for consolidated-on-failure and vantages, through the real CLI and real Chromium:
 * - `cons` answers 301 to a "national host" on 127.0.0.1 that accepts and never answers (a national outage);
 * - `geo` destroys every connection from 127.0.0.1 and serves 127.0.0.2 (the second vantage's egress);
 * - `chet` is a closed port: down for everyone.
 * Three hourly rounds with confirmRounds 2.
 */
interface SesEmail {
  subject: string;
  destination: { to: string[] };
  body: { text: string };
}

const servers: http.Server[] = [];
const sockets = new Set<import('node:net').Socket>();
const listen = async (handler: http.RequestListener): Promise<number> => {
  const server = http.createServer(handler);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
};
const PAGE =
  '<!doctype html><html lang="vi"><head><title>Cổng dịch vụ công</title></head><body><h1>Dịch vụ công</h1></body></html>';

let dynamo: Embedded;
let ses: Embedded;
let home: string;
let registryFile: string;
let urls: { national: string; cons: string; geo: string; chet: string };
let world: CliWorld | undefined;
const hours = ['2026-05-04T01:00:00.000Z', '2026-05-04T02:00:00.000Z', '2026-05-04T03:00:00.000Z'];
const heads = { cons: 'head.cons@example.vn', geo: 'head.geo@example.vn', chet: 'head.chet@example.vn' };

const emails = async (): Promise<SesEmail[]> =>
  ((await (await fetch(`${ses.endpoint}/store`)).json()) as { emails: SesEmail[] }).emails;
const to = (all: SesEmail[], address: string) => all.filter((e) => e.destination.to.includes(address));
const run = async (argv: string[]): Promise<{ code: number; lines: string[] }> => {
  const lines: string[] = [];
  const code = await main(argv, (l) => lines.push(l));
  return { code, lines };
};

const registryYaml = (egress: string | null = '127.0.0.2') =>
  stringify({
    version: 1,
    defaults: {
      nationalHosts: ['dichvucong.gov.vn', new URL(urls.national).host],
      alerts: { confirmRounds: 2, recoverRounds: 2, remindEveryHours: 24 },
      probe: { pageTimeoutMs: 4000, confirmAttempts: 1, confirmDelayMs: 200, accessibility: false },
    },
    vantages: [
      { id: 'local', name: 'Máy này' },
      { id: 'vn', name: 'Máy đo tại Việt Nam', ...(egress ? { egress } : {}) },
    ],
    agencies: (['cons', 'geo', 'chet'] as const).map((id) => ({
      id,
      name: `UBND tỉnh ${id}`,
      kind: 'province',
      head: { name: 'Chủ tịch', email: heads[id] },
      portal: { home: urls[id] },
    })),
  });

beforeAll(async () => {
  const nationalPort = await listen(() => {}); // accepts, never answers
  const consPort = await listen((_req, res) => res.writeHead(301, { location: `http://127.0.0.1:${nationalPort}/p/home` }).end());
  const geoPort = await listen((req, res) => {
    if (req.socket.remoteAddress === '127.0.0.1') req.socket.destroy();
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
  });
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const chetPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((r) => closed.close(() => r()));
  urls = {
    national: `http://127.0.0.1:${nationalPort}/`,
    cons: `http://127.0.0.1:${consPort}/`,
    geo: `http://127.0.0.1:${geoPort}/`,
    chet: `http://127.0.0.1:${chetPort}/`,
  };
  world = await startCliWorld('vantages');
  ({ home, dynamo, ses } = world);
  registryFile = join(home, 'vantages.yaml');
  await writeFile(registryFile, registryYaml());
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  await world?.close();
});

describe('vantages and consolidated-on-failure, three rounds through the CLI', () => {
  const perRound: SesEmail[][] = [];
  const results = new Map<string, Result[]>();

  beforeAll(async () => {
    for (const at of hours) {
      const { code } = await run(['round', '--registry', registryFile, '--at', at, '--no-site', '--no-checks']);
      expect(code).toBe(0);
      perRound.push(await emails());
    }
    // `results` without --registry: the registry the last round used (remembered in the state folder).
    const { code, lines } = await run(['results', '--json']);
    expect(code).toBe(0);
    for (const line of lines) {
      const r = JSON.parse(line) as Result;
      results.set(r.agencyId, [...(results.get(r.agencyId) ?? []), r]);
    }
  }, 240_000);

  it('keeps a province consolidated when the national host it redirects to does not answer, and emails nobody', () => {
    const cons = results.get('cons') ?? [];

    expect(cons.map((r) => [r.status, r.reason])).toEqual(hours.map(() => ['consolidated', 'redirect-national']));
    expect(cons[0]?.pages.home?.redirects).toEqual([urls.cons, `${urls.national}p/home`]);
    expect(cons[0]?.pages.home?.error?.code).toBe('timeout');
    expect(to(perRound.at(-1) ?? [], heads.cons)).toEqual([]);
  });

  it('records blocked/geo every round for a portal only the second vantage reaches, and never emails its head', () => {
    const geo = results.get('geo') ?? [];

    expect(geo.map((r) => [r.status, r.reason, r.vantageVerdict])).toEqual(hours.map(() => ['blocked', 'geo', 'geo']));
    expect(geo[0]?.vantages?.map((v) => [v.id, v.status])).toEqual([
      ['local', 'down'],
      ['vn', 'up'],
    ]);
    expect(geo[0]?.breaches).toEqual([]);
    expect(to(perRound.at(-1) ?? [], heads.geo)).toEqual([]);
  });

  it('confirms a portal down for everyone from both vantages and alerts once, after confirmRounds', () => {
    const chet = results.get('chet') ?? [];

    expect(chet.map((r) => [r.status, r.vantageVerdict])).toEqual(hours.map(() => ['down', 'confirmed']));
    expect(chet[0]?.vantages?.map((v) => [v.id, v.status, v.reason])).toEqual([
      ['local', 'down', 'refused'],
      ['vn', 'down', 'refused'],
    ]);
    expect(perRound.map((all) => to(all, heads.chet).length)).toEqual([0, 1, 1]);
    expect(to(perRound[1] ?? [], heads.chet)[0]?.body.text).toContain('Đã kiểm tra lại từ 2 điểm đo ở các mạng khác nhau');
  });

  it('says what the store holds when asked about another registry, instead of printing nothing', async () => {
    const other = join(home, 'other.yaml');
    await writeFile(
      other,
      registryYaml().replaceAll('id: cons', 'id: khac').replaceAll('id: geo', 'id: khac2').replaceAll('id: chet', 'id: khac3'),
    );

    const res = await run(['results', '--registry', other]);
    const alerts = await run(['alerts', '--registry', other]);

    expect(res.code).toBe(0);
    expect(res.lines.join('\n')).toMatch(/Không có gì khớp với .*other\.yaml/);
    expect(res.lines.join('\n')).toMatch(/đang có 3 vòng đo, từ .* đến .*, của 3 cơ quan: chet, cons, geo/);
    expect(res.lines.join('\n')).toMatch(/Vòng đo gần nhất dùng danh mục .*vantages\.yaml/);
    expect(alerts.lines.join('\n')).toMatch(/đang có 3 vòng đo/);
  });

  it('replays history with what the vantages saw when recorded: geo stays blocked/geo, and nobody is emailed', async () => {
    const sent = (await emails()).length;

    const replay = await run(['replay', '--registry', registryFile, '--days', '1', '--until', hours[0]!]);
    const geo = (await run(['results', '--registry', registryFile, '--agency', 'geo', '--json'])).lines
      .map((l) => JSON.parse(l) as Result)
      .filter((r) => r.replay);

    expect(replay.code).toBe(0);
    expect(geo.length).toBeGreaterThanOrEqual(23);
    expect(geo.every((r) => r.status === 'blocked' && r.reason === 'geo' && r.vantages?.[1]?.status === 'up')).toBe(true);
    expect((await emails()).length).toBe(sent);
  });

  it('refuses to start an agent without its vantage, or for a vantage the registry does not name', async () => {
    expect((await run(['agent', '--queue-url', 'http://127.0.0.1:9/q'])).code).toBe(2);
    expect(
      (await run(['agent', '--vantage', 'nowhere', '--queue-url', 'http://127.0.0.1:9/q', '--registry', registryFile])).code,
    ).toBe(2);
  });
});

describe('an agent vantage on AWS: job → observation → settled at finalize', () => {
  let prober: Prober;
  let client: DynamoDBClient;
  beforeAll(async () => {
    client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await ensureTable(client, 'agent-test');
    prober = createProber({ local: true, allowedOrigins: [new URL(urls.geo).origin] });
  });
  afterAll(async () => {
    await prober?.close();
    client?.destroy();
  });

  it('stores what the agent saw once, drops a stale job, and turns the unconfirmed down into blocked/geo', async () => {
    const at = '2026-05-04T04:00:00.000Z';
    const observations = new VantageObservations(client, 'agent-test');
    const store = new Store(client, 'agent-test');
    // On AWS the second vantage is an agent: no egress, its answer arrives through the store.
    const registry = parseRegistry(registryYaml(null), 'agent.yaml');
    const job = JSON.stringify({
      agencyId: 'geo',
      at,
      vantageId: 'vn',
      home: urls.geo,
      nationalHosts: [],
      deadline: vantageDeadline(at),
    });
    const options = {
      vantageId: 'vn',
      prober: prober.fromEgress('127.0.0.2'),
      observations,
      probe: registry.probe,
      log: silentLogger,
      now: () => Date.parse(at) + 60_000,
    };
    const down: Result = {
      ...bareResult('geo', at, 'down', 'reset'),
      vantages: [
        { id: 'local', status: 'down', reason: 'reset', at },
        { id: 'vn', status: null, reason: null, at: null },
      ],
      vantageVerdict: 'unconfirmed',
    };
    await store.putResult(down);

    expect(await handleAgentJob(job, options)).toBe('stored');
    expect(await handleAgentJob(job, options)).toBe('duplicate');
    expect(await handleAgentJob(job, { ...options, now: () => Date.parse(at) + 3_600_000 })).toBe('stale');
    expect(await handleAgentJob('{"agencyId":1}', options)).toBe('invalid');
    expect((await observations.get('geo', at, 'vn'))?.seen.status).toBe('up');

    const deps = {
      registry,
      store,
      sends: new Sends(client, 'agent-test'),
      mailer: { send: async () => 'suppressed' as const },
      log: silentLogger,
      evidenceUrl: () => null,
      observations,
    };
    const [settled] = await resolveVantages(deps, at, [down]);

    expect([settled?.status, settled?.reason, settled?.vantageVerdict]).toEqual(['blocked', 'geo', 'geo']);
    expect((await store.getResult('geo', at))?.status).toBe('blocked');
    // Settled once: a second settle of the same row is refused (ResultsRepo, the result row's one writer).
    expect(await store.settleFromVantages(settled as Result)).toBe(false);

    // The agent's loop over its queue (SQS in production; no SQS runs locally, so an in-memory queue here):
    // every job handled and removed, a job that failed kept for redelivery.
    const later = '2026-05-04T05:00:00.000Z';
    const messages = [
      { body: job.replace(at, later), receipt: 'a' },
      { body: 'not json', receipt: 'b' },
    ];
    const removed: string[] = [];
    const queue = { receive: async () => messages.splice(0), remove: async (receipt: string) => void removed.push(receipt) };
    expect(await runAgent(queue, { ...options, once: true })).toBe(2);
    expect(removed).toEqual(['a', 'b']);
    expect((await observations.get('geo', later, 'vn'))?.seen.status).toBe('up');
  }, 60_000);
});
