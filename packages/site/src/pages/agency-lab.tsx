import {
  LAB_METRIC_VI,
  LAB_METRICS,
  LAB_RISK,
  LAB_SOURCE,
  LAB_THRESHOLDS,
  type LabMetricName,
  type LabMetrics,
  type LabSummary,
  labCauses,
  labVerdict,
  type Result,
  viDateTime,
  viDay,
  viNumber,
  viSeconds,
} from '@dvcwatch/core';
import { CHECK_STATUS_LABELS } from '@dvcwatch/present';
import { TableWrap } from '../fragments.js';
import type { AgencyView } from '../model.js';

const PAGE_VI = { home: 'trang chủ', form: 'trang biểu mẫu' } as const;

/** "Lighthouse 12.8.2, điện thoại (412×823), mô phỏng 4G chậm (RTT 150 ms, 1,6 Mbit/s), CPU chậm 4×". */
export function labProfileText(s: LabSummary): string {
  const t = s.throttling;
  const net =
    t.method === 'simulate'
      ? `mô phỏng mạng chậm (RTT ${viNumber(t.rttMs ?? 0)} ms, ${viNumber((t.throughputKbps ?? 0) / 1024, 1)} Mbit/s) và CPU chậm ${viNumber(t.cpuSlowdownMultiplier ?? 1)}×`
      : `giới hạn mạng: ${t.method}`;
  return `Lighthouse ${s.version}, ${s.formFactor === 'mobile' ? 'điện thoại' : 'máy tính'}, ${net}`;
}

/** Whether every criterion of every measured page passes ('pass'), one fails ('fail'), or nothing was measured. */
export function labOverall(s: LabSummary | null): 'pass' | 'fail' | 'unknown' {
  const verdicts = [s?.home, s?.form].filter((m): m is LabMetrics => !!m).flatMap((m) => Object.values(labVerdict(m)));
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('pass') ? 'pass' : 'unknown';
}

/** The risk sentence: which criteria failed how many of the last 7 days; '' when none. */
export function riskText(v: AgencyView): string {
  if (v.lab.risks.length === 0) return '';
  const list = v.lab.risks.map((r) => `${LAB_METRIC_VI[r.metric]} ${PAGE_VI[r.page]} (${r.failDays}/${LAB_RISK.window} ngày)`);
  return `Có nguy cơ không đạt khi Bộ đánh giá: ${list.join('; ')}`;
}

const value = (v: number | null | undefined) => (v == null ? '—' : viSeconds(v));

function Cell(props: { m: LabMetrics | null; k: LabMetricName }) {
  if (!props.m) return <td>—</td>;
  const s = labVerdict(props.m)[props.k];
  const l = CHECK_STATUS_LABELS[s];
  return (
    <td class={`st c-${s[0]}`}>
      {value(props.m[props.k])} <span aria-hidden="true">{l.symbol}</span> {l.label}
    </td>
  );
}

/** The hourly probe's own number for a criterion (desktop, unthrottled): Speed Index is a lab-only metric. */
function Hourly(props: { r: Result | null; k: LabMetricName }) {
  const h = props.r?.pages.home;
  const k = props.k;
  if (k === 'speedIndexMs') return <td class="muted">không đo</td>;
  return <td>{value(k === 'fcpMs' ? h?.fcpMs : k === 'lcpMs' ? h?.lcpMs : h?.tbtMs)}</td>;
}

/** The ministry-profile section of the agency page: numbers beside the hourly ones, thresholds, pass/fail, profile. */
export function LabSection(props: { v: AgencyView }) {
  const { v } = props;
  const s = v.lab.latest;
  const risk = riskText(v);
  const head = (
    <>
      <h2 id="bo">Theo tiêu chí của Bộ</h2>
      {risk ? (
        <p class="risk" id="nguy-co">
          <strong>⚠ {risk}.</strong> Lãnh đạo được báo trong thư tổng hợp hằng tuần.
        </p>
      ) : null}
    </>
  );
  if (!s)
    return (
      <>
        {head}
        <p>Chưa đo theo tiêu chí của Bộ (Lighthouse trên điện thoại).</p>
      </>
    );
  const failed = (['home', 'form'] as const).filter((p) => s.errors[p]);
  const advice = (['home', 'form'] as const).flatMap((p) =>
    labCauses(s.opportunities?.[p] ?? []).map((t) => `${p === 'form' ? 'Trang biểu mẫu: ' : ''}${t}`),
  );
  const score = (m: LabMetrics | null) => (m?.score == null ? '—' : `${m.score}/100`);
  return (
    <>
      {head}
      <TableWrap labelledBy="bo-cap">
        <table>
          <caption id="bo-cap">
            Bốn chỉ số tốc độ theo tiêu chí của Bộ: trung vị {s.runs} lần đo ngày {viDay(v.lab.day ?? '')}, bên cạnh số đo hằng
            giờ
          </caption>
          <thead>
            <tr>
              <th scope="col">Chỉ số</th>
              <th scope="col" class="n">
                Ngưỡng của Bộ
              </th>
              <th scope="col">Trang chủ — đo kiểu Bộ (Lighthouse, điện thoại)</th>
              <th scope="col">Trang chủ — đo hằng giờ (máy tính, không giới hạn)</th>
              <th scope="col">Trang biểu mẫu — đo kiểu Bộ</th>
            </tr>
          </thead>
          <tbody>
            {LAB_METRICS.map((k) => (
              <tr>
                <th scope="row">{LAB_METRIC_VI[k]}</th>
                <td class="n">&lt; {viSeconds(LAB_THRESHOLDS[k])}</td>
                <Cell m={s.home} k={k} />
                <Hourly r={v.latest} k={k} />
                <Cell m={s.form} k={k} />
              </tr>
            ))}
            <tr>
              <th scope="row">Điểm hiệu năng Lighthouse</th>
              <td class="n">—</td>
              <td>{score(s.home)}</td>
              <td class="muted">—</td>
              <td>{score(s.form)}</td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      {failed.length ? (
        <ul>
          {failed.map((p) => (
            <li>{`Không đo được ${PAGE_VI[p]}: ${s.errors[p]}`}</li>
          ))}
        </ul>
      ) : null}
      {advice.length ? (
        <>
          <p>Lighthouse đề nghị khắc phục:</p>
          <ul id="bo-goi-y">
            {advice.slice(0, 4).map((t) => (
              <li class="evidence">{t}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p class="muted small">
        Hồ sơ đo kiểu Bộ: {labProfileText(s)}; lần gần nhất {viDateTime(s.at)}
        {s.benchmarkIndex ? `; chỉ số CPU của máy đo (benchmarkIndex) ${viNumber(s.benchmarkIndex)}` : ''}. Ngưỡng: {LAB_SOURCE}.
        Hồ sơ hằng giờ: máy tính 1366×768, không giới hạn mạng hay CPU, đo thực tế. Hai hồ sơ đo những điều khác nhau nên số khác
        nhau: xem <a href="../methodology.html#ho-so">phương pháp</a>.
      </p>
    </>
  );
}
