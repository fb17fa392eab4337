import { type EmailMessage, formatVnTime, oneLine, type Result } from '@dvcwatch/core';
import { plainEmail } from '@dvcwatch/present';
import type { Rejection } from '@dvcwatch/store';

/** The operators' email about a round with monitor errors or missing agencies (Vietnamese, plain). */
export const operatorsEmail =
  (at: string, errors: Result[], missing: string[], total: number) =>
  (operators: string[]): EmailMessage =>
    plainEmail(
      operators,
      `[dvcwatch] Lỗi hệ thống giám sát: vòng ${formatVnTime(at)} — ${errors.length}/${total} cơ quan không đo được`,
      [
        `Vòng đo lúc ${formatVnTime(at)} có ${errors.length} kết quả lỗi của hệ thống giám sát (không gửi cho cơ quan).`,
        ...(missing.length ? [`Không có kết quả trước hạn chót: ${missing.join(', ')}.`] : []),
        '',
        ...errors.map(
          (r) => `- ${r.agencyId}: ${oneLine(r.monitorError ?? r.pages.home?.error?.message ?? 'lỗi không rõ', 300)}`,
        ),
        '',
        'Kiểm tra nhật ký của hàm probe và hàng đợi DLQ.',
      ],
    );

/** The operators' daily email listing the emails SES refused for good (sandbox, unverified addresses or sender). */
export const rejectionsEmail =
  (at: string, rejections: Rejection[]) =>
  (operators: string[]): EmailMessage =>
    plainEmail(operators, `[dvcwatch] SES từ chối ${rejections.length} thư trong 24 giờ qua — lãnh đạo cơ quan chưa nhận được`, [
      `Đến ${formatVnTime(at)}, SES đã từ chối hẳn (không thử lại) ${rejections.length} thư. Những người nhận dưới đây CHƯA nhận được cảnh báo.`,
      'Thường gặp: tài khoản SES còn trong sandbox (chỉ gửi được tới địa chỉ đã xác minh), tên miền gửi chưa xác minh (DKIM), ' +
        'hoặc địa chỉ trong danh mục vẫn là địa chỉ tạm (placeholder). Xem mục "Deploying" của README.',
      '',
      ...rejections.map(
        (r) => `- ${formatVnTime(r.at)} ${r.scope} (${r.kind}, ${r.step}) → ${r.to.join(', ')}: ${oneLine(r.reason, 200)}`,
      ),
    ]);
