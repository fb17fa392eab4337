import type { z } from 'zod';
import type { Maintenance } from './registry-schema.js';
import { vnParts } from './vi-format.js';

type Window = z.infer<typeof Maintenance>;

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Whether `at` falls in one of the agency's maintenance windows (weekly windows in Asia/Ho_Chi_Minh; may cross midnight). */
export function inMaintenance(windows: readonly Window[], at: string): boolean {
  const t = Date.parse(at);
  return windows.some((w) => {
    if ('from' in w) return t >= Date.parse(w.from) && t < Date.parse(w.to);
    const local = vnParts(at);
    if (!local) return false;
    const day = local.weekday;
    const now = Number(local.hour) * 60 + Number(local.minute);
    const start = minutes(w.start);
    const end = minutes(w.end);
    if (start <= end) return w.weekly.includes(day) && now >= start && now < end;
    // Crosses midnight: the part after midnight belongs to the window that started the day before.
    return (w.weekly.includes(day) && now >= start) || (w.weekly.includes((day + 6) % 7) && now < end);
  });
}
