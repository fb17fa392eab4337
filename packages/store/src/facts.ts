import { gzipSync } from 'node:zlib';
import type { Facts, StoredFacts } from '@dvcwatch/core';
import { z } from 'zod';
import { CorruptItemError } from './errors.js';
import { type Entity, gzipJsonOf, keyOf, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

/** DynamoDB's item limit is 400 KB; leave room for the keys. */
const MAX_FACTS_BYTES = 350 * 1024;

const FactsPayload = z.object({
  agencyId: z.string().min(1),
  at: z.string(),
  retriedAt: z.string().optional(),
  surface: z.array(z.string()).nullable(),
  config: z.string(),
  // The gathered facts are the probe's raw record, judged again by core on use; checked to be an object here.
  facts: z.custom<Facts>((v) => typeof v === 'object' && v !== null, 'a facts object'),
}) satisfies z.ZodType<StoredFacts>;

/** The facts row: gzipped JSON in `blob`, the round they were gathered at in `at` (for the conditional write). */
const FactsItemV1 = z.object({ blob: gzipJsonOf(FactsPayload), at: z.string() });

export const factsEntity: Entity<StoredFacts> = {
  name: 'facts',
  current: 1,
  versions: { 1: FactsItemV1.transform((i) => i.blob) },
};

/** Each agency's last gathered check facts, reused between catalogue runs. */
export class FactsRepo {
  constructor(readonly io: TableIo) {}

  /**
   * The agency's last facts, or null: none yet, or unreadable (they are then simply gathered again). A row of an
   * unknown newer schemaVersion is a typed error (UnknownSchemaVersionError).
   */
  async get(agencyId: string): Promise<StoredFacts | null> {
    const item = await this.io.get(keys.facts(agencyId), false);
    try {
      return item ? readItem(factsEntity, item) : null;
    } catch (e) {
      if (e instanceof CorruptItemError) return null;
      throw e;
    }
  }

  /**
   * Keeps an agency's facts, gzipped. Never replaces facts of a later round (an overlapping replay of an earlier
   * hour). False when not kept: a later round's facts are there, or they are too large for one item.
   */
  async put(f: StoredFacts): Promise<boolean> {
    const blob = gzipSync(JSON.stringify(f));
    if (blob.byteLength > MAX_FACTS_BYTES) return false;
    return this.io.putIf({
      Item: { ...keyOf(keys.facts(f.agencyId)), ...versionOf(factsEntity), blob: { B: blob }, at: S(f.at) },
      ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':at': S(f.at) },
    });
  }
}
