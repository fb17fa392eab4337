import { gzipSync } from 'node:zlib';
import type { Edition } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, gzipJsonOf, keyOf, readItem, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

const n = z.number().nullable();

const EditionAgencyPayload = z.object({
  agencyId: z.string().min(1),
  name: z.string(),
  kind: z.string(),
  rounds: z.number(),
  replayedRounds: z.number(),
  availability: n,
  homeLcpMedianMs: n,
  formReadyMedianMs: n,
  breachShare: n,
  scoreMedian: n,
  checksPassed: n,
  checksJudged: n,
  incidents: z.number(),
  incidentMinutes: z.number(),
  downtimeHours: z.number(),
  labHomeLcpMs: n,
  labHomeScore: n,
  labFormLcpMs: n,
  index766Total: n,
});

export const EditionPayload = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  generatedAt: z.iso.datetime(),
  index766: z.object({ fetchedAt: z.string(), sha256: z.string(), period: z.string() }).nullable(),
  agencies: z.array(EditionAgencyPayload),
  national: z.object({ availability: n, homeLcpMedianMs: n, scoreMedian: n, index766Total: n }),
}) satisfies z.ZodType<Edition>;

/** An edition row: the edition as gzipped JSON in `blob` (a thousand agencies stay well under the item limit). */
const EditionItemV1 = z.object({ blob: gzipJsonOf(EditionPayload) });

export const editionEntity: Entity<Edition> = {
  name: 'monthly edition',
  current: 1,
  versions: { 1: EditionItemV1.transform((i) => i.blob) },
};

/** Monthly editions: each written once (a conditional put), never replaced; corrections go in the next one. */
export class EditionsRepo {
  constructor(readonly io: TableIo) {}

  /** Writes the edition if none exists for its month; false when one is already there (it is left as it was). */
  putOnce(e: Edition): Promise<boolean> {
    return this.io.putIf({
      Item: { ...keyOf(keys.edition(e.month)), ...versionOf(editionEntity), blob: { B: gzipSync(JSON.stringify(e)) } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  async get(month: string): Promise<Edition | null> {
    const item = await this.io.get(keys.edition(month));
    return item ? readItem(editionEntity, item) : null;
  }

  /** Every edition, newest first. */
  async list(): Promise<Edition[]> {
    const p = keys.editionPrefix;
    const items = await this.io.query(keys.editionPk, p, `${p}~`, { desc: true });
    return items.map((i) => readItem(editionEntity, i));
  }
}
