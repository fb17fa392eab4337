import { addToAggregate, type DailyAggregate, type Result, STATUSES } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, jsonOf, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';
import { changeVersioned, type VersionedDoc } from './versioned.js';

const counts = z.record(z.string(), z.number());

export const DailyAggregatePayload = z.looseObject({
  agencyId: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  rounds: z.number(),
  statuses: z.partialRecord(z.enum(STATUSES), z.number()),
  homeLoadMs: z.array(z.number()),
  homeLcpMs: z.array(z.number()),
  formReadyMs: z.array(z.number()),
  scores: z.array(z.number()),
  failedChecks: counts,
  breaches: counts,
  ats: z.array(z.string()),
  replayed: z.number().optional(),
  causes: z.record(z.string(), z.object({ rounds: z.number(), text: z.string() })).optional(),
}) satisfies z.ZodType<DailyAggregate>;

/** A day row: the aggregate as JSON in `data`, and an optimistic-lock `version`. */
const DayItemV1 = z.object({ data: jsonOf(DailyAggregatePayload), version: z.number().default(0) });
type DayRow = { aggregate: DailyAggregate; version: number };

export const dayEntity: Entity<DayRow> = {
  name: 'day aggregate',
  current: 1,
  versions: { 1: DayItemV1.transform((i) => ({ aggregate: i.data, version: i.version })) },
};

const dayOf = (r: Result): string => addToAggregate(null, r).day;

const dayDoc: VersionedDoc<DailyAggregate> = {
  name: 'day aggregate',
  read: (item) => {
    const { aggregate, version } = readItem(dayEntity, item);
    return { doc: aggregate, version };
  },
  write: (aggregate) => ({ ...versionOf(dayEntity), data: S(JSON.stringify(aggregate)) }),
};

/** Daily aggregates per agency (the site's long trends): one row per agency and Vietnamese day. */
export class DaysRepo {
  constructor(readonly io: TableIo) {}

  /** Adds a result to its day's aggregate, retrying on a concurrent update (idempotent per round). */
  add(r: Result): Promise<DailyAggregate> {
    return changeVersioned(this.io, keys.day(r.agencyId, dayOf(r)), dayDoc, (prev) => addToAggregate(prev, r));
  }

  /** An agency's daily aggregates between two days (YYYY-MM-DD), oldest first. */
  async list(agencyId: string, fromDay: string, toDay: string): Promise<DailyAggregate[]> {
    const p = keys.dayPrefix;
    const items = await this.io.query(keys.day(agencyId, '').pk, `${p}${fromDay}`, `${p}${toDay}`);
    return items.map((i) => readItem(dayEntity, i).aggregate);
  }
}
