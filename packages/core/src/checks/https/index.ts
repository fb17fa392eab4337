import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { QD473 } from '../legal.js';
import { fail, homeIsHttps, type JudgeContext, type Judgement, notGathered, pass, unknown } from '../types.js';

export function judgeHttps(facts: Facts, ctx: JudgeContext): Judgement {
  const https = homeIsHttps(ctx);
  if (https === null) return notGathered('trang chủ không tải được');
  if (!https) return fail(`Trang chủ dùng HTTP không mã hoá: ${ctx.home?.finalUrl}`);
  const r = facts.httpRedirect;
  if (r === null) return notGathered('phiên bản http://');
  if (r.finalUrl?.startsWith('https:')) return pass(`${r.url} chuyển sang ${r.finalUrl}`);
  if (r.finalUrl?.startsWith('http:')) return fail(`${r.url} vẫn phục vụ HTTP, không chuyển sang HTTPS`);
  // Not answering on plain HTTP at all leaves nothing unencrypted to fall back to.
  if (r.error && /ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE/.test(r.error))
    return pass(`Trang chủ dùng HTTPS (${ctx.home?.finalUrl}); ${r.url} không phục vụ HTTP`);
  return unknown(`Không mở được ${r.url}: ${r.error ?? 'không rõ'}`);
}

export const https = defineCheck({
  id: 'https',
  title: 'Dùng HTTPS',
  group: 'security',
  weight: 4,
  legalBasis: QD473,
  needs: [need('httpRedirect')],
  judge: judgeHttps,
  labels: {},
});
