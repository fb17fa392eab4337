import { initialHealth, type MonitorHealth } from '@dvcwatch/core';
import { z } from 'zod';
import { ConflictError } from './errors.js';
import { type Entity, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

/** The record as JSON in `data`; code before item-level schemaVersion wrote `schemaVersion: 1` inside the JSON. */
const HealthPayload = z.object({
  schemaVersion: z.literal(1).optional(),
  reachable: z.array(z.string()),
  outage: z.object({ since: z.string(), affected: z.array(z.string()) }).nullable(),
  lastAt: z.string().nullable(),
});

/** Version 1: `data` and an optimistic-lock `version` (also the shape of rows without an item-level schemaVersion). */
const HealthItemV1 = z.object({ data: jsonOf(HealthPayload), version: z.number().default(0) });

export const monitorHealthEntity: Entity<MonitorHealth> = {
  name: 'monitor health',
  current: 1,
  versions: {
    1: HealthItemV1.transform(({ data: { schemaVersion: _v, ...h }, version }): MonitorHealth => ({ ...h, version })),
  },
};

/** The monitor's own network health: one record, advanced once per round with a conditional write. */
export class MonitorHealthRepo {
  constructor(readonly io: TableIo) {}

  /** The record, or the initial one when none was written yet. */
  async get(): Promise<MonitorHealth> {
    const item = await this.io.get(keys.monitorHealth());
    return item ? readItem(monitorHealthEntity, item) : initialHealth();
  }

  /** Writes `next` if the stored version is still `next.version - 1`; throws ConflictError when another wrote first. */
  async put(next: MonitorHealth): Promise<void> {
    const { version, ...data } = next;
    const item = {
      ...keyOf(keys.monitorHealth()),
      ...versionOf(monitorHealthEntity),
      data: S(JSON.stringify(data)),
      version: N(version),
    };
    if (!(await this.io.putVersioned(item, version <= 1 ? null : version - 1)))
      throw new ConflictError('monitor health was advanced by another finalizer');
  }
}
