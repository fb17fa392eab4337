import type { Facts } from '../artifacts.js';
import { fail, homeIsHttps, type JudgeContext, type Judgement, notGathered, pass, unknown } from './types.js';

/** Certificates this close to expiry fail: renewal is overdue (Let's Encrypt renews at 30 days left). */
export const TLS_MIN_DAYS = 30;

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

/** HSTS (on https only), X-Content-Type-Options: nosniff, and frame protection (XFO or CSP frame-ancestors). */
export function judgeSecurityHeaders(_facts: Facts, ctx: JudgeContext): Judgement {
  const h = ctx.home?.headers;
  if (homeIsHttps(ctx) === null || !h || Object.keys(h).length === 0) return notGathered('tiêu đề HTTP của trang chủ');
  const get = (name: string): string => h[name] ?? h[name.toLowerCase()] ?? '';
  const missing: string[] = [];
  const present: string[] = [];
  if (homeIsHttps(ctx)) {
    const hsts = get('strict-transport-security');
    (/max-age=\d*[1-9]/i.test(hsts) ? present : missing).push('Strict-Transport-Security');
  }
  (/nosniff/i.test(get('x-content-type-options')) ? present : missing).push('X-Content-Type-Options: nosniff');
  const xfo = /^(deny|sameorigin)$/i.test(get('x-frame-options').trim());
  const fa = /frame-ancestors/i.test(get('content-security-policy'));
  (xfo || fa ? present : missing).push('X-Frame-Options hoặc CSP frame-ancestors');
  if (missing.length === 0) return pass(`Có đủ: ${present.join('; ')}`);
  return fail(`Thiếu: ${missing.join('; ')}`);
}

export function judgeNoMixedContent(facts: Facts, ctx: JudgeContext): Judgement {
  const https = homeIsHttps(ctx);
  if (https === null) return notGathered('trang chủ không tải được');
  if (!https) return unknown('Không áp dụng: trang chủ dùng HTTP');
  if (facts.mixedContent === null) return notGathered('tài nguyên của trang chủ');
  if (facts.mixedContent.length === 0) return pass(`Trang chủ ${ctx.home?.finalUrl} không tải tài nguyên qua http://`);
  const shown = facts.mixedContent.slice(0, 3).join(', ');
  return fail(`Trang HTTPS tải ${facts.mixedContent.length} tài nguyên qua http://: ${shown}`);
}
