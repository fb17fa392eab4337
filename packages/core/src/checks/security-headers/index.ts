import type { Facts } from '../../artifacts.js';
import { defineCheck } from '../define.js';
import { QD473 } from '../legal.js';
import { fail, homeIsHttps, type JudgeContext, type Judgement, notGathered, pass } from '../types.js';

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

export const securityHeaders = defineCheck({
  id: 'security-headers',
  title: 'Tiêu đề bảo mật HTTP',
  group: 'security',
  weight: 3,
  legalBasis: `${QD473}; OWASP Secure Headers`,
  // Judged from the home page's own response headers (the judge context): no page fact to gather.
  needs: [],
  judge: judgeSecurityHeaders,
  labels: {},
});
