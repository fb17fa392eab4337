import { type Result, untimedIfError } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, type Item, jsonOf, keyOf, N, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import { ResultPayload } from './result-schema.js';
import type { QueryOptions, TableIo } from './table-io.js';

/** A result row: the result as JSON in `data`, its status and its expiry beside it. */
const ResultItemV1 = z.object({ data: jsonOf(ResultPayload), status: z.string(), expiresAt: z.number().optional() });

/** A stored result whose error pages (HTTP ≥ 400, firewall) carry no timings. */
const untimedErrorPages = (r: Result): Result => ({
  ...r,
  pages: {
    home: r.pages.home && untimedIfError(r.pages.home),
    form: r.pages.form && untimedIfError(r.pages.form),
  },
  ...(r.retries ? { retries: r.retries.map(untimedIfError) } : {}),
});

export const resultEntity: Entity<Result> = {
  name: 'result',
  current: 1,
  // Rows stored before issue 19 may carry the timings of an error page: read without them, as evaluate now stores.
  versions: { 1: ResultItemV1.transform((i) => untimedErrorPages(i.data)) },
};

/**
 * A result row as ResultsRepo writes it, expiring `retentionDays` after the round. Built here only: the repository's
 * writes and a bench's bulk seeding use it, so the row has one shape and one author.
 */
export function resultItem(r: Result, retentionDays: number): Item {
  return {
    ...keyOf(keys.result(r.agencyId, r.at)),
    ...versionOf(resultEntity),
    data: S(JSON.stringify(r)),
    status: S(r.status),
    expiresAt: N(Math.floor(Date.parse(r.at) / 1000) + retentionDays * 86_400),
  };
}

/**
 * Results, one row per agency per round, kept `retentionDays` (TTL attribute `expiresAt`, set on the table by the
 * stack). The only code that builds a result row: stored once (`put`), settled by the vantages (`settle`), rejudged
 * by the round's finalizer (`rejudge`).
 */
export class ResultsRepo {
  constructor(
    readonly io: TableIo,
    readonly retentionDays: number,
  ) {}

  private item(r: Result): Item {
    return resultItem(r, this.retentionDays);
  }

  /** Stores a result once (first wins: a retried job or the finalizer's `error` row never overwrites a measurement). */
  put(r: Result): Promise<boolean> {
    return this.io.putIf({ Item: this.item(r), ConditionExpression: 'attribute_not_exists(pk)' });
  }

  /**
   * Replaces a stored `down` by what the agent vantages made of it (`blocked`/`geo`, or `down` with every vantage
   * listed), once: only while the stored row is still a `down` without the `settled` flag, which this write sets.
   * False when it is not (already settled, judged otherwise, or never stored).
   */
  settle(r: Result): Promise<boolean> {
    return this.io.putIf({
      Item: { ...this.item(r), settled: { BOOL: true } },
      ConditionExpression: '#s = :down AND attribute_not_exists(settled)',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':down': S('down') },
    });
  }

  /** Replaces a stored result with the round's final judgement of it (only the round's finalizer does this). */
  async rejudge(r: Result): Promise<void> {
    await this.io.put({ Item: this.item(r), ConditionExpression: 'attribute_exists(pk)' });
  }

  async get(agencyId: string, at: string): Promise<Result | null> {
    const item = await this.io.get(keys.result(agencyId, at));
    return item ? readItem(resultEntity, item) : null;
  }

  /** An agency's results between two instants (ISO), oldest first unless `desc`. */
  async list(agencyId: string, since = '0000', until = '9999', opts: QueryOptions = {}): Promise<Result[]> {
    const p = keys.resultPrefix;
    const items = await this.io.query(keys.result(agencyId, '').pk, `${p}${since}`, `${p}${until}`, opts);
    return items.map((i) => readItem(resultEntity, i));
  }

  /**
   * The same, each result mapped by `slim` as its page arrives: a reader that needs a few fields (the publisher)
   * never holds every full result of the window at once.
   */
  async listMapped<T>(agencyId: string, since: string, until: string, slim: (r: Result) => T): Promise<T[]> {
    const p = keys.resultPrefix;
    const out: T[] = [];
    for await (const page of this.io.pages(keys.result(agencyId, '').pk, `${p}${since}`, `${p}${until}`))
      for (const i of page) out.push(slim(readItem(resultEntity, i)));
    return out;
  }

  async latest(agencyId: string): Promise<Result | null> {
    return (await this.list(agencyId, '0000', '9999', { desc: true, limit: 1 }))[0] ?? null;
  }
}
