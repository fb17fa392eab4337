import { join } from 'node:path';
import { formatVnTime } from '@dvcwatch/core';
import type { Logger } from '@dvcwatch/runner';
import { intOption, isoOption, parse } from './args.js';
import type { LocalContext } from './context.js';
import { planReplay, type ReplaySummary, replayHistory } from './demo/index.js';
import { recordAgencies } from './demo/replay-record.js';
import type { CliEnv } from './env.js';
import { writeAtomic } from './local-files.js';
import { openWithDemo } from './open-with-demo.js';
import { writeSite } from './site-writer.js';
import { UsageError } from './usage.js';

/** Days replayed when `--days` is not given: the site's longest chart. */
export const DEFAULT_REPLAY_DAYS = 90;
/** Longest replay accepted (the site shows 90 days; a little more keeps "since when" honest at the edge). */
export const MAX_REPLAY_DAYS = 120;

const LOOPBACK_HOST = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

export interface ReplayRunOptions {
  days: number;
  /** End of the replay (exclusive, floored to the hour). */
  until: string;
  concurrency: number;
}

/**
 * Replays history in an open context: plans the missing hours, takes one real probe of every agency (Chromium,
 * with the check catalogue) only if something is missing, derives and stores the hours, rebuilds the site.
 * Refuses a registry with a portal off this machine: replayed history is for the demo, never for real agencies.
 */
export async function replayIn(
  ctx: LocalContext,
  o: ReplayRunOptions,
  out: (line: string) => void,
): Promise<ReplaySummary | null> {
  const remote = ctx.registry.agencies.filter((a) => !LOOPBACK_HOST.test(new URL(a.portal.home).hostname));
  if (remote.length > 0)
    throw new UsageError(
      `--registry: phát lại lịch sử chỉ dành cho cổng mô phỏng trên 127.0.0.1; ${ctx.registryFile} có cổng thật (${remote
        .slice(0, 3)
        .map((a) => a.id)
        .join(', ')}${remote.length > 3 ? ', …' : ''}). Không bao giờ dựng lịch sử giả cho cơ quan thật.`,
    );
  const plan = await planReplay(ctx.deps, { days: o.days, until: o.until });
  if (plan.liveFrom) out(`Đã có vòng đo thật từ ${formatVnTime(plan.liveFrom)}: chỉ phát lại các giờ trước thời điểm đó.`);
  if (plan.hours.length === 0) {
    out(`Lịch sử ${o.days} ngày đã có đủ: không phát lại gì.`);
    return null;
  }
  out(
    `Phát lại ${plan.hours.length} giờ (${formatVnTime(plan.hours[0]!)} → ${formatVnTime(plan.hours.at(-1)!)}) cho ${ctx.registry.agencies.length} cơ quan.`,
  );
  const recordedAt = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  out(`Ghi một lần đo thật (Chromium, kèm bộ tiêu chí) của từng cơ quan lúc ${formatVnTime(recordedAt)}…`);
  const { recording, vantages } = await recordAgencies(ctx, recordedAt, o.concurrency, out);
  const file = join(ctx.paths.home, 'replay', `recording-${recordedAt.replace(/[:.]/g, '-')}.json`);
  await writeAtomic(
    file,
    JSON.stringify({
      recordedAt,
      registry: ctx.registryFile,
      agencies: Object.fromEntries(recording),
      vantages: Object.fromEntries(vantages),
    }),
  );
  out(`Bản ghi: ${file}`);
  const started = performance.now();
  const summary = await replayHistory(ctx.deps, {
    plan,
    recording,
    vantages,
    recordedAt,
    concurrency: Math.max(o.concurrency, ctx.registry.agencies.length),
    onHour: (at, done, total) => {
      // One line a week of history keeps the output short; the last hour always reports.
      if (done === total || done % (24 * 7) === 0) out(`  đã phát lại ${done}/${total} giờ (đến ${formatVnTime(at)})`);
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  out(
    `Xong sau ${seconds} s: ${summary.stored} kết quả mới, ${summary.incidents} sự cố trong lịch sử, ${summary.suppressed} thư không gửi (lịch sử phát lại không bao giờ gửi thư).`,
  );
  if (summary.skipped.length) out(`Không phát lại (không có bản ghi đo thật): ${summary.skipped.join(', ')}.`);
  // Built "as of" the end of the replay when that is in the past and nothing live follows, so its 90 days show.
  const end = new Date(Date.parse(plan.last!) + 3_600_000).toISOString();
  const asOf = !plan.liveFrom && end < recordedAt ? end : new Date().toISOString();
  const site = await writeSite(ctx, asOf);
  out(`Trang tổng hợp: ${ctx.paths.site}/index.html (${site.files} tệp, ${site.ms} ms)`);
  return summary;
}

/** Parses `--days` and `--until` (shared by `replay` and `serve --replay-days`). */
export const replayDays = (value: string | undefined, name = 'days'): number | undefined =>
  intOption(name, value, 1, MAX_REPLAY_DAYS);

/** `dvcwatch replay`: derived demo history for the last N days, then the site rebuilt. */
export async function cmdReplay(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, { registry: { type: 'string' }, days: { type: 'string' }, until: { type: 'string' } });
  const days = replayDays(values.days) ?? DEFAULT_REPLAY_DAYS;
  const now = new Date().toISOString();
  const until = isoOption('until', values.until) ?? now;
  if (until > now) throw new UsageError(`--until: không được ở tương lai (must not be in the future): ${values.until}`);
  const { ctx, close } = await openWithDemo(env, values.registry, log);
  try {
    await replayIn(ctx, { days, until, concurrency: env.DVCWATCH_CONCURRENCY }, out);
    return 0;
  } finally {
    await close();
  }
}
