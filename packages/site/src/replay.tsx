import { type DailyAggregate, type Incident, viDateTime, viNumber, vnDayStart } from '@dvcwatch/core';

/**
 * Where replayed history (`dvcwatch replay`: rounds derived from one real probe by a scenario, not measured) sits
 * in the data, so every page built from it can say so. Found from the daily aggregates, which count replayed
 * rounds; replayed history only ever precedes the first live round, so the earliest `replayed` round times of a
 * day are the replayed ones.
 */
export interface ReplaySpan {
  /** First and last replayed round (ISO). */
  from: string;
  to: string;
  rounds: number;
}

const merge = (a: ReplaySpan | null, b: ReplaySpan): ReplaySpan =>
  a ? { from: b.from < a.from ? b.from : a.from, to: b.to > a.to ? b.to : a.to, rounds: a.rounds + b.rounds } : b;

/** The replayed span of some daily aggregates, or null when none holds a replayed round. */
export function replaySpan(days: readonly DailyAggregate[]): ReplaySpan | null {
  let span: ReplaySpan | null = null;
  for (const d of days) {
    const n = d.replayed ?? 0;
    if (n <= 0) continue;
    const ats = [...d.ats].sort();
    // Without round times (an aggregate written elsewhere), the day itself bounds the span.
    const start = vnDayStart(d.day);
    const from = ats[0] ?? start;
    const to = ats[Math.min(n, ats.length) - 1] ?? new Date(Date.parse(start) + 23 * 3_600_000).toISOString();
    span = merge(span, { from, to, rounds: n });
  }
  return span;
}

/** The union of several spans (the whole site's), or null. */
export function mergeSpans(spans: readonly (ReplaySpan | null)[]): ReplaySpan | null {
  let out: ReplaySpan | null = null;
  for (const s of spans) if (s) out = merge(out, s);
  return out;
}

/** Whether an incident opened in replayed history (its emails were never sent). */
export const replayedIncident = (i: Incident, span: ReplaySpan | null): boolean =>
  span !== null && i.openedAt >= span.from && i.openedAt <= span.to;

/** The visible note on a page whose data includes replayed rounds; nothing otherwise. */
export function ReplayNotice(props: { span: ReplaySpan | null; root: string }) {
  const { span, root } = props;
  if (!span) return null;
  return (
    <p class="replay" role="note">
      <strong>Dữ liệu lịch sử phát lại từ bản ghi mô phỏng.</strong> {viNumber(span.rounds)} lần đo từ {viDateTime(span.from)} đến{' '}
      {viDateTime(span.to)} không phải đo thật từng giờ: mỗi giờ được suy ra từ một lần đo thật bằng trình duyệt theo kịch bản
      định trước (tải theo giờ hành chính, sự cố dựng sẵn), và không gửi thư cảnh báo cho ai.{' '}
      <a href={`${root}methodology.html#phat-lai`}>Cách phát lại</a>.
    </p>
  );
}
