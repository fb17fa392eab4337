import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { lookedFor } from '../find.js';
import { LABELS } from '../labels.js';
import { ND42 } from '../legal.js';
import { fail, type Judgement, notGathered, pass, unknown } from '../types.js';

/** Types the query into the home page's search box and counts results (Decree 42/2022 Art. 7). */
export function judgeSearch(facts: Facts): Judgement {
  const s = facts.search;
  if (s === null) return notGathered('tìm kiếm');
  if (!s.inputFound) return fail(`Không thấy ô tìm kiếm trên trang chủ (đã tìm ${lookedFor(LABELS.search)})`);
  if (s.error)
    return unknown(
      `Có ô tìm kiếm nhưng không đọc được kết quả tìm "${s.query}": ${s.error}${s.resultsUrl ? ` (${s.resultsUrl})` : ''}`,
    );
  if (s.resultCount === 0) return fail(`Tìm "${s.query}" không cho kết quả nào${s.resultsUrl ? ` (${s.resultsUrl})` : ''}`);
  return pass(
    `Tìm "${s.query}": ${s.resultCount} kết quả${s.resultsUrl ? ` tại ${s.resultsUrl}` : ''}${s.evidence ? `, ví dụ "${s.evidence}"` : ''}`,
  );
}

export const search = defineCheck({
  id: 'search',
  title: 'Tìm kiếm thủ tục cho kết quả',
  group: 'functions',
  weight: 6,
  legalBasis: `${ND42}, Điều 7`,
  needs: [need('search')],
  gather: { overrides: ['url', 'selector'] },
  judge: judgeSearch,
  labels: { search: LABELS.search, searchQuery: LABELS.searchQuery },
});
