import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import type { Registry } from '@dvcwatch/core';
import { Mailer } from '@dvcwatch/notify';
import { createProber, localTimingLane, type Prober } from '@dvcwatch/probe';
import { createLabRunner, type LabRunner } from '@dvcwatch/probe/lab';
import { type Logger, type RunnerDeps, silentLogger } from '@dvcwatch/runner';
import { ensureTable, Sends, Store, VantageObservations } from '@dvcwatch/store';
import { type Embedded, startDynalite, startSes } from './embedded.js';
import type { CliEnv } from './env.js';
import { outboxWriter } from './local-files.js';
import { loadRegistry, localOrigins } from './registry-file.js';
import { lookupServe } from './serve-state.js';
import { storeUnavailable } from './store-unavailable.js';

/** Everything a local command needs, and how to stop the embedded services. */
export interface LocalContext {
  env: CliEnv;
  registry: Registry;
  registryFile: string;
  deps: RunnerDeps;
  endpoints: { dynamodb: string; ses: string };
  paths: { home: string; site: string; outbox: string; spool: string; db: string };
  prober(): Prober;
  /** The ministry profile's runner (Lighthouse on the same Chromium, same guard policy), started on first use. */
  labRunner(): LabRunner;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Progress for a person, one line per service started (serve's first seconds). */
  say?: (line: string) => void;
  /** `serve` owns the embedded services; every other command uses those of a running `serve` when there is one. */
  owner?: boolean;
}

/**
 * Opens the local world: the SDK's endpoint variables when set, else the embedded DynamoDB and SES of a running
 * `serve` (recorded in the state folder), else embedded ones of its own on 127.0.0.1.
 */
export async function openLocal(
  env: CliEnv,
  registryFile: string,
  log: Logger = silentLogger,
  opts: OpenOptions = {},
): Promise<LocalContext> {
  const registry = await loadRegistry(registryFile);
  const paths = {
    home: env.home,
    site: join(env.home, 'site'),
    outbox: join(env.home, 'outbox'),
    spool: join(env.home, 'spool'),
    db: join(env.home, 'db'),
  };
  const started: Embedded[] = [];
  try {
    const start = async (service: () => Promise<Embedded>): Promise<string> => {
      const e = await service();
      started.push(e);
      return e.endpoint;
    };
    const say = opts.say ?? (() => {});
    await mkdir(paths.outbox, { recursive: true });
    const serve = opts.owner ? null : await lookupServe(paths.home);
    const running = serve?.kind === 'running' ? serve.state : null;
    if (running) log.info('using the running serve', { pid: running.pid, dynamodb: running.dynamodb });
    else if (serve?.kind === 'stale') log.warn('stale serve state ignored', { pid: serve.state.pid });
    if (!env.AWS_ENDPOINT_URL_DYNAMODB && !running) say(`Khởi động kho dữ liệu DynamoDB nhúng (dynalite) trong ${paths.db}…`);
    const dynamodb =
      env.AWS_ENDPOINT_URL_DYNAMODB ??
      running?.dynamodb ??
      (await start(() => startDynalite(paths.db)).catch((e: unknown) => {
        throw storeUnavailable(e, paths.db, true);
      }));
    if (!env.AWS_ENDPOINT_URL_SES && !running) say('Khởi động máy chủ thư SES nhúng (aws-ses-v2-local)…');
    const sesEndpoint = env.AWS_ENDPOINT_URL_SES ?? running?.ses ?? (await start(() => startSes()));
    // Local servers need no real credentials; an SDK default chain would reach for instance metadata.
    const local = {
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    };
    const client = new DynamoDBClient({ ...local, endpoint: dynamodb, maxAttempts: 6 });
    await ensureTable(client, env.DVCWATCH_TABLE).catch((e: unknown) => {
      client.destroy();
      throw storeUnavailable(e, paths.db, started.length > 0);
    });
    // The SES emulator answers only SES v1 SendEmail/SendRawEmail: a timeout keeps a wrong call from hanging.
    const ses = new SESClient({ ...local, endpoint: sesEndpoint, maxAttempts: 1 });
    const store = new Store(client, env.DVCWATCH_TABLE);
    const sends = new Sends(client, env.DVCWATCH_TABLE);
    const mailer = new Mailer({ ses, sends, from: env.DVCWATCH_SENDER, onSent: outboxWriter(paths.outbox) });
    const siteBase = registry.siteUrl?.replace(/\/$/, '') ?? null;
    const deps: RunnerDeps = {
      registry,
      store,
      sends,
      mailer,
      log,
      evidenceUrl: (key) => (siteBase ? `${siteBase}/${key}` : join(paths.site, key)),
      observations: new VantageObservations(client, env.DVCWATCH_TABLE),
    };
    let prober: Prober | null = null;
    let labRunner: LabRunner | null = null;
    return {
      env,
      registry,
      registryFile,
      deps,
      endpoints: { dynamodb, ses: sesEndpoint },
      paths,
      prober: () => {
        const origins = localOrigins(registry);
        prober ??= createProber({
          local: origins.length > 0,
          allowedOrigins: origins,
          processModel: env.DVCWATCH_BROWSER_MODEL,
          // Two timed loads taking turns on the CPU need each its own browser, to tell their CPU apart.
          ...(env.DVCWATCH_BROWSER_MODEL === 'lambda' ? { lane: localTimingLane() } : {}),
        });
        return prober;
      },
      labRunner: () => {
        const origins = localOrigins(registry);
        labRunner ??= createLabRunner({
          guard: { local: origins.length > 0, allowedOrigins: origins },
          timeoutMs: registry.probe.pageTimeoutMs * 3,
        });
        return labRunner;
      },
      close: async () => {
        await prober?.close().catch(() => undefined);
        await labRunner?.close().catch(() => undefined);
        client.destroy();
        ses.destroy();
        for (const s of started.reverse()) await s.close().catch(() => undefined);
      },
    };
  } catch (e) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    throw e;
  }
}
