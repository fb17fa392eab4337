import { gunzipSync } from 'node:zlib';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { CorruptItemError, UnknownSchemaVersionError } from './errors.js';
import type { Key } from './keys.js';

/** A DynamoDB item as the SDK returns it. */
export type Item = Record<string, AttributeValue>;

export const S = (s: string): AttributeValue => ({ S: s });
export const N = (n: number): AttributeValue => ({ N: String(n) });
export const keyOf = (k: Key): Item => ({ pk: S(k.pk), sk: S(k.sk) });
export const keyIn = (item: Item): Key => ({ pk: item.pk?.S ?? '?', sk: item.sk?.S ?? '?' });

/** An item as plain values: S → string, N → number, SS/NS → arrays, B → bytes (the attribute types dvcwatch writes). */
export function plain(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(item)) {
    if (v.S !== undefined) out[name] = v.S;
    else if (v.N !== undefined) out[name] = Number(v.N);
    else if (v.SS !== undefined) out[name] = v.SS;
    else if (v.NS !== undefined) out[name] = v.NS.map(Number);
    else if (v.B !== undefined) out[name] = v.B;
    else if (v.BOOL !== undefined) out[name] = v.BOOL;
    else if (v.NULL !== undefined) out[name] = null;
  }
  return out;
}

/** A string attribute holding JSON, parsed and then checked by `schema`. */
export const jsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** A binary attribute holding gzipped JSON, unzipped, parsed and then checked by `schema`. */
export const gzipJsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .instanceof(Uint8Array)
    .transform((b, ctx) => {
      try {
        return JSON.parse(gunzipSync(b).toString('utf8')) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not gzipped JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * How one entity's items are read: a schema per `schemaVersion` ever written, each giving the current shape (an
 * older version is upgraded on read). Items written before versions existed carry none: they are version 1.
 */
export interface Entity<T> {
  name: string;
  /** The version this code writes. */
  current: number;
  versions: Readonly<Record<number, z.ZodType<T>>>;
}

/** Parses an item by its `schemaVersion` (missing = 1); unknown versions and mismatches are typed errors naming the key. */
export function readItem<T>(entity: Entity<T>, item: Item): T {
  const key = keyIn(item);
  const values = plain(item);
  const version = values.schemaVersion ?? 1;
  const schema = typeof version === 'number' ? entity.versions[version] : undefined;
  if (!schema) throw new UnknownSchemaVersionError(entity.name, key, version, Object.keys(entity.versions).map(Number));
  const parsed = schema.safeParse(values);
  if (!parsed.success) throw new CorruptItemError(entity.name, key, z.prettifyError(parsed.error), { cause: parsed.error });
  return parsed.data;
}

/** The `schemaVersion` attribute every write carries. */
export const versionOf = (entity: Entity<unknown>): Item => ({ schemaVersion: N(entity.current) });
