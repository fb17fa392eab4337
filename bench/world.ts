import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { DEMO_PORTALS, type Embedded, startDemoPortals, startDynalite, startSes } from '@dvcwatch/cli';
import { parseRegistry, type Registry } from '@dvcwatch/core';
import { Mailer } from '@dvcwatch/notify';
import { createProber, LOCAL_PROCESS_MODEL, type Prober, type ProcessModel, type TimingLane } from '@dvcwatch/probe';
import { type EvidencePlan, type RunnerDeps, silentLogger } from '@dvcwatch/runner';
import { ensureTable, Sends, Store } from '@dvcwatch/store';
import { stringify } from 'yaml';
import { meterWrites, type WriteCounts } from './dynamo-meter.js';

/** The local world of a round, composed as `openLocal` does (packages/cli/src/context.ts), plus a write meter. */
export interface RoundWorld {
  /** Deps for a registry of `n` copies of the good demo portal; `accessibility` toggles the axe audit. */
  deps(n: number, accessibility: boolean): RunnerDeps;
  prober: Prober;
  evidence: EvidencePlan;
  writes: { read(): WriteCounts; reset(): void };
  close(): Promise<void>;
}

const TABLE = 'dvcwatch-bench';

/**
 * Starts `servers` copies of the demo's good portal, dynalite (in memory) and the SES emulator, all on 127.0.0.1;
 * `lane`: the prober's timing lane (default the process's); `processModel`: Chromium's (default the local round's).
 */
export async function openRoundWorld(
  servers: number,
  lane?: TimingLane,
  processModel: ProcessModel = LOCAL_PROCESS_MODEL,
): Promise<RoundWorld> {
  const good = DEMO_PORTALS.find((p) => p.id === 'tot');
  if (!good) throw new Error('the demo has no good portal (id "tot")');
  const portals = await startDemoPortals({
    basePort: 0,
    portals: Array.from({ length: servers }, (_, i) => ({ ...good, id: `tot-${i}` })),
  });
  const started: Embedded[] = [await startDynalite(null, 0), await startSes()];
  const [dynamo, sesServer] = started as [Embedded, Embedded];
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-1', credentials, maxAttempts: 6 });
  const ses = new SESClient({ endpoint: sesServer.endpoint, region: 'ap-southeast-1', credentials, maxAttempts: 1 });
  await ensureTable(client, TABLE);
  const writes = meterWrites(client);
  const store = new Store(client, TABLE);
  const sends = new Sends(client, TABLE);
  const mailer = new Mailer({ ses, sends, from: 'dvcwatch@dvcwatch.local' });
  const origins = portals.portals.map((p) => new URL(p.home).origin);
  const prober = createProber({ local: true, allowedOrigins: origins, processModel, ...(lane ? { lane } : {}) });
  const shots = await mkdtemp(join(tmpdir(), 'dvcwatch-bench-'));

  const registry = (n: number, accessibility: boolean): Registry => {
    const agencies = Array.from({ length: n }, (_, i) => {
      const p = portals.portals[i % portals.portals.length]!;
      const id = `tot-${String(i + 1).padStart(3, '0')}`;
      return {
        id,
        name: `Tỉnh Tốt số ${i + 1} (mô phỏng)`,
        kind: 'province',
        head: { name: 'Thủ trưởng', email: `thutruong.${id}@example.vn` },
        placeholderContact: true,
        portal: { home: p.home, form: p.form },
      };
    });
    const doc = { version: 1, defaults: { probe: { accessibility } }, operators: ['vanhanh@example.vn'], agencies };
    return parseRegistry(stringify(doc), 'bench-registry.yaml');
  };

  return {
    deps: (n, accessibility) => ({
      registry: registry(n, accessibility),
      store,
      sends,
      mailer,
      log: silentLogger,
      evidenceUrl: () => null,
    }),
    prober,
    // Screenshots are taken as in `dvcwatch round` (one JPEG per page), into a temporary folder.
    evidence: {
      path: (agencyId, at, page) => {
        const key = `evidence/${agencyId}-${at.replace(/[:.]/g, '-')}-${page}.jpg`;
        return { file: join(shots, key.replace('evidence/', '')), key };
      },
    },
    writes,
    close: async () => {
      await prober.close().catch(() => undefined);
      client.destroy();
      ses.destroy();
      for (const s of started.reverse()) await s.close().catch(() => undefined);
      await portals.close();
      await rm(shots, { recursive: true, force: true });
    },
  };
}
