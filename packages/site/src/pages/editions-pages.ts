import type { Edition, EditionAgency } from '@dvcwatch/core';
import { csvCell, esc } from '../escape.js';
import { duration, num, pct, score, secs, vnTime } from '../format.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { index766Number } from './index-766-card.js';
import { index766Scatter } from './index-766-scatter.js';

/** The columns of an edition's CSV, in the JSON's field names (the same as the `agencies` objects). */
const CSV_COLUMNS: (keyof EditionAgency)[] = [
  'agencyId',
  'name',
  'kind',
  'rounds',
  'replayedRounds',
  'availability',
  'homeLcpMedianMs',
  'formReadyMedianMs',
  'breachShare',
  'scoreMedian',
  'checksPassed',
  'checksJudged',
  'incidents',
  'incidentMinutes',
  'downtimeHours',
  'labHomeLcpMs',
  'labHomeScore',
  'labFormLcpMs',
  'index766Total',
];

/** `2026-03` → `tháng 3/2026`. */
export const editionLabel = (month: string): string => `tháng ${Number(month.slice(5, 7))}/${month.slice(0, 4)}`;

const editionCsv = (e: Edition): string =>
  `${[CSV_COLUMNS.join(','), ...e.agencies.map((a) => CSV_COLUMNS.map((c) => csvCell(a[c])).join(','))].join('\r\n')}\r\n`;

function editionPage(m: SiteModel, e: Edition): string {
  const rows = [...e.agencies]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map(
      (a) =>
        `<tr><th scope="row"><a href="../agency/${esc(a.agencyId)}.html">${esc(a.name)}</a></th><td class="n">${num(a.rounds, 0)}</td><td class="n">${pct(a.availability)}</td><td class="n">${secs(a.homeLcpMedianMs)}</td><td class="n">${secs(a.formReadyMedianMs)}</td><td class="n">${pct(a.breachShare)}</td><td class="n">${a.checksJudged ? `${a.checksPassed}/${a.checksJudged}` : '—'}</td><td class="n">${num(a.incidents, 0)}${a.incidentMinutes ? ` (${duration(a.incidentMinutes * 60_000)})` : ''}</td><td class="n">${num(a.downtimeHours, 0)} giờ</td><td class="n">${secs(a.labHomeLcpMs)}</td><td class="n">${score(a.scoreMedian)}</td><td class="n">${index766Number(a.index766Total)}</td></tr>`,
    )
    .join('');
  const n = e.national;
  const replayed = e.agencies.reduce((s, a) => s + a.replayedRounds, 0);
  const points = e.agencies.flatMap((a) =>
    a.scoreMedian !== null && a.index766Total !== null
      ? [{ id: a.agencyId, label: a.name, x: a.scoreMedian, y: a.index766Total, href: `../agency/${a.agencyId}.html` }]
      : [],
  );
  const body = `<p class="small"><a href="index.html">Ấn bản tháng</a></p>
<h1>Ấn bản ${esc(editionLabel(e.month))}</h1>
<p>Chốt lúc ${esc(vnTime(e.generatedAt))}; không sửa sau khi chốt (đính chính nằm ở ấn bản sau). Tệp: <a href="${esc(e.month)}.json">JSON</a>, <a href="${esc(e.month)}.csv">CSV</a>.${replayed ? ` Có ${num(replayed, 0)} lần đo là dữ liệu phát lại (không đo thật).` : ''}</p>
<p class="headline">Trung vị toàn quốc: khả dụng <strong>${pct(n.availability)}</strong> · LCP trang chủ <strong>${secs(n.homeLcpMedianMs)}</strong> · điểm dvcwatch <strong>${score(n.scoreMedian)}</strong> · Chỉ số 766 <strong>${index766Number(n.index766Total)}</strong></p>
<div class="table-wrap" role="region" tabindex="0" aria-labelledby="ed-cap"><table><caption id="ed-cap">Từng cơ quan, ${esc(editionLabel(e.month))}</caption><thead><tr><th scope="col">Cơ quan</th><th scope="col" class="n">Lần đo</th><th scope="col" class="n">Khả dụng</th><th scope="col" class="n">LCP trang chủ (trung vị)</th><th scope="col" class="n">Biểu mẫu (trung vị)</th><th scope="col" class="n">Giờ vượt ngưỡng</th><th scope="col" class="n">Tiêu chí đạt (cuối tháng)</th><th scope="col" class="n">Sự cố</th><th scope="col" class="n">Không truy cập được</th><th scope="col" class="n">LCP theo tiêu chí của Bộ (di động)</th><th scope="col" class="n">Điểm dvcwatch (trung vị)</th><th scope="col" class="n">Chỉ số 766</th></tr></thead><tbody>${rows}</tbody></table></div>
${e.index766 ? `<p class="muted small">Chỉ số 766: lần nhập lúc ${esc(vnTime(e.index766.fetchedAt))} (SHA-256 <code>${esc(e.index766.sha256.slice(0, 16))}…</code>).</p>` : '<p class="muted small">Không có lần nhập Chỉ số 766 nào của tháng này.</p>'}
${index766Scatter(points, `Điểm dvcwatch (trung vị tháng) so với Chỉ số 766, ${editionLabel(e.month)}`)}`;
  return page(m.input, { title: `Ấn bản ${editionLabel(e.month)}`, root: '../', nav: 'editions', body });
}

function listPage(m: SiteModel, editions: readonly Edition[]): string {
  const items = editions
    .map(
      (e) =>
        `<li><a href="${esc(e.month)}.html">Ấn bản ${esc(editionLabel(e.month))}</a> — chốt lúc ${esc(vnTime(e.generatedAt))}, ${num(e.agencies.length, 0)} cơ quan (<a href="${esc(e.month)}.json">JSON</a>, <a href="${esc(e.month)}.csv">CSV</a>)</li>`,
    )
    .join('');
  const body = `<h1>Ấn bản tháng</h1>
<p>Ngày đầu mỗi tháng, số liệu của tháng trước được chốt cho từng cơ quan và không sửa lại (<a href="../methodology.html#an-ban-thang">cách tính</a>).</p>
${items ? `<ul>${items}</ul>` : '<p>Chưa có ấn bản nào.</p>'}`;
  return page(m.input, { title: 'Ấn bản tháng', root: '../', nav: 'editions', body });
}

/** The editions' list and, per edition, its page, JSON (as stored, byte for byte the same each build) and CSV. */
export function* editionPages(m: SiteModel): Generator<[string, string]> {
  const editions = [...(m.input.editions ?? [])].sort((a, b) => (a.month < b.month ? 1 : -1));
  yield ['editions/index.html', listPage(m, editions)];
  for (const e of editions) {
    yield [`editions/${e.month}.html`, editionPage(m, e)];
    yield [`editions/${e.month}.json`, JSON.stringify(e)];
    yield [`editions/${e.month}.csv`, editionCsv(e)];
  }
}
