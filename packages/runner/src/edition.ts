import {
  buildEdition,
  type Edition,
  editionAgency,
  editionBounds,
  editionMonthBefore,
  editionRound,
  type Index766Import,
  type Registry,
} from '@dvcwatch/core';
import type { Store } from '@dvcwatch/store';
import pLimit from 'p-limit';

/** Agencies read at once (as the site's collection does). */
const READ_CONCURRENCY = 8;

/** The month's QĐ 766 import: the last one fetched by `until` whose period is that month, or null. */
async function monthImport(store: Store, month: string, until: string): Promise<Index766Import | null> {
  const { from } = editionBounds(month);
  const imports = await store.index766.between(from, until);
  return imports.filter((i) => i.period === month).at(-1) ?? null;
}

/** Builds the edition of `month` from the store, as of `now` (nothing is written). */
export async function composeEdition(store: Store, registry: Registry, month: string, now: string): Promise<Edition> {
  const { from, to, firstDay, lastDay } = editionBounds(month);
  const imported = await monthImport(store, month, now);
  const limit = pLimit(READ_CONCURRENCY);
  const rows = await Promise.all(
    registry.agencies.map((a) =>
      limit(async () => {
        const [rounds, incidents, lab] = await Promise.all([
          store.resultRows.listMapped(a.id, from, to, editionRound),
          store.incidents(a.id),
          store.labDays.days(a.id, firstDay, lastDay),
        ]);
        const unit = imported?.matched[a.id];
        const total = unit ? (imported?.rows.find((r) => r.unitId === unit)?.total ?? null) : null;
        return editionAgency(a, month, { rounds, incidents, lab, index766Total: total });
      }),
    ),
  );
  const source = imported ? { fetchedAt: imported.fetchedAt, sha256: imported.sha256, period: imported.period } : null;
  return buildEdition(month, now, rows, source);
}

/**
 * The monthly edition of the month before `now`: composed and written once. When it already exists nothing is read
 * or written again (`written: false`), so later rounds never change a published edition.
 */
export async function publishEdition(
  store: Store,
  registry: Registry,
  now: string,
  month = editionMonthBefore(now),
): Promise<{ month: string; written: boolean; edition: Edition }> {
  const existing = await store.editions.get(month);
  if (existing) return { month, written: false, edition: existing };
  const edition = await composeEdition(store, registry, month, now);
  const written = await store.editions.putOnce(edition);
  // Someone else wrote first (two schedulers): theirs is the edition.
  return { month, written, edition: written ? edition : ((await store.editions.get(month)) ?? edition) };
}
