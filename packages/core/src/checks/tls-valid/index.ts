import type { Facts } from '../../artifacts.js';
import { defineCheck, need } from '../define.js';
import { QD473 } from '../legal.js';
import { fail, homeIsHttps, type JudgeContext, type Judgement, notGathered, pass } from '../types.js';

/** Certificates this close to expiry fail: renewal is overdue (Let's Encrypt renews at 30 days left). */
export const TLS_MIN_DAYS = 30;

export function judgeTlsValid(facts: Facts, ctx: JudgeContext): Judgement {
  if (homeIsHttps(ctx) === false && facts.tls === null) return fail('Trang chủ không dùng HTTPS: không có chứng chỉ');
  const t = facts.tls;
  if (t === null) return notGathered('chứng chỉ TLS');
  if (!t.authorized)
    return fail(`Chứng chỉ không hợp lệ: ${t.error ?? 'không được tin cậy'}${t.issuer ? ` (cấp bởi ${t.issuer})` : ''}`);
  if (t.daysToExpiry !== null && t.daysToExpiry < TLS_MIN_DAYS)
    return fail(`Chứng chỉ sắp hết hạn: còn ${t.daysToExpiry} ngày (hết hạn ${t.validTo})`);
  return pass(
    `Chứng chỉ hợp lệ đến ${t.validTo ?? '?'} (còn ${t.daysToExpiry ?? '?'} ngày)${t.issuer ? `, cấp bởi ${t.issuer}` : ''}${t.protocol ? `, ${t.protocol}` : ''}`,
  );
}

export const tlsValid = defineCheck({
  id: 'tls-valid',
  title: 'Chứng chỉ TLS hợp lệ',
  group: 'security',
  weight: 4,
  legalBasis: QD473,
  needs: [need('tls')],
  judge: judgeTlsValid,
  labels: {},
});
