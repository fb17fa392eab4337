import { describe, expect, it } from 'vitest';
import { emptyFacts, type Facts, type LinkFact } from '../../packages/core/src/artifacts.js';
import { CHECKS, type JudgeContext, judgeChecks } from '../../packages/core/src/checks/index.js';

const HOME = 'https://dichvucong.example.gov.vn/';
const link = (text: string, href: string | null = `${HOME}x`): LinkFact => ({ text, href, ariaLabel: null, title: null });
const ctx = (over: Partial<NonNullable<JudgeContext['home']>> = {}): JudgeContext => ({
  home: { url: HOME, finalUrl: HOME, error: null, headers: {}, ...over },
});
const judge = (id: string, facts: Partial<Facts>, c: JudgeContext = ctx()) => {
  const check = CHECKS.find((k) => k.id === id);
  if (!check) throw new Error(`no check ${id}`);
  return check.judge({ ...emptyFacts(), ...facts }, c);
};

/** id → [facts that pass, facts that fail] (unknown is tested for every id with empty facts). */
const cases: Record<string, [Partial<Facts>, Partial<Facts>, JudgeContext?]> = {
  search: [
    { search: { inputFound: true, query: 'khai sinh', resultsUrl: `${HOME}tim`, resultCount: 3, evidence: 'Đăng ký khai sinh' } },
    { search: { inputFound: true, query: 'khai sinh', resultsUrl: `${HOME}tim`, resultCount: 0, evidence: null } },
  ],
  'procedure-info': [
    {
      procedureText: 'Trình tự thực hiện … Thành phần hồ sơ … Thời hạn giải quyết … Lệ phí … Cơ quan thực hiện … Căn cứ pháp lý',
    },
    { procedureText: 'Mã thủ tục 1.001193 Lĩnh vực Hộ tịch' },
  ],
  'login-vneid': [
    {
      homeLinks: [],
      login: { url: `${HOME}dang-nhap`, text: 'Đăng nhập', links: [link('Tài khoản Định danh điện tử (VNeID)')] },
    },
    { homeLinks: [], login: { url: `${HOME}dang-nhap`, text: 'Tên đăng nhập Mật khẩu', links: [] } },
  ],
  'dossier-lookup': [
    { dossierLookup: { url: `${HOME}tra-cuu`, codeFieldFound: true, evidence: 'Mã hồ sơ' } },
    { dossierLookup: { url: `${HOME}tra-cuu`, codeFieldFound: false, evidence: null } },
  ],
  'online-payment': [
    { homeLinks: [link('Thanh toán trực tuyến')], homeText: '' },
    { homeLinks: [link('Tin tức')], homeText: 'Tin tức' },
  ],
  feedback: [
    { homeLinks: [link('Phan anh, kien nghi')], homeText: '' },
    { homeLinks: [], homeText: 'Tin tức' },
  ],
  satisfaction: [
    { homeLinks: [link('Đánh giá mức độ hài lòng')], homeText: '' },
    { homeLinks: [], homeText: '' },
  ],
  help: [
    { homeLinks: [link('Hỏi đáp')], homeText: '' },
    { homeLinks: [], homeText: '' },
  ],
  'index-766': [
    { homeLinks: [link('Kết quả đánh giá Bộ chỉ số phục vụ người dân và doanh nghiệp')], homeText: '' },
    { homeLinks: [], homeText: '' },
  ],
  contact: [
    { homeText: 'Địa chỉ: 12 Tràng Tiền. Điện thoại: 024 3823 1234. Email: vp@hanoi.gov.vn' },
    { homeText: 'Địa chỉ: 12 Tràng Tiền' },
  ],
  english: [{ homeLinks: [link('English', `${HOME}en`)] }, { homeLinks: [link('Entertainment', `${HOME}giai-tri`)] }],
  'privacy-policy': [
    { homeLinks: [link('Chính sách bảo mật')], homeText: '' },
    { homeLinks: [], homeText: '' },
  ],
  'three-clicks': [
    { threeClicks: { depth: 2, path: ['Thủ tục', 'Nộp hồ sơ'], pagesVisited: 3 } },
    { threeClicks: { depth: null, path: [], pagesVisited: 12 } },
  ],
  mobile: [
    { mobile: { viewport: 'width=device-width, initial-scale=1', scrollWidth: 375, clientWidth: 375 } },
    { mobile: { viewport: null, scrollWidth: 1200, clientWidth: 375 } },
  ],
  'font-size-controls': [
    { fontSize: { control: 'A+', beforePx: 16, afterPx: 18 } },
    { fontSize: { control: 'A+', beforePx: 16, afterPx: 16 } },
  ],
  'contrast-toggle': [
    { contrast: { control: 'Tăng tương phản', changed: true, before: 'a', after: 'b' } },
    { contrast: { control: null, changed: false, before: null, after: null } },
  ],
  accessibility: [
    { axe: { violations: [{ id: 'region', impact: 'moderate', help: 'x', nodes: 3 }], passes: 20 } },
    { axe: { violations: [{ id: 'image-alt', impact: 'critical', help: 'x', nodes: 2 }], passes: 20 } },
  ],
  https: [
    { httpRedirect: { url: 'http://x/', finalUrl: HOME, error: null } },
    { httpRedirect: { url: 'http://x/', finalUrl: 'http://x/', error: null } },
  ],
  'tls-valid': [
    { tls: { authorized: true, error: null, validTo: '2030-01-01', daysToExpiry: 400, issuer: 'CA', protocol: 'TLSv1.3' } },
    { tls: { authorized: true, error: null, validTo: '2030-01-01', daysToExpiry: 29, issuer: 'CA', protocol: 'TLSv1.3' } },
  ],
  'no-mixed-content': [{ mixedContent: [] }, { mixedContent: ['http://x/a.png'] }],
  'security-headers': [
    {},
    {},
    ctx({
      headers: {
        'strict-transport-security': 'max-age=31536000',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "frame-ancestors 'self'",
      },
    }),
  ],
};

describe('every judge', () => {
  it('has a case for every check id', () => {
    expect(Object.keys(cases).sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  for (const [id, [passing, failing, c]] of Object.entries(cases)) {
    it(`${id}: pass with evidence, fail saying what was looked for, unknown without facts`, () => {
      // act
      const p = judge(id, passing, c);
      const f =
        id === 'security-headers' ? judge(id, failing, ctx({ headers: { 'x-frame-options': 'DENY' } })) : judge(id, failing);
      const u = judge(id, {}, id === 'security-headers' ? ctx({ headers: {} }) : ctx());
      // assess
      expect(p.status, p.evidence).toBe('pass');
      expect(p.evidence.length).toBeGreaterThan(5);
      expect(f.status, f.evidence).toBe('fail');
      expect(f.evidence.length).toBeGreaterThan(5);
      expect(u.status, u.evidence).toBe('unknown');
    });
  }
});

describe('specific rules', () => {
  it('tls-valid fails on an untrusted certificate and passes at 30 days', () => {
    const base = { authorized: true, error: null, validTo: '2030-01-01', issuer: 'CA', protocol: 'TLSv1.3' };
    expect(judge('tls-valid', { tls: { ...base, daysToExpiry: 30 } }).status).toBe('pass');
    expect(
      judge('tls-valid', { tls: { ...base, authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT', daysToExpiry: 300 } })
        .evidence,
    ).toContain('SELF_SIGNED');
  });

  it('https and tls-valid fail for an http-only home page; mixed content does not apply', () => {
    const c = ctx({ url: 'http://x.gov.vn/', finalUrl: 'http://x.gov.vn/' });
    expect(judge('https', {}, c).status).toBe('fail');
    expect(judge('tls-valid', {}, c).status).toBe('fail');
    expect(judge('no-mixed-content', { mixedContent: [] }, c).status).toBe('unknown');
  });

  it('security-headers asks for HSTS only on https', () => {
    const headers = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN' };
    expect(judge('security-headers', {}, ctx({ url: 'http://x/', finalUrl: 'http://x/', headers })).status).toBe('pass');
    const onHttps = judge('security-headers', {}, ctx({ headers }));
    expect(onHttps.status).toBe('fail');
    expect(onHttps.evidence).toContain('Strict-Transport-Security');
  });

  it('accessibility counts violations by impact', () => {
    const r = judge('accessibility', {
      axe: {
        violations: [
          { id: 'color-contrast', impact: 'serious', help: 'x', nodes: 4 },
          { id: 'region', impact: 'moderate', help: 'x', nodes: 1 },
        ],
        passes: 10,
      },
    });
    expect(r.status).toBe('fail');
    expect(r.evidence).toContain('critical 0, serious 1, moderate 1, minor 0');
  });

  it('judgeChecks gives unknown for skipped checks and for a home page that did not load', () => {
    const results = judgeChecks(emptyFacts(), { home: null, skipped: ['search'] });
    expect(results).toHaveLength(CHECKS.length);
    expect(results.every((r) => r.status === 'unknown')).toBe(true);
    expect(results.find((r) => r.id === 'search')?.evidence).toContain('Bỏ qua');
  });
});

describe('a home page that failed', () => {
  it('leaves the security checks unknown', () => {
    // prepare: the home page answered with an error the probe recorded
    const failed = ctx({ error: { code: 'http-503', message: 'HTTP 503' }, headers: { server: 'nginx' } });
    // act
    const results = judgeChecks(emptyFacts(), failed).filter((r) =>
      ['https', 'tls-valid', 'security-headers', 'no-mixed-content'].includes(r.id),
    );
    // assess
    expect(results.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});
