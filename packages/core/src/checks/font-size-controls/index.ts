import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { TT32 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

/** An "A+" control that really enlarges the text. */
export function judgeFontSize(facts: Facts): Judgement {
  const f = facts.fontSize;
  if (f === null) return notGathered('cỡ chữ');
  if (f.control === null) return fail(`Không thấy nút tăng cỡ chữ (đã tìm ${lookedFor(LABELS.fontLarger)})`);
  if (f.beforePx !== null && f.afterPx !== null && f.afterPx > f.beforePx)
    return pass(`Nhấn "${f.control}": cỡ chữ ${f.beforePx}px → ${f.afterPx}px`);
  return fail(`Nhấn "${f.control}" nhưng cỡ chữ không đổi (${f.beforePx ?? '?'}px → ${f.afterPx ?? '?'}px)`);
}

export const fontSizeControls = defineCheck({
  id: 'font-size-controls',
  title: 'Nút tăng cỡ chữ',
  group: 'access',
  weight: 1,
  legalBasis: `${TT32}; WCAG 1.4.4`,
  needs: [need('fontSize')],
  gather: { overrides: ['url', 'selector'] },
  judge: judgeFontSize,
  labels: { fontLarger: LABELS.fontLarger },
});
