import { describe, expect, it } from 'vitest';
import { fold, matches, normalize } from '../../packages/core/src/text.js';

describe('text matching', () => {
  it('normalizes NFD input, case and whitespace', () => {
    // prepare: "Tra cứu" written in decomposed form with odd spacing and case
    const nfd = '  TRA   CỨU\n hồ sơ '.normalize('NFD');
    // act + assess
    expect(normalize(nfd)).toBe('tra cứu hồ sơ');
  });

  it('folds diacritics and đ', () => {
    expect(fold('Đăng nhập')).toBe('dang nhap');
    expect(fold('Phản ánh, kiến nghị')).toBe('phan anh, kien nghi');
  });

  it('matches labels written with or without diacritics', () => {
    expect(matches('Trang chủ | Tra cứu hồ sơ', ['Tra cứu hồ sơ'])).toBe('Tra cứu hồ sơ');
    expect(matches('Tra cuu ho so', ['Tra cứu hồ sơ'])).toBe('Tra cứu hồ sơ');
    expect(matches('TRA CỨU HỒ SƠ'.normalize('NFD'), ['Tra cứu hồ sơ'])).toBe('Tra cứu hồ sơ');
  });

  it('prefers an exact (accented) match over a folded one', () => {
    // "Le phi" comes first but only matches without diacritics: the accented exact match wins
    expect(matches('Lệ phí: miễn', ['Le phi', 'Lệ phí'])).toBe('Lệ phí');
    expect(matches('Le phi: mien', ['Le phi', 'Lệ phí'])).toBe('Le phi');
  });

  it('matches whole words only', () => {
    expect(matches('Phiếu đề nghị', ['Phí'])).toBeNull();
    expect(matches('ENTER', ['EN'])).toBeNull();
    expect(matches('A- A A+', ['A+'])).toBe('A+');
  });

  it('returns null for empty input or no match', () => {
    expect(matches(null, ['Đăng nhập'])).toBeNull();
    expect(matches('Trang chủ', ['Đăng nhập'])).toBeNull();
  });
});
