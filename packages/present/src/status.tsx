import type { Result, Status } from '@dvcwatch/core';
import { NO_DATA, STATUS_LABELS } from './labels.js';
import { statusReason } from './status-reason.js';

/** Text colours of the statuses (WCAG AA on white), for emails where a stylesheet does not reach. */
export const STATUS_COLOURS: Record<Status | 'none', string> = {
  up: '#146c2e',
  degraded: '#8a4b00',
  down: '#b3261e',
  blocked: '#6b3fa0',
  consolidated: '#0b57a4',
  error: '#4b5563',
  none: '#4b5563',
};

/** Short status words for tight places (cards, the map's legend); the long label stays in STATUS_LABELS. */
export const STATUS_SHORT: Record<Status, string> = {
  up: 'Hoạt động',
  degraded: 'Chậm/không đạt',
  down: 'Không truy cập được',
  blocked: 'Bị chặn',
  consolidated: 'Đã hợp nhất',
  error: 'Lỗi máy đo',
};

/** A status as symbol + word (never colour alone); `inline` styles it for email. */
export function StatusWord(props: { status: Status | null; short?: boolean; inline?: boolean }) {
  const s = props.status;
  const label = s ? (props.short ? STATUS_SHORT[s] : STATUS_LABELS[s].label) : NO_DATA;
  const symbol = s ? STATUS_LABELS[s].symbol : '–';
  return (
    <span
      class={`st st-${s ?? 'none'}`}
      style={props.inline ? `color:${STATUS_COLOURS[s ?? 'none']};font-weight:700` : undefined}
    >
      <span aria-hidden="true">{symbol}</span> {label}
    </span>
  );
}

/** Status word, maintenance badge and the one-line reason ("HTTP 503", "chậm: LCP 7,1 s"). */
export function StatusWithReason(props: { result: Result | null; short?: boolean; inline?: boolean }) {
  const r = props.result;
  const reason = statusReason(r);
  return (
    <>
      <StatusWord status={r?.status ?? null} short={props.short} inline={props.inline} />
      {r?.maintenance ? <span class="badge">bảo trì</span> : null}
      {reason ? <span class="why"> — {reason}</span> : null}
    </>
  );
}

/** A grade letter as a badge; `—` when there is none. */
export const Grade = (props: { grade: string | null | undefined }) =>
  props.grade ? <span class={`grade g-${props.grade}`}>{props.grade}</span> : <>—</>;
