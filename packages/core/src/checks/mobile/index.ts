import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

/** A meta viewport for the device width and no horizontal scrolling at 375 px. */
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

export const mobile = defineCheck({
  id: 'mobile',
  title: 'Hiển thị trên điện thoại',
  group: 'layout',
  weight: 2,
  legalBasis: 'Thông tư 22/2023/TT-BTTTT (theo nguồn thứ cấp)',
  needs: [need('mobile')],
  gather: { overrides: ['url'] },
  judge: judgeMobile,
  labels: {},
});
