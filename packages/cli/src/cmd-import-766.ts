import { formatVnTime, index766MonthOf, index766PeriodLabel, parseIndex766Period } from '@dvcwatch/core';
import { Index766ImportError, importIndex766, type Logger } from '@dvcwatch/runner';
import { parse } from './args.js';
import { type LocalContext, openLocal } from './context.js';
import type { CliEnv } from './env.js';
import { chooseRegistry } from './registry-choice.js';
import { UsageError } from './usage.js';

/** Imports one period in an open context and prints what was stored; an Index766ImportError passes through. */
export async function import766In(
  ctx: LocalContext,
  o: { period: string | undefined; endpoint: string | undefined; now: string },
  out: (l: string) => void,
): Promise<void> {
  const period = o.period === undefined ? index766MonthOf(o.now) : parseIndex766Period(o.period);
  if (!period) throw new UsageError(`--period: cần YYYY, YYYY-MM hoặc YYYY-Qn (got ${o.period})`);
  const imported = await importIndex766(ctx.deps.store, ctx.registry, {
    period,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    now: () => new Date().toISOString(),
  });
  const agencies = Object.keys(imported.matched).length;
  out(
    `Đã nhập Chỉ số 766 ${index766PeriodLabel(imported.period)} lúc ${formatVnTime(imported.fetchedAt)}: ${imported.rows.length} đơn vị, ${agencies} khớp với cơ quan trong danh mục (SHA-256 ${imported.sha256.slice(0, 12)}…).`,
  );
  const byUnit = new Map(imported.rows.map((r) => [r.unitId, r]));
  if (imported.unmatched.length > 0) {
    out(`Không khớp cơ quan nào (giữ lại, không đoán; thêm index766Id vào danh mục để ghép):`);
    for (const id of imported.unmatched) out(`  ID ${id}: ${byUnit.get(id)?.name ?? '?'}`);
  }
}

/**
 * `dvcwatch import-766 [--registry FILE] [--period P] [--endpoint URL]`: imports the QĐ 766 index. A failed import
 * prints one line saying what was received and exits 1; what earlier imports stored is untouched.
 */
export async function cmdImport766(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, { registry: { type: 'string' }, period: { type: 'string' }, endpoint: { type: 'string' } });
  const endpoint = values.endpoint ?? env.DVCWATCH_INDEX766_ENDPOINT;
  if (endpoint !== undefined && !URL.canParse(endpoint)) throw new UsageError(`--endpoint: không phải URL: ${endpoint}`);
  const ctx = await openLocal(env, (await chooseRegistry(values.registry, env, true)).file, log);
  try {
    await import766In(ctx, { period: values.period, endpoint, now: new Date().toISOString() }, out);
    return 0;
  } catch (e) {
    if (!(e instanceof Index766ImportError)) throw e;
    process.stderr.write(`dvcwatch import-766: nhập thất bại, dữ liệu đã nhập trước đó giữ nguyên — ${e.message}\n`);
    return 1;
  } finally {
    await ctx.close();
  }
}
