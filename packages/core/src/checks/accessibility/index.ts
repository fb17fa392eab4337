import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { ND42, TT32 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

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

export const accessibility = defineCheck({
  id: 'accessibility',
  title: 'Tiếp cận cho người khuyết tật (WCAG 2.1 AA)',
  group: 'access',
  weight: 3,
  legalBasis: `${TT32}; ${ND42}, Điều 14; Thông tư 22/2023/TT-BTTTT`,
  needs: [need('axe')],
  gather: { overrides: ['url'] },
  judge: judgeAccessibility,
  labels: {},
});
