import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Logger, sendDigests, watchdog } from '@dvcwatch/runner';
import { Cron } from 'croner';
import sirv from 'sirv';
import { intOption, parse } from './args.js';
import { replayDays, replayIn } from './cmd-replay.js';
import { roundIn } from './cmd-round.js';
import { openLocal } from './context.js';
import { autostartDemo } from './demo-autostart.js';
import type { CliEnv } from './env.js';
import { chooseRegistry, rememberRegistry } from './registry-choice.js';
import { index766Duties } from './serve-monthly.js';
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
  const ctx = await openLocal(env, (await chooseRegistry(values.registry, env, false)).file, log);
  await rememberRegistry(env, ctx.registryFile);
  const demo = values.demo === false ? null : await autostartDemo(ctx.registry);
  if (replay !== undefined) {
    // History first (only what is missing), so the first page a visitor opens already has its 90 days.
    await replayIn(ctx, { days: replay, until: new Date().toISOString(), concurrency: env.DVCWATCH_CONCURRENCY }, out).catch(
      async (e: unknown) => {
        await ctx.close();
        await demo?.close();
        throw e;
      },
    );
  }
  const assets = sirv(ctx.paths.site, { dev: true, extensions: ['html'] });
  const server = http.createServer((req, res) =>
    assets(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('Không tìm thấy trang (404). Trang tổng hợp có sau vòng đo đầu tiên.');
    }),
  );
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  out(`dvcwatch đang chạy. Trang tổng hợp: ${url}`);
  out(`Thư gửi đi (.eml): ${ctx.paths.outbox} — DynamoDB: ${ctx.endpoints.dynamodb} — SES: ${ctx.endpoints.ses}`);
  let running: Promise<void> | null = null;
  const tick = (at: string, trigger: 'schedule' | 'manual') => {
    if (running) {
      log.warn('previous round still running: this tick is skipped', { at });
      out(`Bỏ qua vòng ${at}: vòng trước chưa xong.`);
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
        out(`Vòng ${at} lỗi: ${e instanceof Error ? e.message : String(e)}`);
      })
      .finally(() => {
        running = null;
        out(`Vòng tiếp theo lúc ${job.nextRun()?.toISOString() ?? '?'} — ${url}`);
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
  await new Promise<void>((r) => server.close(() => r()));
  await ctx.close();
  await demo?.close();
  return 0;
}
