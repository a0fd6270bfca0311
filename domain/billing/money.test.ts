import { describe, expect, it } from 'vitest';
import {
  assertPositiveTiyin,
  assertTiyin,
  divRound,
  formatDecimalSom,
  formatSom,
  parseDecimalSom,
  parseSom,
  sumTiyin,
  toTiyin,
} from './money.ts';

const tiyin = (r: ReturnType<typeof parseSom>) => (r.ok ? r.tiyin : r.error);

describe('tiyin guards', () => {
  it('accepts safe integers only', () => {
    expect(() => assertTiyin(12.5, 'amount')).toThrow(/amount must be an integer/);
    expect(() => assertTiyin(2 ** 53, 'amount')).toThrow(/amount/);
    expect(() => assertTiyin('100', 'amount')).toThrow(/amount/);
    expect(() => assertPositiveTiyin(0, 'amount')).toThrow(/more than 0/);
    expect(() => assertPositiveTiyin(1, 'amount')).not.toThrow();
  });

  it('sums exactly and refuses a sum past 2^53', () => {
    expect(sumTiyin([1, 2, -3, 100])).toBe(100);
    expect(() => sumTiyin([Number.MAX_SAFE_INTEGER, 1])).toThrow(/safe integer range/);
    expect(toTiyin(-5n)).toBe(-5);
  });
});

describe('rounding half away from zero', () => {
  it('rounds halves up and below-halves down, to the tiyin or the so`m', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(7n, 3n)).toBe(2n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4999n, 100n)).toBe(50n);
    expect(divRound(14_950n, 1n, 100n)).toBe(15_000n);
    expect(divRound(14_949n, 1n, 100n)).toBe(14_900n);
    expect(divRound(-14_950n, 1n, 100n)).toBe(-15_000n);
    expect(() => divRound(1n, 0n)).toThrow(RangeError);
  });
});

describe("so'm strings", () => {
  it('parses Click decimals exactly and refuses a third decimal', () => {
    expect(tiyin(parseDecimalSom('5000.00'))).toBe(500_000);
    expect(tiyin(parseDecimalSom('5000.5'))).toBe(500_050);
    expect(tiyin(parseDecimalSom('5000'))).toBe(500_000);
    expect(tiyin(parseDecimalSom('0.01'))).toBe(1);
    // 0.1 + 0.2 style float drift cannot happen: digits are read, not computed.
    expect(tiyin(parseDecimalSom('1234567.89'))).toBe(123_456_789);
    expect(tiyin(parseDecimalSom('5000.001'))).toMatch(/more than 2 decimal places/);
    expect(tiyin(parseDecimalSom('5 000.00'))).toMatch(/not a decimal/);
    expect(tiyin(parseDecimalSom('5000,00'))).toMatch(/not a decimal/);
    expect(tiyin(parseDecimalSom('1e3'))).toMatch(/not a decimal/);
    expect(tiyin(parseDecimalSom('99999999999999999.00'))).toMatch(/too large/);
  });

  it('formats the machine form', () => {
    expect(formatDecimalSom(500_000)).toBe('5000.00');
    expect(formatDecimalSom(1)).toBe('0.01');
    expect(formatDecimalSom(-1230)).toBe('-12.30');
  });

  it('parses human forms in uz/ru and en', () => {
    expect(tiyin(parseSom('1 234,50'))).toBe(123_450);
    expect(tiyin(parseSom('1\u00a0234,50', 'ru'))).toBe(123_450);
    expect(tiyin(parseSom('1234.50', 'uz'))).toBe(123_450);
    expect(tiyin(parseSom(' 12 345 678 '))).toBe(1_234_567_800);
    expect(tiyin(parseSom('-12,3'))).toBe(-1230);
    expect(tiyin(parseSom('\u221212,3'))).toBe(-1230);
    expect(tiyin(parseSom('1,234.50', 'en'))).toBe(123_450);
    expect(tiyin(parseSom('1,234', 'en'))).toBe(123_400);
    expect(tiyin(parseSom('1 234.5', 'en'))).toBe(123_450);
  });

  it('refuses ambiguous or malformed forms instead of guessing', () => {
    expect(tiyin(parseSom('1,234'))).toMatch(/more than 2 decimal places/);
    expect(tiyin(parseSom('1,234', 'ru'))).toMatch(/more than 2 decimal places/);
    expect(tiyin(parseSom('1.234,50'))).toMatch(/not an amount/);
    expect(tiyin(parseSom('1 23,50'))).toMatch(/not an amount/);
    expect(tiyin(parseSom('1234,50', 'en'))).toMatch(/not an amount/);
    expect(tiyin(parseSom('12 345,678', 'en'))).toMatch(/not an amount/);
    expect(tiyin(parseSom('12.'))).toMatch(/not an amount/);
    expect(tiyin(parseSom(''))).toMatch(/not an amount/);
    expect(tiyin(parseSom('12 so`m'))).toMatch(/not an amount/);
  });

  it('formats per language and parses its own output back', () => {
    expect(formatSom(123_456_789, 'uz')).toBe('1\u00a0234\u00a0567,89');
    expect(formatSom(123_456_789, 'en')).toBe('1,234,567.89');
    expect(formatSom(5, 'ru')).toBe('0,05');
    expect(formatSom(-100_000, 'ru')).toBe('-1\u00a0000,00');
    for (const locale of ['uz', 'ru', 'en'] as const)
      for (const t of [0, 1, 99, 100_000, -123_456_789])
        expect(tiyin(parseSom(formatSom(t, locale), locale))).toBe(t);
  });
});
