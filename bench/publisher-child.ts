/**
 * One publisher build, measured in its own process (bench/store-scale.ts spawns it): reads the site's data from the
 * DynamoDB endpoint given, builds every file and hashes it (what the publisher does before uploading the changed
 * ones), and prints time and peak memory as JSON. `before` is the publisher as it was (all agencies at once, full
 * raw results, the whole site in one map); `after` is collectSiteInput + siteFiles.
 *   node --import tsx bench/publisher-child.ts <endpoint> <table> <registry.json> <generatedAt> <before|after>
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type Registry, type Result, vnDay } from '@dvcwatch/core';
import { collectSiteInput } from '@dvcwatch/runner';
import { buildSite, type SiteInput, siteFiles } from '@dvcwatch/site';
import { Store } from '@dvcwatch/store';

const [endpoint, table, registryPath, generatedAt, mode] = process.argv.slice(2) as [string, string, string, string, string];
const client = new DynamoDBClient({
  endpoint,
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 6,
});
const store = new Store(client, table);
const registry = JSON.parse(await readFile(registryPath, 'utf8')) as Registry;
const o = { generatedAt, probeLocation: 'bench', profile: 'desktop' };

let peakHeap = 0;
const sample = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};
const timer = setInterval(sample, 20);

/** The publisher's read before issue 12: every agency at once, 48 h of full results, days with their round times. */
async function collectBefore(): Promise<SiteInput> {
  const now = Date.parse(generatedAt);
  const since48h = new Date(now - 48 * 3_600_000).toISOString();
  const fromDay = vnDay(new Date(now - 90 * 86_400_000).toISOString());
  const per = await Promise.all(
    registry.agencies.map(async (a) => {
      const [recent, daily, incidents] = await Promise.all([
        store.results(a.id, since48h, generatedAt),
        store.days(a.id, fromDay, vnDay(generatedAt)),
        store.incidents(a.id),
      ]);
      const latest: Result | null = recent.at(-1) ?? (await store.latestResult(a.id));
      return { latest, recent, daily, incidents: incidents.map((i) => ({ ...i, agencyId: a.id })) };
    }),
  );
  return {
    ...o,
    registry,
    latest: per.map((p) => p.latest).filter((r): r is Result => r !== null),
    recent: per.flatMap((p) => p.recent),
    daily: per.flatMap((p) => p.daily),
    incidents: per.flatMap((p) => p.incidents),
  };
}

const t0 = performance.now();
const input = mode === 'before' ? await collectBefore() : await collectSiteInput(store, registry, o);
const readS = (performance.now() - t0) / 1000;
sample();
let files = 0;
let bytes = 0;
const hash = (text: string) => createHash('sha256').update(text).digest('hex');
if (mode === 'before') {
  const site = buildSite(input);
  sample();
  for (const text of site.values()) {
    hash(text);
    files++;
    bytes += Buffer.byteLength(text);
  }
} else {
  for (const [, text] of siteFiles(input)) {
    hash(text);
    files++;
    bytes += Buffer.byteLength(text);
    sample();
  }
}
const totalS = (performance.now() - t0) / 1000;
clearInterval(timer);
sample();
client.destroy();
process.stdout.write(
  `${JSON.stringify({
    mode,
    readS,
    buildS: totalS - readS,
    totalS,
    files,
    bytes,
    peakHeapMb: peakHeap / 2 ** 20,
    // Linux reports maxRSS in kB: the process's peak resident memory, what a Lambda's memory size must hold.
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
