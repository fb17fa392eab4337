import { CHECKS, type Result } from '@dvcwatch/core';

/** What the site needs to know of a check: core's catalogue entry, without the judge. */
export interface SiteCheck {
  id: string;
  title: string;
  group: string;
  weight: number;
  source: string;
}

/** Checks to show: core's catalogue in its order, then any other id seen in results (sorted, titled by id). */
export function siteChecks(
  latest: readonly Result[],
  catalogue: readonly SiteCheck[] = CHECKS.map((c) => ({ ...c, source: c.legalBasis })),
): SiteCheck[] {
  const known = new Set(catalogue.map((c) => c.id));
  const seen = new Set<string>();
  for (const r of latest) for (const c of r.checks) if (!known.has(c.id)) seen.add(c.id);
  const extra = [...seen].sort().map((id) => ({ id, title: id, group: 'functions', weight: 0, source: '' }));
  return [...catalogue.map(({ id, title, group, weight, source }) => ({ id, title, group, weight, source })), ...extra];
}
