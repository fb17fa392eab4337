import {
  type Edition,
  type EditionAgency,
  viDateTime,
  viDuration,
  viMonth,
  viNumber,
  viPercent,
  viScore,
  viSeconds,
} from '@dvcwatch/core';
import { csvCell } from '../escape.js';
import { DataTable } from '../fragments.js';
import { page } from '../layout.js';
import type { SiteModel } from '../model.js';
import { index766Number } from './index-766-card.js';
import { Index766Scatter } from './index-766-scatter.js';

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

const editionCsv = (e: Edition): string =>
  `${[CSV_COLUMNS.join(','), ...e.agencies.map((a) => CSV_COLUMNS.map((c) => csvCell(a[c])).join(','))].join('\r\n')}\r\n`;

const n = (label: string) => ({ label, n: true as const });
const HEAD = [
  'Cơ quan',
  n('Lần đo'),
  n('Khả dụng'),
  n('LCP trang chủ (trung vị)'),
  n('Biểu mẫu (trung vị)'),
  n('Giờ vượt ngưỡng'),
  n('Tiêu chí đạt (cuối tháng)'),
  n('Sự cố'),
  n('Không truy cập được'),
  n('LCP theo tiêu chí của Bộ (di động)'),
  n('Điểm dvcwatch (trung vị)'),
  n('Chỉ số 766'),
];

function EditionRow(props: { a: EditionAgency }) {
  const { a } = props;
  return (
    <tr>
      <th scope="row">
        <a href={`../agency/${a.agencyId}.html`}>{a.name}</a>
      </th>
      <td class="n">{viNumber(a.rounds, 0)}</td>
      <td class="n">{viPercent(a.availability)}</td>
      <td class="n">{viSeconds(a.homeLcpMedianMs)}</td>
      <td class="n">{viSeconds(a.formReadyMedianMs)}</td>
      <td class="n">{viPercent(a.breachShare)}</td>
      <td class="n">{a.checksJudged ? `${a.checksPassed}/${a.checksJudged}` : '—'}</td>
      <td class="n">
        {viNumber(a.incidents, 0)}
        {a.incidentMinutes ? ` (${viDuration(a.incidentMinutes * 60_000)})` : ''}
      </td>
      <td class="n">{viNumber(a.downtimeHours, 0)} giờ</td>
      <td class="n">{viSeconds(a.labHomeLcpMs)}</td>
      <td class="n">{viScore(a.scoreMedian)}</td>
      <td class="n">{index766Number(a.index766Total)}</td>
    </tr>
  );
}

function editionPage(m: SiteModel, e: Edition): string {
  const rows = [...e.agencies].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const nat = e.national;
  const replayed = e.agencies.reduce((s, a) => s + a.replayedRounds, 0);
  const points = e.agencies.flatMap((a) =>
    a.scoreMedian !== null && a.index766Total !== null
      ? [{ id: a.agencyId, label: a.name, x: a.scoreMedian, y: a.index766Total, href: `../agency/${a.agencyId}.html` }]
      : [],
  );
  const body = (
    <>
      <p class="small">
        <a href="index.html">Ấn bản tháng</a>
      </p>
      <h1>Ấn bản {viMonth(e.month)}</h1>
      <p>
        Chốt lúc {viDateTime(e.generatedAt)}; không sửa sau khi chốt (đính chính nằm ở ấn bản sau). Tệp:{' '}
        <a href={`${e.month}.json`}>JSON</a>, <a href={`${e.month}.csv`}>CSV</a>.
        {replayed ? ` Có ${viNumber(replayed, 0)} lần đo là dữ liệu phát lại (không đo thật).` : ''}
      </p>
      <p class="headline">
        Trung vị toàn quốc: khả dụng <strong>{viPercent(nat.availability)}</strong> · LCP trang chủ{' '}
        <strong>{viSeconds(nat.homeLcpMedianMs)}</strong> · điểm dvcwatch <strong>{viScore(nat.scoreMedian)}</strong> · Chỉ số 766{' '}
        <strong>{index766Number(nat.index766Total)}</strong>
      </p>
      <DataTable id="ed-cap" caption={`Từng cơ quan, ${viMonth(e.month)}`} head={HEAD}>
        {rows.map((a) => (
          <EditionRow a={a} />
        ))}
      </DataTable>
      {e.index766 ? (
        <p class="muted small">
          Chỉ số 766: lần nhập lúc {viDateTime(e.index766.fetchedAt)} (SHA-256 <code>{e.index766.sha256.slice(0, 16)}…</code>).
        </p>
      ) : (
        <p class="muted small">Không có lần nhập Chỉ số 766 nào của tháng này.</p>
      )}
      <Index766Scatter points={points} caption={`Điểm dvcwatch (trung vị tháng) so với Chỉ số 766, ${viMonth(e.month)}`} />
    </>
  );
  return page(m.input, { title: `Ấn bản ${viMonth(e.month)}`, root: '../', nav: 'editions' }, body);
}

function listPage(m: SiteModel, editions: readonly Edition[]): string {
  const body = (
    <>
      <h1>Ấn bản tháng</h1>
      <p>
        Ngày đầu mỗi tháng, số liệu của tháng trước được chốt cho từng cơ quan và không sửa lại (
        <a href="../methodology.html#an-ban-thang">cách tính</a>).
      </p>
      {editions.length ? (
        <ul>
          {editions.map((e) => (
            <li>
              <a href={`${e.month}.html`}>Ấn bản {viMonth(e.month)}</a> — chốt lúc {viDateTime(e.generatedAt)},{' '}
              {viNumber(e.agencies.length, 0)} cơ quan (<a href={`${e.month}.json`}>JSON</a>, <a href={`${e.month}.csv`}>CSV</a>)
            </li>
          ))}
        </ul>
      ) : (
        <p>Chưa có ấn bản nào.</p>
      )}
    </>
  );
  return page(m.input, { title: 'Ấn bản tháng', root: '../', nav: 'editions' }, body);
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
