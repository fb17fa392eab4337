import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { collectSiteInput, PROFILE } from '@dvcwatch/runner';
import { buildSite } from '@dvcwatch/site';
import type { LocalContext } from './context.js';
import { writeAtomic } from './local-files.js';

/** Builds the site from the store and writes it under `.dvcwatch/site/` (evidence files are left in place). */
export async function writeSite(ctx: LocalContext, generatedAt: string): Promise<{ files: number; ms: number }> {
  const t0 = performance.now();
  const input = await collectSiteInput(ctx.deps.store, ctx.registry, {
    generatedAt,
    probeLocation: '127.0.0.1 (máy cục bộ, chạy thử)',
    profile: PROFILE,
  });
  const files = buildSite(input);
  for (const [path, text] of files) await writeAtomic(join(ctx.paths.site, path), text);
  // Pages of agencies no longer in the registry go; evidence stays (it is referenced by stored results).
  for (const dir of ['agency', 'check']) {
    const names = await readdir(join(ctx.paths.site, dir)).catch(() => [] as string[]);
    for (const n of names) if (!files.has(`${dir}/${n}`)) await rm(join(ctx.paths.site, dir, n), { force: true });
  }
  return { files: files.size, ms: Math.round(performance.now() - t0) };
}
