import { editionMonthBefore } from '@dvcwatch/core';
import { type Logger, publishEdition, sendEditionSummaries } from '@dvcwatch/runner';
import { isoOption, parse } from './args.js';
import { type LocalContext, openLocal } from './context.js';
import type { CliEnv } from './env.js';
import { chooseRegistry } from './registry-choice.js';
import { writeSite } from './site-writer.js';
import { UsageError } from './usage.js';

/** Publishes the month's edition in an open context (once; an existing one is left as it is) and rebuilds the site. */
export async function editionIn(
  ctx: LocalContext,
  o: { at: string; month?: string | undefined; site: boolean },
  out: (l: string) => void,
): Promise<boolean> {
  const month = o.month ?? editionMonthBefore(o.at);
  const { written, edition } = await publishEdition(ctx.deps.store, ctx.registry, o.at, month);
  out(
    written
      ? `Đã chốt ấn bản tháng ${month}: ${edition.agencies.length} cơ quan.`
      : `Ấn bản tháng ${month} đã chốt lúc ${edition.generatedAt}: giữ nguyên, không ghi lại.`,
  );
  // Always asked: sends are keyed by agency and month, so a run after a crash sends what is missing, never twice.
  const { sent } = await sendEditionSummaries(ctx.deps, edition);
  if (sent) out(`Đã gửi bản tóm tắt tháng cho ${sent} lãnh đạo cơ quan (monthlySummary).`);
  if (o.site) await writeSite(ctx, o.at);
  return written;
}

/** `dvcwatch edition [--registry FILE] [--month YYYY-MM] [--at ISO]`: the frozen edition of the month before --at. */
export async function cmdEdition(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, { registry: { type: 'string' }, month: { type: 'string' }, at: { type: 'string' } });
  const at = isoOption('at', values.at) ?? new Date().toISOString();
  if (values.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month))
    throw new UsageError(`--month: cần YYYY-MM (got ${values.month})`);
  if (values.month !== undefined && values.month > editionMonthBefore(at))
    throw new UsageError(`--month: chỉ chốt được tháng đã qua (${values.month})`);
  const ctx = await openLocal(env, (await chooseRegistry(values.registry, env, true)).file, log);
  try {
    await editionIn(ctx, { at, month: values.month, site: true }, out);
    return 0;
  } finally {
    await ctx.close();
  }
}
