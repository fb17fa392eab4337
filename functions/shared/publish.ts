import { createHash } from 'node:crypto';
import { type CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Registry } from '@dvcwatch/core';
import { collectSiteInput, type Logger, PROFILE } from '@dvcwatch/runner';
import { changedFiles, siteFiles } from '@dvcwatch/site';
import type { Store } from '@dvcwatch/store';

const MANIFEST = '_manifest.json';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  svg: 'image/svg+xml',
  js: 'text/javascript; charset=utf-8',
};

export interface PublishTarget {
  s3: S3Client;
  bucket: string;
  cloudfront: CloudFrontClient | null;
  distributionId: string | null;
}

/** Uploads in flight at once while the site is generated. */
const UPLOADS = 8;

/**
 * Builds the site file by file and uploads only the files whose content changed (a manifest of SHA-256 digests is
 * kept in the bucket), deletes pages that are gone, and invalidates exactly those paths in CloudFront. Each file is
 * hashed and, if changed, uploaded as it is generated, then let go: memory holds the site's data, not the site.
 */
export async function publishSite(
  store: Store,
  registry: Registry,
  generatedAt: string,
  probeLocation: string,
  t: PublishTarget,
  log: Logger,
) {
  const input = await collectSiteInput(store, registry, { generatedAt, probeLocation, profile: PROFILE });
  const previous = await readManifest(t);
  const next = new Map<string, string>();
  const changed: string[] = [];
  // Backpressure: at most UPLOADS pages generated but not yet sent.
  const inFlight = new Set<Promise<void>>();
  for (const [path, text] of siteFiles(input)) {
    const digest = createHash('sha256').update(text).digest('hex');
    next.set(path, digest);
    if (previous.get(path) === digest) continue;
    changed.push(path);
    const sending: Promise<void> = upload(t, path, text).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (inFlight.size >= UPLOADS) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const { removed } = changedFiles(previous, next);
  for (const path of removed) await t.s3.send(new DeleteObjectCommand({ Bucket: t.bucket, Key: path }));
  await t.s3.send(
    new PutObjectCommand({
      Bucket: t.bucket,
      Key: MANIFEST,
      Body: JSON.stringify(Object.fromEntries(next)),
      ContentType: TYPES.json,
    }),
  );
  const paths = [...changed, ...removed].map((p) => `/${p}`);
  if (paths.length > 0 && t.cloudfront && t.distributionId) {
    // CloudFront charges per path beyond 1,000 a month: past 50 paths one wildcard is cheaper and as good.
    const items = paths.length > 50 ? ['/*'] : paths.flatMap((p) => (p === '/index.html' ? ['/', p] : [p]));
    await t.cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: t.distributionId,
        InvalidationBatch: {
          CallerReference: `${generatedAt}-${next.size}-${changed.length}`,
          Paths: { Quantity: items.length, Items: items },
        },
      }),
    );
  }
  log.info('site published', { files: next.size, changed: changed.length, removed: removed.length });
  return { files: next.size, changed: changed.length, removed: removed.length };
}

async function upload(t: PublishTarget, path: string, text: string): Promise<void> {
  await t.s3.send(
    new PutObjectCommand({
      Bucket: t.bucket,
      Key: path,
      Body: text,
      ContentType: TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream',
      CacheControl: path.startsWith('assets/') ? 'public, max-age=86400' : 'public, max-age=300',
    }),
  );
}

async function readManifest(t: PublishTarget): Promise<Map<string, string>> {
  try {
    const out = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: MANIFEST }));
    return new Map(Object.entries(JSON.parse((await out.Body?.transformToString()) ?? '{}') as Record<string, string>));
  } catch (e) {
    if (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound')) return new Map();
    throw e;
  }
}
