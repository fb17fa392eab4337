import { type AttributeValue, type DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { isConditionFailed } from './errors.js';
import { keys } from './keys.js';
import { TableIo } from './table-io.js';

/** Markers are only needed while a round can still be dispatched again. */
const KEEP_SECONDS = 2 * 24 * 3600;

/**
 * Per-agency dispatch markers for one round: a conditional claim before the job is sent to the queue, `queued`
 * after. A second delivery of the round's event, or a retry after a crash, sends only jobs that are neither queued
 * nor claimed by a dispatch still within its lease.
 */
export class DispatchJobs {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  /**
   * Claims an agency's job for `owner` until `now + leaseMs`. False when it is already queued, or claimed by
   * another dispatch whose lease has not run out (that one sends it).
   */
  async claim(at: string, agencyId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const k = keys.dispatchJob(at, agencyId);
    return new TableIo(this.client, this.table).putIf({
      Item: {
        pk: S(k.pk),
        sk: S(k.sk),
        schemaVersion: N(1),
        state: S('claimed'),
        owner: S(owner),
        leaseUntil: N(now + leaseMs),
        expiresAt: N(Math.floor(now / 1000) + KEEP_SECONDS),
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#s = :claimed AND leaseUntil < :now)',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':claimed': S('claimed'), ':now': N(now) },
    });
  }

  /** Gives a claim up at once (the queue refused the job): the next delivery or retry sends it. */
  async release(at: string, agencyId: string, owner: string): Promise<void> {
    const k = keys.dispatchJob(at, agencyId);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { pk: S(k.pk), sk: S(k.sk) },
          UpdateExpression: 'SET leaseUntil = :zero',
          ConditionExpression: '#s = :claimed AND #o = :owner',
          ExpressionAttributeNames: { '#s': 'state', '#o': 'owner' },
          ExpressionAttributeValues: { ':zero': N(0), ':claimed': S('claimed'), ':owner': S(owner) },
        }),
      );
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
    }
  }

  /** Records that the queue accepted the job (idempotent). */
  async queued(at: string, agencyId: string, messageId: string): Promise<void> {
    const k = keys.dispatchJob(at, agencyId);
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: { pk: S(k.pk), sk: S(k.sk) },
        UpdateExpression: 'SET #s = :queued, messageId = :m',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':queued': S('queued'), ':m': S(messageId) },
      }),
    );
  }
}

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });
