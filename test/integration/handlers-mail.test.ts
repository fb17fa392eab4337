import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoRegistryYaml } from '@dvcwatch/cli';
import { CHECKS } from '@dvcwatch/core';
import { silentLogger } from '@dvcwatch/runner';
import { Sends } from '@dvcwatch/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as digest } from '../../functions/digest.js';
import { handler as sesEvents } from '../../functions/ses-events.js';
import { awsClients, runnerDeps } from '../../functions/shared/services.js';
import { handler as watchdog } from '../../functions/watchdog.js';
import { setEnv } from './handlers/env.js';
import { lambdaContext, scheduledEvent, snsEvent } from './handlers/events.js';
import { type LocalAws, sesEmails, startLocalAws } from './handlers/local-aws.js';
import { upResult } from './handlers/results.js';

// The mail handlers (SES feedback, watchdog, weekly digest) invoked with real-shaped events against dynalite and
// the SES emulator. No portal is probed: the registry's addresses are never fetched.

const TABLE = 'dvcwatch-handlers-mail';
const OPERATOR = 'truc.vanhanh@example.vn';
const AGENCIES = [
  { id: 'tinh-a', name: 'Tỉnh A (thử)', kind: 'province' as const },
  { id: 'tinh-b', name: 'Tỉnh B (thử)', kind: 'province' as const },
  { id: 'bo-c', name: 'Bộ C (thử)', kind: 'ministry' as const },
];

let aws: LocalAws;
let dir: string;
let restore: () => void;

beforeAll(async () => {
  aws = await startLocalAws(TABLE, []);
  dir = await mkdtemp(join(tmpdir(), 'dvcwatch-handlers-mail-'));
  const portals = AGENCIES.map((a) => ({ ...a, home: `http://127.0.0.1:9/${a.id}/`, form: `http://127.0.0.1:9/${a.id}/form` }));
  const registryPath = join(dir, 'registry.yaml');
  // Real-looking heads (a top-level name nobody delegates): a deployment never emails a placeholder head.
  const yaml = demoRegistryYaml(portals, null)
    .replaceAll(/(thutruong\.[a-z0-9-]+)@example\.vn/g, '$1@mophong.dvcwatch')
    .replaceAll('placeholderContact: true', 'placeholderContact: false');
  await writeFile(registryPath, yaml);
  restore = setEnv({
    ...aws.endpoints,
    DVCWATCH_TABLE: TABLE,
    DVCWATCH_SENDER: 'dvcwatch@example.vn',
    DVCWATCH_CONFIGURATION_SET: undefined,
    DVCWATCH_OPERATORS: OPERATOR,
    DVCWATCH_REGISTRY: registryPath,
  });
});

afterAll(async () => {
  restore?.();
  await aws?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const toOperator = async () => (await sesEmails(aws.ses)).filter((m) => m.destination.to.join(',').includes(OPERATOR));

describe('ses-events (SNS)', () => {
  it('records a bounce and a complaint, and skips what is not an SES notification', async () => {
    const mail = (messageId: string, to: string) => ({
      timestamp: '2025-03-03T05:10:00.000Z',
      source: 'dvcwatch@example.vn',
      sourceArn: 'arn:aws:ses:ap-southeast-1:123456789012:identity/example.vn',
      sendingAccountId: '123456789012',
      messageId,
      destination: [to],
      headersTruncated: false,
      tags: { 'ses:configuration-set': ['dvcwatch-test'] },
    });
    // As SES event publishing (configuration set) sends them; the complaint as an identity notification.
    const bounce = {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: 'thutruong.tinh-a@example.vn',
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp: '2025-03-03T05:10:02.669Z',
        feedbackId: '0100018f-bounce-example-000000',
        reportingMTA: 'dsn; a27-30.smtp-out.ap-southeast-1.amazonses.com',
      },
      mail: mail('0100018f-bounce-message-000000', 'thutruong.tinh-a@example.vn'),
    };
    const complaint = {
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'thutruong.tinh-b@example.vn' }],
        timestamp: '2025-03-03T06:00:00.000Z',
        feedbackId: '0100018f-complaint-example-000000',
        userAgent: 'Mozilla/5.0',
        complaintFeedbackType: 'abuse',
        arrivalDate: '2025-03-03T05:59:00.000Z',
      },
      mail: mail('0100018f-complaint-message-000000', 'thutruong.tinh-b@example.vn'),
    };
    const event = snsEvent(
      [
        JSON.stringify(bounce),
        JSON.stringify(complaint),
        // Plain text, as SES posts to a topic when it is first set up as a destination.
        'Successfully validated SNS topic for Amazon SES event publishing.',
      ],
      '2025-03-03T06:00:05.000Z',
    );

    const out = await sesEvents(event, lambdaContext('dvcwatch-test-SesEvents'));

    expect(out).toEqual({ recorded: 2 });
    const events = await new Sends(awsClients().dynamo, TABLE).sesEvents();
    expect(events).toEqual(
      expect.arrayContaining([
        {
          at: '2025-03-03T06:00:05.000Z',
          type: 'Bounce',
          messageId: '0100018f-bounce-message-000000',
          recipients: ['thutruong.tinh-a@example.vn'],
          detail: 'Permanent/General',
        },
        {
          at: '2025-03-03T06:00:05.000Z',
          type: 'Complaint',
          messageId: '0100018f-complaint-message-000000',
          recipients: ['thutruong.tinh-b@example.vn'],
          detail: 'abuse',
        },
      ]),
    );
    expect(events).toHaveLength(2);
  });
});

describe('watchdog (every 30 minutes)', () => {
  it('stays quiet after a recent round, then mails the operators once per hour of silence', async () => {
    const store = (await runnerDeps(silentLogger)).store;
    const at = '2025-04-01T01:00:00.000Z';
    await store.startRound({ at, startedAt: at, expected: ['tinh-a'], done: [], finishedAt: null, trigger: 'schedule' });
    await store.finishRound(at, '2025-04-01T01:20:00.000Z');
    const ctx = () => lambdaContext('dvcwatch-test-Watchdog');
    const before = (await toOperator()).length;

    const quiet = await watchdog(scheduledEvent('2025-04-01T02:30:00Z', 'dvcwatch-test-Watchdog'), ctx());
    const first = await watchdog(scheduledEvent('2025-04-01T03:30:00Z', 'dvcwatch-test-Watchdog'), ctx());
    const second = await watchdog(scheduledEvent('2025-04-01T03:50:00Z', 'dvcwatch-test-Watchdog'), ctx());

    expect(quiet).toEqual({ silentSince: null, outcome: null });
    expect(first).toEqual({ silentSince: '2025-04-01T01:20:00.000Z', outcome: 'sent' });
    expect(second).toEqual({ silentSince: '2025-04-01T01:20:00.000Z', outcome: 'already-sent' });
    const mails = (await toOperator()).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('[dvcwatch] Hệ thống giám sát ngừng đo từ 08:20 01/04/2025');
    expect(mails[0]?.body.text).toContain('Không có vòng đo nào hoàn thành trong 2 giờ qua');
  });
});

describe('digest (Monday 08:00 in Vietnam)', () => {
  it('mails each head one Vietnamese digest of the last seven days, and nothing twice', async () => {
    const store = (await runnerDeps(silentLogger)).store;
    const failing = CHECKS[0]?.id ?? '';
    // Seven days (Vietnam time) 3–9 March 2025, three rounds a day (00:00Z–02:00Z is 07:00–09:00 in Vietnam).
    for (let d = 3; d <= 9; d++) {
      for (const h of [0, 1, 2]) {
        const at = `2025-03-${String(d).padStart(2, '0')}T0${h}:00:00.000Z`;
        await store.addToDay(upResult('tinh-a', at, 1_500, 92));
        await store.addToDay(upResult('tinh-b', at, 3_000, 70, [failing]));
        await store.addToDay(upResult('bo-c', at, 2_000, 85));
      }
    }
    const event = scheduledEvent('2025-03-10T01:00:00Z', 'dvcwatch-test-WeeklyDigest');
    const heads = (await sesEmails(aws.ses)).filter((m) => m.subject.includes('Tổng hợp tuần'));

    const first = await digest(event, lambdaContext('dvcwatch-test-Digest'));
    const again = await digest(event, lambdaContext('dvcwatch-test-Digest'));

    expect(first).toEqual({ sent: 3, skipped: 0 });
    expect(again).toEqual({ sent: 0, skipped: 3 });
    const mails = (await sesEmails(aws.ses)).filter((m) => m.subject.includes('Tổng hợp tuần')).slice(heads.length);
    expect(mails.map((m) => m.destination.to.join(',')).sort()).toEqual(
      AGENCIES.map((a) => `thutruong.${a.id}@mophong.dvcwatch`).sort(),
    );
    const a = mails.find((m) => m.destination.to.includes('thutruong.tinh-a@mophong.dvcwatch'));
    const b = mails.find((m) => m.destination.to.includes('thutruong.tinh-b@mophong.dvcwatch'));
    expect(a?.subject).toBe('[dvcwatch] Tổng hợp tuần 03/03–09/03/2025: Tỉnh A (thử) — xếp loại A');
    expect(a?.body.text).toContain('Tỷ lệ truy cập được: 100');
    expect(a?.body.text).toContain('xếp hạng 1/2 trong các cơ quan cùng loại');
    expect(b?.body.text).toContain(`${CHECKS[0]?.title} (7/7 ngày)`);
  });
});
