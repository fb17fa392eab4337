import type { PageDiagnosis, ResourceFact, ScriptTime } from '@dvcwatch/core';
import type { RawDiagnosis, RawResource } from './page-script.js';

const fact = ([url, type, bytes, startMs, endMs, renderBlocking]: RawResource): ResourceFact => ({
  url,
  type,
  bytes,
  startMs,
  endMs,
  renderBlocking,
});

const duration = (r: ResourceFact): number => r.endMs - r.startMs;

/** Long-animation-frame script entries summed per script URL (or invoker when the URL is empty), top 3. */
const topScripts = (loaf: RawDiagnosis['loaf']): ScriptTime[] => {
  const byKey = new Map<string, ScriptTime>();
  for (const [url, invoker, ms] of loaf) {
    const key = url || invoker;
    const seen = byKey.get(key);
    if (seen) seen.ms += ms;
    else byKey.set(key, { url, invoker: invoker.slice(0, 120), ms });
  }
  return [...byKey.values()]
    .map((s) => ({ ...s, ms: Math.round(s.ms) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
};

/** Turns the read script's raw diagnosis into the bounded artifact `core` judges. */
export function toDiagnosis(raw: RawDiagnosis | null): PageDiagnosis | null {
  if (!raw) return null;
  const all = raw.resources.map(fact);
  const lcpUrl = raw.lcpEl?.url ?? null;
  return {
    lcpElement: raw.lcpEl ? { tag: raw.lcpEl.tag, url: lcpUrl, text: raw.lcpEl.text || null } : null,
    lcpResource: (lcpUrl && all.find((r) => r.url === lcpUrl)) || null,
    largest: [...all].sort((a, b) => b.bytes - a.bytes).slice(0, 3),
    slowest: [...all].sort((a, b) => duration(b) - duration(a)).slice(0, 3),
    renderBlocking: all
      .filter((r) => r.renderBlocking)
      .sort((a, b) => duration(b) - duration(a))
      .slice(0, 5),
    longScripts: topScripts(raw.loaf),
    resourceCount: raw.resourceCount,
    totalBytes: raw.totalBytes,
  };
}
