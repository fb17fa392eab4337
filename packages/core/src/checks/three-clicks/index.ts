import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { TT32 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

/** The online service reached within three clicks from the home page. */
export function judgeThreeClicks(facts: Facts): Judgement {
  const t = facts.threeClicks;
  if (t === null) return notGathered('điều hướng từ trang chủ');
  if (t.depth !== null && t.depth <= 3) return pass(`Đến chỗ nộp hồ sơ sau ${t.depth} lần nhấp: ${t.path.join(' → ')}`);
  return fail(
    `Không đến được chỗ nộp hồ sơ (${lookedFor(LABELS.submit)} hoặc biểu mẫu) trong 3 lần nhấp; đã xem ${t.pagesVisited} trang`,
  );
}

export const threeClicks = defineCheck({
  id: 'three-clicks',
  title: 'Nộp hồ sơ trong tối đa 3 lần nhấp',
  group: 'layout',
  weight: 3,
  legalBasis: `${TT32} (quy định 3 lần nhấp đã được xác nhận, điều khoản chính xác chưa)`,
  needs: [need('threeClicks')],
  gather: { overrides: ['selector'] },
  judge: judgeThreeClicks,
  labels: { submit: LABELS.submit, navigation: LABELS.navigation },
});
