import { type AttributeValue, type DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { addLabRun, type LabDay, type LabRun } from '@dvcwatch/core';
import { isConditionFailed } from './errors.js';
import { keys } from './keys.js';

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });
type Item = Record<string, AttributeValue>;
const parse = (item: Item | undefined): LabDay | null => (item?.data?.S ? (JSON.parse(item.data.S) as LabDay) : null);

/**
 * The ministry profile's runs, one item per agency and Vietnamese day (a few runs of two pages: a few kB). Runs are
 * appended with a versioned conditional write, so the lab function and a local `round --lab` never lose one.
 */
export class LabDayRepo {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  async get(agencyId: string, day: string): Promise<LabDay | null> {
    const k = keys.labDay(agencyId, day);
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: { pk: S(k.pk), sk: S(k.sk) }, ConsistentRead: true }),
    );
    return parse(out.Item);
  }

  /** Appends a run to the agency's `day` (idempotent for the same page and time); returns the day as stored. */
  async add(agencyId: string, day: string, run: LabRun): Promise<LabDay> {
    const k = keys.labDay(agencyId, day);
    for (let attempt = 0; ; attempt++) {
      const out = await this.client.send(
        new GetItemCommand({ TableName: this.table, Key: { pk: S(k.pk), sk: S(k.sk) }, ConsistentRead: true }),
      );
      const prev = parse(out.Item);
      const next = addLabRun(prev, { agencyId, day }, run);
      if (next === prev) return next;
      const version = Number(out.Item?.version?.N ?? 0);
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: { pk: S(k.pk), sk: S(k.sk), data: S(JSON.stringify(next)), version: N(version + 1) },
            ConditionExpression: out.Item ? 'version = :v' : 'attribute_not_exists(pk)',
            ...(out.Item ? { ExpressionAttributeValues: { ':v': N(version) } } : {}),
          }),
        );
        return next;
      } catch (e) {
        if (!isConditionFailed(e) || attempt >= 5) throw e;
      }
    }
  }

  /** An agency's lab days between two days (YYYY-MM-DD, inclusive), oldest first. */
  async days(agencyId: string, fromDay: string, toDay: string): Promise<LabDay[]> {
    const k = keys.labDay(agencyId, '');
    const out: LabDay[] = [];
    let start: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: {
            ':pk': S(k.pk),
            ':a': S(`${keys.labDayPrefix}${fromDay}`),
            ':b': S(`${keys.labDayPrefix}${toDay}`),
          },
          ExclusiveStartKey: start,
          Limit: 1_000,
        }),
      );
      for (const i of page.Items ?? []) {
        const d = parse(i);
        if (d) out.push(d);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }
}
