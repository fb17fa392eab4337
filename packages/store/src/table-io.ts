import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import { isConditionFailed } from './errors.js';
import { type Item, keyOf, N, S } from './item.js';
import type { Key } from './keys.js';

/** Items asked for per Query page; DynamoDB stops a page at 1 MB anyway. */
const PAGE = 1_000;

export interface QueryOptions {
  desc?: boolean;
  limit?: number;
  /** Strongly consistent pages (a reader that must see a write it is waiting for). */
  consistent?: boolean;
}

/** A key condition: the expression and its values (`:pk` and the sort-key values). */
type KeyCondition = { expr: string; values: Item };

/** An update of one item, named by its key. */
export type UpdateInput = Omit<UpdateItemCommandInput, 'TableName' | 'Key'>;
export type PutInput = Omit<PutItemCommandInput, 'TableName'>;

/**
 * The table's few primitive operations, shared by every entity's repository: the only code that sends item
 * commands, and the only pagination loop.
 */
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
  query(pk: string, from: string, to: string, opts: QueryOptions = {}): Promise<Item[]> {
    return this.collect(this.pages(pk, from, to, opts), opts.limit);
  }

  /** The same, one page at a time (callers that reduce as they read hold one page, not the partition). */
  pages(pk: string, from: string, to: string, opts: QueryOptions = {}): AsyncGenerator<Item[]> {
    const values = { ':pk': S(pk), ':a': S(from), ':b': S(to) };
    return this.queryPages({ expr: 'pk = :pk AND sk BETWEEN :a AND :b', values }, opts);
  }

  /** Items of one partition whose sort key begins with `prefix`; the whole partition when `prefix` is empty. */
  queryPrefix(pk: string, prefix: string, opts: QueryOptions = {}): Promise<Item[]> {
    const condition: KeyCondition = prefix
      ? { expr: 'pk = :pk AND begins_with(sk, :p)', values: { ':pk': S(pk), ':p': S(prefix) } }
      : { expr: 'pk = :pk', values: { ':pk': S(pk) } };
    return this.collect(this.queryPages(condition, opts), opts.limit);
  }

  /** Every item whose partition key begins with `prefix`: a filtered scan of the whole table (small entities only). */
  scanPkPrefix(prefix: string): Promise<Item[]> {
    return this.collect(
      this.paginate((start) =>
        this.client.send(
          new ScanCommand({
            TableName: this.table,
            FilterExpression: 'begins_with(pk, :p)',
            ExpressionAttributeValues: { ':p': S(prefix) },
            ExclusiveStartKey: start,
          }),
        ),
      ),
    );
  }

  /** A put under a condition: false when the condition failed (someone wrote first); other errors are thrown. */
  putIf(input: PutInput): Promise<boolean> {
    return this.unlessConditionFails(this.put(input));
  }

  async put(input: PutInput): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.table, ...input }));
  }

  /**
   * An optimistic-lock put: `item` (carrying its new `version`) is written only if the stored item's `version` is
   * still `expected` (null: no item may exist yet). False when another writer got there first.
   */
  putVersioned(item: Item, expected: number | null): Promise<boolean> {
    return this.putIf(
      expected === null
        ? { Item: item, ConditionExpression: 'attribute_not_exists(pk)' }
        : { Item: item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': N(expected) } },
    );
  }

  /** Updates one item; returns its attributes as `ReturnValues` asks (none by default). */
  async update(k: Key, input: UpdateInput): Promise<Item | undefined> {
    const out = await this.client.send(new UpdateItemCommand({ TableName: this.table, Key: keyOf(k), ...input }));
    return out.Attributes;
  }

  /** An update under a condition: false when the condition failed; other errors are thrown. */
  updateIf(k: Key, input: UpdateInput): Promise<boolean> {
    return this.unlessConditionFails(this.update(k, input));
  }

  async delete(k: Key): Promise<void> {
    await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: keyOf(k) }));
  }

  private async unlessConditionFails(write: Promise<unknown>): Promise<boolean> {
    try {
      await write;
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  private queryPages(condition: KeyCondition, opts: QueryOptions): AsyncGenerator<Item[]> {
    return this.paginate(
      (start, seen) =>
        this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: condition.expr,
            ExpressionAttributeValues: condition.values,
            ScanIndexForward: !opts.desc,
            ConsistentRead: opts.consistent,
            ExclusiveStartKey: start,
            // Pages of at most PAGE items: dynalite on disk (leveldown) returns nothing for a Limit beyond 32 bits.
            Limit: Math.min(PAGE, opts.limit ? opts.limit - seen : PAGE),
          }),
        ),
      opts.limit,
    );
  }

  /** The one pagination loop: pages until DynamoDB has no more, or `limit` items were read. */
  private async *paginate(
    page: (start: Item | undefined, seen: number) => Promise<{ Items?: Item[]; LastEvaluatedKey?: Item }>,
    limit?: number,
  ): AsyncGenerator<Item[]> {
    let start: Item | undefined;
    let seen = 0;
    do {
      const out = await page(start, seen);
      const items = out.Items ?? [];
      seen += items.length;
      yield items;
      start = out.LastEvaluatedKey;
    } while (start && (!limit || seen < limit));
  }

  private async collect(pages: AsyncGenerator<Item[]>, limit?: number): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of pages) items.push(...page);
    return limit ? items.slice(0, limit) : items;
  }
}
