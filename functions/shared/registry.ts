import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseRegistry, type Registry } from '@dvcwatch/core';

let cached: { location: string; registry: Registry } | null = null;

/** Loads the registry from the bundle (`registry/vietnam.yaml`, copied by the stack) or from `s3://bucket/key`. */
export async function loadRegistry(location: string, s3: S3Client, taskRoot = process.cwd()): Promise<Registry> {
  if (cached?.location === location) return cached.registry;
  let text: string;
  if (location.startsWith('s3://')) {
    const [, , bucket, ...key] = location.split('/');
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key.join('/') }));
    text = (await out.Body?.transformToString('utf8')) ?? '';
  } else {
    text = await readFile(isAbsolute(location) ? location : join(taskRoot, location), 'utf8');
  }
  const registry = parseRegistry(text, location);
  cached = { location, registry };
  return registry;
}
