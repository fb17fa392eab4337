import { type Edition, isPlaceholderHead } from '@dvcwatch/core';
import { editionSummaryEmail } from '@dvcwatch/present';
import type { RunnerDeps } from './deps.js';

/**
 * Emails each head who asked for it (`monthlySummary: true`, off by default) their agency's row of the edition.
 * Keyed by agency and month, so running it again (a retry, a second scheduler) sends nothing twice. Placeholder
 * heads and agencies missing from the edition are skipped.
 */
export async function sendEditionSummaries(deps: RunnerDeps, edition: Edition): Promise<{ sent: number }> {
  const base = deps.registry.siteUrl?.replace(/\/$/, '') ?? null;
  let sent = 0;
  for (const agency of deps.registry.agencies) {
    const row = edition.agencies.find((a) => a.agencyId === agency.id);
    if (!agency.monthlySummary || !row || isPlaceholderHead(agency)) continue;
    const url = base ? `${base}/editions/${edition.month}.html` : null;
    const outcome = await deps.mailer.send(
      { scope: agency.id, topic: `edition#${edition.month}`, step: 'summary', kind: 'edition' },
      editionSummaryEmail(agency, edition.month, row, url),
    );
    if (outcome === 'sent') sent++;
  }
  deps.log.info('monthly edition summaries', { month: edition.month, sent });
  return { sent };
}
