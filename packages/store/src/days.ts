import { addToAggregate, type DailyAggregate, type Result, STATUSES } from '@dvcwatch/core';
import { z } from 'zod';
import { ConflictError } from './errors.js';
import { type Entity, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

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

/** Daily aggregates per agency (the site's long trends): one row per agency and Vietnamese day. */
export class DaysRepo {
  constructor(readonly io: TableIo) {}

  /** Adds a result to its day's aggregate, retrying on a concurrent update (idempotent per round). */
  async add(r: Result): Promise<DailyAggregate> {
    for (let attempt = 0; ; attempt++) {
      const k = keys.day(r.agencyId, dayOf(r));
      const item = await this.io.get(k);
      const current = item ? readItem(dayEntity, item) : null;
      const prev = current?.aggregate ?? null;
      const next = addToAggregate(prev, r);
      if (next === prev) return next;
      const version = current?.version ?? 0;
      const written = await this.io.putVersioned(
        { ...keyOf(k), ...versionOf(dayEntity), data: S(JSON.stringify(next)), version: N(version + 1) },
        item ? version : null,
      );
      if (written) return next;
      if (attempt >= 5) throw new ConflictError(`day aggregate ${k.pk} / ${k.sk}: still contended after ${attempt + 1} attempts`);
    }
  }

  /** An agency's daily aggregates between two days (YYYY-MM-DD), oldest first. */
  async list(agencyId: string, fromDay: string, toDay: string): Promise<DailyAggregate[]> {
    const p = keys.dayPrefix;
    const items = await this.io.query(keys.day(agencyId, '').pk, `${p}${fromDay}`, `${p}${toDay}`);
    return items.map((i) => readItem(dayEntity, i).aggregate);
  }
}
