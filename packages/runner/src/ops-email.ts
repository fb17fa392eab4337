import { type EmailMessage, escapeHtml, formatVnTime, oneLine, type Result } from '@dvcwatch/core';

/** The operators' email about a round with monitor errors or missing agencies (Vietnamese, plain). */
export const operatorsEmail =
  (at: string, errors: Result[], missing: string[], total: number) =>
  (operators: string[]): EmailMessage => {
    const subject = oneLine(
      `[dvcwatch] Lỗi hệ thống giám sát: vòng ${formatVnTime(at)} — ${errors.length}/${total} cơ quan không đo được`,
    );
    const lines = [
      `Vòng đo lúc ${formatVnTime(at)} có ${errors.length} kết quả lỗi của hệ thống giám sát (không gửi cho cơ quan).`,
      ...(missing.length ? [`Không có kết quả trước hạn chót: ${missing.join(', ')}.`] : []),
      '',
      ...errors.map((r) => `- ${r.agencyId}: ${oneLine(r.monitorError ?? r.pages.home?.error?.message ?? 'lỗi không rõ', 300)}`),
      '',
      'Kiểm tra nhật ký của hàm probe và hàng đợi DLQ.',
    ];
    return {
      to: operators,
      cc: [],
      subject,
      text: lines.join('\n'),
      html: `<!doctype html><html lang="vi"><meta charset="utf-8"><body style="font-family:Arial,sans-serif">${lines
        .map((l) => (l ? `<p>${escapeHtml(l)}</p>` : ''))
        .join('')}</body></html>`,
    };
  };
