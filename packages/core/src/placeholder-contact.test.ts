import { describe, expect, it } from 'vitest';
import { isPlaceholderHead, isReservedAddress } from './placeholder-contact.js';

describe('placeholder contacts', () => {
  it.each([
    ['lanhdao+ha-noi@example.vn', true],
    ['ops@example.com', true],
    ['a@mail.example', true],
    ['a@x.test', true],
    ['a@x.invalid', true],
    ['chanhvanphong@hanoi.gov.vn', false],
    ['a@examples.vn', false],
    ['a@example-ministry.gov.vn', false],
  ])('%s reserved: %s', (address, reserved) => {
    expect(isReservedAddress(address)).toBe(reserved);
  });

  it('a declared placeholder is one whatever its domain', () => {
    expect(isPlaceholderHead({ placeholderContact: true, head: { email: 'a@hanoi.gov.vn' } })).toBe(true);
    expect(isPlaceholderHead({ placeholderContact: false, head: { email: 'a@hanoi.gov.vn' } })).toBe(false);
  });
});
