import { formatVnTime, type Registry } from '@dvcwatch/core';

const HOUR = 3_600_000;

/** The next top of the hour after `ms` (serve's schedule: '0 * * * *' in Asia/Ho_Chi_Minh, a whole-hour zone). */
export const nextTopOfHour = (ms: number): string => new Date((Math.floor(ms / HOUR) + 1) * HOUR).toISOString();

/**
 * When the first email to an agency's head can go: an incident opens after `alerts.confirmRounds` consecutive
 * breached rounds (core/alert-policy.ts), the start-up round counting as the first. One line, Vietnam time.
 */
export function firstEmailLine(registry: Registry, nowMs: number): string {
  const confirm = Math.min(...registry.agencies.map((a) => a.alerts.confirmRounds));
  if (confirm <= 1)
    return 'Thư cảnh báo đầu tiên có thể đi ngay sau vòng này, nếu một cơ quan vượt ngưỡng (alerts.confirmRounds = 1).';
  const at = new Date(Date.parse(nextTopOfHour(nowMs)) + (confirm - 2) * HOUR).toISOString();
  return `Thư cảnh báo đầu tiên sớm nhất sau vòng ${formatVnTime(at)}: chỉ khi một cơ quan vượt ngưỡng ${confirm} vòng liên tiếp (alerts.confirmRounds = ${confirm}), tính cả vòng đầu tiên này.`;
}
