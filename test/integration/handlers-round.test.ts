import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DEMO_PORTALS, type DemoPortals, demoRegistryYaml, startDemoPortals } from '@dvcwatch/cli';
import { inMaintenance, monitorFailure } from '@dvcwatch/core';
import { recordResult, silentLogger } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse, stringify } from 'yaml';
import { handler as dispatch } from '../../functions/dispatch.js';
import { handler as finalize } from '../../functions/finalize.js';
import { handler as probe } from '../../functions/probe.js';
import { publishSite } from '../../functions/shared/publish.js';
import { runnerDeps } from '../../functions/shared/services.js';
import { setEnv } from './handlers/env.js';
import { lambdaContext, scheduledEvent, sqsEvent, sqsRecord } from './handlers/events.js';
import { type LocalAws, sesEmails, startLocalAws } from './handlers/local-aws.js';

// The round's handlers (dispatch → probe → finalize) invoked as Lambda would, with real-shaped events, against
// dynalite, the SES emulator, s3rver and real Chromium probing the demo portals on 127.0.0.1.

const TABLE = 'dvcwatch-handlers-round';
const EVIDENCE = 'dvcwatch-evidence';
const SITE = 'dvcwatch-site';
const FINALIZE = 'dvcwatch-test-Finalize';
const IDS = ['tot', 'loi', 'hop-nhat'];

let aws: LocalAws;
let demo: DemoPortals;
let dir: string;
let restore: () => void;
let s3: S3Client;

const store = async () => (await runnerDeps(silentLogger)).store;
const keysIn = async (bucket: string, prefix = '') =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '');
const startRound = async (at: string) =>
  (await store()).startRound({ at, startedAt: at, expected: IDS, done: [], finishedAt: null, trigger: 'schedule' });

/** Records an `error` result for an agency, as a probe that gave up would (recordResult also marks it done). */
async function seedError(agencyId: string, at: string) {
  const deps = await runnerDeps(silentLogger);
  const agency = deps.registry.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`no agency ${agencyId}`);
  const ctx = { at, nationalHosts: deps.registry.nationalHosts, maintenance: inMaintenance(agency.maintenance, at) };
  await recordResult(deps, agency, monitorFailure(agencyId, ctx, 'seeded by the test', agency.portal.home));
}

beforeAll(async () => {
  [aws, demo] = await Promise.all([
    startLocalAws(TABLE, [EVIDENCE, SITE]),
    startDemoPortals({ basePort: 0, portals: DEMO_PORTALS.filter((p) => IDS.includes(p.id)) }),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'dvcwatch-handlers-'));
  // The demo registry with short probe settings: one attempt per page, no axe-core run.
  const registry = parse(demoRegistryYaml(demo.portals, demo.nationalOrigin)) as { defaults: Record<string, unknown> };
  registry.defaults.probe = { pageTimeoutMs: 15_000, confirmAttempts: 0, accessibility: false };
  const registryPath = join(dir, 'registry.yaml');
  await writeFile(registryPath, stringify(registry));
  restore = setEnv({
    ...aws.endpoints,
    DVCWATCH_TABLE: TABLE,
    DVCWATCH_SENDER: 'dvcwatch@example.vn',
    DVCWATCH_QUEUE_URL: `${aws.sqs.endpoint}/123456789012/dvcwatch-test-ProbeQueue`,
    DVCWATCH_EVIDENCE_BUCKET: EVIDENCE,
    DVCWATCH_SITE_BUCKET: SITE,
    DVCWATCH_DISTRIBUTION_ID: undefined,
    DVCWATCH_CONFIGURATION_SET: undefined,
    DVCWATCH_FINALIZE_FUNCTION: FINALIZE,
    DVCWATCH_OPERATORS: 'vanhanh.aws@example.vn',
    DVCWATCH_REGISTRY: registryPath,
    DVCWATCH_ALLOW_ORIGINS: demo.portals.map((p) => new URL(p.home).origin).join(','),
  });
  s3 = new S3Client({ endpoint: aws.s3.endpoint, forcePathStyle: true });
});

afterAll(async () => {
  restore?.();
  s3?.destroy();
  await Promise.all([aws?.close(), demo?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('dispatch (EventBridge hourly schedule)', () => {
  it('records the round for the hour with every agency and queues one job each, once per hour', async () => {
    const event = scheduledEvent('2025-03-03T05:07:00Z', 'dvcwatch-test-Round');
    const before = aws.sqs.messages.length;

    const first = await dispatch(event, lambdaContext('dvcwatch-test-Dispatch'));
    const again = await dispatch(event, lambdaContext('dvcwatch-test-Dispatch'));

    const at = '2025-03-03T05:00:00.000Z';
    expect(first).toEqual({ at, queued: 3, skipped: 0 });
    const round = await (await store()).getRound(at);
    expect(round?.expected.sort()).toEqual([...IDS].sort());
    expect(round?.finishedAt).toBeNull();
    const jobs = aws.sqs.messages.slice(before);
    expect(jobs.map((m) => JSON.parse(m.body))).toEqual(expect.arrayContaining(IDS.map((agencyId) => ({ agencyId, at }))));
    expect(jobs).toHaveLength(3);
    expect(jobs.every((m) => m.queueUrl.endsWith('/dvcwatch-test-ProbeQueue'))).toBe(true);
    // The second delivery of the same event queues nothing: every job is marked queued.
    expect(again).toEqual({ at, queued: 0, skipped: 3 });
    expect(aws.sqs.messages).toHaveLength(before + 3);
    expect(new Set(aws.sqs.targets)).toEqual(new Set(['AmazonSQS.SendMessageBatch']));
  });
});

describe('probe (SQS consumer)', () => {
  it('measures each record with Chromium, uploads evidence, and reports only the malformed record as failed', async () => {
    const at = '2025-03-03T06:00:00.000Z';
    await startRound(at);
    const good = sqsRecord(JSON.stringify({ agencyId: 'tot', at }));
    const failing = sqsRecord(JSON.stringify({ agencyId: 'loi', at }));
    const malformed = sqsRecord('{"agencyId":"tot","at":"not a time"');

    const out = await probe(sqsEvent([good, malformed, failing]), lambdaContext('dvcwatch-test-Probe'));

    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: malformed.messageId }] });
    const st = await store();
    const tot = await st.getResult('tot', at);
    const loi = await st.getResult('loi', at);
    expect(tot?.status).toMatch(/^(up|degraded)$/);
    expect(tot?.pages.home?.httpStatus).toBe(200);
    expect(loi?.status).toBe('down');
    expect(loi?.pages.home?.httpStatus).toBe(503);
    // The screenshot is in the evidence bucket under the key the result names, as a JPEG.
    const shot = tot?.pages.home?.screenshot ?? '';
    expect(shot).toMatch(/^evidence\/tot\/2025-03-03T06-00-00-000Z-home\.jpg$/);
    expect(await keysIn(EVIDENCE, 'evidence/tot/')).toContain(shot);
    const obj = await s3.send(new GetObjectCommand({ Bucket: EVIDENCE, Key: shot }));
    const bytes = await obj.Body?.transformToByteArray();
    expect([bytes?.[0], bytes?.[1]]).toEqual([0xff, 0xd8]);
    // Two of three done: finalize is not triggered yet.
    expect((await st.getRound(at))?.done.sort()).toEqual(['loi', 'tot']);
    expect(aws.lambda.invocations.filter((i) => JSON.stringify(i.payload).includes(at))).toEqual([]);
    // SQS delivers at least once: a redelivered job keeps the stored result and does not probe again.
    const redelivered = await probe(sqsEvent([sqsRecord(good.body)]), lambdaContext('dvcwatch-test-Probe'));
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(await st.results('tot', at, `${at}~`)).toEqual([tot]);
  });
});

describe('finalize', () => {
  it('is invoked by the last probe with { at }, finishes the round and publishes the site', async () => {
    const at = '2025-03-03T07:00:00.000Z';
    await startRound(at);
    await seedError('loi', at);
    await seedError('hop-nhat', at);

    await probe(sqsEvent([sqsRecord(JSON.stringify({ agencyId: 'tot', at }))]), lambdaContext('dvcwatch-test-Probe'));
    const invoked = aws.lambda.invocations.filter((i) => JSON.stringify(i.payload).includes(at));
    const summary = await finalize(invoked[0]?.payload, lambdaContext(FINALIZE));

    expect(invoked).toEqual([{ functionName: FINALIZE, invocationType: 'Event', payload: { at } }]);
    expect(summary).toMatchObject({ at, expected: 3, results: 3, missing: [], finished: true });
    expect((await (await store()).getRound(at))?.finishedAt).not.toBeNull();
    const site = await keysIn(SITE);
    expect(site).toEqual(expect.arrayContaining(['index.html', '_manifest.json', 'agency/tot.html']));
    const index = await s3.send(new GetObjectCommand({ Bucket: SITE, Key: 'index.html' }));
    expect(index.ContentType).toBe('text/html; charset=utf-8');
    expect(await index.Body?.transformToString()).toContain('Tỉnh Tốt');
  });

  it('at the deadline records each missing agency once as error, emits EMF metrics and alerts the operators', async () => {
    const at = '2025-03-03T08:00:00.000Z';
    await startRound(at);
    await seedError('tot', at);
    const deadline = scheduledEvent('2025-03-03T08:50:00Z', 'dvcwatch-test-FinalizeDeadline');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));

    let first: unknown;
    let second: unknown;
    try {
      first = await finalize(deadline, lambdaContext(FINALIZE));
      second = await finalize(deadline, lambdaContext(FINALIZE));
    } finally {
      spy.mockRestore();
    }

    expect(first).toMatchObject({ at, expected: 3, missing: ['loi', 'hop-nhat'], finished: true, counts: { error: 3 } });
    expect(second).toMatchObject({ at, missing: [], finished: false });
    const st = await store();
    for (const id of IDS) {
      const rows = await st.results(id, at, `${at}~`);
      expect(
        rows.map((r) => r.status),
        id,
      ).toEqual(['error']);
    }
    const emf = lines
      .filter((l) => l.includes('"CloudWatchMetrics"'))
      .map((l) => JSON.parse(l) as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Namespace: string }[] } });
    expect(emf[0]).toMatchObject({ at, RoundsCompleted: 1, RoundIncomplete: 1, MissingResults: 2, ErrorShare: 1 });
    expect(emf[0]?._aws.CloudWatchMetrics[0]?.Namespace).toBe('dvcwatch');
    // One operators email for the round (15:00 in Vietnam), naming the missing agencies; none for the second call.
    const ops = (await sesEmails(aws.ses)).filter(
      (m) => m.destination.to.join(',').includes('vanhanh.aws@example.vn') && m.subject.includes('15:00 03/03/2025'),
    );
    expect(ops).toHaveLength(1);
    expect(ops[0]?.body.text).toContain('Không có kết quả trước hạn chót: loi, hop-nhat.');
  });

  it('a second publish with nothing changed writes only the manifest', async () => {
    const deps = await runnerDeps(silentLogger);
    const puts: string[] = [];
    const client = new S3Client({ endpoint: aws.s3.endpoint, forcePathStyle: true });
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'PutObjectCommand') puts.push(String((args.input as { Key?: string }).Key));
        return next(args);
      },
      { step: 'initialize', name: 'countPuts' },
    );
    const target = { s3: client, bucket: SITE, cloudfront: null, distributionId: null };
    const generatedAt = '2025-03-03T09:00:00.000Z';
    await publishSite(deps.store, deps.registry, generatedAt, 'test', target, silentLogger);
    const indexBefore = await s3.send(new HeadObjectCommand({ Bucket: SITE, Key: 'index.html' }));
    puts.length = 0;

    const again = await publishSite(deps.store, deps.registry, generatedAt, 'test', target, silentLogger);

    expect(again.changed).toBe(0);
    expect(puts).toEqual(['_manifest.json']);
    const indexAfter = await s3.send(new HeadObjectCommand({ Bucket: SITE, Key: 'index.html' }));
    expect(indexAfter.ETag).toBe(indexBefore.ETag);
    client.destroy();
  });
});
