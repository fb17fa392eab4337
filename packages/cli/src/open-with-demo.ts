import type { Logger } from '@dvcwatch/runner';
import { type LocalContext, openLocal } from './context.js';
import { autostartDemo } from './demo-autostart.js';
import type { CliEnv } from './env.js';
import { chooseRegistry, rememberRegistry } from './registry-choice.js';

/**
 * Opens the local services on the chosen registry (remembered for the next command) and starts the demo portals
 * when the registry names them and nothing serves them yet: what `round` and `replay` run in. `close` ends both.
 */
export async function openWithDemo(
  env: CliEnv,
  registry: string | undefined,
  log: Logger,
): Promise<{ ctx: LocalContext; close(): Promise<void> }> {
  const ctx = await openLocal(env, (await chooseRegistry(registry, env, false)).file, log);
  await rememberRegistry(env, ctx.registryFile);
  const demo = await autostartDemo(ctx.registry).catch(async (e: unknown) => {
    await ctx.close();
    throw e;
  });
  return {
    ctx,
    close: async () => {
      await ctx.close();
      await demo?.close();
    },
  };
}
