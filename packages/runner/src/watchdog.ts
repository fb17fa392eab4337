import { formatVnTime } from '@dvcwatch/core';
import { plainEmail } from '@dvcwatch/present';
import type { RunnerDeps } from './deps.js';

/** How long without a finished round before the operators hear of it (issue: "no round for 2 hours"). */
export const WATCHDOG_HOURS = 2;

/**
 * The dead man's switch: if no round finished in the last two hours, the operators get one email per hour of
 * silence (keyed by the hour, so the 30-minute schedule never sends it twice).
 */
export async function watchdog(
  deps: RunnerDeps,
  nowIso: string,
): Promise<{ silentSince: string | null; outcome: string | null }> {
  const rounds = await deps.store.rounds(24);
  const lastFinished = rounds.find((r) => r.finishedAt !== null) ?? null;
  const cutoff = Date.parse(nowIso) - WATCHDOG_HOURS * 3_600_000;
  if (lastFinished && Date.parse(lastFinished.finishedAt ?? lastFinished.at) >= cutoff)
    return { silentSince: null, outcome: null };
  const since = lastFinished?.finishedAt ?? null;
  const hour = new Date(Math.floor(Date.parse(nowIso) / 3_600_000) * 3_600_000).toISOString();
  const text = `Không có vòng đo nào hoàn thành trong ${WATCHDOG_HOURS} giờ qua${since ? ` (vòng cuối hoàn thành lúc ${formatVnTime(since)})` : ''}. Kiểm tra lịch EventBridge, hàng đợi và hàm probe.`;
  const message = plainEmail(
    deps.registry.operators,
    `[dvcwatch] Hệ thống giám sát ngừng đo từ ${since ? formatVnTime(since) : 'lâu'}`,
    [text],
  );
  const outcome = await deps.mailer.send({ scope: 'ops', topic: 'watchdog', step: hour, kind: 'ops-watchdog' }, message);
  deps.log.error('no round finished recently: operators notified', { since, outcome });
  return { silentSince: since, outcome };
}
