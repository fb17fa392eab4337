import { isPlaceholderHead } from '@dvcwatch/core';
import { KIND_LABELS } from '@dvcwatch/present';
import { page } from '../layout.js';
import type { AgencyView, SiteModel } from '../model.js';
import { ReplayNotice } from '../replay.js';
import { CausesSection } from './agency-causes.js';
import { AgencyCharts } from './agency-charts.js';
import { CheckHistory } from './agency-history.js';
import { LabSection } from './agency-lab.js';
import { AgencyLead, failing, Screenshot } from './agency-lead.js';
import { Breaches, Checks, Groups, Incidents, ThresholdsTable } from './agency-sections.js';
import { AgencySummary } from './agency-summary.js';
import { Index766Card } from './index-766-card.js';

/** Shown for a head the registry names only by a placeholder (core/placeholder-contact.ts): a deployment never emails it. */
export const PLACEHOLDER_HEAD_NOTE =
  'Chưa cấu hình địa chỉ email của thủ trưởng cơ quan (địa chỉ giữ chỗ): hệ thống không gửi cảnh báo tới địa chỉ này.';

/**
 * One agency's page. Status, reason and (for a failing portal) its evidence and screenshot first; then the
 * figures, what to fix, the charts, the checks, history, incidents and thresholds.
 */
export function agencyPage(m: SiteModel, v: AgencyView): string {
  const r = v.latest;
  const shotOnTop = r !== null && (failing(r) || r.status === 'error');
  const body = (
    <>
      <p class="small">
        <a href="../index.html">Tổng quan</a> › {KIND_LABELS[v.agency.kind].one}
      </p>
      <h1>{v.agency.name}</h1>
      {isPlaceholderHead(v.agency) ? <p class="muted small">{PLACEHOLDER_HEAD_NOTE}</p> : null}
      <AgencyLead v={v} />
      <AgencySummary m={m} v={v} />
      <Index766Card view={v} />
      <h2>Vượt ngưỡng</h2>
      <Breaches r={r} />
      <h2>Nguyên nhân cần khắc phục</h2>
      <CausesSection r={r} />
      <LabSection v={v} />
      <h2>Điểm theo nhóm</h2>
      <Groups r={r} />
      <h2>Thời gian tải</h2>
      <p class="muted small">
        Đường chấm đỏ là ngưỡng. Vạch đỏ nhạt đánh dấu lần đo (hoặc ngày) cổng không truy cập được: khi đó không có số đo thời
        gian, và biểu đồ không được đọc là cổng nhanh.
      </p>
      <AgencyCharts v={v} lastDays={m.lastDays} generatedAt={m.input.generatedAt} />
      <h2>Tiêu chí</h2>
      <Checks m={m} v={v} />
      <h2>Lịch sử tiêu chí</h2>
      <CheckHistory m={m} v={v} />
      <h2>Sự cố</h2>
      <Incidents m={m} v={v} />
      {shotOnTop ? null : (
        <>
          <h2>Ảnh chụp trang chủ</h2>
          <Screenshot v={v} />
        </>
      )}
      <h2>Ngưỡng áp dụng</h2>
      <ThresholdsTable id="th-cap" caption="Ngưỡng đang áp dụng cho cơ quan này" values={v.agency.thresholds} />
    </>
  );
  return page(
    m.input,
    { title: v.agency.name, root: '../', nav: null, notice: <ReplayNotice span={v.replay} root="../" /> },
    body,
  );
}
