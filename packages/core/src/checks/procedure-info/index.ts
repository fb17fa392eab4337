import type { Facts } from '../../artifacts.js';
import { matches } from '../../text.js';
import { defineCheck, need } from '../define.js';
import { LABELS } from '../labels.js';
import { fail, type Judgement, pass, unknown } from '../types.js';

/** The procedure page (reached by searching, or the registry's) publishes every required item. */
export function judgeProcedureInfo(facts: Facts): Judgement {
  if (facts.procedureText === null)
    return unknown('Không có trang thủ tục để đọc: tìm kiếm không dẫn đến thủ tục nào và cơ quan chưa khai báo trang biểu mẫu');
  const found: string[] = [];
  const missing: string[] = [];
  for (const [item, labels] of Object.entries(LABELS.procedure)) {
    (matches(facts.procedureText, labels) ? found : missing).push(item);
  }
  if (missing.length === 0) return pass(`Trang thủ tục có đủ: ${found.join(', ')}`);
  return fail(`Trang thủ tục thiếu: ${missing.join(', ')}${found.length ? ` (có: ${found.join(', ')})` : ''}`);
}

export const procedureInfo = defineCheck({
  id: 'procedure-info',
  title: 'Thông tin thủ tục đầy đủ',
  group: 'functions',
  weight: 6,
  legalBasis: 'Nghị định 63/2010/NĐ-CP, Điều 8; Thông tư 02/2017/TT-VPCP',
  // The procedure page is the search's procedure result: gathering it runs the search too.
  needs: [need('procedureText'), need('search')],
  gather: { overrides: ['url'] },
  judge: judgeProcedureInfo,
  labels: LABELS.procedure,
});
