import { gunzipSync, gzipSync } from 'node:zlib';
import {
  type AttributeValue,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  type AlertState,
  addToAggregate,
  type DailyAggregate,
  type Incident,
  type Result,
  type StoredFacts,
} from '@dvcwatch/core';
import { ConflictError, isConditionFailed } from './errors.js';
import { type Key, keys } from './keys.js';
import { LabDayRepo } from './lab-days.js';
import { MonitorHealthRepo } from './monitor-health.js';

type Item = Record<string, AttributeValue>;

/** A round as recorded: which agencies it expects and when it finished. */
export interface RoundRecord {
  at: string;
  startedAt: string;
  expected: string[];
  /** Agencies with a stored result. */
  done: string[];
  finishedAt: string | null;
  trigger: 'schedule' | 'manual' | 'replay';
}

/** Items asked for per Query page; DynamoDB stops a page at 1 MB anyway. */
const PAGE = 1_000;

/** DynamoDB's item limit is 400 KB; leave room for the keys. */
const MAX_FACTS_BYTES = 350 * 1024;

const S = (s: string): AttributeValue => ({ S: s });
const N = (n: number): AttributeValue => ({ N: String(n) });
const json = <T>(item: Item | undefined): T | null => (item?.data?.S ? (JSON.parse(item.data.S) as T) : null);
const keyOf = (k: Key): Item => ({ pk: S(k.pk), sk: S(k.sk) });

/** DynamoDB access for dvcwatch: one table, conditional writes instead of transactions (dynalite has none). */
export class Store {
  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    /** Days raw results are kept (TTL attribute `expiresAt`; the table's TTL is set by the stack). */
    readonly retentionDays = 400,
  ) {}

  private async get(k: Key, consistent = true): Promise<Item | undefined> {
    const out = await this.client.send(new GetItemCommand({ TableName: this.table, Key: keyOf(k), ConsistentRead: consistent }));
    return out.Item;
  }

  private async query(pk: string, from: string, to: string, opts: { desc?: boolean; limit?: number } = {}): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': S(pk), ':a': S(from), ':b': S(to) },
          ScanIndexForward: !opts.desc,
          ExclusiveStartKey: start,
          // Pages of at most PAGE items: dynalite on disk (leveldown) returns nothing for a Limit beyond 32 bits.
          Limit: Math.min(PAGE, opts.limit ? opts.limit - items.length : PAGE),
        }),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start && (!opts.limit || items.length < opts.limit));
    return items;
  }

  /**
   * Stores a result once: the first result of an agency for a round wins, so a retried job or the finalizer's
   * `error` row never overwrites a real measurement. Returns false if one was already there.
   */
  async putResult(r: Result): Promise<boolean> {
    const expiresAt = Math.floor(Date.parse(r.at) / 1000) + this.retentionDays * 86_400;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            ...keyOf(keys.result(r.agencyId, r.at)),
            data: S(JSON.stringify(r)),
            status: S(r.status),
            expiresAt: N(expiresAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  /**
   * Replaces a stored result with the round's final judgement of it (a monitor-side outage re-judges network
   * failures): only the round's finalizer does this, and the probe's own view stays inside it as `observed`.
   */
  async rejudgeResult(r: Result): Promise<void> {
    const expiresAt = Math.floor(Date.parse(r.at) / 1000) + this.retentionDays * 86_400;
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          ...keyOf(keys.result(r.agencyId, r.at)),
          data: S(JSON.stringify(r)),
          status: S(r.status),
          expiresAt: N(expiresAt),
        },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  /** Ministry-profile runs per agency and day. */
  get labDays(): LabDayRepo {
    return new LabDayRepo(this.client, this.table);
  }

  /** The monitor's own network health record (the outage guard's state). */
  get health(): MonitorHealthRepo {
    return new MonitorHealthRepo(this.client, this.table);
  }

  async getResult(agencyId: string, at: string): Promise<Result | null> {
    return json<Result>(await this.get(keys.result(agencyId, at)));
  }

  /** An agency's results between two instants (ISO), oldest first unless `desc`. */
  async results(
    agencyId: string,
    since = '0000',
    until = '9999',
    opts: { desc?: boolean; limit?: number } = {},
  ): Promise<Result[]> {
    const p = keys.resultPrefix;
    const items = await this.query(keys.result(agencyId, '').pk, `${p}${since}`, `${p}${until}`, opts);
    return items.map((i) => json<Result>(i)).filter((r): r is Result => r !== null);
  }

  async latestResult(agencyId: string): Promise<Result | null> {
    return (await this.results(agencyId, '0000', '9999', { desc: true, limit: 1 }))[0] ?? null;
  }

  /** The agency's last gathered facts, or null (none yet, or unreadable: they are then simply gathered again). */
  async getFacts(agencyId: string): Promise<StoredFacts | null> {
    const item = await this.get(keys.facts(agencyId), false);
    const blob = item?.blob?.B;
    if (!blob) return null;
    try {
      return JSON.parse(gunzipSync(blob).toString('utf8')) as StoredFacts;
    } catch {
      return null;
    }
  }

  /**
   * Keeps an agency's facts, gzipped (a home page's text and links: tens of kB, a few once compressed). Never
   * replaces facts of a later round (an overlapping replay of an earlier hour). False when not kept: a later round's
   * facts are there, or they are too large for one item (they are then gathered again next round).
   */
  async putFacts(f: StoredFacts): Promise<boolean> {
    const blob = gzipSync(JSON.stringify(f));
    if (blob.byteLength > MAX_FACTS_BYTES) return false;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...keyOf(keys.facts(f.agencyId)), blob: { B: blob }, at: S(f.at) },
          ConditionExpression: 'attribute_not_exists(pk) OR #at <= :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': S(f.at) },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  async getAlertState(agencyId: string): Promise<AlertState | null> {
    return json<AlertState>(await this.get(keys.alertState(agencyId)));
  }

  /** Writes the alert state if nobody else advanced it since `expectedVersion` was read (optimistic lock). */
  async putAlertState(state: AlertState, expectedVersion: number | null): Promise<void> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...keyOf(keys.alertState(state.agencyId)), data: S(JSON.stringify(state)), version: N(state.version) },
          ...(expectedVersion === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': N(expectedVersion) } }),
        }),
      );
    } catch (e) {
      if (isConditionFailed(e)) throw new ConflictError(`alert state of ${state.agencyId} changed concurrently`, { cause: e });
      throw e;
    }
  }

  /** Records an incident (open or resolved) in the agency's incident history. */
  async putIncident(agencyId: string, incident: Incident): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: { ...keyOf(keys.incident(agencyId, incident.openedAt)), data: S(JSON.stringify(incident)) },
      }),
    );
  }

  async incidents(agencyId: string): Promise<Incident[]> {
    const pk = keys.incident(agencyId, '').pk;
    const items = await this.query(pk, keys.incidentPrefix, `${keys.incidentPrefix}~`);
    return items.map((i) => json<Incident>(i)).filter((x): x is Incident => x !== null);
  }

  /** Adds a result to its day's aggregate, retrying on a concurrent update (idempotent per round). */
  async addToDay(r: Result): Promise<DailyAggregate> {
    for (let attempt = 0; ; attempt++) {
      const k = keys.day(r.agencyId, '');
      const current = await this.get({ pk: k.pk, sk: `${keys.dayPrefix}${dayOf(r)}` });
      const prev = json<DailyAggregate>(current);
      const next = addToAggregate(prev, r);
      if (next === prev) return next;
      const version = Number(current?.version?.N ?? 0);
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.table,
            Item: { ...keyOf(keys.day(r.agencyId, next.day)), data: S(JSON.stringify(next)), version: N(version + 1) },
            ConditionExpression: current ? 'version = :v' : 'attribute_not_exists(pk)',
            ...(current ? { ExpressionAttributeValues: { ':v': N(version) } } : {}),
          }),
        );
        return next;
      } catch (e) {
        if (!isConditionFailed(e) || attempt >= 5) throw e;
      }
    }
  }

  /** An agency's daily aggregates between two days (YYYY-MM-DD), oldest first. */
  async days(agencyId: string, fromDay: string, toDay: string): Promise<DailyAggregate[]> {
    const p = keys.dayPrefix;
    const items = await this.query(keys.day(agencyId, '').pk, `${p}${fromDay}`, `${p}${toDay}`);
    return items.map((i) => json<DailyAggregate>(i)).filter((x): x is DailyAggregate => x !== null);
  }

  /** Records a round's start. A round already recorded (an overlapping trigger for the same hour) is kept as is. */
  async startRound(round: RoundRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: { ...keyOf(keys.round(round.at)), data: S(JSON.stringify(round)), expected: N(round.expected.length) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  /** Marks one agency done for a round (a set add: idempotent) and returns how many are done. */
  async markDone(at: string, agencyId: string): Promise<number> {
    const out = await this.client.send(
      new UpdateItemCommand({
        TableName: this.table,
        Key: keyOf(keys.round(at)),
        UpdateExpression: 'ADD doneIds :id',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':id': { SS: [agencyId] } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes?.doneIds?.SS?.length ?? 0;
  }

  /** Marks a round finished once; returns false if it already was (so only one caller publishes). */
  async finishRound(at: string, finishedAt: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: keyOf(keys.round(at)),
          UpdateExpression: 'SET finishedAt = :f',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(finishedAt)',
          ExpressionAttributeValues: { ':f': S(finishedAt) },
        }),
      );
      return true;
    } catch (e) {
      if (isConditionFailed(e)) return false;
      throw e;
    }
  }

  async getRound(at: string): Promise<RoundRecord | null> {
    return toRound(await this.get(keys.round(at)));
  }

  /** The most recent rounds, newest first. */
  async rounds(limit = 48, until = '9999'): Promise<RoundRecord[]> {
    const items = await this.query(keys.round('').pk, keys.roundPrefix, `${keys.roundPrefix}${until}`, { desc: true, limit });
    return items.map(toRound).filter((r): r is RoundRecord => r !== null);
  }
}

const dayOf = (r: Result): string => addToAggregate(null, r).day;

const toRound = (item: Item | undefined): RoundRecord | null => {
  const base = json<RoundRecord>(item);
  if (!base || !item) return null;
  return { ...base, done: item.doneIds?.SS ?? [], finishedAt: item.finishedAt?.S ?? null };
};
