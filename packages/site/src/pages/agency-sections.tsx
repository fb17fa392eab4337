import {
  describeBreach,
  type Result,
  type Status,
  THRESHOLD_SOURCES,
  type ThresholdName,
  viDateTime,
  viDuration,
  viNumber,
  viSeconds,
} from '@dvcwatch/core';
import { breachLabel, CHECK_STATUS_LABELS, groupLabel, STATUS_LABELS, THRESHOLD_LABELS } from '@dvcwatch/present';
import { clip } from '../escape.js';
import { DataTable, TableWrap } from '../fragments.js';
import type { AgencyView, SiteModel } from '../model.js';
import { replayedIncident } from '../replay.js';
import { failingSince, sinceText } from '../since.js';

export function Breaches(props: { r: Result | null }) {
  const r = props.r;
  if (!r || r.breachDetails.length === 0) return <p>Không vượt ngưỡng nào ở lần đo gần nhất.</p>;
  // The emails' wording: value, threshold and its source; a page that did not load has no value to show.
  return (
    <ul>
      {r.breachDetails.map((b) => (
        <li>{describeBreach(b)}</li>
      ))}
    </ul>
  );
}

export function Groups(props: { r: Result | null }) {
  const r = props.r;
  if (!r || r.groups.length === 0) return <p class="muted">Chưa có điểm theo nhóm.</p>;
  return (
    <TableWrap labelledBy="grp-cap">
      <table>
        <caption id="grp-cap">Điểm theo nhóm tiêu chí (QĐ 473/QĐ-BTTTT)</caption>
        <thead>
          <tr>
            <th scope="col">Nhóm</th>
            <th scope="col" class="n">
              Đạt được
            </th>
            <th scope="col" class="n">
              Đã đo
            </th>
            <th scope="col" class="n">
              Trọng số
            </th>
          </tr>
        </thead>
        <tbody>
          {r.groups.map((g) => (
            <tr>
              <th scope="row">{groupLabel(g.group)}</th>
              <td class="n">{viNumber(g.earned, 1)}</td>
              <td class="n">{viNumber(g.measured, 1)}</td>
              <td class="n">{viNumber(g.weight, 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function ChecksTable(props: { m: SiteModel; v: AgencyView }) {
  const { m, v } = props;
  const byId = new Map((v.latest?.checks ?? []).map((c) => [c.id, c]));
  const at = v.latest?.checksAt;
  return (
    <TableWrap labelledBy="chk-cap">
      <table>
        <caption id="chk-cap">
          Tiêu chí và bằng chứng (lần đo gần nhất
          {at && v.latest && at !== v.latest.at ? `; chức năng kiểm tra lúc ${viDateTime(at)}` : ''})
        </caption>
        <thead>
          <tr>
            <th scope="col">Tiêu chí</th>
            <th scope="col">Kết quả</th>
            <th scope="col">Bằng chứng</th>
          </tr>
        </thead>
        <tbody>
          {m.checks.map((c) => {
            const r = byId.get(c.id);
            const s = r?.status ?? 'unknown';
            const l = CHECK_STATUS_LABELS[s];
            const since = failingSince(v, c.id);
            return (
              <tr id={`c-${c.id}`}>
                <th scope="row">
                  <a href={`../check/${encodeURIComponent(c.id)}.html`}>{c.title}</a>
                  <br />
                  <span class="muted small">{groupLabel(c.group)}</span>
                </th>
                <td class={`st c-${s[0]}`}>
                  <span aria-hidden="true">{l.symbol}</span> {l.label}
                  {since ? (
                    <>
                      <br />
                      <span class="small">{sinceText(since)}</span>
                    </>
                  ) : null}
                </td>
                <td class="evidence">{r ? clip(r.evidence) : <span class="muted">Không có kết quả</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The checks; when none could be measured (the portal did not answer), one sentence and the table folded. */
export function Checks(props: { m: SiteModel; v: AgencyView }) {
  const measured = (props.v.latest?.checks ?? []).some((c) => c.status !== 'unknown');
  if (measured || !props.v.latest) return <ChecksTable {...props} />;
  return (
    <details>
      <summary>
        Không kiểm tra được tiêu chí nào ở lần đo gần nhất (cổng không trả lời): xem {props.m.checks.length} tiêu chí
      </summary>
      <ChecksTable {...props} />
    </details>
  );
}

export function Incidents(props: { m: SiteModel; v: AgencyView }) {
  const { m, v } = props;
  if (v.incidents.length === 0) return <p>Chưa ghi nhận sự cố nào.</p>;
  return (
    <ul class="timeline">
      {v.incidents.map((i) => {
        // An incident of replayed history was never emailed, and one still open when the replay ended is not
        // carried on by live rounds (they open their own): say both rather than "sent N reminders, ongoing".
        const replayed = replayedIncident(i, v.replay);
        const replayEnd = replayed && !i.resolvedAt ? (v.replay?.to ?? null) : null;
        // Lasted until the first clean round (as the recovery email says), not the round that confirmed it.
        const end = i.recoveredAt ?? i.resolvedAt ?? replayEnd ?? m.input.generatedAt;
        const noted = [i.reminders ? `${i.reminders} lời nhắc` : '', i.escalated ? 'báo cấp trên' : '']
          .filter(Boolean)
          .join(', ');
        return (
          <li class={i.resolvedAt ? 'resolved' : 'open'}>
            <strong>{viDateTime(i.since)}</strong>
            {replayed ? (
              <>
                {' '}
                <span class="badge">phát lại</span>
              </>
            ) : null}{' '}
            —{' '}
            {i.resolvedAt ? (
              `Đã khắc phục lúc ${viDateTime(i.recoveredAt ?? i.resolvedAt)}${i.recoveredAt && i.recoveredAt !== i.resolvedAt ? ` (xác nhận lúc ${viDateTime(i.resolvedAt)})` : ''}`
            ) : replayEnd ? (
              `Còn mở khi lịch sử phát lại kết thúc (${viDateTime(replayEnd)}); từ đó chỉ các lần đo thật mới mở sự cố`
            ) : (
              <strong>Đang diễn ra</strong>
            )}
            ; kéo dài {viDuration(Date.parse(end) - Date.parse(i.since))}.
            <br />
            Tình trạng: {STATUS_LABELS[i.status as Status]?.label ?? i.status}
            {i.breaches.length ? `; ${i.breaches.map(breachLabel).join(', ')}` : ''}.{' '}
            {replayed
              ? `Lịch sử phát lại: không gửi thư nào${noted ? ` (${noted} chỉ được ghi nhận)` : ''}.`
              : `Đã gửi ${i.reminders} lời nhắc${i.escalated ? ', đã báo cấp trên' : ''}.`}
          </li>
        );
      })}
    </ul>
  );
}

/** The thresholds in force (the agency's own, or the defaults): value, official or provisional, source. */
export function ThresholdsTable(props: { id: string; caption: string; values: Record<ThresholdName, number> }) {
  return (
    <DataTable id={props.id} caption={props.caption} head={['Ngưỡng', { label: 'Giá trị', n: true }, 'Loại', 'Nguồn']}>
      {(Object.keys(THRESHOLD_SOURCES) as ThresholdName[]).map((k) => {
        const src = THRESHOLD_SOURCES[k];
        return (
          <tr>
            <th scope="row">{THRESHOLD_LABELS[k] ?? k}</th>
            <td class="n">{k === 'minScore' ? `${viNumber(props.values[k], 0)} điểm` : viSeconds(props.values[k])}</td>
            <td>{src.official ? 'Chính thức' : <strong>Tạm thời</strong>}</td>
            <td>{src.source}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
