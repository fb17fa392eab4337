import { gunzipSync, gzipSync } from 'node:zlib';
import { INDEX766_GROUPS, type Index766Import } from '@dvcwatch/core';
import { z } from 'zod';
import { type Entity, jsonOf, keyOf, readItem, S, versionOf } from './item.js';
import { keys } from './keys.js';
import type { TableIo } from './table-io.js';

/** DynamoDB's item limit is 400 KB; leave room for the parsed rows and the keys. */
export const MAX_INDEX766_RAW_BYTES = 200 * 1024;

const ScoreRow = z.object({
  unitId: z.string().min(1),
  name: z.string(),
  total: z.number(),
  rank: z.number().nullable(),
  groups: z.object(
    Object.fromEntries(INDEX766_GROUPS.map((g) => [g, z.number().nullable()])) as Record<
      (typeof INDEX766_GROUPS)[number],
      z.ZodNullable<z.ZodNumber>
    >,
  ),
});

export const Index766ImportPayload = z.object({
  period: z.string().regex(/^\d{4}(-Q[1-4]|-\d{2})?$/),
  endpoint: z.string().min(1),
  params: z.string().min(1),
  fetchedAt: z.iso.datetime(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rows: z.array(ScoreRow),
  matched: z.record(z.string(), z.string()),
  unmatched: z.array(z.string()),
}) satisfies z.ZodType<Index766Import>;

/** An import row: the parsed import as JSON in `data`, the raw answer gzipped in `raw`. */
const ImportItemV1 = z.object({ data: jsonOf(Index766ImportPayload), raw: z.instanceof(Uint8Array) });
type ImportRow = { imported: Index766Import; raw: Uint8Array };

export const index766ImportEntity: Entity<ImportRow> = {
  name: 'index 766 import',
  current: 1,
  versions: { 1: ImportItemV1.transform((i) => ({ imported: i.data, raw: i.raw })) },
};

/** Thrown when the raw answer is too large to keep in one item: nothing is written. */
export class Index766TooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`câu trả lời quá lớn để lưu (${bytes} byte nén, tối đa ${MAX_INDEX766_RAW_BYTES})`);
    this.name = 'Index766TooLargeError';
  }
}

/** The QĐ 766 imports: one item per fetch, only ever added (a failed fetch writes nothing and removes nothing). */
export class Index766ImportsRepo {
  constructor(readonly io: TableIo) {}

  /** Keeps an import with its raw answer; false when an import of the same instant is already there. */
  async add(imported: Index766Import, raw: Uint8Array): Promise<boolean> {
    const blob = gzipSync(raw);
    if (blob.byteLength > MAX_INDEX766_RAW_BYTES) throw new Index766TooLargeError(blob.byteLength);
    return this.io.putIf({
      Item: {
        ...keyOf(keys.index766Import(imported.fetchedAt)),
        ...versionOf(index766ImportEntity),
        data: S(JSON.stringify(imported)),
        raw: { B: blob },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  /** The most recent import at or before `until` (ISO), or null. */
  async latest(until = '9999'): Promise<Index766Import | null> {
    const p = keys.index766ImportPrefix;
    const [item] = await this.io.query(keys.index766Pk, p, `${p}${until}`, { desc: true, limit: 1 });
    return item ? readItem(index766ImportEntity, item).imported : null;
  }

  /** Imports fetched between two instants (ISO, inclusive), oldest first. */
  async between(from: string, to: string): Promise<Index766Import[]> {
    const p = keys.index766ImportPrefix;
    const items = await this.io.query(keys.index766Pk, `${p}${from}`, `${p}${to}`);
    return items.map((i) => readItem(index766ImportEntity, i).imported);
  }

  /** The raw answer of one import, as received (for audit: its SHA-256 is in the import). */
  async raw(fetchedAt: string): Promise<Uint8Array | null> {
    const item = await this.io.get(keys.index766Import(fetchedAt));
    return item ? new Uint8Array(gunzipSync(readItem(index766ImportEntity, item).raw)) : null;
  }
}
