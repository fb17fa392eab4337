import { escapeHtml, oneLine, safeHref } from './html.js';
import type { Transition } from './incident.js';
import type { Agency } from './registry.js';
import type { Result } from './result.js';
import { describeBreach, formatDuration, formatValue, formatVnTime, STATUS_VI } from './wording.js';

/** An email ready to send: recipients, one-line subject, plain text and HTML. */
export interface EmailMessage {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string;
}

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
  const since = formatVnTime(incident.since);
  const lines: string[] = [];
  if (kind === 'resolve') {
    const back = incident.recoveredAt ?? t.at;
    const lasted = formatDuration(Date.parse(back) - Date.parse(incident.since));
    lines.push(
      `Cổng dịch vụ công của ${agency.name} đã hoạt động bình thường trở lại lúc ${formatVnTime(back)} (xác nhận lúc ${formatVnTime(t.at)}).`,
      `Sự cố kéo dài ${lasted} (từ ${since}).`,
    );
  } else {
    lines.push(
      `Cổng dịch vụ công của ${agency.name} ${problemOf(result)} từ ${since} (${formatDuration(Date.parse(t.at) - Date.parse(incident.since))}).`,
      `Tình trạng hiện tại: ${STATUS_VI[result.status]}.`,
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
        `${formatVnTime(r.at).slice(0, 5)}  ${STATUS_VI[r.status]}${r.pages.home?.lcpMs != null ? `  LCP ${formatValue(r.pages.home.lcpMs, 'ms')}` : ''}`,
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
  const html = renderHtml(subject, lines, { home: agency.portal.home, evidence, trend }, recent.slice(-24), input.contacts ?? []);
  const to = [agency.head.email, ...(kind === 'escalate' ? agency.escalation.map((c) => c.email) : [])];
  return { to, cc: agency.cc, subject, text, html };
}

function renderHtml(
  title: string,
  lines: string[],
  links: { home: string; evidence: string | null; trend: string | null },
  recent: Result[],
  contacts: string[],
): string {
  const body = lines
    .map((l) => (l === '' ? '' : l.startsWith('- ') ? `<li>${escapeHtml(l.slice(2))}</li>` : `<p>${escapeHtml(l)}</p>`))
    .join('\n')
    // Each run of consecutive items becomes its own list (breaches, then causes).
    .replace(/(?:<li>.*<\/li>\n?)+/g, (items) => `<ul>${items.trimEnd()}</ul>\n`);
  const link = (label: string, url: string | null) => {
    const href = safeHref(url) ?? (url && /^[\w./-]+$/.test(url) ? url : null);
    return href ? `<p><a href="${escapeHtml(href)}" style="color:#0b57d0">${escapeHtml(label)}</a></p>` : '';
  };
  const cell = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:left"';
  const rows = recent
    .map(
      (r) =>
        `<tr><td ${cell}>${escapeHtml(formatVnTime(r.at).slice(0, 5))}</td><td ${cell}>${escapeHtml(STATUS_VI[r.status])}</td><td ${cell}>${
          r.pages.home?.lcpMs != null ? escapeHtml(formatValue(r.pages.home.lcpMs, 'ms')) : '—'
        }</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:600px">
<h1 style="font-size:20px;margin:0 0 12px">${escapeHtml(title.replace(/^\[dvcwatch\] /, ''))}</h1>
${body}
${link('Mở trang chủ của cổng', links.home)}${link('Xem ảnh chụp làm bằng chứng', links.evidence)}${link('Xem xu hướng và chi tiết', links.trend)}
${rows ? `<h2 style="font-size:16px;margin:16px 0 4px">24 giờ qua</h2><table style="border-collapse:collapse;font-size:14px"><thead><tr><th ${cell}>Giờ</th><th ${cell}>Tình trạng</th><th ${cell}>LCP trang chủ</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
<p style="font-size:13px;color:#555;margin-top:16px">Thư do dvcwatch gửi tự động, chỉ một lần cho mỗi thay đổi trạng thái.${
    contacts.length
      ? ` Liên hệ bộ phận điều phối: ${contacts.map((c) => `<a href="mailto:${escapeHtml(c)}">${escapeHtml(c)}</a>`).join(', ')}`
      : ''
  }</p>
</body></html>`;
}
