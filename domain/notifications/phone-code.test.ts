import { describe, expect, it } from 'vitest';
import { codeWaitSeconds, judgeCode, phoneCodeFrom, phoneCodeText } from './phone-code.ts';
import { smsLength } from './sms.ts';

const now = new Date('2027-01-10T10:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);

describe('phone codes', () => {
  it('are six digits, zero-padded', () => {
    expect(phoneCodeFrom(42)).toBe('000042');
    expect(phoneCodeFrom(999_999)).toBe('999999');
  });

  it('fit one SMS segment in every language', () => {
    for (const l of ['uz', 'ru', 'en'] as const) {
      const text = phoneCodeText(l, '123456', 10);
      expect(text).toContain('123456');
      expect(smsLength(text).segments).toBe(1);
    }
  });

  it('verify once, before they expire and before the tries run out', () => {
    const pending = { expiresAt: later(600), attempts: 0, verifiedAt: null };
    expect(judgeCode(pending, true, now, 5)).toBe('verified');
    expect(judgeCode(pending, false, now, 5)).toBe('wrong');
    expect(judgeCode(pending, true, later(600), 5)).toBe('expired');
    expect(judgeCode({ ...pending, attempts: 5 }, true, now, 5)).toBe('exhausted');
    expect(judgeCode({ ...pending, verifiedAt: now }, true, now, 5)).toBe('used');
  });

  it('are sent at most perHour times an hour, and say how long to wait', () => {
    expect(codeWaitSeconds([], now, 3)).toBe(0);
    expect(codeWaitSeconds([later(-3000), later(-60)], now, 3)).toBe(0);
    expect(codeWaitSeconds([later(-3000), later(-120), later(-60)], now, 3)).toBe(600);
    // Sends older than an hour no longer count.
    expect(codeWaitSeconds([later(-4000), later(-120), later(-60)], now, 3)).toBe(0);
  });
});
