import type { Logger } from '@dvcwatch/runner';
import { Cron } from 'croner';
import { editionIn } from './cmd-edition.js';
import { import766In } from './cmd-import-766.js';
import type { LocalContext } from './context.js';

/**
 * serve's QĐ 766 and edition duties, as on AWS (stacks/Index766.ts): the index imported once a day at 06:30 (only
 * when the registry maps an agency to it: nothing else would show it), and on the 1st at 07:00 the past month's
 * edition, then the site. A failure is logged and printed; it never stops serve.
 */
export function index766Duties(
  ctx: LocalContext,
  o: { endpoint: string | undefined; log: Logger; out: (l: string) => void; rebuild: (at: string) => Promise<void> },
): Cron[] {
  const mapped = ctx.registry.agencies.some((a) => a.index766Id !== undefined);
  const guard = (what: string, job: () => Promise<void>) => () => {
    job().catch((e: unknown) => {
      o.log.error(`${what} failed`, { error: e instanceof Error ? e.message : String(e) });
      o.out(`${what} lỗi: ${e instanceof Error ? e.message : String(e)}`);
    });
  };
  const opts = { timezone: 'Asia/Ho_Chi_Minh', protect: true };
  const jobs = [
    new Cron(
      '0 7 1 * *',
      opts,
      guard('monthly edition', async () => {
        const at = new Date().toISOString();
        await editionIn(ctx, { at, site: false }, o.out);
        await o.rebuild(at);
      }),
    ),
  ];
  if (mapped)
    jobs.push(
      new Cron(
        '30 6 * * *',
        opts,
        guard('index 766 import', async () => {
          await import766In(ctx, { period: undefined, endpoint: o.endpoint, now: new Date().toISOString() }, o.out);
        }),
      ),
    );
  return jobs;
}
