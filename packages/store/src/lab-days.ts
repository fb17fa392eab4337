import { addLabRun, type LabDay, type LabRun } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, jsonOf, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';
import { changeVersioned, type VersionedDoc } from './versioned.js';

// Loose throughout, as the run around them: a field added by newer code survives `add`'s rewrite of the row.
const LabMetrics = z.looseObject({
  fcpMs: z.number().nullable(),
  lcpMs: z.number().nullable(),
  speedIndexMs: z.number().nullable(),
  tbtMs: z.number().nullable(),
  cls: z.number().nullable(),
  score: z.number().nullable(),
});

const LabOpportunity = z.looseObject({
  id: z.string(),
  savingsMs: z.number().nullable(),
  savingsBytes: z.number().nullable(),
  value: z.number().nullable(),
  url: z.string().nullable(),
});

/** A run as the lab stored it; loose, so a field added by newer code of the same version survives a rewrite. */
const LabRunPayload = z.looseObject({
  page: z.enum(['home', 'form']),
  url: z.string(),
  at: z.string(),
  tool: z.literal('lighthouse'),
  version: z.string(),
  benchmarkIndex: z.number().nullable(),
  settings: z.looseObject({
    formFactor: z.string(),
    throttlingMethod: z.string(),
    rttMs: z.number().nullable(),
    throughputKbps: z.number().nullable(),
    cpuSlowdownMultiplier: z.number().nullable(),
    screen: z.looseObject({ width: z.number(), height: z.number(), deviceScaleFactor: z.number() }).nullable(),
  }),
  metrics: LabMetrics.nullable(),
  error: z.string().nullable(),
  // Runs stored before these existed have none.
  opportunities: z.array(LabOpportunity).optional(),
  warnings: z.array(z.string()).optional(),
  durationMs: z.number(),
}) satisfies z.ZodType<LabRun>;

const LabDayPayload = z.looseObject({
  agencyId: z.string().min(1),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  runs: z.array(LabRunPayload),
}) satisfies z.ZodType<LabDay>;

/**
 * A lab-day row: the day as JSON in `data` and an optimistic-lock `version`. Version 1 is also the shape written
 * before schemaVersion existed (the same two attributes, no `schemaVersion`).
 */
const LabDayItemV1 = z.object({ data: jsonOf(LabDayPayload), version: z.number().default(0) });
type LabDayRow = { day: LabDay; version: number };

export const labDayEntity: Entity<LabDayRow> = {
  name: 'lab day',
  current: 1,
  versions: { 1: LabDayItemV1.transform((i) => ({ day: i.data, version: i.version })) },
};

const labDayDoc: VersionedDoc<LabDay> = {
  name: 'lab day',
  read: (item) => {
    const { day, version } = readItem(labDayEntity, item);
    return { doc: day, version };
  },
  write: (day) => ({ ...versionOf(labDayEntity), data: S(JSON.stringify(day)) }),
};

/**
 * The ministry profile's runs, one item per agency and Vietnamese day (a few runs of two pages: a few kB). Runs are
 * appended with a versioned conditional write, so the lab function and a local `round --lab` never lose one.
 */
export class LabDayRepo {
  constructor(readonly io: TableIo) {}

  async get(agencyId: string, day: string): Promise<LabDay | null> {
    const item = await this.io.get(keys.labDay(agencyId, day));
    return item ? readItem(labDayEntity, item).day : null;
  }

  /** Appends a run to the agency's `day` (idempotent for the same page and time); returns the day as stored. */
  add(agencyId: string, day: string, run: LabRun): Promise<LabDay> {
    return changeVersioned(this.io, keys.labDay(agencyId, day), labDayDoc, (prev) => addLabRun(prev, { agencyId, day }, run));
  }

  /** An agency's lab days between two days (YYYY-MM-DD, inclusive), oldest first. */
  async days(agencyId: string, fromDay: string, toDay: string): Promise<LabDay[]> {
    const p = keys.labDayPrefix;
    const items = await this.io.query(keys.labDay(agencyId, '').pk, `${p}${fromDay}`, `${p}${toDay}`);
    return items.map((i) => readItem(labDayEntity, i).day);
  }
}
