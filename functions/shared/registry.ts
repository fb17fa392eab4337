import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseRegistry, type Registry } from '@dvcwatch/core';

/**
 * How long a warm environment trusts the registry it read from S3 before asking again. An operator who replaces a
 * placeholder head, adds a vantage or an agency in the bucket is heeded within a minute, not when Lambda recycles the
 * environment (hours later); asking again costs one conditional GET (304 when unchanged).
 */
export const REGISTRY_RECHECK_MS = 60_000;

interface Cached {
  location: string;
  registry: Registry;
  /** The S3 object's ETag (null for the bundle's own file, which never changes). */
  etag: string | null;
  checkedAt: number;
}

let cached: Cached | null = null;

const isNotModified = (e: unknown): boolean =>
  (e as { name?: string }).name === 'NotModified' ||
  (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 304;

/**
 * Loads the registry from the bundle (`registry/vietnam.yaml`, copied by the stack) or from `s3://bucket/key`. The
 * bundle's file is read once; the S3 object is asked again after REGISTRY_RECHECK_MS with its ETag, and parsed again
 * only when it changed. An invalid new registry throws (the function's Errors alarm), as it would at a cold start.
 */
export async function loadRegistry(
  location: string,
  s3: S3Client,
  taskRoot = process.cwd(),
  now = Date.now(),
): Promise<Registry> {
  const same = cached?.location === location ? cached : null;
  if (same && (same.etag === null || now - same.checkedAt < REGISTRY_RECHECK_MS)) return same.registry;
  if (!location.startsWith('s3://')) {
    const text = await readFile(isAbsolute(location) ? location : join(taskRoot, location), 'utf8');
    cached = { location, registry: parseRegistry(text, location), etag: null, checkedAt: now };
    return cached.registry;
  }
  const [, , bucket, ...key] = location.split('/');
  try {
    const out = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: key.join('/'), ...(same?.etag ? { IfNoneMatch: same.etag } : {}) }),
    );
    const text = (await out.Body?.transformToString('utf8')) ?? '';
    cached = { location, registry: parseRegistry(text, location), etag: out.ETag ?? '', checkedAt: now };
    return cached.registry;
  } catch (e) {
    if (!same || !isNotModified(e)) throw e;
    same.checkedAt = now;
    return same.registry;
  }
}
