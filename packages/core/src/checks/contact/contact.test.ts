import { describe, expect, it } from 'vitest';
import { emptyFacts, type Facts, judgeChecks } from '../../index.js';
import { findEmail, findPhone } from './contact-text.js';

describe('phones as Vietnamese portals write them', () => {
  it.each([
    ['Tổng đài hỗ trợ: 18001096', '18001096'],
    ['HOTLINE: 1900 1096', '1900 1096'],
    ['Hotline 1900.561.563', '1900.561.563'],
    ['Điện thoại :0222 3666 222', '0222 3666 222'],
    ['ĐT: (0222) 3 822 533', '(0222) 3 822 533'],
    ['Tel: 024.3823.1234', '024.3823.1234'],
    ['+84 24 3823 1234', '+84 24 3823 1234'],
    ['Di động 0912345678', '0912345678'],
  ])('%s → %s', (text, phone) => {
    expect(findPhone(text)).toBe(phone);
  });

  it.each(['Nghị định 123/2015/NĐ-CP ngày 01/01/2024', 'Lượt truy cập: 1234567', 'Mã thủ tục 1.001193'])(
    'finds no phone in "%s"',
    (text) => {
      expect(findPhone(text)).toBeNull();
    },
  );
});

describe('emails as Vietnamese portals write them', () => {
  it.each([
    ['Email: vanphong(at)bacninh.gov.vn', 'vanphong@bacninh.gov.vn'],
    ['EMAIL: VANPHONG@BACNINH.GOV.VN', 'VANPHONG@BACNINH.GOV.VN'],
    ['thư điện tử: hotro [at] dichvucong [dot] gov [dot] vn', 'hotro@dichvucong.gov.vn'],
    ['mailto:abc@d.vn', 'abc@d.vn'],
  ])('%s → %s', (text, email) => {
    expect(findEmail(text)).toBe(email);
  });

  it('finds none in text without an address', () => {
    expect(findEmail('Liên hệ (at) trụ sở')).toBeNull();
    expect(findEmail('no email here. a')).toBeNull();
  });
});

const judge = (facts: Partial<Facts>) => judgeChecks({ ...emptyFacts(), ...facts }, { home: null });
const of = (results: ReturnType<typeof judge>, id: string) => results.find((r) => r.id === id)!;

describe('judges never guess a fail', () => {
  it('passes contact with a toll-free number and an (at) email, or a mailto link', () => {
    const r = judge({ homeText: 'TỔNG ĐÀI HỖ TRỢ: 18001096. Email: hotro(at)example.gov.vn', homeLinks: [] });
    expect(of(r, 'contact')).toMatchObject({ status: 'pass' });
    expect(of(r, 'contact').evidence).toMatch(/18001096, email hotro@example\.gov\.vn/);
    const linked = judge({
      homeText: 'Tổng đài: 1900 1096',
      homeLinks: [{ text: 'Gửi thư', href: 'mailto:hotro@example.gov.vn', ariaLabel: null, title: null }],
    });
    expect(of(linked, 'contact').status).toBe('pass');
  });

  it('is unknown when the search results, the login page or the lookup page could not be read', () => {
    const r = judge({
      homeLinks: [],
      homeText: '',
      search: {
        inputFound: true,
        query: 'khai sinh',
        resultsUrl: 'http://x/tim',
        resultCount: 0,
        evidence: null,
        error: 'HTTP 404',
      },
      login: { url: 'http://sso/login', text: null, links: [], error: 'net::ERR_NAME_NOT_RESOLVED' },
      dossierLookup: { url: 'http://x/tra-cuu', codeFieldFound: false, evidence: null, error: 'HTTP 500', weak: 'TRA CỨU' },
    });
    expect(of(r, 'search')).toMatchObject({ status: 'unknown' });
    expect(of(r, 'search').evidence).toMatch(/HTTP 404/);
    expect(of(r, 'login-vneid')).toMatchObject({ status: 'unknown' });
    expect(of(r, 'login-vneid').evidence).toMatch(/ERR_NAME_NOT_RESOLVED/);
    expect(of(r, 'dossier-lookup')).toMatchObject({ status: 'unknown' });
    expect(of(r, 'dossier-lookup').evidence).toMatch(/qua "TRA CỨU".*HTTP 500/);
    expect(of(r, 'procedure-info')).toMatchObject({ status: 'unknown' });
  });

  it('leaves a bare "ĐÁNH GIÁ" menu item unknown for satisfaction, and matches "PAKN" for feedback', () => {
    const links = [
      { text: 'ĐÁNH GIÁ', href: 'http://x/danhgia', ariaLabel: null, title: null },
      { text: 'PAKN', href: 'http://x/pakn', ariaLabel: null, title: null },
    ];
    const r = judge({ homeLinks: links, homeText: 'ĐÁNH GIÁ PAKN' });
    expect(of(r, 'satisfaction')).toMatchObject({ status: 'unknown' });
    expect(of(r, 'feedback')).toMatchObject({ status: 'pass' });
  });
});
