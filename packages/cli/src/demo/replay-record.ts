import { evaluate, type PageArtifacts, type ProbeArtifacts, STATUS_VI, type VantageSeen } from '@dvcwatch/core';
import { confirmFromVantages, probeAgency } from '@dvcwatch/runner';
import pLimit from 'p-limit';
import type { LocalContext } from '../context.js';

/**
 * How many times one agency is probed for the recording when an answered page has no paint timing. Ninety days
 * are derived from this one probe: a page that answered but whose FCP or LCP was not read (the machine was busy,
 * the paint came after the page's limit) would turn into ninety days without a figure. A second look is cheap
 * next to that; a third that still reads nothing is recorded and said so.
 */
export const RECORD_ATTEMPTS = 3;

/** A page that answered (no error, HTTP below 400) but whose first or largest paint was not measured. */
export const paintMissing = (p: PageArtifacts | null): boolean =>
  p !== null && p.error === null && p.httpStatus !== null && p.httpStatus < 400 && (p.fcpMs === null || p.lcpMs === null);

/** The pages of a probe that answered without a paint timing, by name. */
export const unmeasuredPages = (a: ProbeArtifacts): ('home' | 'form')[] =>
  (['home', 'form'] as const).filter((page) => paintMissing(a[page]));

/** One real probe of every agency (the recording); an agency whose probe failed on our side is left out. */
export async function recordAgencies(
  ctx: LocalContext,
  at: string,
  concurrency: number,
  out: (line: string) => void,
): Promise<{ recording: Map<string, ProbeArtifacts>; vantages: Map<string, VantageSeen[]> }> {
  const limit = pLimit(Math.max(1, concurrency));
  const recording = new Map<string, ProbeArtifacts>();
  const vantages = new Map<string, VantageSeen[]>();
  // Facts go to the store as a live round's would: the first live round after the replay reuses them on schedule.
  const probe = {
    prober: ctx.prober(),
    registry: ctx.registry,
    evidence: null,
    facts: true,
    factsStore: ctx.deps.store,
    freshChecks: true,
  };
  await Promise.all(
    ctx.registry.agencies.map((agency) =>
      limit(async () => {
        try {
          let artifacts = await probeAgency(agency, at, probe);
          for (let attempt = 2; attempt <= RECORD_ATTEMPTS && unmeasuredPages(artifacts).length > 0; attempt++) {
            out(
              `  ${agency.id}: chưa đo được thời điểm hiển thị (FCP/LCP) của trang ${unmeasuredPages(artifacts).join(', ')} — đo lại (lần ${attempt}/${RECORD_ATTEMPTS})`,
            );
            artifacts = await probeAgency(agency, at, { ...probe, freshChecks: false });
          }
          const first = evaluate(agency, artifacts, { at, nationalHosts: ctx.registry.nationalHosts, maintenance: false });
          // A `down` is looked at from the other vantages once, as a live round would; the replay reuses what they saw.
          const judged = await confirmFromVantages(ctx.deps, agency, first, probe.prober);
          if (judged.vantages) vantages.set(agency.id, judged.vantages.slice(1));
          if (judged.status === 'error') {
            out(`  ${agency.id}: lỗi của hệ thống giám sát (${judged.monitorError ?? '?'}) — không phát lại cơ quan này`);
            return;
          }
          recording.set(agency.id, artifacts);
          const missing = unmeasuredPages(artifacts);
          out(
            `  ${agency.id}: ${STATUS_VI[judged.status]}${missing.length ? ` (bản ghi không có FCP/LCP của trang ${missing.join(', ')}: lịch sử phát lại sẽ thiếu các số đo này)` : ''}`,
          );
        } catch (e) {
          out(`  ${agency.id}: không đo được (${e instanceof Error ? e.message : String(e)}) — không phát lại cơ quan này`);
        }
      }),
    ),
  );
  return { recording, vantages };
}
