import { createHash, randomUUID } from 'node:crypto';
import { type StandIn, startStandIn } from '../integration/handlers/http-standin.js';

/**
 * An SQS-API server on 127.0.0.1 speaking the AWS JSON 1.0 protocol of @aws-sdk/client-sqs v3, for the calls
 * dvcwatch, its agent and the Lambda event source mapping make: SendMessage, SendMessageBatch, ReceiveMessage (with
 * long polling), DeleteMessage, DeleteMessageBatch, ChangeMessageVisibility, GetQueueAttributes. Standard-queue semantics as the SQS developer
 * guide documents them: a received message is invisible for the visibility timeout, then offered again with a new
 * receipt handle; a delete with an older receipt handle succeeds but deletes nothing; a message received
 * `maxReceiveCount` times is moved to the dead-letter queue instead of being offered again.
 *
 * No maintained local SQS server fits (checked on the npm registry: fauxqs needs Node ≥ 22.5, sqslite and
 * local-aws-sqs answer the older query/XML protocol only). Time is scaled: every timeout in seconds, from the
 * queue's configuration or a request, lasts `seconds × scaleMs` milliseconds, so the template's values keep
 * their relations while a test waits seconds instead of minutes.
 */
export interface QueueConfig {
  name: string;
  visibilityTimeoutSeconds: number;
  redrive?: { deadLetterQueue: string; maxReceiveCount: number };
  /**
   * A FIFO queue (SQS developer guide, "FIFO queue delivery logic"): messages of one group are handed out in the
   * order sent, none while an earlier one of its group is in flight; a deduplication id seen before is accepted
   * and dropped.
   */
  fifo?: boolean;
}

interface Message {
  id: string;
  body: string;
  group: string | null;
  md5: string;
  sentAt: number;
  firstReceivedAt: number | null;
  receiveCount: number;
  visibleAt: number;
  handle: string | null;
}

export interface SqsServer extends StandIn {
  url(queue: string): string;
  /** Messages in a queue now (visible or in flight), for assertions. */
  messages(queue: string): { body: string; receiveCount: number }[];
  /** Every message ever accepted by SendMessage(Batch) into a queue, in order. */
  sent(queue: string): string[];
  /** When each of those was accepted (ms since the epoch), in the same order. */
  sentAt(queue: string): number[];
  /** Changes how long a template second lasts from now on (messages in flight keep their deadline). */
  setScale(scaleMs: number): void;
  /** Makes the next `count` SendMessageBatch entries fail with an SQS internal error (a fault no server produces). */
  failNextEntries(count: number): void;
}

const ACCOUNT = '123456789012';
const JSON_10 = { 'content-type': 'application/x-amz-json-1.0' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export async function startSqsServer(configs: QueueConfig[], initialScaleMs = 1_000): Promise<SqsServer> {
  let scaleMs = initialScaleMs;
  const queues = new Map(
    configs.map((c) => [
      c.name,
      { config: c, messages: [] as Message[], sent: [] as string[], sentAt: [] as number[], dedup: new Map<string, string>() },
    ]),
  );
  let failEntries = 0;
  const error = (type: string, message: string, status = 400) => ({
    status,
    headers: JSON_10,
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${type}`, message }),
  });
  const ok = (body: unknown) => ({ status: 200, headers: JSON_10, body: JSON.stringify(body) });
  const queueOf = (url: unknown) => queues.get(String(url).split('/').pop() ?? '');
  const enqueue = (
    q: NonNullable<ReturnType<typeof queueOf>>,
    body: string,
    now: number,
    fifo: { group?: unknown; dedup?: unknown } = {},
  ): Pick<Message, 'id' | 'md5'> => {
    const dedupId = q.config.fifo && fifo.dedup ? String(fifo.dedup) : null;
    const seen = dedupId ? q.dedup.get(dedupId) : undefined;
    if (seen) return { id: seen, md5: md5(body) };
    const m: Message = {
      id: randomUUID(),
      body,
      group: q.config.fifo ? String(fifo.group ?? '') : null,
      md5: md5(body),
      sentAt: now,
      firstReceivedAt: null,
      receiveCount: 0,
      visibleAt: now,
      handle: null,
    };
    q.messages.push(m);
    q.sent.push(body);
    q.sentAt.push(now);
    if (dedupId) q.dedup.set(dedupId, m.id);
    return m;
  };
  /** FIFO: a group with a message in flight hands out nothing more until it is deleted or visible again. */
  const blockedGroups = (q: NonNullable<ReturnType<typeof queueOf>>, now: number): Set<string> =>
    new Set(q.messages.filter((m) => m.group !== null && m.receiveCount > 0 && m.visibleAt > now).map((m) => m.group ?? ''));

  const server = await startStandIn(async (req) => {
    const op = String(req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    const input = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const q = queueOf(input.QueueUrl);
    if (!q) return error('QueueDoesNotExist', `The specified queue does not exist: ${String(input.QueueUrl)}`);
    if (op === 'ReceiveMessage') {
      // Long polling: with WaitTimeSeconds the call returns as soon as a message is visible, or empty at the end.
      const until = Date.now() + Number(input.WaitTimeSeconds ?? 0) * scaleMs;
      const offered = () => {
        const blocked = blockedGroups(q, Date.now());
        return q.messages.some((m) => m.visibleAt <= Date.now() && !(m.group !== null && blocked.has(m.group)));
      };
      while (Date.now() < until && !offered()) await sleep(50);
    }
    const now = Date.now();
    switch (op) {
      case 'SendMessage': {
        const m = enqueue(q, String(input.MessageBody), now, {
          group: input.MessageGroupId,
          dedup: input.MessageDeduplicationId,
        });
        return ok({ MessageId: m.id, MD5OfMessageBody: m.md5 });
      }
      case 'SendMessageBatch': {
        const entries = input.Entries as {
          Id: string;
          MessageBody: string;
          MessageGroupId?: string;
          MessageDeduplicationId?: string;
        }[];
        if (entries.length > 10) return error('TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10.');
        const Successful: unknown[] = [];
        const Failed: unknown[] = [];
        for (const e of entries) {
          if (failEntries > 0) {
            failEntries--;
            Failed.push({ Id: e.Id, SenderFault: false, Code: 'InternalError', Message: 'We encountered an internal error.' });
            continue;
          }
          const m = enqueue(q, e.MessageBody, now, { group: e.MessageGroupId, dedup: e.MessageDeduplicationId });
          Successful.push({ Id: e.Id, MessageId: m.id, MD5OfMessageBody: m.md5 });
        }
        return ok({ Successful, Failed });
      }
      case 'ReceiveMessage': {
        const max = Math.min(10, Number(input.MaxNumberOfMessages ?? 1));
        const visibilityMs = Number(input.VisibilityTimeout ?? q.config.visibilityTimeoutSeconds) * scaleMs;
        const out: unknown[] = [];
        const blocked = blockedGroups(q, now);
        for (const m of [...q.messages]) {
          if (out.length >= max) break;
          if (m.group !== null && blocked.has(m.group)) continue;
          if (m.visibleAt > now) continue;
          const redrive = q.config.redrive;
          if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
            // Received maxReceiveCount times and not deleted: moved to the dead-letter queue, not offered again.
            q.messages.splice(q.messages.indexOf(m), 1);
            const dlq = queues.get(redrive.deadLetterQueue);
            dlq?.messages.push({ ...m, visibleAt: now, handle: null, receiveCount: 0 });
            continue;
          }
          m.receiveCount++;
          m.firstReceivedAt ??= now;
          m.visibleAt = now + visibilityMs;
          m.handle = `${m.id}#${randomUUID()}`;
          out.push({
            MessageId: m.id,
            ReceiptHandle: m.handle,
            MD5OfBody: m.md5,
            Body: m.body,
            Attributes: {
              ApproximateReceiveCount: String(m.receiveCount),
              SentTimestamp: String(m.sentAt),
              ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
              SenderId: 'AROAEXAMPLE:dvcwatch-Dispatch',
            },
          });
        }
        return ok(out.length ? { Messages: out } : {});
      }
      case 'DeleteMessage':
      case 'DeleteMessageBatch': {
        const entries =
          op === 'DeleteMessage'
            ? [{ Id: '0', ReceiptHandle: String(input.ReceiptHandle) }]
            : (input.Entries as { Id: string; ReceiptHandle: string }[]);
        // An older receipt handle: the call succeeds, the message stays (SQS DeleteMessage reference).
        q.messages = q.messages.filter((m) => !entries.some((e) => e.ReceiptHandle === m.handle));
        return ok(op === 'DeleteMessage' ? {} : { Successful: entries.map((e) => ({ Id: e.Id })), Failed: [] });
      }
      case 'ChangeMessageVisibility': {
        const m = q.messages.find((x) => x.handle === input.ReceiptHandle);
        if (!m || m.visibleAt <= now) return error('MessageNotInflight', 'The message is not in flight.');
        m.visibleAt = now + Number(input.VisibilityTimeout) * scaleMs;
        return ok({});
      }
      case 'GetQueueAttributes': {
        const visible = q.messages.filter((m) => m.visibleAt <= now).length;
        return ok({
          Attributes: {
            ApproximateNumberOfMessages: String(visible),
            ApproximateNumberOfMessagesNotVisible: String(q.messages.length - visible),
            VisibilityTimeout: String(q.config.visibilityTimeoutSeconds),
          },
        });
      }
      default:
        return error('UnsupportedOperation', `sqs-server does not implement ${op}`);
    }
  });
  return {
    ...server,
    url: (name) => `${server.endpoint}/${ACCOUNT}/${name}`,
    messages: (name) => (queues.get(name)?.messages ?? []).map((m) => ({ body: m.body, receiveCount: m.receiveCount })),
    sent: (name) => [...(queues.get(name)?.sent ?? [])],
    sentAt: (name) => [...(queues.get(name)?.sentAt ?? [])],
    setScale: (ms) => {
      scaleMs = ms;
    },
    failNextEntries: (count) => {
      failEntries = count;
    },
  };
}
