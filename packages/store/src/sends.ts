import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { isConditionFailed } from './errors.js';
import { type Entity, jsonOf, readItem } from './item.js';
import { keys } from './keys.js';
import { TableIo } from './table-io.js';

/** One email's send record: written before the send, so a retried job cannot send twice. */
export interface SendRecord {
  scope: string;
  topic: string;
  step: string;
  /**
   * `suppressed`: decided while replaying demo history and deliberately never sent (runner/replay.ts).
   * `rejected`: SES refused it for good (sandbox, unverified address or sender); `lastError` holds SES's reason.
   */
  state: 'pending' | 'sent' | 'suppressed' | 'rejected';
  kind: string;
  to: string[];
  subject: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  messageId: string | null;
  lastError: string | null;
}

export type Claim = 'claimed' | 'already-sent' | 'busy' | 'rejected';

/** An email SES refused for good, as listed to the operators. */
export interface Rejection {
  at: string;
  scope: string;
  topic: string;
  step: string;
  kind: string;
  to: string[];
  reason: string;
}

const STATES = ['pending', 'sent', 'suppressed', 'rejected'] as const;

export interface SesEvent {
  at: string;
  type: 'Bounce' | 'Complaint' | 'Delivery' | string;
  messageId: string;
  recipients: string[];
  detail: string;
}

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });

/**
 * A send row as written by `claim` (UpdateItem, attributes spread on the item); `to` is a string set (`(none)`
 * when empty). Fields absent on rows of older code take their defaults.
 */
const SendItemV1 = z
  .object({
    scope: z.string().default(''),
    topic: z.string().default(''),
    step: z.string().default(''),
    state: z.enum(STATES).catch('pending'),
    kind: z.string().default(''),
    to: z.array(z.string()).default([]),
    subject: z.string().default(''),
    attempts: z.number().default(0),
    createdAt: z.string().default(''),
    sentAt: z.string().nullable().default(null),
    messageId: z.string().nullable().default(null),
    lastError: z.string().nullable().default(null),
  })
  .transform((r): SendRecord => r);

export const sendEntity: Entity<SendRecord> = { name: 'send', current: 1, versions: { 1: SendItemV1 } };

const RejectionPayload = z.object({
  at: z.string(),
  scope: z.string(),
  topic: z.string(),
  step: z.string(),
  kind: z.string(),
  to: z.array(z.string()),
  reason: z.string(),
}) satisfies z.ZodType<Rejection>;

export const rejectionEntity: Entity<Rejection> = {
  name: 'SES rejection',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(RejectionPayload) }).transform((i) => i.data) },
};

const SesEventPayload = z.object({
  at: z.string(),
  type: z.string(),
  messageId: z.string(),
  recipients: z.array(z.string()),
  detail: z.string(),
}) satisfies z.ZodType<SesEvent>;

export const sesEventEntity: Entity<SesEvent> = {
  name: 'SES event',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(SesEventPayload) }).transform((i) => i.data) },
};

const toRecord = (i: Record<string, AttributeValue>): SendRecord => readItem(sendEntity, i);

/** Send records and SES feedback, kept beside the results in the one table. */
export class Sends {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  /**
   * Claims the right to send one email, keyed (scope, topic, step). Succeeds when no record exists, or when an
   * earlier attempt died before sending and its lease ran out; never when the email was already sent.
   */
  async claim(
    r: Pick<SendRecord, 'scope' | 'topic' | 'step' | 'kind' | 'to' | 'subject'>,
    nowMs: number,
    leaseMs: number,
  ): Promise<Claim> {
    const k = keys.send(r.scope, r.topic, r.step);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { pk: S(k.pk), sk: S(k.sk) },
          UpdateExpression:
            'SET #state = :pending, leaseUntil = :lease, #scope = :scope, #topic = :topic, #step = :step, #kind = :kind, #to = :to, #subject = :subject, createdAt = if_not_exists(createdAt, :now) ADD attempts :one',
          ConditionExpression: 'attribute_not_exists(pk) OR (#state = :pending AND leaseUntil < :nowMs)',
          ExpressionAttributeNames: {
            '#state': 'state',
            '#to': 'to',
            '#scope': 'scope',
            '#topic': 'topic',
            '#step': 'step',
            '#kind': 'kind',
            '#subject': 'subject',
          },
          ExpressionAttributeValues: {
            ':pending': S('pending'),
            ':lease': N(nowMs + leaseMs),
            ':nowMs': N(nowMs),
            ':now': S(new Date(nowMs).toISOString()),
            ':scope': S(r.scope),
            ':topic': S(r.topic),
            ':step': S(r.step),
            ':kind': S(r.kind),
            ':to': { SS: r.to.length ? r.to : ['(none)'] },
            ':subject': S(r.subject),
            ':one': N(1),
          },
        }),
      );
      return 'claimed';
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      const out = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: { pk: S(k.pk), sk: S(k.sk) }, ConsistentRead: true }),
      );
      // A suppressed email is settled like a sent one: retrying it would send what was decided never to send.
      const state = out.Item?.state?.S;
      // A rejected send is settled too: SES refuses the same address again; the operators were told once.
      if (state === 'rejected') return 'rejected';
      return state === 'sent' || state === 'suppressed' ? 'already-sent' : 'busy';
    }
  }

  /**
   * Records an email that is deliberately not sent (an alert decided while replaying history). Written only where
   * no record exists, and never claimable afterwards (`claim` takes only a free key or a lapsed `pending` one), so
   * the email can never go out later either. Returns false if the key already had a record.
   */
  async suppress(
    r: Pick<SendRecord, 'scope' | 'topic' | 'step' | 'kind' | 'to' | 'subject'>,
    nowMs: number,
    why: string,
  ): Promise<boolean> {
    const k = keys.send(r.scope, r.topic, r.step);
    return new TableIo(this.client, this.table).putIf({
      Item: {
        pk: S(k.pk),
        sk: S(k.sk),
        state: S('suppressed'),
        scope: S(r.scope),
        topic: S(r.topic),
        step: S(r.step),
        kind: S(r.kind),
        to: { SS: r.to.length ? r.to : ['(none)'] },
        subject: S(r.subject),
        attempts: N(0),
        createdAt: S(new Date(nowMs).toISOString()),
        lastError: S(why.slice(0, 500)),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** Records a successful send. */
  async sent(scope: string, topic: string, step: string, messageId: string, nowMs: number): Promise<void> {
    const k = keys.send(scope, topic, step);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(k.pk), sk: S(k.sk) },
        UpdateExpression: 'SET #state = :sent, messageId = :m, sentAt = :at REMOVE leaseUntil, lastError',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sent': S('sent'), ':m': S(messageId), ':at': S(new Date(nowMs).toISOString()) },
      }),
    );
  }

  /**
   * Records a send SES refused for good: the key is settled (never retried) and the refusal is listed for the
   * operators' daily email (`rejections`).
   */
  async rejected(r: Pick<Rejection, 'scope' | 'topic' | 'step' | 'kind' | 'to' | 'reason'>, nowMs: number): Promise<void> {
    const k = keys.send(r.scope, r.topic, r.step);
    const at = new Date(nowMs).toISOString();
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(k.pk), sk: S(k.sk) },
        UpdateExpression: 'SET #state = :rejected, lastError = :e REMOVE leaseUntil',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':rejected': S('rejected'), ':e': S(r.reason.slice(0, 500)) },
      }),
    );
    const ix = keys.rejection(at, r.scope, r.topic, r.step);
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: { pk: S(ix.pk), sk: S(ix.sk), data: S(JSON.stringify({ ...r, at, reason: r.reason.slice(0, 500) })) },
      }),
    );
  }

  /** Sends SES refused for good between two instants (ISO), oldest first. */
  async rejections(since: string, until: string): Promise<Rejection[]> {
    const out: Rejection[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': S(keys.rejectionPk), ':a': S(since), ':b': S(`${until}\uffff`) },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map((i) => readItem(rejectionEntity, i)));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** Releases a claim after a failed send so a later retry may claim it at once. */
  async failed(scope: string, topic: string, step: string, error: string): Promise<void> {
    const k = keys.send(scope, topic, step);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(k.pk), sk: S(k.sk) },
        UpdateExpression: 'SET leaseUntil = :zero, lastError = :e',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':zero': N(0), ':e': S(error.slice(0, 500)), ':pending': S('pending') },
      }),
    );
  }

  /** Send records of one scope (an agency id or `ops`), or of every scope. */
  async list(scope?: string): Promise<SendRecord[]> {
    if (scope) {
      const out: SendRecord[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': S(keys.send(scope, '', '').pk) },
            ExclusiveStartKey: start,
          }),
        );
        out.push(...(page.Items ?? []).map(toRecord));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    }
    // Operators' view across all agencies: a filtered scan is fine at this size (hundreds of items a year).
    const out: SendRecord[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.table,
          FilterExpression: 'begins_with(pk, :p)',
          ExpressionAttributeValues: { ':p': S(keys.sendScopePrefix) },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(toRecord));
      start = page.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Records a bounce or complaint reported by SES. */
  async putSesEvent(e: SesEvent): Promise<void> {
    const k = keys.sesEvent(e.at, e.messageId);
    await this.client.send(
      new PutItemCommand({ TableName: this.table, Item: { pk: S(k.pk), sk: S(k.sk), data: S(JSON.stringify(e)) } }),
    );
  }

  async sesEvents(): Promise<SesEvent[]> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': S('v1#ses-events') },
      }),
    );
    return (out.Items ?? []).map((i) => readItem(sesEventEntity, i));
  }
}
