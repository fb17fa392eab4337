import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LabRun, labDue, labHours, vnDay } from '@dvcwatch/core';
import type { LabRunner } from '@dvcwatch/probe/lab';
import { silentLogger } from '@dvcwatch/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { handler as lab } from '../../../functions/lab/handler.js';
import { labConsumer } from '../../../functions/lab/lab-consumer.js';
import { runnerDeps } from '../../../functions/shared/services.js';
import { labRun } from '../../fixtures/lab-runs.js';
import { setEnv } from './env.js';
import { lambdaContext, scheduledEvent, sqsEvent, sqsRecord } from './events.js';
import { type LocalAws, startLocalAws } from './local-aws.js';

// The lab function's two branches, invoked as Lambda would: the office-hours schedule queues the due agencies on the
// lab queue (the SQS stand-in records each SendMessageBatch), and a lab-queue record runs one agency, its runs
// stored in dynalite. Lighthouse itself is test/integration/lab-round.test.ts's: here a recording runner stands in.

const TABLE = 'dvcwatch-handlers-lab';
const DAY = '2026-03-02';
// 40 agencies, 3 runs a day each: ≈ 13 due an hour, more than one SendMessageBatch (10 entries) in some hours.
const IDS = Array.from({ length: 40 }, (_, i) => `tinh-${String(i + 1).padStart(2, '0')}`);
const home = (id: string) => `http://127.0.0.1:9/${id}/`;
const form = (id: string) => `http://127.0.0.1:9/${id}/nop-ho-so`;

let aws: LocalAws;
let dir: string;
let restore: () => void;
let queueUrl: string;

beforeAll(async () => {
  aws = await startLocalAws(TABLE, []);
  dir = await mkdtemp(join(tmpdir(), 'dvcwatch-handlers-lab-'));
  const registryPath = join(dir, 'registry.yaml');
  await writeFile(
    registryPath,
    stringify({
      version: 1,
      operators: ['vanhanh@example.vn'],
      agencies: IDS.map((id, i) => ({
        id,
        name: `Tỉnh ${i + 1} (thử)`,
        kind: 'province',
        head: { name: 'Chủ tịch', email: `${id}@example.vn` },
        // Every other agency has a form page: the lab measures whichever pages the registry names.
        portal: i % 2 ? { home: home(id) } : { home: home(id), form: form(id) },
      })),
    }),
  );
  queueUrl = `${aws.sqs.endpoint}/123456789012/dvcwatch-test-LabQueue`;
  restore = setEnv({
    ...aws.endpoints,
    DVCWATCH_TABLE: TABLE,
    DVCWATCH_SENDER: 'dvcwatch@example.vn',
    DVCWATCH_OPERATORS: 'vanhanh@example.vn',
    DVCWATCH_REGISTRY: registryPath,
    DVCWATCH_LAB_QUEUE_URL: queueUrl,
  });
});

afterAll(async () => {
  restore?.();
  await aws?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lab function, scheduled (the office-hours cron)', () => {
  it('queues exactly the agencies due each hour, one job each, ten to a batch, and each agency 3 times a day', async () => {
    const perHour = new Map<string, string[]>();

    // act: the schedule's 9 office hours (01:05–09:05 UTC) and, handler-level, the other hours of the day
    for (let h = 0; h < 24; h++) {
      const before = aws.sqs.messages.length;
      const out = await lab(
        scheduledEvent(`${DAY}T${String(h).padStart(2, '0')}:05:00Z`, 'dvcwatch-test-LabSchedule'),
        lambdaContext('dvcwatch-test-LabRunner'),
      );
      const at = `${DAY}T${String(h).padStart(2, '0')}:00:00.000Z`;
      const sent = aws.sqs.messages.slice(before);
      expect(sent.every((m) => m.queueUrl === queueUrl)).toBe(true);
      const bodies = sent.map((m) => JSON.parse(m.body) as unknown);
      expect(bodies).toEqual(sent.map((_, i) => ({ agencyId: (bodies[i] as { agencyId: string }).agencyId, at })));
      perHour.set(at, bodies.map((b) => (b as { agencyId: string }).agencyId).sort());
      expect(out).toEqual({ at, queued: expect.any(Array) });
    }

    // assess: each hour's jobs are core's due agencies for it, nothing outside 08:00–16:59 Vietnamese time
    for (const [at, ids] of perHour) expect(ids, at).toEqual(IDS.filter((id) => labDue(id, at, 3)));
    const hoursOf = (id: string) =>
      [...perHour].filter(([, ids]) => ids.includes(id)).map(([at]) => new Date(Date.parse(at)).getUTCHours() + 7);
    for (const id of IDS) {
      expect(hoursOf(id), id).toEqual(labHours(id, 3));
      // One run in each third of the office day (08–10, 11–13, 14–16).
      expect(hoursOf(id).map((h) => Math.floor((h - 8) / 3))).toEqual([0, 1, 2]);
    }
    expect([...perHour].filter(([at]) => !/T0[1-9]:/.test(at)).flatMap(([, ids]) => ids)).toEqual([]);
    // Only SendMessageBatch, ten entries at most each (the stand-in refuses more), as few calls as that allows.
    const counts = [...perHour.values()].map((ids) => ids.length);
    expect(Math.max(...counts)).toBeGreaterThan(10);
    expect(new Set(aws.sqs.targets)).toEqual(new Set(['AmazonSQS.SendMessageBatch']));
    expect(aws.sqs.targets).toHaveLength(counts.reduce((n, c) => n + Math.ceil(c / 10), 0));
    expect(aws.sqs.messages).toHaveLength(IDS.length * 3);
  });
});

/** A lab runner that records the pages it is asked to run (and whether two ever overlap) instead of Lighthouse. */
function recordingRunner() {
  const pages: string[] = [];
  let active = 0;
  let overlapped = false;
  const runner: LabRunner = {
    async run(url, page): Promise<LabRun> {
      overlapped ||= active > 0;
      active++;
      pages.push(url);
      await new Promise((r) => setTimeout(r, 20));
      active--;
      // The stored run's shape (test/fixtures/lab-runs.ts), for this page and address.
      return { ...labRun(new Date().toISOString(), 2_400), page, url, durationMs: 20 };
    },
    close: async () => {},
  };
  return { runner, pages, overlapped: () => overlapped };
}

describe('lab function, a lab-queue record', () => {
  const at = `${DAY}T02:00:00.000Z`;
  const labDay = async (id: string) => (await runnerDeps(silentLogger)).store.labDays.get(id, vnDay(at));

  it('runs exactly the one agency of its job, home and form page, and stores both runs in its lab day', async () => {
    const [id, other] = IDS;
    const { runner, pages } = recordingRunner();

    const out = await labConsumer(() => runner)(
      sqsEvent([sqsRecord(JSON.stringify({ agencyId: id, at }), undefined, 'dvcwatch-test-LabQueue')]),
      lambdaContext('dvcwatch-test-LabRunner'),
    );

    expect(out).toEqual({ batchItemFailures: [] });
    expect(pages).toEqual([home(id!), form(id!)]);
    const stored = await labDay(id!);
    expect(stored?.runs.map((r) => [r.page, r.url])).toEqual([
      ['home', home(id!)],
      ['form', form(id!)],
    ]);
    expect(await labDay(other!)).toBeNull();
  });

  it('never runs two Lighthouse at once in one invocation, whatever the batch', async () => {
    const { runner, pages, overlapped } = recordingRunner();
    const ids = [IDS[2]!, IDS[3]!];

    await labConsumer(() => runner)(
      sqsEvent(ids.map((agencyId) => sqsRecord(JSON.stringify({ agencyId, at }), undefined, 'dvcwatch-test-LabQueue'))),
      lambdaContext('dvcwatch-test-LabRunner'),
    );

    expect(pages).toEqual([home(ids[0]!), form(ids[0]!), home(ids[1]!)]);
    expect(overlapped()).toBe(false);
  });

  it('reaches the consumer through the handler: a malformed job fails alone, an agency gone from the registry is dropped', async () => {
    const malformed = sqsRecord('{"agencyId":"tinh-01","at":"not a time"}', undefined, 'dvcwatch-test-LabQueue');
    const gone = sqsRecord(JSON.stringify({ agencyId: 'tinh-da-sap-nhap', at }), undefined, 'dvcwatch-test-LabQueue');
    const sentBefore = aws.sqs.targets.length;

    const out = await lab(sqsEvent([malformed]), lambdaContext('dvcwatch-test-LabRunner'));
    const dropped = await lab(sqsEvent([gone]), lambdaContext('dvcwatch-test-LabRunner'));

    // Neither reaches Lighthouse (the real runner would launch Chromium), nor queues anything.
    expect(out).toEqual({ batchItemFailures: [{ itemIdentifier: malformed.messageId }] });
    expect(dropped).toEqual({ batchItemFailures: [] });
    expect(await labDay('tinh-da-sap-nhap')).toBeNull();
    expect(aws.sqs.targets).toHaveLength(sentBefore);
  });
});
