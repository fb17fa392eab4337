import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegistry, REGISTRY_RECHECK_MS } from '../../../functions/shared/registry.js';
import { type LocalS3, startLocalS3 } from './local-s3.js';

const root = join(import.meta.dirname, '../../..');
const BUCKET = 'registry-refresh';
const LOCATION = `s3://${BUCKET}/registry.yaml`;
const original = readFileSync(join(root, 'registry/demo.yaml'), 'utf8');
const edited = original.replace('name: Cổng Dịch vụ công quốc gia (mô phỏng)', 'name: Cổng Dịch vụ công quốc gia (đã sửa)');

let s3server: LocalS3;
let s3: S3Client;
const upload = (text: string) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'registry.yaml', Body: text }));
const nationalName = async (now: number) =>
  (await loadRegistry(LOCATION, s3, root, now)).agencies.find((a) => a.kind === 'national')?.name;

beforeAll(async () => {
  s3server = await startLocalS3([BUCKET]);
  s3 = new S3Client({ endpoint: s3server.endpoint, forcePathStyle: true });
});
afterAll(async () => {
  s3?.destroy();
  await s3server?.close();
});

describe('the registry a warm function reads from S3', () => {
  it('is heeded within a minute of an operator replacing it, and read again only when it changed', async () => {
    expect(edited).not.toBe(original);
    await upload(original);
    const t0 = 1_000_000_000_000;
    const first = await loadRegistry(LOCATION, s3, root, t0);
    expect(await nationalName(t0)).toBe('Cổng Dịch vụ công quốc gia (mô phỏng)');

    await upload(edited);
    // Within the minute the environment keeps what it read.
    expect(await loadRegistry(LOCATION, s3, root, t0 + REGISTRY_RECHECK_MS - 1)).toBe(first);
    // After it, the changed object is read and parsed again.
    expect(await nationalName(t0 + REGISTRY_RECHECK_MS)).toBe('Cổng Dịch vụ công quốc gia (đã sửa)');
    const second = await loadRegistry(LOCATION, s3, root, t0 + REGISTRY_RECHECK_MS);
    // Unchanged a minute later: S3 answers 304 to the ETag, and the same parsed registry is kept.
    expect(await loadRegistry(LOCATION, s3, root, t0 + 2 * REGISTRY_RECHECK_MS)).toBe(second);
  });

  it('throws, naming the file, when the new registry is invalid (the function fails loudly, as at a cold start)', async () => {
    await upload(original);
    const t0 = 2_000_000_000_000;
    await loadRegistry(LOCATION, s3, root, t0);
    await upload('agencies: [');
    await expect(loadRegistry(LOCATION, s3, root, t0 + REGISTRY_RECHECK_MS)).rejects.toThrow(/registry\.yaml/);
  });
});
