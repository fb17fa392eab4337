import type { Facts } from '../artifacts.js';
import { lookedFor } from './find.js';
import { LABELS } from './labels.js';
import { fail, type Judgement, notGathered, pass } from './types.js';

export function judgeThreeClicks(facts: Facts): Judgement {
  const t = facts.threeClicks;
  if (t === null) return notGathered('điều hướng từ trang chủ');
  if (t.depth !== null && t.depth <= 3) return pass(`Đến chỗ nộp hồ sơ sau ${t.depth} lần nhấp: ${t.path.join(' → ')}`);
  return fail(
    `Không đến được chỗ nộp hồ sơ (${lookedFor(LABELS.submit)} hoặc biểu mẫu) trong 3 lần nhấp; đã xem ${t.pagesVisited} trang`,
  );
}

export function judgeFontSize(facts: Facts): Judgement {
  const f = facts.fontSize;
  if (f === null) return notGathered('cỡ chữ');
  if (f.control === null) return fail(`Không thấy nút tăng cỡ chữ (đã tìm ${lookedFor(LABELS.fontLarger)})`);
  if (f.beforePx !== null && f.afterPx !== null && f.afterPx > f.beforePx)
    return pass(`Nhấn "${f.control}": cỡ chữ ${f.beforePx}px → ${f.afterPx}px`);
  return fail(`Nhấn "${f.control}" nhưng cỡ chữ không đổi (${f.beforePx ?? '?'}px → ${f.afterPx ?? '?'}px)`);
}

export function judgeContrast(facts: Facts): Judgement {
  const c = facts.contrast;
  if (c === null) return notGathered('độ tương phản');
  if (c.control === null) return fail(`Không thấy nút đổi độ tương phản (đã tìm ${lookedFor(LABELS.contrast)})`);
  if (c.changed) return pass(`Nhấn "${c.control}": màu ${c.before} → ${c.after}`);
  return fail(`Nhấn "${c.control}" nhưng màu không đổi (${c.before ?? '?'})`);
}

export function judgeMobile(facts: Facts): Judgement {
  const m = facts.mobile;
  if (m === null) return notGathered('hiển thị trên di động');
  const problems: string[] = [];
  if (!m.viewport || !/width\s*=\s*device-width/i.test(m.viewport)) problems.push('thiếu thẻ meta viewport width=device-width');
  // One pixel of slack: sub-pixel layouts round up.
  if (m.scrollWidth > m.clientWidth + 1) problems.push(`trang rộng ${m.scrollWidth}px trên màn hình ${m.clientWidth}px`);
  if (problems.length === 0) return pass(`Viewport "${m.viewport}", không cuộn ngang ở 375px`);
  return fail(`Ở màn hình 375px: ${problems.join('; ')}`);
}

const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;

/** Circular 32/2017/TT-BTTTT Art. 18, Circular 22/2023 (WCAG 2.x): fails on any critical or serious violation. */
export function judgeAccessibility(facts: Facts): Judgement {
  const a = facts.axe;
  if (a === null) return notGathered('kiểm tra axe-core');
  const counts = IMPACTS.map((impact) => [impact, a.violations.filter((v) => v.impact === impact).length] as const);
  const summary = counts.map(([i, n]) => `${i} ${n}`).join(', ');
  const severe = a.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious');
  if (severe.length === 0)
    return pass(`axe-core (WCAG 2.1 A/AA): không có lỗi nghiêm trọng; ${summary}; ${a.passes} quy tắc đạt`);
  const ids = severe
    .slice(0, 4)
    .map((v) => `${v.id} (${v.nodes})`)
    .join(', ');
  return fail(`axe-core (WCAG 2.1 A/AA): ${summary}; ví dụ ${ids}`);
}
