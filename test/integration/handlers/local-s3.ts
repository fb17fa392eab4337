import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** A real S3-API server (s3rver) on 127.0.0.1, its data in a temp folder removed on close. */
export interface LocalS3 {
  endpoint: string;
  close(): Promise<void>;
}

/** Starts s3rver with `buckets` created, accepting the test suite's dummy credentials (AWS_ACCESS_KEY_ID). */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  // s3rver knows one hard-coded key pair (S3RVER) and does not verify SigV4 signatures: register ours beside it.
  const require = createRequire(import.meta.url);
  const account = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  account.DUMMY_ACCOUNT.createKeyPair(process.env.AWS_ACCESS_KEY_ID ?? 'test', process.env.AWS_SECRET_ACCESS_KEY ?? 'test');
  const directory = await mkdtemp(join(tmpdir(), 'dvcwatch-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
