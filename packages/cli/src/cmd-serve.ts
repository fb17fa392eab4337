import { formatVnTime } from '@dvcwatch/core';
import { type Logger, sendDigests, watchdog } from '@dvcwatch/runner';
import { Cron } from 'croner';
import { intOption, parse } from './args.js';
import { replayDays, replayIn } from './cmd-replay.js';
import { roundIn } from './cmd-round.js';
import { type LocalContext, openLocal } from './context.js';
import { autostartDemo } from './demo-autostart.js';
import type { CliEnv } from './env.js';
import { chooseRegistry, rememberRegistry } from './registry-choice.js';
import { firstEmailLine } from './serve-announce.js';
import { index766Duties } from './serve-monthly.js';
import { serveSite, waitingPage } from './serve-site.js';
import { lookupServe, removeServeState, SERVE_STATE_FILE, writeServeState } from './serve-state.js';
import { writeSite } from './site-writer.js';

/** The round's time for a scheduled tick: the hour it belongs to, so every agency's rows line up. */
export const topOfHour = (ms: number): string => new Date(Math.floor(ms / 3_600_000) * 3_600_000).toISOString();

/**
 * `dvcwatch serve`: the local service. A round at once, then at the top of every hour with no human action;
 * the site on http://127.0.0.1:PORT. A tick that finds the previous round still running is skipped (logged),
 * never queued, so rounds never pile up.
 */
export async function cmdServe(
  argv: string[],
  env: CliEnv,
  log: Logger,
  out: (l: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  const { values } = parse(argv, {
    registry: { type: 'string' },
    port: { type: 'string' },
    demo: { type: 'boolean' },
    'replay-days': { type: 'string' },
  });
  const port = intOption('port', values.port, 0, 65535) ?? env.DVCWATCH_PORT;
  const replay = replayDays(values['replay-days'], 'replay-days');
  const startedAt = new Date().toISOString();
  const found = await lookupServe(env.home);
  if (found.kind === 'running')
    throw new Error(
      `serve đã chạy ở thư mục này (pid ${found.state.pid}, trang tổng hợp ${found.state.site}): dùng dịch vụ đó, hoặc dừng nó (Ctrl+C, hoặc kill ${found.state.pid}) rồi chạy lại.`,
    );
  if (found.kind === 'stale')
    out(`(Bỏ bản ghi cũ ${SERVE_STATE_FILE} của pid ${found.state.pid}: tiến trình đó không còn chạy.)`);
  const choice = await chooseRegistry(values.registry, env, false);
  out(`dvcwatch serve: khởi động lúc ${formatVnTime(startedAt)} (giờ Việt Nam), danh mục ${choice.file}, thư mục ${env.home}`);
  const ctx = await openLocal(env, choice.file, log, { owner: true, say: out });
  const closers: (() => Promise<void>)[] = [() => ctx.close()];
  const closeAll = async () => {
    for (const c of closers.reverse()) await c();
  };
  try {
    await rememberRegistry(env, ctx.registryFile);
    const demo = values.demo === false ? null : await autostartDemo(ctx.registry, out);
    if (demo) closers.unshift(() => demo.close());
    const site = await serveSite(ctx.paths.site, port, () => waitingPage(startedAt, ctx.registry.agencies.length)).catch(
      (e: NodeJS.ErrnoException) => {
        throw e.code === 'EADDRINUSE'
          ? new Error(`cổng ${port} trên 127.0.0.1 đang bị chiếm: chọn cổng khác với --port N (hoặc DVCWATCH_PORT).`)
          : e;
      },
    );
    closers.push(() => site.close());
    await writeServeState(env.home, {
      pid: process.pid,
      startedAt,
      registry: ctx.registryFile,
      site: site.url,
      dynamodb: ctx.endpoints.dynamodb,
      ses: ctx.endpoints.ses,
      outbox: ctx.paths.outbox,
    });
    closers.push(() => removeServeState(env.home));
    out(`Trang tổng hợp mở ngay tại ${site.url} (trang chờ cho tới khi vòng đầu tiên xong).`);
    if (replay !== undefined)
      // History first (only what is missing), so the first page a visitor opens already has its 90 days.
      await replayIn(ctx, { days: replay, until: new Date().toISOString(), concurrency: env.DVCWATCH_CONCURRENCY }, out);
    return await schedule(ctx, env, log, out, site.url, signal);
  } finally {
    await closeAll();
  }
}

/** The round at once, then every hour, until SIGINT/SIGTERM or `signal`; returns 0 once the last round is done. */
async function schedule(
  ctx: LocalContext,
  env: CliEnv,
  log: Logger,
  out: (l: string) => void,
  url: string,
  signal?: AbortSignal,
): Promise<number> {
  out(`dvcwatch đang chạy. Trang tổng hợp: ${url}`);
  out(`Thư gửi đi (.eml): ${ctx.paths.outbox} — DynamoDB: ${ctx.endpoints.dynamodb} — SES: ${ctx.endpoints.ses}`);
  out('Trong lúc chạy, ở cửa sổ khác: npx dvcwatch status | results | alerts (dùng kho dữ liệu của dịch vụ này).');
  let running: Promise<void> | null = null;
  let first = true;
  const tick = (at: string, trigger: 'schedule' | 'manual') => {
    if (running) {
      log.warn('previous round still running: this tick is skipped', { at });
      out(`Bỏ qua vòng ${formatVnTime(at)}: vòng trước chưa xong.`);
      return running;
    }
    running = roundIn(
      ctx,
      // The ministry profile runs at each agency's office hours, on the hourly schedule only (not the start-up round).
      {
        at,
        trigger,
        site: true,
        checks: true,
        concurrency: env.DVCWATCH_CONCURRENCY,
        lab: trigger === 'schedule' ? 'schedule' : 'off',
      },
      out,
    )
      .catch((e: unknown) => {
        // The schedule must never die: a failed round is logged and the next tick runs as usual.
        log.error('round failed', { at, error: e instanceof Error ? e.stack : String(e) });
        out(`Vòng ${formatVnTime(at)} lỗi: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        running = null;
        const next = job.nextRun();
        out(`Vòng tiếp theo lúc ${next ? formatVnTime(next.toISOString()) : '?'} (giờ Việt Nam) — ${url}`);
        if (first) out(firstEmailLine(ctx.registry, Date.now()));
        first = false;
      });
    return running;
  };
  const job = new Cron(
    '0 * * * *',
    { timezone: 'Asia/Ho_Chi_Minh', protect: true },
    () => void tick(topOfHour(Date.now()), 'schedule'),
  );
  // The same duties as the AWS schedules: the dead man's switch every 30 minutes, the digest on Monday 08:00.
  const duties = [
    new Cron('15,45 * * * *', { protect: true }, () => {
      watchdog(ctx.deps, new Date().toISOString()).catch((e: unknown) => log.error('watchdog failed', { error: String(e) }));
    }),
    new Cron('0 8 * * 1', { timezone: 'Asia/Ho_Chi_Minh', protect: true }, () => {
      sendDigests(ctx.deps, new Date().toISOString()).catch((e: unknown) => log.error('digest failed', { error: String(e) }));
    }),
    ...index766Duties(ctx, {
      endpoint: env.DVCWATCH_INDEX766_ENDPOINT,
      log,
      out,
      rebuild: async (at) => {
        await writeSite(ctx, at);
      },
    }),
  ];
  void tick(new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(), 'manual');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    signal?.addEventListener('abort', stop, { once: true });
  });
  out('Đang dừng…');
  job.stop();
  for (const d of duties) d.stop();
  await running;
  return 0;
}
