import { type AttributeValue, type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { initialHealth, type MonitorHealth } from '@dvcwatch/core';
import { z } from 'zod';
import { ConflictError, CorruptItemError, isConditionFailed, UnknownSchemaVersionError } from './errors.js';
import { keys } from './keys.js';

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });

const HealthItem = z.object({
  schemaVersion: z.literal(1).default(1),
  reachable: z.array(z.string()),
  outage: z.object({ since: z.string(), affected: z.array(z.string()) }).nullable(),
  lastAt: z.string().nullable(),
});

/** The monitor's own network health: one record, advanced once per round with a conditional write. */
export class MonitorHealthRepo {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  /** The record, or the initial one when none was written yet. */
  async get(): Promise<MonitorHealth> {
    const k = keys.monitorHealth();
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { pk: S(k.pk), sk: S(k.sk) }, ConsistentRead: true }),
    );
    if (!out.Item?.data?.S) return initialHealth();
    let data: unknown;
    try {
      data = JSON.parse(out.Item.data.S);
    } catch (e) {
      throw new CorruptItemError('monitor health', k, 'data: not JSON', { cause: e });
    }
    const version = (data as { schemaVersion?: unknown }).schemaVersion ?? 1;
    if (version !== 1) throw new UnknownSchemaVersionError('monitor health', k, version, [1]);
    const parsed = HealthItem.safeParse(data);
    if (!parsed.success) throw new CorruptItemError('monitor health', k, z.prettifyError(parsed.error), { cause: parsed.error });
    const { schemaVersion: _v, ...h } = parsed.data;
    return { ...h, version: Number(out.Item.version?.N ?? 0) };
  }

  /** Writes `next` if the stored version is still `next.version - 1`; throws ConflictError when another wrote first. */
  async put(next: MonitorHealth): Promise<void> {
    const k = keys.monitorHealth();
    const { version, ...data } = next;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { pk: S(k.pk), sk: S(k.sk), data: S(JSON.stringify({ schemaVersion: 1, ...data })), version: N(version) },
          ConditionExpression: version <= 1 ? 'attribute_not_exists(pk)' : 'version = :v',
          ...(version <= 1 ? {} : { ExpressionAttributeValues: { ':v': N(version - 1) } }),
        }),
      );
    } catch (e) {
      if (isConditionFailed(e)) throw new ConflictError('monitor health was advanced by another finalizer', { cause: e });
      throw e;
    }
  }
}
