import { RegistryError } from '@dvcwatch/core';
import { UsageError } from './usage.js';

/**
 * Runs one command and turns what it threw into the CLI's exit code, with one message on stderr: 2 for a usage
 * error (with `usage`), 1 for an invalid registry or any other failure.
 */
export async function exitCodeOf(run: () => Promise<number>, err: (l: string) => void, usage: string): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError) {
      err(`dvcwatch: ${e.message}\n`);
      err(usage);
      return 2;
    }
    if (e instanceof RegistryError) {
      err(`dvcwatch: danh mục không hợp lệ, không chạy gì (registry invalid, nothing was run)\n${e.message}`);
      return 1;
    }
    err(`dvcwatch: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
