import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Result } from '@dvcwatch/core';
import type { SendKey } from '@dvcwatch/notify';
import type { Spool } from '@dvcwatch/runner';

/** Writes a file atomically (temp file + rename): a reader never sees half a file. */
export async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

const safe = (s: string) => s.replace(/[^a-zA-Z0-9._-]+/g, '_');

/** Keeps every sent email as an `.eml` file in `dir` (the local outbox). */
export const outboxWriter =
  (dir: string) =>
  async (raw: Buffer, key: SendKey, _messageId: string): Promise<void> => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await writeAtomic(join(dir, `${stamp}_${safe(key.scope)}_${safe(key.step)}.eml`), raw);
  };

/** A spool of results on disk, one JSON file each, for when the store is unreachable. */
export function fileSpool(dir: string): Spool {
  const file = (r: Result) => join(dir, `${safe(r.at)}_${safe(r.agencyId)}.json`);
  return {
    save: (r) => writeAtomic(file(r), JSON.stringify(r)),
    load: async () => {
      const names = await readdir(dir).catch(() => [] as string[]);
      const out: Result[] = [];
      for (const n of names.filter((x) => x.endsWith('.json'))) {
        out.push(JSON.parse(await readFile(join(dir, n), 'utf8')) as Result);
      }
      return out;
    },
    remove: (r) => rm(file(r), { force: true }),
  };
}
