import type { Facts } from '../../artifacts.js';
import { matches } from '../../text.js';
import { defineCheck, need } from '../define.js';
import { describeLink, lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { ND42 } from '../legal.js';
import { fail, type Judgement, notGathered, pass } from '../types.js';

const EN_HREF = /(?:[/?&](?:lang|language|locale)=en\b|\/en(?:[/?#-]|$)|\/english\b)/i;

/** Decree 42/2022/NĐ-CP Art. 7: English information on the organisation and contacts. */
export function judgeEnglish(facts: Facts): Judgement {
  if (facts.homeLinks === null) return notGathered('liên kết trang chủ');
  for (const link of facts.homeLinks) {
    const text = (link.text || link.ariaLabel || link.title || '').trim();
    if (matches(text, LABELS.english) && text.length <= 20) return pass(`Thấy ${describeLink(link)}`);
    if (link.href && EN_HREF.test(link.href)) return pass(`Thấy trang tiếng Anh ${describeLink(link)}`);
  }
  return fail(`Không thấy liên kết tiếng Anh (đã tìm ${lookedFor(LABELS.english)} hoặc địa chỉ /en/)`);
}

export const english = defineCheck({
  id: 'english',
  title: 'Thông tin tiếng Anh',
  group: 'functions',
  weight: 3,
  legalBasis: `${ND42}, Điều 7`,
  needs: [need('homeLinks')],
  judge: judgeEnglish,
  labels: { english: LABELS.english },
});
