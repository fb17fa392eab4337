/**
 * Store at scale (issue 12 §7): DynamoDB write units per agency per round at 100 and 1,000 agencies, the round
 * item that grew with the registry (before) against per-agency completion items and a counter (after); and the
 * publisher's time and peak memory at 1,000 agencies × 90 days, before and after, each in its own process.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { startDynalite, syntheticSiteInput } from '@dvcwatch/cli';
import { initialState, type Result } from '@dvcwatch/core';
import { ensureTable, type Item, keyOf, keys, N, resultItem, S, Store } from '@dvcwatch/store';
import pLimit from 'p-limit';
import { meterCapacity } from './capacity-meter.js';

const TABLE = 'dvcwatch-bench-store';
const AT = '2026-04-01T00:00:00.000Z';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface RoundWrites {
  agencies: number;
  /** WCU per agency of tracking the round (start + marks + finish, divided by agencies). */
  roundBefore: number;
  roundAfter: number;
  /** WCU per agency of the rest of its round: result, day aggregate, alert state. */
  other: number;
}

export interface PublisherRun {
  mode: 'before' | 'after';
  readS: number;
  buildS: number;
  totalS: number;
  files: number;
  bytes: number;
  peakHeapMb: number;
  maxRssMb: number;
}

export interface StoreScale {
  rounds: RoundWrites[];
  publisher: {
    agencies: number;
    days: number;
    items: number;
    seedS: number;
    runs: (PublisherRun | { mode: string; error: string })[];
  };
}

/** The round as the Store tracked it before: one item holding the expected ids and a growing set of done ids. */
async function legacyRound(client: DynamoDBClient, at: string, ids: string[]): Promise<void> {
  const Key = keyOf(keys.round(at));
  const data = { at, startedAt: at, expected: ids, done: [], finishedAt: null, trigger: 'schedule' };
  await client.send(
    new PutItemCommand({
      TableName: TABLE,
      Item: { ...Key, data: S(JSON.stringify(data)), expected: N(ids.length) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  const limit = pLimit(8);
  await Promise.all(
    ids.map((id) =>
      limit(() =>
        client.send(
          new UpdateItemCommand({
            TableName: TABLE,
            Key,
            UpdateExpression: 'ADD doneIds :id',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':id': { SS: [id] } },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      ),
    ),
  );
  await client.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key,
      UpdateExpression: 'SET finishedAt = :f',
      ExpressionAttributeValues: { ':f': S(at) },
    }),
  );
}

async function measureRounds(sizes: number[]): Promise<RoundWrites[]> {
  const dynamo = await startDynalite(null, 0);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-1', credentials, maxAttempts: 6 });
  try {
    await ensureTable(client, TABLE);
    const meter = meterCapacity(client);
    const store = new Store(client, TABLE);
    const max = Math.max(...sizes);
    const results = syntheticSiteInput({ agencies: max, days: 1, at: AT }).latest;
    const out: RoundWrites[] = [];
    for (const [i, n] of sizes.entries()) {
      const ids = results.slice(0, n).map((r) => `${r.agencyId}-${i}`);
      const hour = (h: number) => new Date(Date.parse(AT) + (i * 10 + h) * 3_600_000).toISOString();
      const limit = pLimit(8);
      meter.reset();
      await legacyRound(client, hour(1), ids);
      const roundBefore = meter.read().wcu / n;
      meter.reset();
      const at = hour(2);
      await store.startRound({ at, startedAt: at, expected: ids, trigger: 'schedule' });
      await Promise.all(ids.map((id) => limit(() => store.markDone(at, id))));
      // A retried job marks again: a conditional failure, counted once, and no count added.
      await store.markDone(at, ids[0]!);
      await store.finishRound(at, at);
      const roundAfter = meter.read().wcu / n;
      meter.reset();
      await Promise.all(
        results.slice(0, n).map((base, k) =>
          limit(async () => {
            const r: Result = { ...base, agencyId: ids[k]!, at };
            await store.putResult(r);
            await store.addToDay(r);
            await store.putAlertState({ ...initialState(r.agencyId), lastAt: at, version: 1 }, null);
          }),
        ),
      );
      out.push({ agencies: n, roundBefore, roundAfter, other: meter.read().wcu / n });
    }
    return out;
  } finally {
    client.destroy();
    await dynamo.close();
  }
}

/** Every item the publisher reads for `agencies` × `days`, as the repositories write them. */
function* seedItems(agencies: number, days: number): Generator<Item> {
  const input = syntheticSiteInput({ agencies, days, at: AT });
  // The synthetic generator makes full results (a Result is a RecentResult too).
  for (const r of input.recent as Result[]) yield resultItem(r, 400);
  for (const d of input.daily) {
    // Real aggregates carry their round times (24 a day); the synthetic ones have none.
    const start = Date.parse(`${d.day}T00:00:00.000Z`) - 7 * 3_600_000;
    const ats = Array.from({ length: 24 }, (_, h) => new Date(start + h * 3_600_000).toISOString());
    yield { ...keyOf(keys.day(d.agencyId, d.day)), schemaVersion: N(1), data: S(JSON.stringify({ ...d, ats })), version: N(24) };
  }
  for (const i of input.incidents) {
    const { agencyId, ...incident } = i;
    yield { ...keyOf(keys.incident(agencyId, i.openedAt)), schemaVersion: N(1), data: S(JSON.stringify(incident)) };
  }
}

async function seed(client: DynamoDBClient, items: Iterable<Item>): Promise<number> {
  const limit = pLimit(4);
  const pending: Promise<unknown>[] = [];
  let batch: Record<string, AttributeValue>[] = [];
  let count = 0;
  const flush = (b: Item[]) =>
    limit(async () => {
      let request = b.map((Item) => ({ PutRequest: { Item } }));
      while (request.length) {
        const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [TABLE]: request } }));
        request = (out.UnprocessedItems?.[TABLE] ?? []) as typeof request;
      }
    });
  for (const item of items) {
    batch.push(item);
    count++;
    if (batch.length === 25) {
      pending.push(flush(batch));
      batch = [];
      if (limit.pendingCount > 16) await Promise.race(pending.slice(-4));
    }
  }
  if (batch.length) pending.push(flush(batch));
  await Promise.all(pending);
  return count;
}

const CHILD = fileURLToPath(new URL('./publisher-child.ts', import.meta.url));

function runChild(args: string[]): Promise<PublisherRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=6144', '--import', 'tsx', CHILD, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as PublisherRun);
      else reject(new Error(`publisher child exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

async function measurePublisher(agencies: number, days: number, log: (l: string) => void): Promise<StoreScale['publisher']> {
  const dir = await mkdtemp(join(tmpdir(), 'dvcwatch-bench-publisher-'));
  const dynamo = await startDynalite(join(dir, 'db'), 0);
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-1', credentials, maxAttempts: 6 });
  try {
    await ensureTable(client, TABLE);
    const registryPath = join(dir, 'registry.json');
    await writeFile(registryPath, JSON.stringify(syntheticSiteInput({ agencies, days: 1, at: AT }).registry));
    const t = performance.now();
    const items = await seed(client, seedItems(agencies, days));
    const seedS = (performance.now() - t) / 1000;
    log(`  seeded ${items} items (results 48 h, ${days} days of aggregates, incidents) in ${seedS.toFixed(0)} s`);
    const runs: StoreScale['publisher']['runs'] = [];
    for (const mode of ['after', 'before'] as const) {
      const run = await runChild([dynamo.endpoint, TABLE, registryPath, AT, mode]).catch((e: unknown) => ({
        mode,
        error: String(e),
      }));
      log(`  publisher ${mode}: ${JSON.stringify(run)}`);
      runs.push(run);
    }
    return { agencies, days, items, seedS, runs };
  } finally {
    client.destroy();
    await dynamo.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The whole section. */
export async function measureStoreScale(o: {
  sizes: number[];
  publisherAgencies: number;
  days: number;
  log: (l: string) => void;
}): Promise<StoreScale> {
  const rounds = await measureRounds(o.sizes);
  for (const r of rounds) o.log(`  ${r.agencies} agencies: ${JSON.stringify(r)}`);
  return { rounds, publisher: await measurePublisher(o.publisherAgencies, o.days, o.log) };
}

const f = (x: number, d = 2) => x.toFixed(d);

/** Plain-text lines for the bench report. */
export function renderStoreScale(s: StoreScale): string {
  const lines = ['Store at scale (DynamoDB write units per agency per round; ReturnConsumedCapacity on dynalite)'];
  for (const r of s.rounds)
    lines.push(
      `  ${r.agencies} agencies: round tracking ${f(r.roundBefore)} WCU/agency before (one growing round item) → ${f(r.roundAfter)} after (completion item + counter); result + day + alert state ${f(r.other)}; total ${f(r.roundBefore + r.other)} → ${f(r.roundAfter + r.other)} WCU/agency`,
    );
  const p = s.publisher;
  lines.push(
    `Publisher, ${p.agencies} agencies × ${p.days} days (${p.items} items seeded in ${f(p.seedS, 0)} s; read + build + hash, upload excluded):`,
  );
  for (const r of p.runs)
    lines.push(
      'error' in r
        ? `  ${r.mode}: failed: ${r.error}`
        : `  ${r.mode}: ${f(r.totalS, 1)} s (read ${f(r.readS, 1)} s, build ${f(r.buildS, 1)} s), peak RSS ${f(r.maxRssMb, 0)} MB, peak heap ${f(r.peakHeapMb, 0)} MB, ${r.files} files, ${f(r.bytes / 1e6, 1)} MB`,
    );
  return lines.join('\n');
}
