import { type Result, viDateTime } from '@dvcwatch/core';
import { errorHttpStatus, REASON_LABELS, StatusWithReason } from '@dvcwatch/present';
import { clip, safeKey } from '../escape.js';
import type { AgencyView } from '../model.js';

/** Whether a result is one a coordinator must act on: the portal is not serving its users. */
export const failing = (r: Result | null): boolean =>
  r !== null && (r.status === 'down' || r.status === 'blocked' || r.status === 'degraded');

/** The screenshot of the latest home page, with when and what it shows; nothing when there is none. */
export function Screenshot(props: { v: AgencyView }) {
  const r = props.v.latest;
  const key = safeKey(r?.pages.home?.screenshot);
  if (!r || !key) return <p class="muted">Chưa có ảnh chụp.</p>;
  const title = r.pages.home?.title;
  return (
    <figure class="shot-fig">
      <a href={`../${key}`}>
        <img
          class="shot"
          src={`../${key}`}
          loading={failing(r) ? undefined : 'lazy'}
          alt={`Ảnh chụp trang chủ của ${props.v.agency.name} lúc ${viDateTime(r.at)}`}
        />
      </a>
      <figcaption class="small muted">
        Chụp lúc {viDateTime(r.at)}.{title ? ` Tiêu đề trang: “${clip(title, 120)}”.` : ''}
      </figcaption>
    </figure>
  );
}

/** What the portal answered, as evidence: HTTP status, the error page's title and first words, the browser's error. */
function Evidence(props: { r: Result }) {
  const { r } = props;
  // The form page's words only when they differ from the home page's (a portal down as a whole says it once).
  const home = r.pages.home;
  const pages = (['home', 'form'] as const)
    .map((k) => ({ k, p: r.pages[k] }))
    .filter((x) => x.p !== null && (x.k === 'home' || x.p.firstText !== home?.firstText || x.p.title !== home?.title));
  const http = errorHttpStatus(r);
  return (
    <dl class="kv evidence-list">
      {http !== null ? (
        <>
          <dt>Mã trả lời</dt>
          <dd>
            <strong class="http">HTTP {http}</strong>
          </dd>
        </>
      ) : null}
      {r.reason ? (
        <>
          <dt>Nguyên nhân</dt>
          <dd>{REASON_LABELS[r.reason] ?? r.reason}</dd>
        </>
      ) : null}
      {pages.map(({ k, p }) => (
        <>
          {p?.title ? (
            <>
              <dt>Tiêu đề {k === 'home' ? 'trang chủ' : 'trang biểu mẫu'}</dt>
              <dd class="evidence">“{clip(p.title, 160)}”</dd>
            </>
          ) : null}
          {p?.firstText ? (
            <>
              <dt>Trang hiện chữ</dt>
              <dd class="evidence page-text">“{clip(p.firstText, 200)}”</dd>
            </>
          ) : null}
          {p?.error ? (
            <>
              <dt>Lỗi trình duyệt ({k === 'home' ? 'trang chủ' : 'trang biểu mẫu'})</dt>
              <dd class="evidence">
                <code>{p.error.code}</code>
              </dd>
            </>
          ) : null}
        </>
      ))}
    </dl>
  );
}

/** The page's lead: status and reason, then for a portal that fails, its evidence and screenshot right away. */
export function AgencyLead(props: { v: AgencyView }) {
  const r = props.v.latest;
  return (
    <section class={`lead lead-${r?.status ?? 'none'}`} aria-labelledby="lead-h">
      <h2 id="lead-h" class="lead-status">
        <StatusWithReason result={r} />
      </h2>
      <p class="small muted">{r ? `Lần đo gần nhất: ${viDateTime(r.at)}.` : 'Chưa đo lần nào.'}</p>
      {r && (failing(r) || r.status === 'error') ? (
        <div class="lead-body">
          <Evidence r={r} />
          <Screenshot v={props.v} />
        </div>
      ) : null}
    </section>
  );
}
