import {
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { isConditionFailed } from './errors.js';
import { type Item, keyOf, S } from './item.js';
import type { Key } from './keys.js';

/** Items asked for per Query page; DynamoDB stops a page at 1 MB anyway. */
const PAGE = 1_000;

export interface QueryOptions {
  desc?: boolean;
  limit?: number;
}

/** The table's few primitive operations, shared by every entity's repository. */
export class TableIo {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  async get(k: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.client.send(new GetItemCommand({ TableName: this.table, Key: keyOf(k), ConsistentRead: consistent }));
    return out.Item;
  }

  /** Items of one partition with `from <= sk <= to`, page by page. */
  async query(pk: string, from: string, to: string, opts: QueryOptions = {}): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of this.pages(pk, from, to, opts)) items.push(...page);
    return opts.limit ? items.slice(0, opts.limit) : items;
  }

  /** The same, one page at a time (callers that reduce as they read hold one page, not the partition). */
  async *pages(pk: string, from: string, to: string, opts: QueryOptions = {}): AsyncGenerator<Item[]> {
    let start: Item | undefined;
    let seen = 0;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': S(pk), ':a': S(from), ':b': S(to) },
          ScanIndexForward: !opts.desc,
          ExclusiveStartKey: start,
          // Pages of at most PAGE items: dynalite on disk (leveldown) returns nothing for a Limit beyond 32 bits.
          Limit: Math.min(PAGE, opts.limit ? opts.limit - seen : PAGE),
        }),
      );
      const items = out.Items ?? [];
      seen += items.length;
      yield items;
      start = out.LastEvaluatedKey;
    } while (start && (!opts.limit || seen < opts.limit));
  }

  /** A put under a condition: false when the condition failed (someone wrote first); other errors are thrown. */
  async putIf(input: Omit<PutItemCommandInput, 'TableName'>): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.table, ...input }));
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  async put(input: Omit<PutItemCommandInput, 'TableName'>): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.table, ...input }));
  }
}
