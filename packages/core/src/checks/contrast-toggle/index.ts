import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { TT32 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

/** A contrast control that really changes the colours. */
export function judgeContrast(facts: Facts): Judgement {
  const c = facts.contrast;
  if (c === null) return notGathered('độ tương phản');
  if (c.control === null) return fail(`Không thấy nút đổi độ tương phản (đã tìm ${lookedFor(LABELS.contrast)})`);
  if (c.changed) return pass(`Nhấn "${c.control}": màu ${c.before} → ${c.after}`);
  return fail(`Nhấn "${c.control}" nhưng màu không đổi (${c.before ?? '?'})`);
}

export const contrastToggle = defineCheck({
  id: 'contrast-toggle',
  title: 'Nút tăng độ tương phản',
  group: 'access',
  weight: 1,
  legalBasis: `${TT32} (khuyến khích có nút đổi độ tương phản)`,
  needs: [need('contrast')],
  gather: { overrides: ['url', 'selector'] },
  judge: judgeContrast,
  labels: { contrast: LABELS.contrast },
});
