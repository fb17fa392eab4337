import { formatVnTime, type Result } from '@dvcwatch/core';
import type { Logger } from '@dvcwatch/runner';
import { isoOption, parse } from './args.js';
import { resultLine } from './cmd-round.js';
import { openLocal } from './context.js';
import type { CliEnv } from './env.js';
import { chooseRegistry, storeHoldings } from './registry-choice.js';
import { UsageError } from './usage.js';

/** The JSON shape of `results --json`: one object per line. */
export const resultJson = (r: Result) => JSON.stringify(r);

/** `dvcwatch results`: stored results, as a table or JSON lines. */
export async function cmdResults(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, {
    registry: { type: 'string' },
    agency: { type: 'string' },
    since: { type: 'string' },
    json: { type: 'boolean' },
  });
  const since = isoOption('since', values.since) ?? '0000';
  const choice = await chooseRegistry(values.registry, env, true);
  const ctx = await openLocal(env, choice.file, log);
  try {
    const ids = values.agency ? [values.agency] : ctx.registry.agencies.map((a) => a.id);
    if (values.agency && !ctx.registry.agencies.some((a) => a.id === values.agency)) {
      throw new UsageError(`--agency: không có cơ quan "${values.agency}" trong ${ctx.registryFile}`);
    }
    const all = (await Promise.all(ids.map((id) => ctx.deps.store.results(id, since))))
      .flat()
      .sort((a, b) => a.at.localeCompare(b.at) || a.agencyId.localeCompare(b.agencyId));
    // Never answer with silence: an empty answer says what the store does hold (on stderr with --json).
    if (all.length === 0) {
      const say = values.json ? (l: string) => process.stderr.write(`${l}\n`) : out;
      for (const line of await storeHoldings(ctx.deps.store, choice, ids, env)) say(line);
      if (values.json) return 0;
    }
    if (values.json) for (const r of all) out(resultJson(r));
    else {
      for (const r of all) out(`${formatVnTime(r.at)}  ${resultLine(r)}`);
      out(`${all.length} kết quả.`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
