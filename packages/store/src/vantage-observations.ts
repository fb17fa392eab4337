import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { REASONS, STATUSES, type VantageSeen } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import { TableIo } from './table-io.js';

/** What one confirming vantage saw of one agency in one round (written by `dvcwatch agent` on AWS). */
export interface VantageObservation {
  agencyId: string;
  /** The round's time. */
  at: string;
  seen: VantageSeen;
}

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
 * changes what was seen). The result they settle is rewritten by ResultsRepo (`settle`), the result row's one writer.
 */
export class VantageObservations {
  private readonly io: TableIo;

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {
    this.io = new TableIo(client, table);
  }

  /** Stores an observation once; false when this vantage already reported for the agency and round. */
  put(o: VantageObservation): Promise<boolean> {
    return this.io.putIf({
      Item: {
        ...keyOf(keys.vantageObservation(o.agencyId, o.at, o.seen.id)),
        ...versionOf(vantageObservationEntity),
        data: S(JSON.stringify(o)),
        expiresAt: N(Math.floor(Date.parse(o.at) / 1000) + KEEP_DAYS * 86_400),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async get(agencyId: string, at: string, vantageId: string): Promise<VantageObservation | null> {
    const item = await this.io.get(keys.vantageObservation(agencyId, at, vantageId));
    return item ? readItem(vantageObservationEntity, item) : null;
  }

  /** Every observation of an agency in a round, whatever the vantage. */
  async forRound(agencyId: string, at: string): Promise<VantageObservation[]> {
    const k = keys.vantageObservation(agencyId, at, '');
    const items = await this.io.queryPrefix(k.pk, k.sk, { consistent: true });
    return items.map((i) => readItem(vantageObservationEntity, i));
  }
}
