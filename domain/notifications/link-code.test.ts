import { describe, expect, it } from 'vitest';
import { deepLink, LINK_CODE_PATTERN, linkCodeFrom, startCode } from './link-code.ts';
import { DEFAULT_NOTIFICATION_POLICY, resolveNotificationPolicy } from './policy.ts';

describe('Telegram link codes', () => {
  it('makes a deep-link-safe code from random bytes', () => {
    const code = linkCodeFrom(Uint8Array.from({ length: 24 }, (_, i) => i * 11));
    expect(code).toMatch(LINK_CODE_PATTERN);
    expect(deepLink('mening_uyim_bot', code)).toBe(`https://t.me/mening_uyim_bot?start=${code}`);
  });

  it('reads the code of /start, with or without the bot name', () => {
    const code = 'abcdefghijklmnopqrstuv_-';
    expect(startCode(`/start ${code}`)).toBe(code);
    expect(startCode(`/start@mening_uyim_bot ${code}`)).toBe(code);
    expect(startCode('/start')).toBeNull();
    expect(startCode('/start short')).toBeNull();
    expect(startCode(`hello ${code}`)).toBeNull();
  });
});

describe('notification policy', () => {
  it('layers overrides key by key over the defaults', () => {
    const p = resolveNotificationPolicy(
      { fallbackAfterMinutes: { sms: 5 } },
      { telegram: { perSecond: 10 } },
    );
    expect(p.fallbackAfterMinutes).toEqual({ ...DEFAULT_NOTIFICATION_POLICY.fallbackAfterMinutes, sms: 5 });
    expect(p.telegram).toEqual({ perSecond: 10, perChatPerSecond: 1 });
    expect(p.smsMaxSegments).toBe(DEFAULT_NOTIFICATION_POLICY.smsMaxSegments);
  });
});
