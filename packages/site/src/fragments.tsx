import { type Status, viNumber } from '@dvcwatch/core';
import { STATUS_LABELS, StatusWord } from '@dvcwatch/present';
import type { ComponentChildren } from 'preact';
import { safeHref } from './escape.js';

/** Rank and score movement since last week, in words (▲/▼ are decorative). */
export function Movement(props: { rankNow?: number; rankThen?: number; now: number | null; then: number | null }) {
  const { rankNow, rankThen, now, then } = props;
  const rank =
    rankNow !== undefined && rankThen !== undefined ? (
      rankThen - rankNow > 0 ? (
        <span class="up">
          <span aria-hidden="true">▲</span> lên {rankThen - rankNow} bậc
        </span>
      ) : rankThen - rankNow < 0 ? (
        <span class="down">
          <span aria-hidden="true">▼</span> xuống {rankNow - rankThen} bậc
        </span>
      ) : (
        <>giữ hạng</>
      )
    ) : null;
  const d = now !== null && then !== null ? now - then : null;
  const points = d === null ? null : `${d > 0 ? '+' : d < 0 ? '−' : '±'}${viNumber(Math.abs(d), 1)} điểm`;
  if (!rank && !points) return <span class="muted">—</span>;
  return (
    <>
      {rank}
      {rank && points ? <br /> : null}
      {points}
    </>
  );
}

/** The status legend in Vietnamese, with maintenance. */
export function StatusLegend() {
  return (
    <dl class="kv">
      {(Object.keys(STATUS_LABELS) as Status[]).map((s) => (
        <>
          <dt>
            <StatusWord status={s} />
          </dt>
          <dd>{STATUS_LABELS[s].help}</dd>
        </>
      ))}
      <dt>
        <span class="badge">bảo trì</span>
      </dt>
      <dd>Cơ quan đang trong khung giờ bảo trì đã đăng ký: không gửi cảnh báo.</dd>
    </dl>
  );
}

/** A link when the URL is http(s), plain text otherwise. */
export function LinkOrText(props: { url: string | null | undefined; text?: string }) {
  const href = safeHref(props.url);
  const label = props.text ?? props.url ?? '';
  return href ? (
    <a href={href} rel="nofollow noopener">
      {label}
    </a>
  ) : (
    label
  );
}

/** A table in a scrollable, labelled region (keyboard-focusable, so it can scroll without a mouse). */
export function TableWrap(props: { labelledBy: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={`table-wrap${props.class ? ` ${props.class}` : ''}`} tabindex={0} aria-labelledby={props.labelledBy}>
      {props.children}
    </section>
  );
}

/** A captioned table in its scrollable region: the header row from `head` (numeric columns right-aligned), then rows. */
export function DataTable(props: {
  id: string;
  caption: string;
  head: (string | { label: string; n: true })[];
  children: ComponentChildren;
}) {
  return (
    <TableWrap labelledBy={props.id}>
      <table>
        <caption id={props.id}>{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((h) =>
              typeof h === 'string' ? (
                <th scope="col">{h}</th>
              ) : (
                <th scope="col" class="n">
                  {h.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableWrap>
  );
}
