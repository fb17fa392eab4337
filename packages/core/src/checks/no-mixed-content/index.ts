import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { QD473 } from '../legal.js';
import { fail, homeIsHttps, type JudgeContext, type Judgement, notGathered, pass, unknown } from '../types.js';

export function judgeNoMixedContent(facts: Facts, ctx: JudgeContext): Judgement {
  const https = homeIsHttps(ctx);
  if (https === null) return notGathered('trang chủ không tải được');
  if (!https) return unknown('Không áp dụng: trang chủ dùng HTTP');
  if (facts.mixedContent === null) return notGathered('tài nguyên của trang chủ');
  if (facts.mixedContent.length === 0) return pass(`Trang chủ ${ctx.home?.finalUrl} không tải tài nguyên qua http://`);
  const shown = facts.mixedContent.slice(0, 3).join(', ');
  return fail(`Trang HTTPS tải ${facts.mixedContent.length} tài nguyên qua http://: ${shown}`);
}

export const noMixedContent = defineCheck({
  id: 'no-mixed-content',
  title: 'Không tải nội dung qua HTTP',
  group: 'security',
  weight: 2,
  legalBasis: QD473,
  needs: [need('mixedContent')],
  judge: judgeNoMixedContent,
  labels: {},
});
