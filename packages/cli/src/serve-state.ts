import { readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomic } from './local-files.js';

/**
 * Where a running `dvcwatch serve` can be reached, kept in the state folder (`.dvcwatch/serve.json`): the other
 * commands (`results`, `alerts`, `status`, …) use its embedded DynamoDB and SES instead of opening the same
 * database a second time, which the running service holds locked.
 */
export const SERVE_STATE_FILE = 'serve.json';

const ServeState = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  registry: z.string(),
  site: z.string(),
  dynamodb: z.string(),
  ses: z.string(),
  outbox: z.string(),
});
export type ServeState = z.infer<typeof ServeState>;

/** What the state folder says about a `serve`: running (reachable), stale (its process or store is gone), or none. */
export type ServeLookup = { kind: 'running'; state: ServeState } | { kind: 'stale'; state: ServeState } | { kind: 'none' };

const file = (home: string) => join(home, SERVE_STATE_FILE);

/** True when a process with this id exists (EPERM: it exists, owned by someone else). */
const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** True when something accepts connections at the URL's host and port (within a second). */
const reachable = (url: string) =>
  new Promise<boolean>((resolve) => {
    const u = new URL(url);
    const s = net.connect({ host: u.hostname, port: Number(u.port) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1_000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });

/** Records the running service (written once its site listens). */
export const writeServeState = (home: string, state: ServeState): Promise<void> =>
  writeAtomic(file(home), `${JSON.stringify(state, null, 2)}\n`);

/** Removes the record if it is this process's own (a later `serve` may have replaced it). */
export async function removeServeState(home: string, pid = process.pid): Promise<void> {
  const found = await readState(home);
  if (found?.pid === pid) await rm(file(home), { force: true });
}

async function readState(home: string): Promise<ServeState | null> {
  const text = await readFile(file(home), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return null;
  try {
    const parsed = ServeState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    // A half-written or hand-edited file is no running service: treated as absent (serve rewrites it atomically).
    return null;
  }
}

/**
 * The `serve` the state folder names, checked: its process alive and its DynamoDB answering. A record whose
 * process or store is gone (the service was killed, the machine restarted) is `stale`.
 */
export async function lookupServe(home: string): Promise<ServeLookup> {
  const state = await readState(home);
  if (!state) return { kind: 'none' };
  const alive = state.pid !== process.pid && processAlive(state.pid) && (await reachable(state.dynamodb));
  return alive ? { kind: 'running', state } : { kind: 'stale', state };
}
