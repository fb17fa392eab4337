import { CHECKS, gradeOf, LAB_METRIC_VI, labRisks, summariseWeek, vnDay } from '@dvcwatch/core';
import { digestEmail } from '@dvcwatch/present';
import type { RunnerDeps } from './deps.js';
import { warnAnd } from './log.js';
import { skipPlaceholderHead } from './placeholder-head.js';

/**
 * Sends the Monday digest: each head gets their portal's last seven days (availability, median and p95
 * timings, failing checks, score, grade, rank among agencies of the same kind). Keyed by agency and week, so a
 * retried run sends nothing twice.
 */
export async function sendDigests(deps: RunnerDeps, nowIso: string): Promise<{ sent: number; skipped: number }> {
  const now = Date.parse(nowIso);
  const to = vnDay(new Date(now - 86_400_000).toISOString());
  const from = vnDay(new Date(now - 7 * 86_400_000).toISOString());
  const weekLabel = `${from.slice(8, 10)}/${from.slice(5, 7)}–${to.slice(8, 10)}/${to.slice(5, 7)}/${to.slice(0, 4)}`;
  const weeks = await Promise.all(
    deps.registry.agencies.map(async (a) => {
      const days = await deps.store.days(a.id, from, to);
      // The ministry profile's risk is told here, weekly, never by an hourly alert.
      const lab = await deps.store.labDays
        .days(a.id, from, to)
        .catch(warnAnd(deps.log, 'lab days unreadable: the digest goes without them', { agencyId: a.id }, []));
      const labRisk = labRisks(lab, to).map(
        (r) => `${LAB_METRIC_VI[r.metric]} ${r.page === 'home' ? 'trang chủ' : 'trang biểu mẫu'} (${r.failDays}/7 ngày)`,
      );
      return { agency: a, week: { ...summariseWeek(days), labRisk }, replayed: days.some((d) => (d.replayed ?? 0) > 0) };
    }),
  );
  const titles = Object.fromEntries(CHECKS.map((c) => [c.id, c.title]));
  let sent = 0;
  let skipped = 0;
  for (const { agency, week, replayed } of weeks) {
    // A week that includes replayed (derived) rounds is never summarised to a head: it did not happen live.
    if (replayed) {
      skipped++;
      continue;
    }
    const peers = weeks
      .filter((w) => w.agency.kind === agency.kind && w.week.score !== null)
      .sort((x, y) => (y.week.score ?? 0) - (x.week.score ?? 0));
    const rank = week.score === null ? null : peers.findIndex((p) => p.agency.id === agency.id) + 1;
    const trend = deps.registry.siteUrl ? `${deps.registry.siteUrl.replace(/\/$/, '')}/agency/${agency.id}.html` : null;
    const message = digestEmail(
      agency,
      { ...week, grade: week.score === null ? null : gradeOf(week.score), rank, of: peers.length },
      weekLabel,
      trend,
      titles,
    );
    const key = { scope: agency.id, topic: `digest#${to}`, step: 'digest', kind: 'digest' };
    if (await skipPlaceholderHead(deps, agency, key, message).catch(() => false)) {
      skipped++;
      continue;
    }
    // One head's failure never stops the others' digests (a keyed send: a rerun sends only what is missing).
    const outcome = await deps.mailer.send(key, message).catch((e: unknown) => {
      deps.log.error('digest not sent', { agencyId: agency.id, error: String(e) });
      return 'failed' as const;
    });
    if (outcome === 'sent' || outcome === 'queued') sent++;
    else skipped++;
  }
  deps.log.info('weekly digest', { week: weekLabel, sent, skipped });
  return { sent, skipped };
}
