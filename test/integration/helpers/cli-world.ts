import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Embedded, startDynalite, startSes } from '@dvcwatch/cli';

/** What the CLI runs against in an integration test: its own home folder, dynalite and the SES emulator. */
export interface CliWorld {
  home: string;
  dynamo: Embedded;
  ses: Embedded;
  /** Stops the servers, removes the home folder and restores the process environment. */
  close(): Promise<void>;
}

/**
 * Starts dynalite (in memory, or on disk under the home folder with `onDisk`) and the SES emulator on 127.0.0.1, in
 * a fresh `DVCWATCH_HOME`, and points the process environment at them (no remembered or inherited registry), as
 * `dvcwatch` run by `main()` in the same process reads it.
 */
export async function startCliWorld(name: string, opts: { onDisk?: boolean } = {}): Promise<CliWorld> {
  const saved = { ...process.env };
  const home = await mkdtemp(join(tmpdir(), `dvcwatch-${name}-`));
  const dynamo = await startDynalite(opts.onDisk ? join(home, 'db') : null, 0);
  const ses = await startSes();
  delete process.env.DVCWATCH_REGISTRY;
  Object.assign(process.env, {
    DVCWATCH_HOME: home,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
  });
  return {
    home,
    dynamo,
    ses,
    close: async () => {
      process.env = saved;
      await dynamo.close();
      await ses.close();
      await rm(home, { recursive: true, force: true });
    },
  };
}
