import { describe, expect, it } from 'vitest';
import { maskPhone, normalizeUzPhone } from './phone.ts';

describe('Uzbek phone numbers', () => {
  it.each([
    ['+998901234567', '+998901234567'],
    ['+998 90 123-45-67', '+998901234567'],
    ['998(90)1234567', '+998901234567'],
  ])('takes %s', (input, want) => {
    expect(normalizeUzPhone(input)).toBe(want);
  });

  it.each(['+99890123456', '+9989012345678', '+7 901 234 56 78', '901234567', '+998 90 123 45 6a', ''])(
    'refuses %s',
    (input) => {
      expect(normalizeUzPhone(input)).toBeNull();
    },
  );

  it('masks all but the operator and the last two digits', () => {
    expect(maskPhone('+998901234567')).toBe('+998 90 *** ** 67');
  });
});
