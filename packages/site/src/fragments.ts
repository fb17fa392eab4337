import type { Result, Status } from '@dvcwatch/core';
import { esc } from './escape.js';
import { num } from './format.js';
import { NO_DATA, STATUS_LABELS } from './labels.js';

/** Status as symbol + word (never colour alone), with the maintenance badge when it applies. */
export function statusText(r: Result | null): string {
  if (!r) return `<span class="st st-none">– ${NO_DATA}</span>`;
  const s = STATUS_LABELS[r.status as Status] ?? { label: r.status, symbol: '?' };
  const m = r.maintenance ? '<span class="badge">bảo trì</span>' : '';
  return `<span class="st st-${esc(r.status)}"><span aria-hidden="true">${s.symbol}</span> ${esc(s.label)}</span>${m}`;
}

/** A grade letter as a badge; `—` when there is none. */
export const gradeBadge = (g: string | null | undefined): string =>
  g ? `<span class="grade g-${esc(g)}">${esc(g)}</span>` : '—';

/** Rank and score movement since last week, in words (▲/▼ are decorative). */
export function movement(
  rankNow: number | undefined,
  rankThen: number | undefined,
  now: number | null,
  then: number | null,
): string {
  const parts: string[] = [];
  if (rankNow !== undefined && rankThen !== undefined) {
    const d = rankThen - rankNow;
    parts.push(
      d > 0
        ? `<span class="up"><span aria-hidden="true">▲</span> lên ${d} bậc</span>`
        : d < 0
          ? `<span class="down"><span aria-hidden="true">▼</span> xuống ${-d} bậc</span>`
          : 'giữ hạng',
    );
  }
  if (now !== null && then !== null) {
    const d = now - then;
    parts.push(`${d > 0 ? '+' : d < 0 ? '−' : '±'}${num(Math.abs(d), 1)} điểm`);
  }
  return parts.length ? parts.join('<br>') : '<span class="muted">—</span>';
}

/** The status legend in Vietnamese, with maintenance. */
export function statusLegend(): string {
  const items = (Object.keys(STATUS_LABELS) as Status[])
    .map((s) => {
      const l = STATUS_LABELS[s];
      return `<dt><span class="st st-${s}"><span aria-hidden="true">${l.symbol}</span> ${esc(l.label)}</span></dt><dd>${esc(l.help)}</dd>`;
    })
    .join('');
  return `<dl class="kv">${items}<dt><span class="badge">bảo trì</span></dt><dd>Cơ quan đang trong khung giờ bảo trì đã đăng ký: không gửi cảnh báo.</dd></dl>`;
}
