import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesModule from 'aws-ses-v2-local';
import dynalite from 'dynalite';

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

/** Starts dynalite on 127.0.0.1 with its data on disk under `dir` (results survive restarts). */
export async function startDynalite(dir: string | null, port = 0): Promise<Embedded> {
  if (dir) await mkdir(dir, { recursive: true });
  // createTableMs etc. 0: tables are ACTIVE at once, as the local server has no real provisioning.
  const server = dynalite({ ...(dir ? { path: dir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(port, '127.0.0.1', () => res());
  });
  const { port: p } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${p}`, close: () => closeServer(server) };
}

/** Starts the SES API emulator (aws-ses-v2-local: SES v1 SendEmail/SendRawEmail) on 127.0.0.1. */
export async function startSes(port = 0): Promise<Embedded> {
  // A CommonJS module with `exports.default`: under Node's ESM interop the function is one level down.
  const start = (sesModule as unknown as { default?: typeof sesModule }).default ?? sesModule;
  const server = await start({ host: '127.0.0.1', port });
  if (!server.listening) await new Promise<void>((r) => server.once('listening', () => r()));
  const { port: p } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${p}`, close: () => closeServer(server) };
}
