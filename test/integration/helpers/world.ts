/**
 * A disposable local world for integration tests: dynalite and the SES emulator on ephemeral 127.0.0.1 ports,
 * with the Store, Sends, Mailer and RunnerDeps the runner needs over them. Nothing here reaches beyond 127.0.0.1.
 *
 *   const w = await startWorld({ dbDir: null });
 *   const deps = w.deps(registry);            // RunnerDeps with a silent logger
 *   await runRound(deps, { ... });
 *   expect(await w.emails()).toHaveLength(1); // what the SES emulator received
 *   await w.close();
 *
 * The SES emulator keeps its emails in one module-wide list: call `clearEmails()` between tests.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import type { Registry } from '@dvcwatch/core';
import { Mailer, type MailerOptions } from '@dvcwatch/notify';
import { type Logger, type RunnerDeps, silentLogger } from '@dvcwatch/runner';
import { ensureTable, Sends, Store } from '@dvcwatch/store';
import { type Embedded, startDynalite, startSes } from '../../../packages/cli/src/embedded.js';

/** Dummy credentials and the project's region: the local servers check neither. */
export const LOCAL_AWS = {
  region: 'ap-southeast-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
} as const;

/** One email as the SES emulator stored it (aws-ses-v2-local's `GET /store`). */
export interface EmulatedEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export interface WorldOptions {
  /** Directory for dynalite's data (survives a restart); null keeps it in memory. */
  dbDir?: string | null;
  table?: string;
  /** SDK attempts per DynamoDB call (the CLI uses 6); low values make outages fail fast. */
  dynamoMaxAttempts?: number;
  /** Options for the default mailer (ses, sends and from are filled in). */
  mailer?: Partial<MailerOptions>;
  log?: Logger;
}

export interface World {
  dynamoEndpoint: string;
  /** The port dynalite listens on; a restart reuses it so the same client reconnects. */
  dynamoPort: number;
  sesEndpoint: string;
  dynamo: DynamoDBClient;
  ses: SESClient;
  table: string;
  store: Store;
  sends: Sends;
  mailer: Mailer;
  /** A new mailer over this world's SES and Sends, with `o` on top of the world's mailer options. */
  newMailer(o?: Partial<MailerOptions>): Mailer;
  /** RunnerDeps over this world for `registry`; `over` replaces any part (a faulty store, another mailer). */
  deps(registry: Registry, over?: Partial<RunnerDeps>): RunnerDeps;
  emails(): Promise<EmulatedEmail[]>;
  clearEmails(): Promise<void>;
  /** Stops dynalite (its data stays in `dbDir`): every call then fails with ECONNREFUSED. */
  stopDynamo(): Promise<void>;
  /** Starts dynalite again on the same port and directory. */
  restartDynamo(): Promise<void>;
  close(): Promise<void>;
}

/** Starts dynalite and the SES emulator, creates the table, and builds the clients over them. */
export async function startWorld(o: WorldOptions = {}): Promise<World> {
  const dbDir = o.dbDir ?? null;
  const table = o.table ?? 'dvcwatch-test';
  let dynalite: Embedded | null = await startDynalite(dbDir, 0);
  const dynamoPort = Number(new URL(dynalite.endpoint).port);
  const sesServer = await startSes(0);
  const dynamo = new DynamoDBClient({
    ...LOCAL_AWS,
    endpoint: dynalite.endpoint,
    maxAttempts: o.dynamoMaxAttempts ?? 3,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  });
  // One SDK attempt, as in the CLI: the Mailer's own backoff is what handles SES throttling.
  const ses = new SESClient({
    ...LOCAL_AWS,
    endpoint: sesServer.endpoint,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
  });
  await ensureTable(dynamo, table);
  const store = new Store(dynamo, table);
  const sends = new Sends(dynamo, table);
  const newMailer = (extra: Partial<MailerOptions> = {}) =>
    new Mailer({ ses, sends, from: 'dvcwatch@dvcwatch.local', baseDelayMs: 20, ...o.mailer, ...extra });
  const mailer = newMailer();
  const sesGet = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${sesServer.endpoint}${path}`, init);
    if (!res.ok) throw new Error(`SES emulator ${path}: HTTP ${res.status}`);
    return res;
  };
  return {
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    dynamoPort,
    sesEndpoint: sesServer.endpoint,
    dynamo,
    ses,
    table,
    store,
    sends,
    mailer,
    newMailer,
    deps: (registry, over = {}) => ({
      registry,
      store,
      sends,
      mailer,
      log: o.log ?? silentLogger,
      evidenceUrl: () => null,
      ...over,
    }),
    emails: async () => ((await (await sesGet('/store')).json()) as { emails: EmulatedEmail[] }).emails,
    clearEmails: async () => {
      await sesGet('/clear-store', { method: 'POST' });
    },
    stopDynamo: async () => {
      await dynalite?.close();
      dynalite = null;
    },
    restartDynamo: async () => {
      if (dynalite) return;
      dynalite = await startDynalite(dbDir, dynamoPort);
    },
    close: async () => {
      dynamo.destroy();
      ses.destroy();
      await dynalite?.close().catch(() => undefined);
      await sesServer.close().catch(() => undefined);
    },
  };
}
