import {
  type Agency,
  describeBreach,
  type EmailMessage,
  oneLine,
  type Result,
  STATUS_VI,
  safeHref,
  type Transition,
  viClock,
  viDuration,
  viTimeDate,
  viValue,
} from '@dvcwatch/core';
import { renderDocument } from '../render.js';
import { StatusWithReason } from '../status.js';
import { statusReason } from '../status-reason.js';
import { EmailShell, MUTED, TextBlocks } from './email-shell.js';

export interface AlertEmailInput {
  transition: Transition;
  agency: Agency;
  /** The round's result that caused the transition. */
  result: Result;
  /** The agency's results of the last 24 h, oldest first (for the small table). */
  recent: Result[];
  /** Public site address (registry `siteUrl`), or null. */
  siteUrl: string | null;
  /** Absolute or site-relative link to the evidence screenshot, or null. */
  evidenceUrl: string | null;
  /** Who to contact about the monitoring itself (the registry's operators). */
  contacts?: string[];
}

const STATE_VI = { open: 'Cảnh báo', remind: 'Nhắc lại', escalate: 'Chuyển cấp', resolve: 'Đã khôi phục' } as const;

const problemOf = (r: Result): string =>
  r.status === 'down'
    ? 'không truy cập được'
    : r.breaches.includes('score') && r.breaches.length === 1
      ? 'điểm đánh giá thấp'
      : 'chậm hoặc không đạt ngưỡng';

/** What the other vantages saw of a `down` (core/vantage.ts), as evidence in the email: one line, or none. */
const vantageLine = (r: Result): string[] => {
  const n = r.vantages?.length ?? 0;
  if (r.status !== 'down' || n < 2) return [];
  return r.vantageVerdict === 'confirmed'
    ? [`Đã kiểm tra lại từ ${n} điểm đo ở các mạng khác nhau: tất cả đều không truy cập được.`]
    : ['Chưa xác nhận được từ điểm đo khác (điểm đo đó không trả lời kịp); kết quả trên là của điểm đo chính.'];
};

/** Builds the Vietnamese alert/reminder/escalation/recovery email (HTML and text), short and phone-readable. */
export function alertEmail(input: AlertEmailInput): EmailMessage {
  const { transition: t, agency, result, recent, siteUrl } = input;
  const kind = t.kind;
  const incident = t.incident;
  const trend = siteUrl ? `${siteUrl.replace(/\/$/, '')}/agency/${agency.id}.html` : null;
  const evidence = input.evidenceUrl;
  const subject = oneLine(
    kind === 'resolve'
      ? `[dvcwatch] ${STATE_VI.resolve}: ${agency.name} — cổng dịch vụ công hoạt động trở lại`
      : `[dvcwatch] ${STATE_VI[kind]}: ${agency.name} — cổng dịch vụ công ${problemOf(result)}`,
    180,
  );
  const since = viTimeDate(incident.since);
  const lines: string[] = [];
  if (kind === 'resolve') {
    const back = incident.recoveredAt ?? t.at;
    const lasted = viDuration(Date.parse(back) - Date.parse(incident.since));
    lines.push(
      `Cổng dịch vụ công của ${agency.name} đã hoạt động bình thường trở lại lúc ${viTimeDate(back)} (xác nhận lúc ${viTimeDate(t.at)}).`,
      `Sự cố kéo dài ${lasted} (từ ${since}).`,
    );
  } else {
    lines.push(
      `Cổng dịch vụ công của ${agency.name} ${problemOf(result)} từ ${since} (${viDuration(Date.parse(t.at) - Date.parse(incident.since))}).`,
      `Tình trạng hiện tại: ${STATUS_VI[result.status]}${statusReason(result) ? ` (${statusReason(result)})` : ''}.`,
      ...vantageLine(result),
      '',
      'Chỉ tiêu không đạt:',
      ...result.breachDetails.map((b) => `- ${describeBreach(b)}`),
    );
    if (kind === 'escalate') lines.push('', 'Sự cố chưa được khắc phục sau thời gian cho phép nên được chuyển cấp.');
    const causes = result.causes ?? [];
    if (causes.length > 0)
      lines.push(
        '',
        'Nguyên nhân đo được (chuyển cho đơn vị vận hành):',
        ...causes.map((c) => `- ${c.text}`),
        '',
        'Đề nghị: chỉ đạo đơn vị vận hành khắc phục các nguyên nhân trên; hệ thống sẽ tự gửi thư khi cổng khôi phục.',
      );
    else
      lines.push(
        '',
        'Đề nghị: chỉ đạo đơn vị vận hành kiểm tra máy chủ, đường truyền và trang biểu mẫu; hệ thống sẽ tự gửi thư khi cổng khôi phục.',
      );
  }
  const table = recent
    .slice(-24)
    .map(
      (r) =>
        `${viClock(r.at)}  ${STATUS_VI[r.status]}${r.pages.home?.lcpMs != null ? `  LCP ${viValue(r.pages.home.lcpMs, 'ms')}` : ''}`,
    );
  const text = [
    ...lines,
    '',
    `Trang chủ: ${agency.portal.home}`,
    ...(evidence ? [`Ảnh chụp làm bằng chứng: ${evidence}`] : []),
    ...(trend ? [`Xu hướng và chi tiết: ${trend}`] : []),
    '',
    '24 giờ qua:',
    ...table,
    '',
    'Thư này do dvcwatch gửi tự động, chỉ một lần cho mỗi thay đổi trạng thái.',
    ...(input.contacts?.length ? [`Liên hệ bộ phận điều phối: ${input.contacts.join(', ')}`] : []),
  ].join('\n');
  const html = renderDocument(
    <AlertHtml
      result={result}
      title={subject}
      lines={lines}
      links={{ home: agency.portal.home, evidence, trend }}
      recent={recent.slice(-24)}
      contacts={input.contacts ?? []}
    />,
  );
  const to = [agency.head.email, ...(kind === 'escalate' ? agency.escalation.map((c) => c.email) : [])];
  return { to, cc: agency.cc, subject, text, html };
}

const cell = 'padding:4px 8px;border-bottom:1px solid #ddd;text-align:left';

function EmailLink(props: { label: string; url: string | null }) {
  const href = safeHref(props.url) ?? (props.url && /^[\w./-]+$/.test(props.url) ? props.url : null);
  return href ? (
    <p>
      <a href={href} style="color:#0b57d0">
        {props.label}
      </a>
    </p>
  ) : null;
}

function AlertHtml(props: {
  result: Result;
  title: string;
  lines: string[];
  links: { home: string; evidence: string | null; trend: string | null };
  recent: Result[];
  contacts: string[];
}) {
  const { title, lines, links, recent, contacts } = props;
  return (
    <EmailShell title={title}>
      <p style="margin:4px 0 12px;font-size:18px">
        <StatusWithReason result={props.result} inline />
      </p>
      <TextBlocks lines={lines} />
      <EmailLink label="Mở trang chủ của cổng" url={links.home} />
      <EmailLink label="Xem ảnh chụp làm bằng chứng" url={links.evidence} />
      <EmailLink label="Xem xu hướng và chi tiết" url={links.trend} />
      {recent.length ? (
        <>
          <h2 style="font-size:16px;margin:16px 0 4px">24 giờ qua</h2>
          <table style="border-collapse:collapse;font-size:14px">
            <thead>
              <tr>
                <th style={cell}>Giờ</th>
                <th style={cell}>Tình trạng</th>
                <th style={cell}>LCP trang chủ</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((r) => (
                <tr key={r.at}>
                  <td style={cell}>{viClock(r.at)}</td>
                  <td style={cell}>{STATUS_VI[r.status]}</td>
                  <td style={cell}>{r.pages.home?.lcpMs != null ? viValue(r.pages.home.lcpMs, 'ms') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p style={`font-size:13px;color:${MUTED};margin-top:16px`}>
        Thư do dvcwatch gửi tự động, chỉ một lần cho mỗi thay đổi trạng thái.
        {contacts.length ? (
          <>
            {' '}
            Liên hệ bộ phận điều phối:{' '}
            {contacts.map((c, i) => (
              <>
                {i > 0 ? ', ' : ''}
                <a href={`mailto:${c}`}>{c}</a>
              </>
            ))}
          </>
        ) : null}
      </p>
    </EmailShell>
  );
}
