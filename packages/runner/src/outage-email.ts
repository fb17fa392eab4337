import { type EmailMessage, formatDuration, formatVnTime, type HealthEvent, type Registry } from '@dvcwatch/core';
import { plainEmail } from '@dvcwatch/present';

const nameOf = (registry: Registry, id: string) => registry.agencies.find((a) => a.id === id)?.name ?? id;

/**
 * The operators' email when a monitor-side network outage starts or ends (Vietnamese, plain): which agencies it
 * hid, and that no agency head was emailed about them.
 */
export const outageEmail =
  (event: HealthEvent, total: number, registry: Registry) =>
  (operators: string[]): EmailMessage => {
    const names = event.affected.map((id) => `- ${nameOf(registry, id)} (${id})`);
    const lines =
      event.kind === 'start'
        ? [
            `Vòng đo lúc ${formatVnTime(event.at)}: ${event.affected.length}/${total} cổng không tới được ở tầng mạng cùng lúc ` +
              '(DNS, kết nối, bị ngắt, hết thời gian chờ). Đây là sự cố phía máy đo, không phải của các cơ quan.',
            'Nguyên nhân thường gặp: đứt cáp quang biển giữa Singapore và Việt Nam, sự cố mạng khu vực, hoặc mạng của chính máy đo.',
            'Các kết quả này được ghi là "lỗi của hệ thống giám sát" (vantage-outage); KHÔNG gửi thư cho lãnh đạo cơ quan nào, ' +
              'không mở hay tăng sự cố nào. Sẽ có thư báo khi sự cố kết thúc.',
            '',
            'Các cổng bị ảnh hưởng:',
            ...names,
          ]
        : [
            `Sự cố mạng của máy đo đã kết thúc lúc ${formatVnTime(event.at)}, kéo dài ${formatDuration(
              Date.parse(event.at) - Date.parse(event.since),
            )} (từ ${formatVnTime(event.since)}).`,
            'Trong thời gian đó không có thư nào gửi cho lãnh đạo cơ quan về các cổng dưới đây; từ vòng này việc đánh giá trở lại bình thường.',
            '',
            'Các cổng đã bị ảnh hưởng:',
            ...names,
          ];
    const subject =
      event.kind === 'start'
        ? `[dvcwatch] Sự cố mạng của máy đo: ${event.affected.length}/${total} cổng không tới được — không gửi thư cho cơ quan`
        : `[dvcwatch] Hết sự cố mạng của máy đo (${formatDuration(Date.parse(event.at) - Date.parse(event.since))})`;
    return plainEmail(operators, subject, lines);
  };
