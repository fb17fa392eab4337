import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { roundOfDeadline } from '@dvcwatch/core';
import { finalizeRound } from '@dvcwatch/runner';
import { env } from './shared/env.js';
import { FinalizeEvent } from './shared/jobs.js';
import { roundMetricsLine } from './shared/metrics.js';
import { withMiddleware } from './shared/middleware.js';
import { publishSite } from './shared/publish.js';
import { awsClients, runnerDeps } from './shared/services.js';

const cloudfront = new CloudFrontClient({});

/**
 * Ends a round — invoked by the last probe, or by the deadline schedule (core/round-clock.ts) — recording agencies with
 * no result as `error`; invoked by the probe, the alerts wait while a `down` still waits for an agent vantage (the
 * site is published as it stands); otherwise the alerts are decided, the site is published, then the emails are
 * queued (the mail function sends them), and the round metrics emitted.
 */
export const handler = withMiddleware('finalize', async (raw: unknown, log) => {
  const e = env();
  const event = FinalizeEvent.parse(raw);
  // The deadline schedule fires ROUND_DEADLINE_MINUTES after the round's start (core/round-clock.ts).
  const at = 'at' in event ? event.at : roundOfDeadline(event.time);
  const deps = await runnerDeps(log.child({ at }));
  if (!(await deps.store.getRound(at))) {
    log.warn('no such round (nothing was dispatched this hour)', { at });
    return { at, finished: false };
  }
  const publish = async () => {
    if (!e.DVCWATCH_SITE_BUCKET) return;
    await publishSite(
      deps.store,
      deps.registry,
      at,
      e.DVCWATCH_PROBE_LOCATION,
      {
        s3: awsClients().s3,
        bucket: e.DVCWATCH_SITE_BUCKET,
        cloudfront: e.DVCWATCH_DISTRIBUTION_ID ? cloudfront : null,
        distributionId: e.DVCWATCH_DISTRIBUTION_ID ?? null,
      },
      log,
    );
  };
  // Invoked with `{ at }` (by the last probe) the alerts wait for the agent vantages; the deadline decides.
  const summary = await finalizeRound(deps, at, new Date().toISOString(), { waitForVantages: 'at' in event, publish });
  if (summary.awaiting?.length) {
    // Shown as it stands while the alerts wait; the finalize that decides publishes the round again.
    await publish();
    return summary;
  }
  // CloudWatch Embedded Metric Format: the alarms on incomplete rounds and on the error share read these.
  console.log(
    roundMetricsLine(e.DVCWATCH_STAGE, at, {
      finished: summary.finished,
      missing: summary.missing.length,
      errors: summary.counts.error ?? 0,
      results: summary.results,
    }),
  );
  return summary;
});
