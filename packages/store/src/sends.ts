import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import {
  type Claim,
  type Rejection,
  rejectionEntity,
  type SendRecord,
  type SesEvent,
  sendEntity,
  sesEventEntity,
} from './send-schema.js';
import { TableIo } from './table-io.js';

type SendFields = Pick<SendRecord, 'scope' | 'topic' | 'step' | 'kind' | 'to' | 'subject'>;

/** Recipients as a string set: DynamoDB has no empty set, so none is `(none)`. */
const recipients = (to: string[]): AttributeValue => ({ SS: to.length ? to : ['(none)'] });

/** Send records and SES feedback, kept beside the results in the one table. */
export class Sends {
  private readonly io: TableIo;

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {
    this.io = new TableIo(client, table);
  }

  /**
   * Claims the right to send one email, keyed (scope, topic, step). Succeeds when no record exists, or when an
   * earlier attempt died before sending and its lease ran out; never when the email was already sent.
   */
  async claim(r: SendFields, nowMs: number, leaseMs: number): Promise<Claim> {
    const k = keys.send(r.scope, r.topic, r.step);
    const claimed = await this.io.updateIf(k, {
      UpdateExpression:
        'SET schemaVersion = :sv, #state = :pending, leaseUntil = :lease, #scope = :scope, #topic = :topic, #step = :step, #kind = :kind, #to = :to, #subject = :subject, createdAt = if_not_exists(createdAt, :now) ADD attempts :one',
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
        ':sv': N(sendEntity.current),
        ':pending': S('pending'),
        ':lease': N(nowMs + leaseMs),
        ':nowMs': N(nowMs),
        ':now': S(new Date(nowMs).toISOString()),
        ':scope': S(r.scope),
        ':topic': S(r.topic),
        ':step': S(r.step),
        ':kind': S(r.kind),
        ':to': recipients(r.to),
        ':subject': S(r.subject),
        ':one': N(1),
      },
    });
    if (claimed) return 'claimed';
    const item = await this.io.get(k);
    // Only the state is read, as before the row had a schema: a row this code cannot parse still answers `busy`.
    const state = item?.state?.S ?? null;
    // A rejected send is settled too: SES refuses the same address again; the operators were told once.
    if (state === 'rejected') return 'rejected';
    // A suppressed email is settled like a sent one: retrying it would send what was decided never to send.
    return state === 'sent' || state === 'suppressed' ? 'already-sent' : 'busy';
  }

  /**
   * Records an email that is deliberately not sent (an alert decided while replaying history). Written only where
   * no record exists, and never claimable afterwards (`claim` takes only a free key or a lapsed `pending` one), so
   * the email can never go out later either. Returns false if the key already had a record.
   */
  suppress(r: SendFields, nowMs: number, why: string): Promise<boolean> {
    return this.io.putIf({
      Item: {
        ...keyOf(keys.send(r.scope, r.topic, r.step)),
        ...versionOf(sendEntity),
        state: S('suppressed'),
        scope: S(r.scope),
        topic: S(r.topic),
        step: S(r.step),
        kind: S(r.kind),
        to: recipients(r.to),
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
    await this.io.update(keys.send(scope, topic, step), {
      UpdateExpression: 'SET #state = :sent, messageId = :m, sentAt = :at REMOVE leaseUntil, lastError',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': S('sent'), ':m': S(messageId), ':at': S(new Date(nowMs).toISOString()) },
    });
  }

  /**
   * Records a send SES refused for good: the key is settled (never retried) and the refusal is listed for the
   * operators' daily email (`rejections`).
   */
  async rejected(r: Pick<Rejection, 'scope' | 'topic' | 'step' | 'kind' | 'to' | 'reason'>, nowMs: number): Promise<void> {
    const at = new Date(nowMs).toISOString();
    const reason = r.reason.slice(0, 500);
    await this.io.update(keys.send(r.scope, r.topic, r.step), {
      UpdateExpression: 'SET #state = :rejected, lastError = :e REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':rejected': S('rejected'), ':e': S(reason) },
    });
    await this.io.put({
      Item: {
        ...keyOf(keys.rejection(at, r.scope, r.topic, r.step)),
        ...versionOf(rejectionEntity),
        data: S(JSON.stringify({ ...r, at, reason })),
      },
    });
  }

  /** Sends SES refused for good between two instants (ISO), oldest first. */
  async rejections(since: string, until: string): Promise<Rejection[]> {
    const items = await this.io.query(keys.rejectionPk, since, `${until}\uffff`);
    return items.map((i) => readItem(rejectionEntity, i));
  }

  /** Releases a claim after a failed send so a later retry may claim it at once. */
  async failed(scope: string, topic: string, step: string, error: string): Promise<void> {
    await this.io.update(keys.send(scope, topic, step), {
      UpdateExpression: 'SET leaseUntil = :zero, lastError = :e',
      ConditionExpression: '#state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':zero': N(0), ':e': S(error.slice(0, 500)), ':pending': S('pending') },
    });
  }

  /** Send records of one scope (an agency id or `ops`), or of every scope. */
  async list(scope?: string): Promise<SendRecord[]> {
    if (scope) return (await this.io.queryPrefix(keys.send(scope, '', '').pk, '')).map((i) => readItem(sendEntity, i));
    // Operators' view across all agencies: a filtered scan is fine at this size (hundreds of items a year).
    const items = await this.io.scanPkPrefix(keys.sendScopePrefix);
    return items.map((i) => readItem(sendEntity, i)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Records a bounce or complaint reported by SES. */
  async putSesEvent(e: SesEvent): Promise<void> {
    await this.io.put({
      Item: { ...keyOf(keys.sesEvent(e.at, e.messageId)), ...versionOf(sesEventEntity), data: S(JSON.stringify(e)) },
    });
  }

  async sesEvents(): Promise<SesEvent[]> {
    const items = await this.io.queryPrefix(keys.sesEvent('', '').pk, '');
    return items.map((i) => readItem(sesEventEntity, i));
  }
}
