import type { Logger } from '@dvcwatch/runner';
import { Cron } from 'croner';
import { editionIn } from './cmd-edition.js';
import { import766In } from './cmd-import-766.js';
import type { LocalContext } from './context.js';

export interface DutyOptions {
  endpoint: string | undefined;
  log: Logger;
  out: (l: string) => void;
  rebuild: (at: string) => Promise<void>;
}

/** Runs one duty; a failure is logged and printed, and never rejects (serve must carry on). */
const guarded = async (what: string, o: DutyOptions, job: () => Promise<void>): Promise<void> => {
  try {
    await job();
  } catch (e) {
    o.log.error(`${what} failed`, { error: e instanceof Error ? e.message : String(e) });
    o.out(`${what} lỗi: ${e instanceof Error ? e.message : String(e)}`);
  }
};

/** serve's daily QĐ 766 import (this month's index); never rejects. */
export const importDuty = (ctx: LocalContext, o: DutyOptions): Promise<void> =>
  guarded('Nhập Chỉ số 766', o, () =>
    import766In(ctx, { period: undefined, endpoint: o.endpoint, now: new Date().toISOString() }, o.out),
  );

/** serve's monthly edition (the past month), then the site; never rejects. */
export const editionDuty = (ctx: LocalContext, o: DutyOptions): Promise<void> =>
  guarded('Ấn bản tháng', o, async () => {
    const at = new Date().toISOString();
    await editionIn(ctx, { at, site: false }, o.out);
    await o.rebuild(at);
  });

/**
 * serve's QĐ 766 and edition schedules, as on AWS (stacks/Index766.ts): the index at 06:30 every day (only when
 * the registry maps an agency to it: nothing else would show it), and on the 1st at 07:00 the past month's edition.
 */
export function index766Duties(ctx: LocalContext, o: DutyOptions): Cron[] {
  const opts = { timezone: 'Asia/Ho_Chi_Minh', protect: true };
  const jobs = [new Cron('0 7 1 * *', opts, () => void editionDuty(ctx, o))];
  if (ctx.registry.agencies.some((a) => a.index766Id !== undefined))
    jobs.push(new Cron('30 6 * * *', opts, () => void importDuty(ctx, o)));
  return jobs;
}
