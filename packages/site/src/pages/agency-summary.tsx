import { availability, type Result, viDateTime, viPercent, viScore, viSeconds } from '@dvcwatch/core';
import { Grade, profileText } from '@dvcwatch/present';
import { LinkOrText } from '../fragments.js';
import type { AgencyView, SiteModel } from '../model.js';
import { VantagesText } from '../vantages.js';
import { availabilityOver } from './agency-charts.js';

/**
 * The form page's line, true to the registry: "not declared" only when the registry declares none; a declared
 * page the round could not reach says so, with its address.
 */
function FormLine(props: { v: AgencyView; r: Result | null }) {
  const form = props.r?.pages.form;
  const declared = props.v.agency.portal.form;
  if (form && form.readyMs != null)
    return (
      <>
        {viSeconds(form.readyMs)}
        {form.readyKind === 'login' ? ' (đến màn hình đăng nhập VNeID)' : ''}
      </>
    );
  if (!declared) return <>không đo (danh mục chưa khai báo trang biểu mẫu)</>;
  if (!props.r) return <>chưa đo</>;
  return <>không đo được ở lần đo gần nhất{props.r.status === 'down' ? ' (cổng không truy cập được)' : ''}</>;
}

/** The key figures of the latest round and the last 90 days. */
export function AgencySummary(props: { m: SiteModel; v: AgencyView }) {
  const { m, v } = props;
  const r = v.latest;
  const avail = (n: number) => viPercent(availability(availabilityOver(v, m.today, n)));
  const home = r?.pages.home;
  return (
    <dl class="kv">
      {m.input.registry.vantages.length > 1 ? (
        <>
          <dt>Điểm đo</dt>
          <dd>
            <VantagesText r={r} vantages={m.input.registry.vantages} />
          </dd>
        </>
      ) : null}
      <dt>Điểm</dt>
      <dd>
        {viScore(r?.score)} / 100 <Grade grade={r?.grade} />
      </dd>
      <dt>Khả dụng</dt>
      <dd>
        7 ngày: {avail(7)} · 30 ngày: {avail(30)} · 90 ngày: {avail(90)}
      </dd>
      <dt>Trang chủ</dt>
      <dd>
        {home?.httpStatus != null && home.httpStatus >= 400
          ? `trả lời lỗi HTTP ${home.httpStatus} sau ${viSeconds(home.ttfbMs)}: trang lỗi không được tính thời gian tải`
          : home?.lcpMs == null && home?.fcpMs == null && r && r.status !== 'up' && r.status !== 'degraded'
            ? 'không đo được thời gian (trang không hiển thị nội dung)'
            : `LCP ${viSeconds(home?.lcpMs)} · FCP ${viSeconds(home?.fcpMs)} · TTFB ${viSeconds(home?.ttfbMs)} · tải xong ${viSeconds(home?.loadMs)}`}
      </dd>
      <dt>Trang biểu mẫu</dt>
      <dd>
        <FormLine v={v} r={r} />
      </dd>
      <dt>Địa chỉ</dt>
      <dd>
        <LinkOrText url={v.agency.portal.home} />
        {v.agency.portal.form ? (
          <>
            <br />
            Biểu mẫu: <LinkOrText url={v.agency.portal.form} />
          </>
        ) : null}
      </dd>
      {v.agency.source ? (
        <>
          <dt>Nguồn địa chỉ</dt>
          <dd class="evidence">{v.agency.source}</dd>
        </>
      ) : null}
      <dt>Hồ sơ đo</dt>
      <dd>
        {profileText(r?.profile ?? m.input.profile)}, từ {m.input.probeLocation}
        {r?.checksAt && r.checksAt !== r.at ? `; tiêu chí kiểm tra lúc ${viDateTime(r.checksAt)}` : ''}
      </dd>
    </dl>
  );
}
