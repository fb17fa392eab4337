import {
  availability,
  describeBreach,
  isPlaceholderHead,
  type Result,
  type Status,
  THRESHOLD_SOURCES,
  type ThresholdName,
} from '@dvcwatch/core';
import { clip, esc, linkOrText, safeKey } from '../escape.js';
import { duration, num, pct, score, secs, vnDate, vnTime } from '../format.js';
import { gradeBadge, statusText } from '../fragments.js';
import {
  breachLabel,
  CHECK_STATUS_LABELS,
  groupLabel,
  KIND_LABELS,
  REASON_LABELS,
  STATUS_LABELS,
  THRESHOLD_LABELS,
} from '../labels.js';
import { page } from '../layout.js';
import { type AgencyView, HISTORY_DAYS, type SiteModel } from '../model.js';
import { replayedIncident, replayNotice } from '../replay.js';
import { failingSince, sinceText } from '../since.js';
import { vantagesText } from '../vantages.js';
import { causesSection } from './agency-causes.js';
import { agencyCharts, availabilityOver } from './agency-charts.js';
import { labSection } from './agency-lab.js';
import { index766Card } from './index-766-card.js';

function summary(m: SiteModel, v: AgencyView): string {
  const r = v.latest;
  const reach = vantagesText(r, m.input.registry.vantages);
  const avail = (n: number) => pct(availability(availabilityOver(v, m.today, n)));
  const home = r?.pages.home;
  const form = r?.pages.form;
  const formText = form
    ? `${secs(form.readyMs)}${form.readyKind === 'login' ? ' (đến màn hình đăng nhập VNeID)' : ''}`
    : 'không đo (chưa khai báo trang biểu mẫu)';
  return `<dl class="kv">
<dt>Trạng thái</dt><dd>${statusText(r)}${r?.reason ? ` — ${esc(REASON_LABELS[r.reason] ?? r.reason)}` : ''}</dd>
<dt>Lần đo gần nhất</dt><dd>${r ? esc(vnTime(r.at)) : '—'}</dd>
${reach ? `<dt>Điểm đo</dt><dd>${reach}</dd>` : ''}
<dt>Điểm</dt><dd>${score(r?.score)} / 100 ${gradeBadge(r?.grade)}</dd>
<dt>Khả dụng</dt><dd>7 ngày: ${avail(7)} · 30 ngày: ${avail(30)} · 90 ngày: ${avail(90)}</dd>
<dt>Trang chủ</dt><dd>LCP ${secs(home?.lcpMs)} · FCP ${secs(home?.fcpMs)} · TTFB ${secs(home?.ttfbMs)} · tải xong ${secs(home?.loadMs)}</dd>
<dt>Trang biểu mẫu</dt><dd>${formText}</dd>
<dt>Địa chỉ</dt><dd>${linkOrText(v.agency.portal.home)}${v.agency.portal.form ? `<br>Biểu mẫu: ${linkOrText(v.agency.portal.form)}` : ''}</dd>
${v.agency.source ? `<dt>Nguồn địa chỉ</dt><dd class="evidence">${esc(v.agency.source)}</dd>` : ''}
</dl>`;
}

function breaches(r: Result | null): string {
  if (!r || r.breachDetails.length === 0) return '<p>Không vượt ngưỡng nào ở lần đo gần nhất.</p>';
  // The emails' wording: value, threshold and its source; a page that did not load has no value to show.
  const items = r.breachDetails.map((b) => `<li>${esc(describeBreach(b))}</li>`).join('');
  return `<ul>${items}</ul>`;
}

function groups(r: Result | null): string {
  if (!r || r.groups.length === 0) return '<p class="muted">Chưa có điểm theo nhóm.</p>';
  const rows = r.groups
    .map(
      (g) =>
        `<tr><th scope="row">${esc(groupLabel(g.group))}</th><td class="n">${num(g.earned, 1)}</td><td class="n">${num(g.measured, 1)}</td><td class="n">${num(g.weight, 0)}</td></tr>`,
    )
    .join('');
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="grp-cap"><table><caption id="grp-cap">Điểm theo nhóm tiêu chí (QĐ 473/QĐ-BTTTT)</caption><thead><tr><th scope="col">Nhóm</th><th scope="col" class="n">Đạt được</th><th scope="col" class="n">Đã đo</th><th scope="col" class="n">Trọng số</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function checks(m: SiteModel, v: AgencyView): string {
  const byId = new Map((v.latest?.checks ?? []).map((c) => [c.id, c]));
  const rows = m.checks
    .map((c) => {
      const r = byId.get(c.id);
      const s = r?.status ?? 'unknown';
      const l = CHECK_STATUS_LABELS[s];
      const since = failingSince(v, c.id);
      return `<tr id="c-${esc(c.id)}"><th scope="row"><a href="../check/${esc(encodeURIComponent(c.id))}.html">${esc(c.title)}</a><br><span class="muted small">${esc(groupLabel(c.group))}</span></th><td class="st c-${s[0]}"><span aria-hidden="true">${l.symbol}</span> ${l.label}${since ? `<br><span class="small">${esc(sinceText(since))}</span>` : ''}</td><td class="evidence">${r ? esc(clip(r.evidence)) : '<span class="muted">Không có kết quả</span>'}</td></tr>`;
    })
    .join('');
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="chk-cap"><table><caption id="chk-cap">Tiêu chí và bằng chứng (lần đo gần nhất${checkedAt(v)})</caption><thead><tr><th scope="col">Tiêu chí</th><th scope="col">Kết quả</th><th scope="col">Bằng chứng</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

/** When the facts behind the latest checks were gathered, when that was before the latest round. */
function checkedAt(v: AgencyView): string {
  const at = v.latest?.checksAt;
  return at && v.latest && at !== v.latest.at ? `; chức năng kiểm tra lúc ${vnTime(at)}` : '';
}

function history(m: SiteModel, v: AgencyView): string {
  const from = m.lastDays[0] ?? m.today;
  const days = v.days.filter((d) => d.day >= from && d.day <= m.today);
  const index = new Map(days.map((d) => [d.day, d]));
  const rows = m.checks
    .map((c) => {
      const failed = days.filter((d) => (d.failedChecks[c.id] ?? 0) > 0);
      if (failed.length === 0) return '';
      // Runs of equal days become one path segment each: a 90-day strip stays a few hundred bytes.
      const paths = { f: '', o: '' };
      let run: { kind: 'f' | 'o'; from: number; to: number } | null = null;
      const flush = () => {
        if (run) paths[run.kind] += `M${run.from * 6} 0h${(run.to - run.from) * 6 + 5}v14h-${(run.to - run.from) * 6 + 5}z`;
        run = null;
      };
      for (let i = 0; i < HISTORY_DAYS; i++) {
        const day = m.lastDays[i];
        const d = day === undefined ? undefined : index.get(day);
        const kind = d ? ((d.failedChecks[c.id] ?? 0) > 0 ? 'f' : 'o') : null;
        if (run && kind === run.kind && run.to === i - 1) run.to = i;
        else {
          flush();
          if (kind) run = { kind, from: i, to: i };
        }
      }
      flush();
      const rects = `<path class="o" d="${paths.o}"/><path class="f" d="${paths.f}"/>`;
      const last = failed[failed.length - 1];
      const label = `Không đạt ${failed.length} trên ${days.length} ngày có dữ liệu`;
      return `<tr><th scope="row">${esc(c.title)}</th><td class="n">${failed.length}/${days.length}</td><td>${last ? vnDate(last.day) : '—'}</td><td><svg class="strip" viewBox="0 0 ${HISTORY_DAYS * 6} 14" preserveAspectRatio="none" role="img" aria-label="${esc(label)}">${rects}</svg></td></tr>`;
    })
    .join('');
  if (rows === '') return `<p>Không tiêu chí nào không đạt trong ${HISTORY_DAYS} ngày qua.</p>`;
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="hist-cap"><table><caption id="hist-cap">Tiêu chí từng không đạt, ${HISTORY_DAYS} ngày qua (ô đỏ: ngày có ít nhất một lần đo không đạt; ô xám: đạt)</caption><thead><tr><th scope="col">Tiêu chí</th><th scope="col" class="n">Số ngày không đạt</th><th scope="col">Gần nhất</th><th scope="col">Theo ngày (cũ → mới)</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function incidents(m: SiteModel, v: AgencyView): string {
  if (v.incidents.length === 0) return '<p>Chưa ghi nhận sự cố nào.</p>';
  const items = v.incidents
    .map((i) => {
      // An incident of replayed history was never emailed, and one still open when the replay ended is not
      // carried on by live rounds (they open their own): say both rather than "sent N reminders, ongoing".
      const replayed = replayedIncident(i, v.replay);
      const replayEnd = replayed && !i.resolvedAt ? (v.replay?.to ?? null) : null;
      // Lasted until the first clean round (as the recovery email says), not the round that confirmed it.
      const end = i.recoveredAt ?? i.resolvedAt ?? replayEnd ?? m.input.generatedAt;
      const state = i.resolvedAt
        ? `Đã khắc phục lúc ${esc(vnTime(i.recoveredAt ?? i.resolvedAt))}${i.recoveredAt && i.recoveredAt !== i.resolvedAt ? ` (xác nhận lúc ${esc(vnTime(i.resolvedAt))})` : ''}`
        : replayEnd
          ? `Còn mở khi lịch sử phát lại kết thúc (${esc(vnTime(replayEnd))}); từ đó chỉ các lần đo thật mới mở sự cố`
          : '<strong>Đang diễn ra</strong>';
      const noted = [i.reminders ? `${i.reminders} lời nhắc` : '', i.escalated ? 'báo cấp trên' : ''].filter(Boolean).join(', ');
      const mail = replayed
        ? `Lịch sử phát lại: không gửi thư nào${noted ? ` (${noted} chỉ được ghi nhận)` : ''}.`
        : `Đã gửi ${i.reminders} lời nhắc${i.escalated ? ', đã báo cấp trên' : ''}.`;
      return `<li class="${i.resolvedAt ? 'resolved' : 'open'}"><strong>${esc(vnTime(i.since))}</strong>${replayed ? ' <span class="badge">phát lại</span>' : ''} — ${state}; kéo dài ${duration(Date.parse(end) - Date.parse(i.since))}.<br>Tình trạng: ${esc(STATUS_LABELS[i.status as Status]?.label ?? i.status)}${i.breaches.length ? `; ${esc(i.breaches.map(breachLabel).join(', '))}` : ''}. ${mail}</li>`;
    })
    .join('');
  return `<ul class="timeline">${items}</ul>`;
}

function thresholds(v: AgencyView): string {
  const rows = (Object.keys(THRESHOLD_SOURCES) as ThresholdName[])
    .map((k) => {
      const src = THRESHOLD_SOURCES[k];
      const value = k === 'minScore' ? `${num(v.agency.thresholds[k], 0)} điểm` : secs(v.agency.thresholds[k]);
      return `<tr><th scope="row">${esc(THRESHOLD_LABELS[k] ?? k)}</th><td class="n">${value}</td><td>${src.official ? 'Chính thức' : '<strong>Tạm thời</strong>'}</td><td>${esc(src.source)}</td></tr>`;
    })
    .join('');
  return `<div class="table-wrap" role="region" tabindex="0" aria-labelledby="th-cap"><table><caption id="th-cap">Ngưỡng đang áp dụng cho cơ quan này</caption><thead><tr><th scope="col">Ngưỡng</th><th scope="col" class="n">Giá trị</th><th scope="col">Loại</th><th scope="col">Nguồn</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function screenshot(v: AgencyView): string {
  const r = v.latest;
  const key = safeKey(r?.pages.home?.screenshot);
  if (!r || !key) return '<p class="muted">Chưa có ảnh chụp.</p>';
  const title = r.pages.home?.title ? ` Tiêu đề trang: “${esc(clip(r.pages.home.title, 120))}”.` : '';
  return `<figure><a href="../${esc(key)}"><img class="shot" src="../${esc(key)}" loading="lazy" alt="Ảnh chụp trang chủ của ${esc(v.agency.name)} lúc ${esc(vnTime(r.at))}"></a><figcaption class="small muted">Chụp lúc ${esc(vnTime(r.at))}.${title}</figcaption></figure>`;
}

/** Shown for a head the registry names only by a placeholder (core/placeholder-contact.ts): a deployment never emails it. */
export const PLACEHOLDER_HEAD_NOTE =
  'Chưa cấu hình địa chỉ email của thủ trưởng cơ quan (địa chỉ giữ chỗ): hệ thống không gửi cảnh báo tới địa chỉ này.';

/** One agency's page: status, timings (charts + tables), checks with evidence, history, incidents, thresholds. */
export function agencyPage(m: SiteModel, v: AgencyView): string {
  const r = v.latest;
  const body = `<p class="small"><a href="../index.html">Tổng quan</a> › ${esc(KIND_LABELS[v.agency.kind].one)}</p>
<h1>${esc(v.agency.name)}</h1>
${isPlaceholderHead(v.agency) ? `<p class="muted small">${PLACEHOLDER_HEAD_NOTE}</p>` : ''}
${summary(m, v)}
${index766Card(v)}
<h2>Vượt ngưỡng</h2>
${breaches(r)}
<h2>Nguyên nhân cần khắc phục</h2>
${causesSection(r)}
${labSection(v)}
<h2>Điểm theo nhóm</h2>
${groups(r)}
<h2>Thời gian tải</h2>
<p class="muted small">Đo từ ${esc(m.input.probeLocation)}, hồ sơ đo: ${esc(r?.profile ?? m.input.profile)}. Đường chấm đỏ là ngưỡng.</p>
${agencyCharts(v, m.lastDays, m.input.generatedAt)}
<h2>Tiêu chí</h2>
${checks(m, v)}
<h2>Lịch sử tiêu chí</h2>
${history(m, v)}
<h2>Sự cố</h2>
${incidents(m, v)}
<h2>Ảnh chụp trang chủ</h2>
${screenshot(v)}
<h2>Ngưỡng áp dụng</h2>
${thresholds(v)}`;
  return page(m.input, { title: v.agency.name, root: '../', nav: null, body, notice: replayNotice(v.replay, '../') });
}
