import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatVnTime, type Result, STATUS_VI } from '@dvcwatch/core';
import type { Logger } from '@dvcwatch/runner';
import { parse } from './args.js';
import { openLocal } from './context.js';
import type { CliEnv } from './env.js';
import { chooseRegistry } from './registry-choice.js';
import { nextTopOfHour } from './serve-announce.js';
import { lookupServe, SERVE_STATE_FILE } from './serve-state.js';

/**
 * `dvcwatch status`: is the service running, the last round and what it found, when the next one runs (Vietnam
 * time), where the site and the outbox are. Works beside a running `serve` (its store) and without one.
 */
export async function cmdStatus(argv: string[], env: CliEnv, log: Logger, out: (l: string) => void): Promise<number> {
  const { values } = parse(argv, { registry: { type: 'string' }, json: { type: 'boolean' } });
  const serve = await lookupServe(env.home);
  const choice = await chooseRegistry(values.registry, env, true);
  const ctx = await openLocal(env, choice.file, log);
  try {
    const [last] = await ctx.deps.store.rounds(1);
    const results = last
      ? (await Promise.all(ctx.registry.agencies.map((a) => ctx.deps.store.getResult(a.id, last.at)))).filter(
          (r): r is Result => r !== null,
        )
      : [];
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    const breached = results.filter((r) => r.breaches.length > 0).map((r) => r.agencyId);
    const running = serve.kind === 'running' ? serve.state : null;
    const next = running ? nextTopOfHour(Date.now()) : null;
    const emails = (await readdir(ctx.paths.outbox).catch(() => [] as string[])).filter((f) => f.endsWith('.eml')).length;
    const siteFile = join(ctx.paths.site, 'index.html');
    if (values.json) {
      out(
        JSON.stringify({
          serve: running ? { pid: running.pid, startedAt: running.startedAt, site: running.site } : null,
          registry: ctx.registryFile,
          lastRound: last ? { ...last, counts, breached } : null,
          nextRound: next,
          site: running?.site ?? (existsSync(siteFile) ? siteFile : null),
          outbox: { dir: ctx.paths.outbox, emails },
        }),
      );
      return 0;
    }
    if (running)
      out(`Dịch vụ: đang chạy (pid ${running.pid}, từ ${formatVnTime(running.startedAt)}), danh mục ${running.registry}`);
    else
      out(
        `Dịch vụ: không chạy${serve.kind === 'stale' ? ` (bản ghi ${SERVE_STATE_FILE} cũ của pid ${serve.state.pid}: tiến trình đó đã dừng)` : ''} — chạy "npm start" hoặc "npx dvcwatch serve" để đo mỗi giờ.`,
      );
    out(`Danh mục: ${ctx.registryFile} (${ctx.registry.agencies.length} cơ quan)`);
    if (!last) out('Vòng đo gần nhất: chưa có vòng nào.');
    else {
      const state = last.finishedAt
        ? `xong lúc ${formatVnTime(last.finishedAt)}`
        : `đang chạy, ${last.doneCount}/${last.expectedCount} cơ quan đã đo`;
      out(`Vòng đo gần nhất: ${formatVnTime(last.at)} (${state})`);
      const summary = Object.entries(counts).map(([s, n]) => `${n} ${STATUS_VI[s as Result['status']] ?? s}`);
      out(
        `  ${results.length} kết quả: ${summary.join(', ') || '—'}; ${breached.length} cơ quan vượt ngưỡng${breached.length ? `: ${breached.join(', ')}` : ''}`,
      );
    }
    out(`Vòng tiếp theo: ${next ? `${formatVnTime(next)} (giờ Việt Nam)` : 'không có (dịch vụ không chạy)'}`);
    out(`Trang tổng hợp: ${running ? running.site : existsSync(siteFile) ? siteFile : 'chưa có (dựng sau vòng đo đầu tiên)'}`);
    out(`Thư gửi đi (.eml): ${ctx.paths.outbox} (${emails} thư)`);
    return 0;
  } finally {
    await ctx.close();
  }
}
