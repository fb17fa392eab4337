import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import sesModule from 'aws-ses-v2-local';

/** A service the CLI started on 127.0.0.1, and how to stop it. */
export interface Embedded {
  endpoint: string;
  close(): Promise<void>;
}

const closeServer = (s: Server) =>
  new Promise<void>((r) => {
    s.closeAllConnections?.();
    s.close(() => r());
  });

// dynalite runs in a worker thread: its request parsing and LevelDB work then use the second core while this
// thread builds, signs and reads the SDK's requests (a 90-day replay took 78 s with it on the main thread, 54 s in
// a worker). Plain CommonJS evaluated in the worker, so it needs no TypeScript loader.
// The database folder is opened once first: LevelDB allows one process per folder, and dynalite would otherwise
// start, then fail its first request with "Database is closed" from inside the worker.
const DYNALITE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { dirname } = require('node:path');
(async () => {
  if (workerData.options.path) {
    const { Level } = require(require.resolve('level', { paths: [dirname(workerData.module)] }));
    const db = new Level(workerData.options.path);
    try {
      await db.open();
      await db.close();
    } catch (e) {
      const locked = e.code === 'LEVEL_LOCKED' || (e.cause && e.cause.code === 'LEVEL_LOCKED');
      parentPort.postMessage({ error: locked ? 'locked' : String((e.cause && e.cause.message) || e.message) });
      return;
    }
  }
  const dynalite = require(workerData.module);
  const server = dynalite(workerData.options);
  server.once('error', (e) => parentPort.postMessage({ error: e.message }));
  server.listen(workerData.port, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
  parentPort.on('message', () => {
    server.closeAllConnections?.();
    server.close(() => parentPort.postMessage({ closed: true }));
  });
})();
`;

/** The state folder's database is held by another process (LevelDB's lock). */
export class StoreLockedError extends Error {
  constructor(readonly dir: string) {
    super(`${dir} is locked by another process`);
    this.name = 'StoreLockedError';
  }
}

/** Starts dynalite on 127.0.0.1, in a worker thread, with its data on disk under `dir` (results survive restarts). */
export async function startDynalite(dir: string | null, port = 0): Promise<Embedded> {
  if (dir) await mkdir(dir, { recursive: true });
  // createTableMs etc. 0: tables are ACTIVE at once, as the local server has no real provisioning.
  const options = { ...(dir ? { path: dir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
  const worker = new Worker(DYNALITE_WORKER, {
    eval: true,
    workerData: { module: createRequire(import.meta.url).resolve('dynalite'), options, port },
  });
  const next = () =>
    new Promise<{ port?: number; error?: string; closed?: boolean }>((resolve, reject) => {
      const fail = (e: Error) => reject(e);
      worker.once('error', fail);
      worker.once('message', (m) => {
        worker.off('error', fail);
        resolve(m);
      });
    });
  const started = await next();
  if (started.error || started.port === undefined) {
    await worker.terminate();
    if (started.error === 'locked' && dir) throw new StoreLockedError(dir);
    throw new Error(`dynalite: ${started.error ?? 'did not start'}`);
  }
  // Requests in flight keep the process alive; an idle worker must not.
  worker.unref();
  return {
    endpoint: `http://127.0.0.1:${started.port}`,
    close: async () => {
      const closed = next();
      worker.postMessage('close');
      // Closing the server closes the database (LevelDB's lock is released for a restart on the same directory).
      await closed.catch(() => undefined);
      await worker.terminate();
    },
  };
}

/** SES emulators running in this process: they share one message store (the package keeps it in module state). */
let sesRunning = 0;

/**
 * Starts the SES API emulator (aws-ses-v2-local: SES v1 SendEmail/SendRawEmail) on 127.0.0.1. The package keeps its
 * messages in module state, shared by every instance in the process: the first instance of a process (none other
 * running) starts from an empty store (its `/clear-store`), so an emulator never shows a closed one's emails.
 */
export async function startSes(port = 0): Promise<Embedded> {
  // A CommonJS module with `exports.default`: under Node's ESM interop the function is one level down.
  const start = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;
  const server = await start({ host: '127.0.0.1', port });
  if (!server.listening) await new Promise<void>((r) => server.once('listening', () => r()));
  const { port: p } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${p}`;
  // Counted before any await: of two instances started at once, only the first clears.
  const first = sesRunning++ === 0;
  let closed = false;
  const close = async () => {
    if (!closed) sesRunning--;
    closed = true;
    await closeServer(server);
  };
  if (first) {
    const cleared = await fetch(`${endpoint}/clear-store`, { method: 'POST' }).catch((e: unknown) => e);
    if (!(cleared instanceof Response) || !cleared.ok) {
      await close();
      const why = cleared instanceof Response ? `HTTP ${cleared.status}` : String(cleared);
      throw new Error(`the SES emulator did not clear its store (${why})`);
    }
  }
  return { endpoint, close };
}
