import { type AttributeValue, type DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { REASONS, type Result, STATUSES, type VantageSeen } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, type Item, jsonOf, readItem, versionOf } from './item.js';
import { keys } from './keys.js';
import { resultEntity } from './results.js';
import { TableIo } from './table-io.js';

/** What one confirming vantage saw of one agency in one round (written by `dvcwatch agent` on AWS). */
export interface VantageObservation {
  agencyId: string;
  /** The round's time. */
  at: string;
  seen: VantageSeen;
}

const S = (s: string): AttributeValue => ({ S: s });

const Observation = z.object({
  agencyId: z.string().min(1),
  at: z.string().min(1),
  seen: z.object({
    id: z.string().min(1),
    status: z.enum(STATUSES).nullable(),
    reason: z.enum(REASONS).nullable(),
    at: z.string().nullable(),
  }),
});

export const vantageObservationEntity: Entity<VantageObservation> = {
  name: 'vantage observation',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(Observation) }).transform((i) => i.data) },
};

/** Observations kept this long: they only matter until their round is finalized. */
const KEEP_DAYS = 14;

/**
 * Vantage observations: one item per agency + round + vantage, first write wins (a redelivered job never
 * changes what was seen). Also settles a stored result once the vantages decided it (`settleResult`).
 */
export class VantageObservations {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  /** Stores an observation once; false when this vantage already reported for the agency and round. */
  async put(o: VantageObservation): Promise<boolean> {
    return new TableIo(this.client, this.table).putIf({
      Item: {
        ...this.key(o.agencyId, o.at, o.seen.id),
        ...versionOf(vantageObservationEntity),
        data: S(JSON.stringify(o)),
        expiresAt: { N: String(Math.floor(Date.parse(o.at) / 1000) + KEEP_DAYS * 86_400) },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async get(agencyId: string, at: string, vantageId: string): Promise<VantageObservation | null> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: this.key(agencyId, at, vantageId), ConsistentRead: true }),
    );
    return out.Item ? readItem(vantageObservationEntity, out.Item) : null;
  }

  /** Every observation of an agency in a round, whatever the vantage. */
  async forRound(agencyId: string, at: string): Promise<VantageObservation[]> {
    const k = keys.vantageObservation(agencyId, at, '');
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': S(k.pk), ':p': S(k.sk) },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i: Item) => readItem(vantageObservationEntity, i));
  }

  /**
   * Replaces a stored `down` result by what the vantages made of it (`blocked`/`geo`, or `down` with every
   * vantage listed). Conditional on the stored row still being an unsettled `down`, so it happens once. The item
   * has the shape ResultsRepo writes (results.ts).
   */
  async settleResult(r: Result, retentionDays: number): Promise<boolean> {
    return new TableIo(this.client, this.table).putIf({
      Item: {
        pk: S(keys.result(r.agencyId, r.at).pk),
        sk: S(keys.result(r.agencyId, r.at).sk),
        data: S(JSON.stringify(r)),
        ...versionOf(resultEntity),
        status: S(r.status),
        settled: { BOOL: true },
        expiresAt: { N: String(Math.floor(Date.parse(r.at) / 1000) + retentionDays * 86_400) },
      },
      ConditionExpression: '#s = :down AND attribute_not_exists(settled)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':down': S('down') },
    });
  }

  private key(agencyId: string, at: string, vantageId: string): Record<string, AttributeValue> {
    const k = keys.vantageObservation(agencyId, at, vantageId);
    return { pk: S(k.pk), sk: S(k.sk) };
  }
}
