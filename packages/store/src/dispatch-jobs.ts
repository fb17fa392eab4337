import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { type Entity, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import { TableIo } from './table-io.js';

/** Markers are only needed while a round can still be dispatched again. */
const KEEP_SECONDS = 2 * 24 * 3600;

/** One agency's job in a round's dispatch, as its marker records it. */
export interface DispatchJob {
  state: 'claimed' | 'queued';
  /** The dispatch that claimed it. */
  owner: string;
  /** Epoch ms until which the claim holds (0: given up). */
  leaseUntil: number;
  /** SQS's id once the queue accepted the job. */
  messageId: string | null;
}

/** Version 1: attributes on the item (`claim` writes them, `queued` and `release` update them). */
const DispatchJobItemV1 = z
  .object({
    state: z.enum(['claimed', 'queued']),
    owner: z.string(),
    leaseUntil: z.number(),
    messageId: z.string().nullable().default(null),
  })
  .transform((j): DispatchJob => j);

export const dispatchJobEntity: Entity<DispatchJob> = { name: 'dispatch job', current: 1, versions: { 1: DispatchJobItemV1 } };

/**
 * Per-agency dispatch markers for one round: a conditional claim before the job is sent to the queue, `queued`
 * after. A second delivery of the round's event, or a retry after a crash, sends only jobs that are neither queued
 * nor claimed by a dispatch still within its lease.
 */
export class DispatchJobs {
  private readonly io: TableIo;

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {
    this.io = new TableIo(client, table);
  }

  /**
   * Claims an agency's job for `owner` until `now + leaseMs`. False when it is already queued, or claimed by
   * another dispatch whose lease has not run out (that one sends it).
   */
  claim(at: string, agencyId: string, owner: string, now: number, leaseMs: number): Promise<boolean> {
    return this.io.putIf({
      Item: {
        ...keyOf(keys.dispatchJob(at, agencyId)),
        ...versionOf(dispatchJobEntity),
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
    await this.io.updateIf(keys.dispatchJob(at, agencyId), {
      UpdateExpression: 'SET leaseUntil = :zero',
      ConditionExpression: '#s = :claimed AND #o = :owner',
      ExpressionAttributeNames: { '#s': 'state', '#o': 'owner' },
      ExpressionAttributeValues: { ':zero': N(0), ':claimed': S('claimed'), ':owner': S(owner) },
    });
  }

  /** Records that the queue accepted the job (idempotent). */
  async queued(at: string, agencyId: string, messageId: string): Promise<void> {
    await this.io.update(keys.dispatchJob(at, agencyId), {
      UpdateExpression: 'SET #s = :queued, messageId = :m',
      ExpressionAttributeNames: { '#s': 'state' },
      ExpressionAttributeValues: { ':queued': S('queued'), ':m': S(messageId) },
    });
  }

  /** An agency's marker in a round's dispatch, or null when its job was never claimed. */
  async get(at: string, agencyId: string): Promise<DispatchJob | null> {
    const item = await this.io.get(keys.dispatchJob(at, agencyId));
    return item ? readItem(dispatchJobEntity, item) : null;
  }
}
