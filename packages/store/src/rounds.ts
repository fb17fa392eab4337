import { z } from 'zod';
import { isConditionFailed, NotFoundError } from './errors.js';
import { type Entity, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

const Trigger = z.enum(['schedule', 'manual', 'replay']);

/** A round's progress: one small item, read with one GetItem ("is the round complete?"). */
const RoundProgress = z.object({
  at: z.string(),
  startedAt: z.string(),
  trigger: Trigger,
  expectedCount: z.number().int(),
  doneCount: z.number().int(),
  finishedAt: z.string().nullable(),
});
export type RoundProgress = z.infer<typeof RoundProgress>;

/** A round as recorded, with the agencies it expects and those done (reads one item per agency: finalize only). */
export type RoundRecord = RoundProgress & { expected: string[]; done: string[] };

/** What starting a round records (`done`/`finishedAt` accepted and ignored, for callers written before counts). */
export interface RoundStart {
  at: string;
  startedAt: string;
  expected: string[];
  trigger: z.infer<typeof Trigger>;
  done?: string[];
  finishedAt?: string | null;
}

/**
 * v1 (before schemaVersion): the whole record as JSON in `data`, finished time and a growing string set `doneIds`
 * on the item: each probe rewrote the whole set, so writes grew with the square of the agency count. Read as v2
 * (counts); its ids are kept for `get`. A v1 round still running when v2 code arrives counts its later
 * completions in `doneCount`, added to the set's size.
 */
const RoundItemV1 = z
  .object({
    data: jsonOf(z.object({ at: z.string(), startedAt: z.string(), expected: z.array(z.string()), trigger: Trigger })),
    doneIds: z.array(z.string()).default([]),
    doneCount: z.number().int().default(0),
    finishedAt: z.string().optional(),
  })
  .transform((i) => ({
    progress: {
      at: i.data.at,
      startedAt: i.data.startedAt,
      trigger: i.data.trigger,
      expectedCount: i.data.expected.length,
      doneCount: i.doneIds.length + i.doneCount,
      finishedAt: i.finishedAt ?? null,
    },
    legacy: { expected: i.data.expected, done: i.doneIds },
  }));

/** v2: counts only; expected ids in their own item, completions one item each. */
const RoundItemV2 = RoundProgress.extend({
  doneCount: z.number().int().default(0),
  finishedAt: z.string().nullable().default(null),
}).transform((progress) => ({ progress, legacy: null }));

type RoundRow = z.output<typeof RoundItemV2> | z.output<typeof RoundItemV1>;

export const roundEntity: Entity<RoundRow> = { name: 'round', current: 2, versions: { 1: RoundItemV1, 2: RoundItemV2 } };

const expectedEntity: Entity<string[]> = {
  name: 'round expected agencies',
  current: 1,
  versions: { 1: z.object({ data: jsonOf(z.array(z.string())) }).transform((i) => i.data) },
};

const doneEntity: Entity<string> = {
  name: 'round completion',
  current: 1,
  versions: { 1: z.object({ agencyId: z.string() }).transform((i) => i.agencyId) },
};

/** Rounds: start once, mark agencies done at a flat cost, finish once. */
export class RoundsRepo {
  constructor(
    readonly io: TableIo,
    readonly retentionDays: number,
  ) {}

  /** Records a round's start; false when it was already recorded (an overlapping trigger for the same hour). */
  async start(r: RoundStart): Promise<boolean> {
    // Expected ids first: a crash before the round item leaves a retry that records the round, never a round without them.
    await this.io.putIf({
      Item: { ...keyOf(keys.roundExpected(r.at)), ...versionOf(expectedEntity), data: S(JSON.stringify(r.expected)) },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    return this.io.putIf({
      Item: {
        ...keyOf(keys.round(r.at)),
        ...versionOf(roundEntity),
        at: S(r.at),
        startedAt: S(r.startedAt),
        trigger: S(r.trigger),
        expectedCount: N(r.expected.length),
        doneCount: N(0),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /**
   * Marks one agency done and returns how many are done. Two small writes whatever the round's size: the agency's
   * completion item (first wins), then `ADD doneCount 1` on the round only when that item was new, so a retry
   * never counts twice. A crash between the two under-counts (the round then ends at its deadline), never over-counts.
   * Throws NotFoundError when the round was never recorded (a replayed or manual result).
   */
  async markDone(at: string, agencyId: string): Promise<number> {
    const done = keys.roundDone(at, agencyId);
    const expiresAt = Math.floor(Date.parse(at) / 1000) + this.retentionDays * 86_400;
    const first = await this.io.putIf({
      Item: { ...keyOf(done), ...versionOf(doneEntity), agencyId: S(agencyId), expiresAt: N(expiresAt) },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    if (!first) {
      const progress = await this.progress(at);
      if (!progress) throw new NotFoundError('round', keys.round(at));
      return progress.doneCount;
    }
    try {
      const out = await this.io.update(keys.round(at), {
        UpdateExpression: 'ADD doneCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': N(1) },
        ReturnValues: 'ALL_NEW',
      });
      return out ? readItem(roundEntity, out).progress.doneCount : 0;
    } catch (e) {
      if (!isConditionFailed(e)) throw e;
      // No such round: take the completion back so a round recorded later for this hour counts the agency.
      await this.io.delete(done);
      throw new NotFoundError('round', keys.round(at), { cause: e });
    }
  }

  /** Marks a round finished once; false if it already was, or was never recorded (so only one caller publishes). */
  finish(at: string, finishedAt: string): Promise<boolean> {
    return this.io.updateIf(keys.round(at), {
      UpdateExpression: 'SET finishedAt = :f',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
      ExpressionAttributeValues: { ':f': S(finishedAt) },
    });
  }

  /** The round's counts and times with one GetItem, or null. */
  async progress(at: string): Promise<RoundProgress | null> {
    const item = await this.io.get(keys.round(at));
    return item ? readItem(roundEntity, item).progress : null;
  }

  /** The round with the ids it expects and those done (one Query over its completion items). */
  async get(at: string): Promise<RoundRecord | null> {
    const item = await this.io.get(keys.round(at));
    if (!item) return null;
    const row = readItem(roundEntity, item);
    const pk = keys.roundDone(at, '').pk;
    const completions = await this.io.query(pk, keys.roundDonePrefix, `${keys.roundDonePrefix}~`);
    const done = new Set([...(row.legacy?.done ?? []), ...completions.map((i) => readItem(doneEntity, i))]);
    const expectedItem = row.legacy ? null : await this.io.get(keys.roundExpected(at));
    const expected = row.legacy?.expected ?? (expectedItem ? readItem(expectedEntity, expectedItem) : []);
    return { ...row.progress, expected, done: [...done] };
  }

  /** The most recent rounds (counts and times), newest first. */
  async list(limit = 48, until = '9999'): Promise<RoundProgress[]> {
    const items = await this.io.query(keys.round('').pk, keys.roundPrefix, `${keys.roundPrefix}${until}`, { desc: true, limit });
    return items.map((i) => readItem(roundEntity, i).progress);
  }
}
